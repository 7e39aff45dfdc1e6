"""The four terminal sizes: the section list narrows or hides, names wrap, Review lists items."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.review import ReviewScreen
from audit_tui.tui.section_list import SectionList, entry, wrap_name
from tests.tui.helpers import complete_draft, editor, make_app, press, settle, write_draft
from tests.tui.screen.helpers import SIZES

NO_AUTOSAVE = 3600.0
"""Snapshots with autosave off: a save landing mid-screenshot would change the status line."""


def test_long_names_wrap_between_words() -> None:
    assert wrap_name("Code Quality Review Summary", 12) == ["Code Quality", "Review", "Summary"]
    assert wrap_name("Short", 12) == ["Short"]
    text = entry("2.3. Code Quality Review Summary", None, True, 30).plain
    assert text.split("\n")[1].strip() == "Review Summary"
    assert all(len(line) <= 30 for line in text.split("\n"))


@pytest.mark.parametrize("size", SIZES)
async def test_sidebar_fits_each_size(template: Template, size: tuple[int, int]) -> None:
    write_draft(complete_draft(template))
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        sections = editor(app).query_one(SectionList)
        width = size[0]
        if width < 72:
            assert not sections.display  # hidden on a small terminal ...
            await press(pilot, "ctrl+l")  # ... until asked for
            await settle(pilot)
            assert sections.display
        else:
            assert 0 < sections.size.width <= max(30, width * 0.3)
            await press(pilot, "ctrl+l")
            assert not sections.display
            await press(pilot, "ctrl+l")
            assert sections.display
        await settle(pilot)
        # Every name shows whole (wrapped), nothing cut with an ellipsis.
        room = sections.scrollable_content_region.width
        for index in range(sections.option_count):
            prompt = sections.get_option_at_index(index).prompt
            for line in str(prompt).split("\n"):
                assert len(line) <= room, (line, room)
                assert "…" not in line
        # The form's inputs keep a usable width.
        form = editor(app).form()
        for box in form.query("Input, TextArea").results():
            assert isinstance(box, Input | TextArea)
            if box.display:
                assert box.size.width >= 10, box


@pytest.mark.parametrize("size", SIZES)
async def test_review_lists_its_items_at_each_size(
    template: Template, size: tuple[int, int]
) -> None:
    data = complete_draft(template)
    data["security"]["rating"] = "Z"
    del data["performance"]
    write_draft(data)
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        items = app.screen.query_one("#review-list", OptionList)
        assert items.option_count > 4
        assert items.scrollable_content_region.height >= 1
        if size[1] <= 24:  # a short terminal: the list gets most of the lines
            assert items.scrollable_content_region.height >= size[1] * 2 // 3, size
        assert app.screen.region.contains_region(items.region)
        assert items.has_focus


async def steady(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea").results():
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_layout_snapshot(snap_compare: Any, template: Template, size: tuple[int, int]) -> None:
    data = complete_draft(template)
    data["meta"] = {"format": 1, "template": "backend-audit", "last_section": "security"}
    write_draft(data)

    async def go(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await editor(pilot.app).show_section("security", "rating")  # type: ignore[arg-type]
        await steady(pilot)

    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    assert snap_compare(app, terminal_size=size, run_before=go)


async def test_the_editor_follows_a_resize_under_two_dialogs(template: Template) -> None:
    """Resized with the review and the help over it, the editor is laid out and drawn at
    the new size at once, as it is once they close (the preview gets its scrollbar)."""
    write_draft(complete_draft(template))
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+r", "f1")
        await pilot.resize_terminal(140, 45)
        await settle(pilot)
        under = editor(app)
        assert under.has_class("-wide") and not under.has_class("-small")
        beneath = [strip.text for strip in under._compositor.render_strips()]
        await press(pilot, "escape", "escape")
        await settle(pilot)
        assert app.screen is under
        assert [strip.text for strip in under._compositor.render_strips()] == beneath
