"""One-line text, multi-line paragraph and 1-10 score editors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from audit_tui.core.display import display_line, display_text, display_value
from audit_tui.tui.fields.base import FieldEditor, input_id, problems
from audit_tui.tui.fields.line_input import LineInput


def shown_text(value: Any) -> str:
    """A stored value as a paragraph shows it (anything but text as one line)."""
    if isinstance(value, str):
        return display_text(value)
    return display_value(value)


class _OneLineEditor(FieldEditor):
    """A field typed into one `Input`; subclasses decide what the text means (`_take`)."""

    def placeholder(self) -> str:
        return self.field.placeholder

    def compose_input(self) -> ComposeResult:
        self._shown = display_value(self.value)
        yield LineInput(
            self._shown,
            placeholder=self.placeholder(),
            id=input_id(self.field),
            select_on_focus=False,
        )

    def on_mount(self) -> None:  # FieldEditor.on_mount runs too (Textual walks the MRO)
        # Watched, not messaged: the answer is taken inside the keystroke's handler.
        self.watch(self.query_one(Input), "value", self._take, init=False)

    def catch_up(self) -> None:
        self._take(self.query_one(Input).value)

    def _take(self, text: str) -> None:
        raise NotImplementedError


class TextEditor(_OneLineEditor):
    """A `text` field: one line."""

    def _take(self, text: str) -> None:
        if text == self._shown:
            return
        safe = display_line(text)
        self._shown = safe
        if safe != text:
            # Pasted controls or line breaks: keep only what can be shown and saved.
            self.query_one(Input).value = safe  # watched: returns at once, as it is shown
        self.change(safe if safe.strip() else None)
        self.show_problems(problems(self.field, self.value))


class ParagraphArea(TextArea):
    """A TextArea that calls `edited` with its text on every edit, inside the edit.

    TextArea reports edits only by a `Changed` message; the paragraph editor
    takes the answer at once, as the one-line editors do (see `FieldEditor.change`).
    """

    def __init__(self, text: str, *, edited: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.edited = edited

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        self.edited(self.text)
        return result

    def undo(self) -> None:
        super().undo()
        self.edited(self.text)

    def redo(self) -> None:
        super().redo()
        self.edited(self.text)


class ParagraphEditor(FieldEditor):
    """A `paragraph` field: several lines."""

    def compose_input(self) -> ComposeResult:
        self._shown = shown_text(self.value)
        yield ParagraphArea(
            self._shown,
            edited=self._take,
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=self.field.placeholder,
            id=input_id(self.field),
        )

    def catch_up(self) -> None:
        self._take(self.query_one(TextArea).text)

    def _take(self, text: str) -> None:
        if text == self._shown:
            return
        safe = display_text(text)
        self._shown = safe
        if safe != text:
            # Pasted controls: keep only what can be shown and saved.
            self.query_one(TextArea).load_text(safe)
        self.change(safe if safe.strip() else None)
        self.show_problems(problems(self.field, self.value))


class ScoreEditor(_OneLineEditor):
    """A `score` field: a whole number in the field's range; anything else is refused."""

    def placeholder(self) -> str:
        return f"{self.field.min}-{self.field.max}"

    def _take(self, text: str) -> None:
        if text == self._shown:
            return
        self._shown = text
        try:
            value = self.field.parse(text)
        except ValueError as exc:
            # Refused: the draft keeps its last answer until a valid one is typed.
            self.show_problems(
                problems(self.field, self.value), note=display_line(f"not saved: {exc}")
            )
            return
        self.change(value)
        self.show_problems(problems(self.field, self.value))

    def show_value(self, value: Any) -> None:
        self.value = value
        self._shown = display_value(value)
        self.query_one(Input).value = self._shown  # watched: returns at once, as it is shown
        self.show_problems(problems(self.field, self.value))
