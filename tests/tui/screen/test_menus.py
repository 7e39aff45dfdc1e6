"""Choice menus open below or above their box, never over it, and inside the form."""

from __future__ import annotations

import pytest

from audit_tui.core.model.template import Template
from audit_tui.tui.fields.choice import ChoiceBox, ChoiceMenu
from audit_tui.tui.form import SectionForm
from tests.tui.helpers import editor, make_app, press, settle, show


def menu_of(app: object) -> ChoiceMenu:
    from textual.app import App

    assert isinstance(app, App)
    menus = list(app.screen.query(ChoiceMenu).results(ChoiceMenu))
    assert len(menus) == 1
    return menus[0]


@pytest.mark.parametrize("size", [(60, 15), (80, 24), (200, 60)])
@pytest.mark.parametrize(
    ("section", "field", "box_id"),
    [
        ("security", "rating", "#input-security-rating"),
        (
            "executive_summary",
            "final_recommendation",
            "#input-executive_summary-final_recommendation",
        ),
        ("risks", None, "#cell-priority"),
    ],
)
async def test_menu_opens_beside_its_box_inside_the_form(
    template: Template, size: tuple[int, int], section: str, field: str | None, box_id: str
) -> None:
    app = make_app(template)
    async with app.run_test(size=size) as pilot:
        await show(pilot, section, field)
        box = editor(app).query_one(box_id, ChoiceBox)
        box.focus()
        await settle(pilot)
        box.scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        await press(pilot, "enter")
        menu = menu_of(app)
        assert menu.display and menu.has_focus
        form = editor(app).form()
        assert isinstance(form, SectionForm)
        bounds = form.region
        shown = menu.region
        assert shown.height >= 3  # a border and at least one option
        assert bounds.contains_region(shown), (shown, bounds)
        assert not shown.overlaps(box.region), (shown, box.region)
        assert shown.y in (box.region.bottom, box.region.y - shown.height)
        # Within the screen: the status line and footer stay visible.
        assert shown.bottom <= app.screen.region.bottom - 2
        await press(pilot, "escape")
        assert not menu.display and box.has_focus


async def test_menu_opens_above_a_box_at_the_bottom(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, "security", "rating")
        box = editor(app).query_one("#input-security-rating", ChoiceBox)
        form = editor(app).form()
        # Scroll so that the box sits on the form's last lines.
        bottom = box.region.bottom - form.region.y + form.scroll_y
        form.scroll_to(y=bottom - form.size.height + 1, animate=False, immediate=True)
        await settle(pilot)
        assert form.region.contains_region(box.region)
        assert form.region.bottom - box.region.bottom < 5
        await press(pilot, "enter")
        menu = menu_of(app)
        assert menu.region.bottom == box.region.y
        await press(pilot, "down", "down", "enter")  # the second grade
        await settle(pilot)
        assert box.value == list(box.labels)[1]
        assert app.session is not None
        assert app.session.draft.get(template.field("security.rating")) == box.value
