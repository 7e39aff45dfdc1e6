"""Grade and choice fields: a select of the template's options."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Select

from audit_tui.core.template import Field
from audit_tui.tui.fields.base import FieldEditor, input_id, problems


def choice_options(field: Field) -> list[tuple[Text, str]]:
    """The select's options: a grade shows as `A (Excellent)`, a choice as itself."""
    return [(Text(field.display(choice)), choice) for choice in field.choices]


def select_value(choices: tuple[str, ...], value: Any) -> Any:
    """What a select can show for `value`: the value itself, or blank when it is no option."""
    return value if isinstance(value, str) and value in choices else Select.NULL


class ChoiceEditor(FieldEditor):
    """A `grade` or `choice` field; an invalid stored value shows blank, with the message."""

    def compose_input(self) -> ComposeResult:
        self._shown = select_value(self.field.choices, self.value)
        yield Select(
            choice_options(self.field),
            prompt="Choose…",
            value=self._shown,
            id=input_id(self.field),
        )

    @on(Select.Changed)
    def chosen(self, event: Select.Changed) -> None:
        event.stop()
        self._take(event.value)

    def catch_up(self) -> None:
        self._take(self.query_one(Select).value)

    def show_value(self, value: Any) -> None:
        self.value = value
        self._shown = select_value(self.field.choices, value)
        with self.prevent(Select.Changed):
            self.query_one(Select).value = self._shown
        self.show_problems(problems(self.field, self.value))

    def _take(self, chosen: Any) -> None:
        if chosen == self._shown:
            return
        self._shown = chosen
        self.change(None if chosen == Select.NULL else chosen)
        self.show_problems(problems(self.field, self.value))
