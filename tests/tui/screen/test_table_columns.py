"""The risk table fits every column, moves by column; the preview's table cuts no word."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable, Input

from audit_tui.core.model.template import Template
from audit_tui.tui.fields.table import MIN_TEXT, RowTable, TableEditor, fit_widths
from audit_tui.tui.preview.markdown_block import MarkdownBlock
from tests.tui.helpers import (
    SIZE,
    complete_draft,
    editor,
    make_app,
    press,
    settle,
    show,
    write_draft,
)
from tests.tui.screen.helpers import preview_of

LONG_ISSUE = "Stripe-Signature-Verification missing on the payments webhook endpoint"


def risks(template: Template) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = complete_draft(template)["risks"]
    rows[0]["issue"] = LONG_ISSUE
    rows[1]["timeline"] = "Before / Production-Launch"
    return rows


def test_fit_widths_shares_the_room_fairly() -> None:
    assert fit_widths([8, 10, 20], [True, False, False], 100) == [8, 10, 20]
    assert fit_widths([8, 10, 60], [True, False, False], 40) == [8, 10, 22]
    assert fit_widths([8, 30, 30], [True, False, False], 30) == [8, 11, 11]
    assert fit_widths([8, 30, 30], [True, False, False], 10) == [8, MIN_TEXT, MIN_TEXT]


@pytest.mark.parametrize("size", [(120, 40), (160, 45), (200, 60)])
async def test_every_column_shows_with_the_preview_on(
    template: Template, size: tuple[int, int]
) -> None:
    write_draft({"risks": risks(template)})
    app = make_app(template)
    async with app.run_test(size=size) as pilot:
        await show(pilot, "risks")
        await settle(pilot)
        assert preview_of(app).display
        table = editor(app).query_one(RowTable)
        total = sum(c.get_render_width(table) for c in table.ordered_columns)
        assert total <= table.scrollable_content_region.width
        assert not table.show_horizontal_scrollbar  # no stray row under the table
        assert all(c.width >= MIN_TEXT for c in table.ordered_columns)
        header = table.render_line(0).text
        for column in template.field("risks").columns:
            assert column.label[: MIN_TEXT - 1] in header, (column.label, header)
        # A cell too long for its column ends with an ellipsis; the row form has it all.
        first_row = table.render_line(1).text
        assert "…" in first_row
        assert editor(app).query_one("#cell-issue", Input).value == LONG_ISSUE


async def test_right_and_left_move_by_column(template: Template) -> None:
    write_draft({"risks": risks(template)})
    app = make_app(template)
    async with app.run_test(size=(60, 15)) as pilot:
        await show(pilot, "risks")
        await press(pilot, "ctrl+l")  # the section list too: the table has to scroll
        await settle(pilot)
        table = editor(app).query_one(RowTable)
        assert table.show_horizontal_scrollbar
        starts = table.column_starts()
        assert table.has_focus
        await press(pilot, "right")
        assert table.scroll_x == starts[1]
        await press(pilot, "right")
        assert table.scroll_x == min(starts[2], table.max_scroll_x)
        await press(pilot, "left")
        assert table.scroll_x == starts[1]
        await press(pilot, "end")
        assert table.scroll_x == table.max_scroll_x
        await press(pilot, "home")
        assert table.scroll_x == 0
        assert isinstance(table, DataTable) and table.cursor_row == 0  # the row stays


async def test_preview_table_wraps_words_and_cuts_none(template: Template) -> None:
    data = complete_draft(template)
    data["risks"] = risks(template)
    write_draft(data)
    app = make_app(template)
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, "risks")
        await settle(pilot)
        block = preview_of(app).query_one("#preview-risks", MarkdownBlock)
        texts = block.texts()
        drawn = "\n".join(texts)
        assert "…" not in drawn
        assert "Stripe" in drawn
        # Ordered lists are numbered as the export numbers them.
        backup = preview_of(app).query_one("#preview-backup", MarkdownBlock).texts()
        assert any(line.strip().startswith("1. Recovery Plan one") for line in backup)
        # No stray blank lines: blocks start and end with their text.
        for each in preview_of(app).query(MarkdownBlock).results(MarkdownBlock):
            lines = each.texts()
            if lines:
                assert lines[0].strip() and lines[-1].strip(), each.id


def test_a_long_word_folds_onto_the_next_line() -> None:
    from rich.console import Console

    from audit_tui.tui.preview.markdown_block import SafeMarkdown

    word = "Stripe-Signature-Verification"
    console = Console(width=12)
    source = f"| Issue |\n| :--- |\n| {word} |\n"
    lines = console.render_lines(SafeMarkdown(source), console.options, pad=False)
    texts = ["".join(segment.text for segment in line).strip() for line in lines]
    body = texts[texts.index("─" * 12) + 1 :] if "─" * 12 in texts else texts
    assert "…" not in "".join(texts)
    assert "".join(body) == word  # every letter, folded over three lines


async def test_columns_fill_the_room_again_when_the_tables_scrollbar_goes(
    template: Template,
) -> None:
    # The table's vertical scrollbar can come and go while the editor keeps its size (on
    # a loaded machine it showed while the section was first laid out): the columns then
    # kept the room of a table with a scrollbar, and a gap of two cells stayed on the right.
    write_draft({"risks": risks(template)})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, "risks")
        table = editor(app).query_one(RowTable)

        def used() -> int:
            return sum(c.get_render_width(table) for c in table.ordered_columns)

        assert not table.show_vertical_scrollbar
        room = table.scrollable_content_region.width
        assert used() == room  # the columns fill the table
        # As on that first layout: the columns fitted while the scrollbar shows...
        table.show_vertical_scrollbar = True
        editor(app).query_one(TableEditor)._fit_columns()
        assert used() == room - 2
        await settle(pilot)  # ...then the layout finds no scrollbar needed
        assert not table.show_vertical_scrollbar
        assert used() == table.scrollable_content_region.width == room
