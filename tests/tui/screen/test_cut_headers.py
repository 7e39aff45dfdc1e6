"""The risk table's headers and the row form's labels: whole, or cut with "…", at every size."""

from __future__ import annotations

import pytest

from audit_tui.core.model.template import Template
from audit_tui.tui.fields.table import RowTable
from tests.tui.helpers import (
    NO_AUTOSAVE,
    complete_draft,
    editor,
    make_app,
    screen_text,
    settle,
    show,
    write_draft,
)

SIZES = [(60, 15), (80, 24), (140, 45), (200, 60)]


def shown_whole_or_marked(label: str, shown: str) -> bool:
    """`shown` is `label` whole, or its start ending in `…`."""
    shown = shown.strip()
    if shown == label:
        return True
    return shown.endswith("…") and label.startswith(shown[:-1].rstrip())


def test_the_rule_itself() -> None:
    assert shown_whole_or_marked("Timeline", " Timeline ")
    assert shown_whole_or_marked("Timeline", "Timeli…")
    assert not shown_whole_or_marked("Timeline", "Timelin")
    assert not shown_whole_or_marked("Issue / Risk", "Issue / Ri")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_risk_table_headers_are_whole_or_end_in_an_ellipsis(
    template: Template, size: tuple[int, int]
) -> None:
    write_draft({"risks": complete_draft(template)["risks"]})
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=size) as pilot:
        await show(pilot, "risks")
        for _ in range(3):
            await settle(pilot)
        table = editor(app).query_one(RowTable)
        columns = template.field("risks").columns
        starts = table.column_starts()
        for index, column in enumerate(columns):
            # Scrolled so that this column starts at the table's left edge (or as far
            # as the table scrolls), then its header cell is read from the screen.
            table.scroll_to(x=starts[index], animate=False)
            await settle(pilot)
            offset = starts[index] - round(table.scroll_x)
            width = table.ordered_columns[index].get_render_width(table)
            header = table.render_line(0).text
            cell = header[offset : offset + width]
            assert shown_whole_or_marked(column.label, cell), (size, column.label, cell)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_row_form_labels_are_whole_or_end_in_an_ellipsis(
    template: Template, size: tuple[int, int]
) -> None:
    write_draft({"risks": complete_draft(template)["risks"]})
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=size) as pilot:
        await show(pilot, "risks")
        for _ in range(3):
            await settle(pilot)
        texts = []
        for label in editor(app).query(".cell-label").results():
            label.scroll_visible(animate=False)
            await settle(pilot)
            region = label.content_region  # the label's text, inside its padding
            texts.append(screen_text(app).split("\n")[region.y][region.x : region.right])
        for column, text in zip(template.field("risks").columns, texts, strict=True):
            assert shown_whole_or_marked(column.label, text), (size, column.label, text)
