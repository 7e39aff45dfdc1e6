"""Moving between sections: keys, the section list, the command palette."""

from __future__ import annotations

import asyncio

from textual.widgets import ContentSwitcher

from audit_tui.core.model.template import Template
from audit_tui.tui.form import SectionForm
from audit_tui.tui.section_list import SectionList
from tests.tui.helpers import (
    SIZE,
    editor,
    find_on_screen,
    make_app,
    palette_offers,
    paste,
    press,
    settle,
    wait_until,
)


def built_forms(app: object) -> list[str]:
    screen = editor(app)  # type: ignore[arg-type]
    return [f.section.id for f in screen.query_one(ContentSwitcher).query(SectionForm)]


async def test_keys_walk_the_sections_in_order_building_forms_on_demand(
    template: Template,
) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = editor(app)
        assert screen.current.id == "executive_summary"
        assert built_forms(app) == ["executive_summary"]  # one section's widgets at a time
        await press(pilot, "ctrl+n")
        assert screen.current.id == "security"
        await press(pilot, "ctrl+n", "ctrl+n")
        assert screen.current.id == "code_quality"
        await press(pilot, "ctrl+b")
        assert screen.current.id == "performance"
        assert app.focused is not None
        assert app.focused.id == "input-performance-optimizations_implemented"
        assert built_forms(app) == ["executive_summary", "security", "performance", "code_quality"]
        await press(pilot, "ctrl+b", "ctrl+b", "ctrl+b")  # stops at the first
        assert screen.current.id == "executive_summary"


async def test_keys_work_from_inside_a_text_area(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await editor(app).show_section("reliability", "system_stability")
        await settle(pilot)
        await paste(pilot, "Stable")
        await press(pilot, "ctrl+n")
        assert editor(app).current.id == "environment"


async def test_clicking_the_section_list_opens_that_section(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        section_list = editor(app).query_one(SectionList)
        row = section_list.get_option_index("risks")
        # Where the name is drawn (long names above it wrap onto more lines).
        x, y = find_on_screen(app, "4. Risk Mitigation")
        await pilot.click(offset=(x + 1, y))
        await settle(pilot)
        assert editor(app).current.id == "risks"
        assert section_list.highlighted == row


async def test_palette_goes_to_a_section(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await paste(pilot, "Go to: Risk Mitigation")
        await wait_until(pilot, lambda: palette_offers(app, "Go to: Risk Mitigation"))
        await press(pilot, "enter")
        assert editor(app).current.id == "risks"


async def test_a_reload_while_a_section_is_being_built_waits_for_it(template: Template) -> None:
    """An import's reload can come while a form is still being composed (a slow start):
    the two section changes run one after the other, and the focus lands on a field."""
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = editor(app)
        await asyncio.gather(screen.show_section("security"), screen.reload())
        await settle(pilot)
        assert screen.current.id == "security"
        assert built_forms(app) == ["security"]
        assert app.focused is not None and app.focused.id == "input-security-vulnerabilities_found"
