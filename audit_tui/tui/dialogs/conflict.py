"""Asked when the draft changed on disk since it was loaded or saved: reload, overwrite, save as.

The dialog shows what differs between the answers on screen and the file on disk
(the core's `diff_drafts`), so that the choice is made knowing what it keeps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from audit_tui.core.checks.diff import DraftDiff, FieldChange, TableDiff, diff_drafts
from audit_tui.core.files.storage import read_draft
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.template import Template
from audit_tui.core.render.text import display_line, one_line
from audit_tui.tui.keybar import HELP, KeyBar

ConflictChoice = Literal["reload", "overwrite", "save_as", "cancel"]


def _shown(value: Any) -> str:
    return display_line(one_line(value)) or "(empty)"


def _field_lines(change: FieldChange) -> list[str]:
    label = display_line(change.label)
    if change.change == "answered":
        return [f"  {label}: on disk only: {_shown(change.new)}"]
    if change.change == "cleared":
        return [f"  {label}: on screen only: {_shown(change.old)}"]
    if change.change == "reordered":
        return [f"  {label}: same entries, another order"]
    if change.added or change.removed:
        return [f"  {label}: + {display_line(e)}  (on disk)" for e in change.added] + [
            f"  {label}: - {display_line(e)}  (on screen)" for e in change.removed
        ]
    return [f"  {label}: {_shown(change.old)}  →  {_shown(change.new)}"]


def _row(table: TableDiff, row: dict[str, Any]) -> str:
    cells = [_shown(row.get(c.id)) for c in table.field.columns if row.get(c.id)]
    return "; ".join(cells)


def _table_lines(table: TableDiff) -> list[str]:
    lines = [f"  + {_row(table, row)}  (on disk)" for row in table.added]
    lines += [f"  - {_row(table, row)}  (on screen)" for row in table.closed]
    for change in table.changed:
        moved = "; ".join(f"{c.label}: {_shown(c.old)} → {_shown(c.new)}" for c in change.cells)
        lines.append(f"  ~ {_row(table, change.new)}: {display_line(moved)}")
    return lines


def diff_lines(diff: DraftDiff) -> list[str]:
    """What differs, section by section: on screen → on disk."""
    lines: list[str] = []
    section = None
    for item in diff.in_sections():
        if item.section != section:
            section = item.section
            lines.append(display_line(section))
        lines.extend(_table_lines(item) if isinstance(item, TableDiff) else _field_lines(item))
    return lines or ["No answer differs: only the file's layout or its metadata changed."]


def compare_with_disk(template: Template, on_screen: Draft, path: Path) -> list[str]:
    """The lines that tell how the draft on disk differs from the answers on screen."""
    try:
        on_disk = read_draft(path, template)
    except DraftError as exc:
        return [f"The file on disk cannot be read: {display_line(str(exc))}"]
    return diff_lines(diff_drafts(template, on_screen, on_disk))


class ConflictDialog(ModalScreen[ConflictChoice]):
    """Returns what to do about a draft someone else changed."""

    BINDINGS = [
        Binding("r", "choose('reload')", "Reload", show=True),
        Binding("o", "choose('overwrite')", "Overwrite", show=True),
        Binding("s", "choose('save_as')", "Save as…", show=True),
        Binding("escape", "choose('cancel')", "Not now", show=True),
        HELP,
    ]
    HELP_TITLE = "the draft changed on disk"

    def __init__(self, path: str, differences: list[str] | None = None) -> None:
        super().__init__(id="conflict")
        self.path = path
        self.differences = differences or []
        """How the file on disk differs from the answers on screen (`compare_with_disk`)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("The draft changed on disk"), classes="dialog-title")
            yield Static(
                Content.assemble(
                    (display_line(self.path), "bold"),
                    " was changed by something else (another editor, a git pull, a second "
                    "copy of this app) since it was opened or last saved. It was not "
                    "overwritten. What should happen to the answers on screen?",
                ),
                classes="dialog-text",
            )
            if self.differences:
                yield Static(
                    Content("On screen → on disk (reloading takes the disk's):"),
                    classes="conflict-diff-title",
                )
                with VerticalScroll(id="conflict-diff"):
                    yield Static(Content("\n".join(self.differences)), id="conflict-lines")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reload from disk (r)", id="reload", variant="warning")
                yield Button("Overwrite it (o)", id="overwrite", variant="error")
                yield Button("Save as… (s)", id="save_as", variant="primary")
                yield Button("Not now (esc)", id="cancel")
        yield KeyBar()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        if choice in ("reload", "overwrite", "save_as", "cancel"):
            self.dismiss(choice)  # type: ignore[arg-type]
