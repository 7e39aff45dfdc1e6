"""What every field editor shares: label, help line, problem line, one Changed message."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from audit_tui.core.checks.check import field_findings
from audit_tui.core.model.template import Field
from audit_tui.core.render.text import display_line

BIG_TABLE = 500
"""Past this many rows, checking every cell of a table waits for a pause in typing."""
RECHECK_DELAY = 0.3


def editor_id(field: Field) -> str:
    """The DOM id of a field's editor, derived from the field's key."""
    return "field-" + "-".join(field.path)


def input_id(field: Field) -> str:
    """The DOM id of the widget that takes a field's keystrokes."""
    return "input-" + "-".join(field.path)


def problems(field: Field, value: Any) -> list[str]:
    """The core's messages about an answered but invalid value, shown as safe lines."""
    found = [f for f in field_findings(field, value) if f.severity == "invalid"]
    return [display_line(f"{_cell_name(f.path)}{f.message}") for f in found]


def _cell_name(path: str) -> str:
    # "risks[2].priority" -> "row 3, priority: "; a field's own path needs no name.
    if "[" not in path:
        return ""
    index, _, column = path.split("[", 1)[1].partition("].")
    return f"row {int(index) + 1}, {column}: " if column else f"row {int(index) + 1}: "


@runtime_checkable
class RemovalKeeper(Protocol):
    """A screen that keeps removed list entries and table rows for ctrl+z (the editor screen)."""

    def keep_removed(self, editor: FieldEditor, index: int, item: Any) -> None: ...


@runtime_checkable
class AnswerTaker(Protocol):
    """A screen that takes a form's answers the moment they are typed (the editor screen)."""

    def take_answer(self, change: FieldEditor.Changed) -> None: ...


class FieldEditor(Vertical):
    """One field of a section form; hands every new answer to its screen (see `change`)."""

    class Changed(Message):
        """The auditor changed a field; `value` is the new answer (None when cleared)."""

        def __init__(self, editor: FieldEditor, value: Any, row: int | None = None) -> None:
            super().__init__()
            self.editor = editor
            self.field = editor.field
            self.value = value
            self.row = row
            """For a table, the one row that changed, or None when rows moved or went."""

        @property
        def control(self) -> FieldEditor:
            return self.editor

    def __init__(self, field: Field, value: Any) -> None:
        super().__init__(id=editor_id(field), classes=f"field -{field.kind}")
        self.field = field
        self.value = value
        self._problems: list[str] | None = None
        self._warnings: list[str] = []

    def compose(self) -> ComposeResult:
        # Label and help in one widget: a form is built on every section change.
        title = Content.styled(self.field.label, "bold")
        if self.field.help:
            title = Content.assemble(title, "\n", (self.field.help, "dim"))
        yield Static(title, classes="field-label")
        yield from self.compose_input()
        # The problem and warning lines are made when first needed: most fields never
        # show one, and every widget costs time before the first paint.

    def compose_input(self) -> ComposeResult:
        """The widgets that take the answer; overridden by each kind."""
        raise NotImplementedError

    def on_mount(self) -> None:
        # After the first paint: checking a table of 10,000 rows should not delay it.
        self.call_after_refresh(self.check_value)

    def check_value(self) -> None:
        """Show the core's messages about the current value."""
        self.show_problems(problems(self.field, self.value))

    def focus_input(self, row: int | None = None) -> None:
        """Put the cursor in this field (a table may take the row to show)."""
        self.query_one(f"#{input_id(self.field)}").focus()

    def current_row(self) -> int | None:
        """The row the auditor is at (a table's), or None."""
        return None

    def catch_up(self) -> None:
        """Take in what the widgets show but no message has delivered yet (before leaving).

        Typing reaches the editor through messages; a key pressed a moment before
        ctrl+q or a SIGTERM may still be on its way. Each kind reads its widgets.
        """

    def change(self, value: Any, row: int | None = None) -> None:
        """Record a new answer from the widget and hand it to the screen.

        The editor screen takes it at once rather than after the message's hops
        up the DOM: the preview is then re-rendered before the keystroke's frame
        is painted, and both show in that one frame. Elsewhere `Changed` is posted.
        """
        self.value = value
        change = self.Changed(self, value, row)
        screen = self.screen
        if isinstance(screen, AnswerTaker):
            screen.take_answer(change)
        else:
            self.post_message(change)

    def removed(self, index: int, item: Any) -> None:
        """An entry or row was removed from this field: keep it where ctrl+z finds it."""
        screen = self.screen
        if isinstance(screen, RemovalKeeper):
            screen.keep_removed(self, index, item)

    def put_back(self, index: int, item: Any) -> None:
        """Put a removed entry or row back at `index` (ctrl+z); list and table fields."""
        raise NotImplementedError

    def show_value(self, value: Any) -> None:
        """Show an answer set from elsewhere (a suggestion, an import); posts no Changed."""
        self.value = value
        self._problems = None  # recomposed: the lines are made afresh
        warnings, self._warnings = self._warnings, []
        self.refresh(recompose=True)
        self.call_after_refresh(self.check_value)
        self.call_after_refresh(self.show_warnings, warnings)

    def show_problems(self, messages: list[str], *, note: str | None = None) -> None:
        """Show the core's messages about this field's value (or a note), or hide the line."""
        lines = ([note] if note else []) + messages
        if lines == self._problems:
            return
        self._problems = lines
        line = next(iter(self.query(".field-problem").results(Static)), None)
        if line is None:
            if not lines:
                return
            line = Static("", classes="field-problem")
            warning = next(iter(self.query(".field-warning")), None)
            if warning is None:
                self.mount(line)
            else:
                self.mount(line, before=warning)  # under the answer, above the warnings
        line.update(Content("\n".join(lines)))
        line.set_class(bool(lines), "-shown")
        self.set_class(bool(lines), "-invalid")

    def show_warnings(self, lines: list[str]) -> None:
        """Show the consistency warnings that involve this field, or hide them."""
        if lines == self._warnings:
            return
        self._warnings = lines
        found = self.query(".field-warning").results(Static)
        line = next(iter(found), None)
        if line is None:
            # Made on the first warning only: most fields never have one.
            line = Static("", classes="field-warning")
            self.mount(line)
        line.update(Content("\n").join(Content(f"warning: {w}") for w in lines))
        line.set_class(bool(lines), "-shown")
        self.set_class(bool(lines), "-warned")
