"""A `table` field (the risk plan): a table of rows and a form for the row under the cursor.

The table is a DataTable, which draws only the rows in view; edits update the
one row they touch, so a register of thousands of risks stays quick.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowKey

from audit_tui.core.model.kinds import items_of
from audit_tui.core.model.template import Column
from audit_tui.core.render.text import one_line
from audit_tui.tui.fields.base import BIG_TABLE, RECHECK_DELAY, FieldEditor, input_id, problems
from audit_tui.tui.fields.row_form import RowForm
from audit_tui.tui.textual_patches.row_table import RowTable

TABLE_KEYS = (
    "a add · enter edit · delete remove · shift+↑↓ move · in the form: enter or escape back"
)
TEXT_WIDTH = 24
"""A text column's width before the table knows its own (then `fit_widths` decides)."""
MIN_TEXT = 5
"""The narrowest a text column gets (its cells cut with `…`); the row form shows all."""
MAX_TEXT = 60
MEASURED = 200


def column_width(column: Column) -> int:
    if column.kind == "choice":
        return max(len(column.label), *(len(o) for o in column.options)) + 1
    return TEXT_WIDTH


def fit_widths(needs: list[int], fixed: list[bool], room: int) -> list[int]:
    """Column widths for `room` columns: each its need when all fit, else a fair share.

    Fixed columns (choices) keep their width; the room left is shared among the
    text columns, a column needing less than its share giving the rest to the
    others. No text column gets less than MIN_TEXT.
    """
    widths = [need if keep else 0 for need, keep in zip(needs, fixed, strict=True)]
    loose = [i for i, keep in enumerate(fixed) if not keep]
    left = room - sum(widths)
    while loose:
        share = left // len(loose)
        small = [i for i in loose if needs[i] <= share]
        if not small:
            extra = left - share * len(loose)
            for n, i in enumerate(loose):
                widths[i] = max(MIN_TEXT, share + (1 if n < extra else 0))
            break
        for i in small:
            widths[i] = max(MIN_TEXT, needs[i])
            left -= widths[i]
        loose = [i for i in loose if i not in small]
    return widths


class Cell:
    """A cell's text, made into rich Text only when its row is drawn.

    The table draws only the rows in view; building a Text for each of the
    40,000 cells of 10,000 risks took ~200 ms of opening the section.
    """

    __slots__ = ("plain", "style")

    def __init__(self, plain: str, style: str = "") -> None:
        self.plain = plain
        """The cell's text, already safe to show (one_line)."""
        self.style = style

    def __rich__(self) -> Text:
        return Text(self.plain, style=self.style, no_wrap=True, overflow="ellipsis")

    def __str__(self) -> str:
        return self.plain


