"""Asks for a file name for a new draft (save as, or instead of one that cannot be read)."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from audit_tui.core.render.text import display_line
from audit_tui.tui.keybar import HELP, KeyBar


def path_problem(text: str) -> str | None:
    """Why `text` cannot name a new draft file, or None."""
    if not text.strip():
        return "type a file name"
    path = Path(text.strip()).expanduser()
    if path.is_dir():
        return f"{text.strip()} is a folder"
    if path.exists() or path.is_symlink():
        return f"{text.strip()} already exists; choose a new name"
    if not path.parent.is_dir():
        return f"folder {path.parent} does not exist"
    return None


def existing_file_problem(text: str) -> str | None:
    """Why `text` cannot name a file to read, or None."""
    if not text.strip():
        return "type a file name"
    path = Path(text.strip()).expanduser()
    if path.is_dir():
        return f"{text.strip()} is a folder"
    if not path.exists():
        return f"{text.strip()}: no such file"
    return None


def suggest(path: str) -> str:
    """A free name near `path`: `report-2.toml`, `report-3.toml`, ..."""
    base = Path(path)
    stem = base.stem
    for number in range(2, 1000):
        candidate = base.with_name(f"{stem}-{number}{base.suffix or '.toml'}")
        if not candidate.exists():
            return str(candidate)
    return str(base.with_name(f"{stem}-new{base.suffix or '.toml'}"))


MAX_LISTED = 500
"""The most entries of a folder looked at when completing (a huge folder stays quick)."""


def complete_path(text: str) -> tuple[str, list[str]]:
    """`text` completed as far as the files allow, and the names it could still become.

    One match: its whole name (a folder's with `/`). Several: their common start, and
    their names. Hidden files only when the name typed starts with a dot.
    """
    typed = text.strip()
    folder_text, _, start = typed.rpartition("/")
    if "/" in typed:
        folder_text += "/"
    folder = Path(folder_text).expanduser() if folder_text else Path(".")
    try:
        with os.scandir(folder) as found:
            entries: list[str] = []
            for entry in found:
                if len(entries) >= MAX_LISTED:
                    break
                if entry.name.startswith(start) and (start.startswith(".") or entry.name[0] != "."):
                    is_dir = entry.is_dir()
                    entries.append(entry.name + ("/" if is_dir else ""))
    except OSError:
        return text, []
    if not entries:
        return text, []
    entries.sort()
    common = os.path.commonprefix(entries)
    return folder_text + common, entries if len(entries) > 1 else []


class PathInput(Input):
    """A file name input where tab completes the name from the files on disk."""

    BINDINGS = [Binding("tab", "complete", "Complete", show=False)]

    class Candidates(Message):
        """Tab found several names: `names` (shown under the input)."""

        def __init__(self, names: list[str]) -> None:
            super().__init__()
            self.names = names

    def action_complete(self) -> None:
        completed, names = complete_path(self.value)
        if completed != self.value:
            self.value = completed
            self.cursor_position = len(completed)
        self.post_message(self.Candidates(names))


class PathPrompt(ModalScreen[str | None]):
    """Returns a path for a new file (or, with `existing`, a file to read), or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True), HELP]
    HELP_TITLE = "choosing a file"
    KEY_HINTS = (("enter", "Use this name"), ("tab", "Complete"))

    def __init__(
        self,
        title: str,
        suggestion: str = "",
        *,
        existing: bool = False,
        placeholder: str = "file name, e.g. audit-report-2.toml",
    ) -> None:
        super().__init__(id="path-prompt")
        self.title_text = title
        self.suggestion = suggestion
        self.existing = existing
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield PathInput(self.suggestion, placeholder=self.placeholder)
            yield Static("", classes="field-problem")
            yield Static(
                Content("enter: use this name · tab: complete · escape: cancel"),
                classes="field-keys",
            )
        yield KeyBar()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = (existing_file_problem if self.existing else path_problem)(event.value)
        line = self.query_one(".field-problem", Static)
        if problem:
            line.update(Content(display_line(problem)))
            line.add_class("-shown")
            return
        self.dismiss(str(Path(event.value.strip()).expanduser()))

    @on(Input.Changed)
    def name_changed(self, event: Input.Changed) -> None:
        """A problem said of the name before no longer holds once the name is changed."""
        event.stop()
        line = self.query_one(".field-problem", Static)
        if line.has_class("-shown"):
            line.update(Content(""))
            line.remove_class("-shown")

    @on(PathInput.Candidates)
    def show_candidates(self, event: PathInput.Candidates) -> None:
        event.stop()
        line = self.query_one(".field-keys", Static)
        if event.names:
            shown = "  ".join(event.names[:12]) + ("  …" if len(event.names) > 12 else "")
            line.update(Content(display_line(shown)))
        else:
            line.update(Content("enter: use this name · tab: complete · escape: cancel"))

    def action_cancel(self) -> None:
        self.dismiss(None)
