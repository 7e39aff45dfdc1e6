"""One-line text, multi-line paragraph and 1-10 score editors."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, TextArea

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

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        self._take(event.value)

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
        if safe != text:
            # Pasted controls or line breaks: keep only what can be shown and saved.
            with self.prevent(Input.Changed):
                self.query_one(Input).value = safe
            text = safe
        self._shown = text
        self.change(text if text.strip() else None)
        self.show_problems(problems(self.field, self.value))


class ParagraphEditor(FieldEditor):
    """A `paragraph` field: several lines."""

    def compose_input(self) -> ComposeResult:
        self._shown = shown_text(self.value)
        yield TextArea(
            self._shown,
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=self.field.placeholder,
            id=input_id(self.field),
        )

    @on(TextArea.Changed)
    def typed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._take(event.text_area.text)

    def catch_up(self) -> None:
        self._take(self.query_one(TextArea).text)

    def _take(self, text: str) -> None:
        if text == self._shown:
            return
        safe = display_text(text)
        if safe != text:
            with self.prevent(TextArea.Changed):
                self.query_one(TextArea).load_text(safe)
            text = safe
        self._shown = text
        self.change(text if text.strip() else None)
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
        with self.prevent(Input.Changed):
            self.query_one(Input).value = self._shown
        self.show_problems(problems(self.field, self.value))