class TableEditor(FieldEditor):
    """A `table` field."""

    class Moved(Message):
        """The table's cursor went to `row` (the preview follows it)."""

        def __init__(self, editor: TableEditor, row: int) -> None:
            super().__init__()
            self.editor = editor
            self.row = row

    BINDINGS = [
        Binding("a,insert", "add_row", "Add risk", show=True),
        Binding("delete", "delete_row", "Remove", show=True),
        Binding("shift+up,ctrl+up", "move_row(-1)", "Move up", show=True),
        Binding("shift+down,ctrl+down", "move_row(1)", "Move down", show=True),
    ]

    def compose_input(self) -> ComposeResult:
        self.rows = items_of(self.value)
        self.keys: list[RowKey] = []
        self._key_numbers = count()
        self._recheck: Timer | None = None
        yield RowTable(
            id=input_id(self.field), cursor_type="row", zebra_stripes=True, cell_padding=1
        )
        yield Static(Content(TABLE_KEYS), classes="field-keys")
        yield RowForm(self.field.columns, id=f"rows-{'-'.join(self.field.path)}")

    @property
    def table(self) -> RowTable[Cell]:
        return self.query_one(RowTable)

    @property
    def form(self) -> RowForm:
        return self.query_one(RowForm)

    def on_mount(self) -> None:
        # (FieldEditor.on_mount runs too: Textual calls each class's handler.)
        table = self.table
        for column in self.field.columns:
            # A header cut to its column's width ends in `…` (the row form shows it whole).
            label = Text(column.label, no_wrap=True, overflow="ellipsis")
            table.add_column(label, width=column_width(column), key=column.id)
        self.keys.extend(table.load_rows((self._new_key(), self._cells(row)) for row in self.rows))
        self._needs = self._measure()
        self._load_form()
        # The table's own scrollbar coming or going changes the room for the columns
        # while the editor keeps its size (no Resize): fit them to the room again.
        self.watch(table, "show_vertical_scrollbar", self._fit_columns, init=False)

    # -- column widths ----------------------------------------------------
    def _measure(self) -> list[int]:
        """How wide each column would like to be: its longest cell (or label).

        Only the first MEASURED rows are read: a register of 10,000 risks opens as
        quickly as one of 50 (later edits widen a column as needed, see `_grew`).
        """
        needs = []
        rows = self.rows[:MEASURED]
        for column in self.field.columns:
            if column.kind == "choice":
                needs.append(column_width(column) - 1)
                continue
            longest = max(
                (len(one_line(r.get(column.id))) for r in rows if isinstance(r, dict)),
                default=0,
            )
            needs.append(min(MAX_TEXT, max(len(column.label), longest, MIN_TEXT)))
        return needs

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        table = self.table
        width = table.scrollable_content_region.width or table.size.width
        if width <= 0:
            return
        padding = 2 * table.cell_padding * len(self.field.columns)
        fixed = [c.kind == "choice" for c in self.field.columns]
        table.set_widths(fit_widths(self._needs, fixed, width - padding))

    def _grew(self, column: Column, value: str | None) -> None:
        """A cell changed: its column may want more room."""
        if column.kind == "choice" or value is None:
            return
        index = self.field.columns.index(column)
        need = min(MAX_TEXT, len(one_line(value)))
        if need > self._needs[index]:
            self._needs[index] = need
            self._fit_columns()

    # -- showing ----------------------------------------------------------
    def _new_key(self) -> str:
        return f"r{next(self._key_numbers)}"

    def _cell(self, column: Column, value: Any) -> Cell:
        return Cell(one_line(value), "bold" if column.strong else "")

    def _cells(self, row: Any) -> list[Cell]:
        if not isinstance(row, dict):
            # Not a table (a hand-edited draft): show what it holds in the first text cell.
            shown = [Cell("") for _ in self.field.columns]
            shown[-1 if len(shown) == 1 else 1] = Cell(one_line(row), "italic")
            return shown
        return [self._cell(c, row.get(c.id)) for c in self.field.columns]

    def _refresh_row(self, index: int) -> None:
        key = self.keys[index]
        for column, cell in zip(self.field.columns, self._cells(self.rows[index]), strict=True):
            self.table.update_cell(key, column.id, cell)

    def _load_form(self) -> None:
        index = self.table.cursor_row
        if not self.rows:
            self.form.load(None, "No risks yet: type below to add the first, or press a")
            return
        index = max(0, min(index, len(self.rows) - 1))
        self.form.load(self.rows[index], f"Risk {index + 1} of {len(self.rows)}")

    def _publish(self, row: int | None) -> None:
        self.change(list(self.rows) if self.rows else None, row)
        if len(self.rows) <= BIG_TABLE:
            self._check()
            return
        # Checking 10,000 rows on every key would be felt; check once typing pauses.
        if self._recheck is not None:
            self._recheck.stop()
        self._recheck = self.set_timer(RECHECK_DELAY, self._check)

    def _check(self) -> None:
        self._recheck = None
        self.show_problems(problems(self.field, self.value))

    def focus_input(self, row: int | None = None) -> None:
        if row is not None and 0 <= row < len(self.rows):
            self.table.move_cursor(row=row, animate=False)
        self.table.focus()

    def current_row(self) -> int | None:
        return self.table.cursor_row if self.rows else None

    # -- table keys -------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_row", "delete_row", "move_row"):
            if not self.table.has_focus:
                return False
            return action == "add_row" or bool(self.rows)
        return True

    @on(DataTable.RowHighlighted)
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._load_form()
        self.post_message(self.Moved(self, event.cursor_row))

    @on(DataTable.RowSelected)
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.form.focus_first()

    def _append_row(self) -> int:
        self.rows.append({})
        self.keys.append(self.table.add_row(*self._cells({}), key=self._new_key()))
        index = len(self.rows) - 1
        self.table.move_cursor(row=index, animate=False)
        return index

    def action_add_row(self) -> None:
        index = self._append_row()
        self._publish(None)
        self.form.load(self.rows[index], f"Risk {index + 1} of {len(self.rows)} (new)")
        self.form.focus_first()

    def action_delete_row(self) -> None:
        index = self.table.cursor_row
        if not 0 <= index < len(self.rows):
            return
        self.table.remove_row(self.keys.pop(index))
        removed = self.rows.pop(index)
        self._publish(None)
        self._load_form()
        self.removed(index, removed)

    def put_back(self, index: int, item: Any) -> None:
        index = max(0, min(index, len(self.rows)))
        self.rows.insert(index, item)
        # DataTable adds rows at the end only: the rows are loaded again, in order.
        table = self.table
        table.clear()
        self.keys = table.load_rows((self._new_key(), self._cells(row)) for row in self.rows)
        table.move_cursor(row=index, animate=False)
        self._publish(None)
        self._load_form()
        table.focus()

    def action_move_row(self, step: int) -> None:
        index = self.table.cursor_row
        other = index + step
        if not (0 <= index < len(self.rows) and 0 <= other < len(self.rows)):
            return
        self.rows[index], self.rows[other] = self.rows[other], self.rows[index]
        self._refresh_row(index)
        self._refresh_row(other)
        self.table.move_cursor(row=other, animate=False)
        self._publish(None)

    # -- the row form -----------------------------------------------------
    @on(RowForm.Edited)
    def cell_edited(self, event: RowForm.Edited) -> None:
        event.stop()
        self._set_cell(event.column, event.value)

    def catch_up(self) -> None:
        for column, value in self.form.catch_up():
            self._set_cell(column, value)

    def _set_cell(self, column: Column, value: str | None) -> None:
        """Put `value` in `column` of the row under the cursor (a first row if none)."""
        appended = not self.rows
        index = self._append_row() if appended else self.table.cursor_row
        old = self.rows[index]
        row = dict(old) if isinstance(old, dict) else {}
        if value is None:
            row.pop(column.id, None)
        else:
            row[column.id] = value
        self.rows[index] = row
        self._grew(column, value)
        if isinstance(old, dict):
            cell = self._cell(column, value)
            self.table.update_cell(self.keys[index], column.id, cell)
        else:
            self._refresh_row(index)
        self._publish(None if appended else index)

    @on(RowForm.Done)
    def form_done(self, event: RowForm.Done) -> None:
        event.stop()
        self.table.focus()
