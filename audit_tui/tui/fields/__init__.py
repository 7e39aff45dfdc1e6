"""Field editors: one widget per field kind, made by `editor_for`."""

from __future__ import annotations

from typing import Any

from audit_tui.core.model.template import Field
from audit_tui.tui.fields.base import FieldEditor, editor_id, input_id
from audit_tui.tui.fields.choice import ChoiceEditor
from audit_tui.tui.fields.items import ListEditor
from audit_tui.tui.fields.text import ParagraphEditor, ScoreEditor, TextEditor

EDITORS: dict[str, type[FieldEditor]] = {
    "text": TextEditor,
    "paragraph": ParagraphEditor,
    "score": ScoreEditor,
    "grade": ChoiceEditor,
    "choice": ChoiceEditor,
    "list": ListEditor,
}
"""The editor of each kind but `table`, whose module (and DataTable) loads with the first table."""


def editor_for(field: Field, value: Any) -> FieldEditor:
    """The editor widget for `field`, showing its stored `value`."""
    if field.kind == "table":
        from audit_tui.tui.fields.table import TableEditor

        return TableEditor(field, value)
    return EDITORS[field.kind](field, value)


__all__ = ["FieldEditor", "editor_for", "editor_id", "input_id"]
