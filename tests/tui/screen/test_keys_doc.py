"""docs/keys.md lists every key of every screen, dialog and field widget."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding

from audit_tui.tui.app import AuditApp
from audit_tui.tui.dialogs.conflict import ConflictDialog
from audit_tui.tui.dialogs.export_dialog import ExportDialog
from audit_tui.tui.dialogs.help import HelpScreen
from audit_tui.tui.dialogs.import_dialog import ImportPreview
from audit_tui.tui.dialogs.path_prompt import PathInput, PathPrompt
from audit_tui.tui.dialogs.review import ReviewScreen
from audit_tui.tui.dialogs.tick_list import TickList
from audit_tui.tui.dialogs.unreadable import UnreadableDraftScreen
from audit_tui.tui.editor import EditorScreen
from audit_tui.tui.fields.choice import ChoiceBox, ChoiceMenu
from audit_tui.tui.fields.items import ListEditor
from audit_tui.tui.fields.row_form import RowForm
from audit_tui.tui.fields.table import TableEditor
from audit_tui.tui.fields.text import ParagraphEditor
from audit_tui.tui.keybar import HELP

DOC = Path(__file__).resolve().parents[3] / "docs" / "keys.md"
SHOWN = {"up": "↑", "down": "↓", "question_mark": "?"}

WHERE: list[tuple[str, list[type]]] = [
    ("## Everywhere", [AuditApp]),
    ("## The editor", [EditorScreen]),
    ("### In a field", [ListEditor, ChoiceBox, ChoiceMenu, ParagraphEditor, TableEditor, RowForm]),
    ("## Review", [ReviewScreen]),
    ("## Export", [ExportDialog]),
    ("## File prompts", [PathPrompt, PathInput]),
    ("## The draft changed on disk", [ConflictDialog]),
    ("## Import preview", [ImportPreview, TickList]),
    ("## A draft that cannot be opened", [UnreadableDraftScreen]),
    ("## The help overlay", [HelpScreen]),
]


def section(heading: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(heading)
    rest = text[start + len(heading) :]
    end = re.search(r"^#{2,3} ", rest, re.M)
    return rest[: end.start()] if end else rest


def shown(key: str) -> str:
    parts = key.split("+")
    return "+".join(SHOWN.get(p, p) for p in parts)


@pytest.mark.parametrize(("heading", "classes"), WHERE, ids=[h for h, _ in WHERE])
def test_keys_doc_lists_every_key(heading: str, classes: list[type]) -> None:
    text = section(heading)
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding)
            if binding is HELP or not binding.description:
                continue
            first = binding.key.split(",")[0]
            assert f"`{shown(first)}`" in text, (cls.__name__, first, heading)
        for key, _ in cls.__dict__.get("KEY_HINTS", ()):
            assert f"`{shown(key)}`" in text, (cls.__name__, key, heading)
