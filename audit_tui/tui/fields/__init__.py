"""Field editors: one widget per field kind, made by `editor_for`."""

from __future__ import annotations

from typing import Any, assert_never

from audit_tui.core.model.template import Field
from audit_tui.tui.fields.base import FieldEditor, editor_id, input_id
from audit_tui.tui.fields.choice import ChoiceEditor
from audit_tui.tui.fields.items import ListEditor
from audit_tui.tui.fields.text import ParagraphEditor, ScoreEditor, TextEditor


def editor_for(field: Field, value: Any) -> FieldEditor:
    """The editor widget for `field`, showing its stored `value`."""
    kind = field.kind
    match kind:
        case "text":
            return TextEditor(field, value)
        case "paragraph":
            return ParagraphEditor(field, value)
        case "score":
            return ScoreEditor(field, value)
        case "grade" | "choice":
            return ChoiceEditor(field, value)
        case "list":
            return ListEditor(field, value)
        case "table":
            # Its module (and DataTable) loads with the first table shown.
            from audit_tui.tui.fields.table import TableEditor

            return TableEditor(field, value)
        case _:
            assert_never(kind)


__all__ = ["FieldEditor", "editor_for", "editor_id", "input_id"]
