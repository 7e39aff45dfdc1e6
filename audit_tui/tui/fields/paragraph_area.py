"""The paragraph editor's TextArea (its own module: TextArea takes ~13 ms to import)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult


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
