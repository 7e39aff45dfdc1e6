"""The preview follows the field being edited; going to a field shows it and focuses it."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import OptionList

from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.review import ReviewScreen
from audit_tui.tui.editor import EditorScreen
from tests.tui.helpers import (
    complete_draft,
    editor,
    make_app,
    palette_offers,
    press,
    settle,
    show,
    wait_until,
    write_draft,
)
from tests.tui.screen.helpers import field_in_preview, in_view, preview_of


def long_draft(template: Template) -> dict[str, Any]:
    data = complete_draft(template, rows=8)
    data["roadmap"]["observability"] = [f"Trace number {i}" for i in range(3)]
    return data


async def test_preview_follows_entries_added_to_a_list(template: Template) -> None:
    write_draft(long_draft(template))
    app = make_app(template)
    async with app.run_test(size=(160, 45)) as pilot:
        await show(pilot, "roadmap", "observability")
        assert field_in_preview(app)
        for number in range(12):
            await press(pilot, *f"Span {number}", "enter")
            assert field_in_preview(app), number
        source = preview_of(app).sources["roadmap"]
        assert "Span 11" in source
        # The last entry typed is on screen in the preview.
        preview = preview_of(app)
        lines = preview.target_lines()
        assert lines is not None
        assert preview.scroll_y + preview.scrollable_content_region.height >= lines.bottom


async def test_preview_follows_focus_from_field_to_field(template: Template) -> None:
    write_draft(long_draft(template))
    app = make_app(template)
    async with app.run_test(size=(160, 45)) as pilot:
        await show(pilot, "executive_summary", "overall_health")
        for _ in range(8):
            await press(pilot, "tab")
            assert field_in_preview(app), app.focused


async def test_narrow_preview_shows_the_current_section(template: Template) -> None:
    write_draft(long_draft(template))
    app = make_app(template)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, "risks")
        await press(pilot, "ctrl+t")
        assert preview_of(app).display
        assert field_in_preview(app)
        await press(pilot, "down", "down", "down")  # the table's cursor to row 4
        assert preview_of(app).target_lines() is not None
        assert field_in_preview(app)


@pytest.mark.parametrize("size", [(60, 15), (80, 24), (120, 40), (200, 60)])
async def test_preview_keeps_the_field_after_a_resize(
    template: Template, size: tuple[int, int]
) -> None:
    write_draft(long_draft(template))
    app = make_app(template)
    async with app.run_test(size=(160, 45)) as pilot:
        await show(pilot, "backup", "recovery_plan")
        assert field_in_preview(app)
        await pilot.resize_terminal(*size)
        await settle(pilot)
        if not preview_of(app).display:
            await press(pilot, "ctrl+t")
        assert field_in_preview(app)


async def test_review_goes_to_a_field_and_shows_it(template: Template) -> None:
    data = complete_draft(template)
    data["security"]["rating"] = "Z"  # invalid: listed by the review
    write_draft(data)
    app = make_app(template)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        index = next(i for i, f in enumerate(review.findings) if f.path == "security.rating")
        review.query_one(OptionList).highlighted = index
        await press(pilot, "enter")
        assert isinstance(app.screen, EditorScreen)
        box = editor(app).form().query_one("#input-security-rating")
        assert app.focused is box
        assert in_view(box, editor(app).form())
        assert field_in_preview(app)


async def test_a_warning_goes_to_its_field_in_view(template: Template) -> None:
    data = complete_draft(template)
    data["executive_summary"]["overall_health"] = 10  # with open High risks: a warning
    write_draft(data)
    app = make_app(template)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, "roadmap")
        await press(pilot, "ctrl+r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        warned = len(review.findings)
        assert len(review.items) > warned
        review.query_one(OptionList).highlighted = warned
        await press(pilot, "enter")
        focused = app.focused
        assert focused is not None
        assert in_view(focused, editor(app).form())


async def test_palette_goes_to_a_field_in_view(template: Template) -> None:
    write_draft(complete_draft(template))
    app = make_app(template)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await press(pilot, *"Security Audit Summary Security Rating")
        await wait_until(pilot, lambda: palette_offers(app, "Security Rating"), "the match")
        await press(pilot, "enter")
        box = editor(app).form().query_one("#input-security-rating")
        assert app.focused is box
        assert in_view(box, editor(app).form())
