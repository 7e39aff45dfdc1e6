"""Shown instead of the editor when the draft cannot be opened; the file is left untouched.

A draft that another copy of the app holds open can still be opened anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from audit_tui.core.render.text import clean_text
from audit_tui.tui.dialogs.path_prompt import PathPrompt, suggest
from audit_tui.tui.keybar import HELP, KeyBar


@dataclass(frozen=True)
class NextStep:
    """What the auditor chose: a new draft at `path`, the same draft anyway, or quit."""

    action: Literal["new", "anyway", "quit"]
    path: str = ""


class UnreadableDraftScreen(Screen[NextStep]):
    """Shows why the draft cannot be opened and what can be done instead."""

    BINDINGS = [
        Binding("n", "new_draft", "New draft under another name", show=True),
        Binding("o", "open_anyway", "Open anyway", show=True),
        Binding("q,escape", "quit_app", "Quit", show=True),
        HELP,
    ]
    HELP_TITLE = "a draft that cannot be opened"

    def __init__(self, path: str, message: str, *, locked: bool = False) -> None:
        super().__init__(id="unreadable")
        self.path = path
        self.message = message
        self.locked = locked
        """True when the draft is fine but open elsewhere, so it may be opened anyway."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.locked if action == "open_anyway" else True

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = "This draft is open elsewhere" if self.locked else "This draft cannot be opened"
            yield Static(Content(title), classes="dialog-title")
            yield Static(Content(clean_text(self.message)), id="unreadable-message")
            advice = (
                "Two copies editing one draft would overwrite each other's answers."
                if self.locked
                else "The file was not changed. Fix it in an editor and open it again, or:"
            )
            yield Static(Content(advice), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                if self.locked:
                    yield Button("Open it anyway (o)", id="anyway", variant="warning")
                yield Button(
                    "Start a new draft under another name (n)", id="new", variant="primary"
                )
                yield Button("Quit (q)", id="quit")
        yield KeyBar()

    @on(Button.Pressed, "#new")
    def action_new_draft(self) -> None:
        self.app.push_screen(PathPrompt("Name of the new draft", suggest(self.path)), self._named)

    def _named(self, path: str | None) -> None:
        if path:
            self.dismiss(NextStep("new", path))

    @on(Button.Pressed, "#anyway")
    def action_open_anyway(self) -> None:
        self.dismiss(NextStep("anyway", self.path))

    @on(Button.Pressed, "#quit")
    def action_quit_app(self) -> None:
        self.dismiss(NextStep("quit"))
