"""The form under a table field that edits the row under the table's cursor."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from audit_tui.core.model.template import Column
from audit_tui.core.render.text import display_line, one_line
from audit_tui.tui.fields.choice import ChoiceBox, choice_value
from audit_tui.tui.fields.line_input import LineInput


def cell_id(column: Column) -> str:
    return f"cell-{column.id}"


class RowForm(Vertical):
    """One input per column; posts `Edited` on every change."""

    BINDINGS = [Binding("escape", "done", "Back to the table", show=True)]

    class Edited(Message):
        """A cell of the current row changed (`value` None when cleared)."""

        def __init__(self, column: Column, value: str | None) -> None:
            super().__init__()
            self.column = column
            self.value = value

    class Done(Message):
        """The auditor finished with the row (enter or escape)."""

    def __init__(self, columns: tuple[Column, ...], *, id: str | None = None) -> None:
        super().__init__(id=id, classes="row-form")
        self.columns = columns
        self._shown: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Static("", classes="row-title")
        for column in self.columns:
            with Horizontal(classes="row-cell"):
                yield Static(Content(column.label), classes="cell-label")
                if column.kind == "choice":
                    self._shown[column.id] = None
                    yield ChoiceBox(
                        {option: option for option in column.options},
                        None,
                        chosen=partial(self._chosen, column),
                        id=cell_id(column),
                    )
                else:
                    self._shown[column.id] = ""
                    yield LineInput(
                        placeholder=column.placeholder, id=cell_id(column), select_on_focus=False
                    )

    def column_of(self, widget: Widget) -> Column | None:
        """The column whose input `widget` is (or is part of), if any."""
        ids = {cell_id(column): column for column in self.columns}
        for node in (widget, *widget.ancestors):
            if node is self:
                break
            if node.id in ids:
                return ids[node.id]
        return None

    def load(self, row: Any, title: str) -> None:
        """Show `row`'s cells (a row that is not a table shows blank)."""
        self.query_one(".row-title", Static).update(Content(title))
        cells = row if isinstance(row, dict) else {}
        for column in self.columns:
            value = cells.get(column.id)
            if column.kind == "choice":
                shown = choice_value(column.options, value)
                self._shown[column.id] = shown
                # Watched: returns at once, as it is shown.
                self.query_one(f"#{cell_id(column)}", ChoiceBox).value = shown
            else:
                text = one_line(value)
                self._shown[column.id] = text
                box = self.query_one(f"#{cell_id(column)}", Input)
                with self.prevent(Input.Changed):
                    box.value = text
                box.cursor_position = len(text)
        self._show_examples()

    def _show_examples(self) -> None:
        """Empty cells show the example of the row's priority (the seed's High, Medium, Low)."""
        chosen = [self._shown[c.id] for c in self.columns if c.kind == "choice"]
        for column in self.columns:
            if column.kind != "choice":
                box = self.query_one(f"#{cell_id(column)}", Input)
                box.placeholder = column.placeholder_for(chosen)

    def focus_first(self) -> None:
        self.query_one(f"#{cell_id(self.columns[0])}").focus()

    def _column(self, widget_id: str | None) -> Column:
        for column in self.columns:
            if cell_id(column) == widget_id:
                return column
        raise KeyError(widget_id)

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        column = self._column(event.input.id)
        text = display_line(event.value)
        if text != event.value:
            with self.prevent(Input.Changed):
                event.input.value = text
        if text == self._shown[column.id]:
            return
        self._shown[column.id] = text
        self.post_message(self.Edited(column, text if text.strip() else None))

    def _chosen(self, column: Column, value: str | None) -> None:
        if value == self._shown[column.id]:
            return
        self._shown[column.id] = value
        self._show_examples()
        self.post_message(self.Edited(column, value))

    def catch_up(self) -> list[tuple[Column, str | None]]:
        """The cells whose widgets changed with no `Edited` delivered yet (before leaving)."""
        pending: list[tuple[Column, str | None]] = []
        for column in self.columns:
            widget = self.query_one(f"#{cell_id(column)}")
            if isinstance(widget, ChoiceBox):
                shown: Any = widget.value
                value = shown
            else:
                assert isinstance(widget, Input)
                shown = display_line(widget.value)
                value = shown if shown.strip() else None
            if shown != self._shown[column.id]:
                self._shown[column.id] = shown
                pending.append((column, value))
        return pending

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())

    def action_done(self) -> None:
        self.post_message(self.Done())
