"""Shown instead of the editor when the draft cannot be opened; the file is left untouched."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from audit_tui.core.display import display_text
from audit_tui.tui.path_prompt import PathPrompt, suggest


class UnreadableDraftScreen(Screen[str | None]):
    """Shows the core's message; returns the path of a new draft, or None to quit."""

    BINDINGS = [
        Binding("n", "new_draft", "New draft under another name", show=True),
        Binding("q,escape", "quit_app", "Quit", show=True),
    ]

    def __init__(self, path: str, message: str) -> None:
        super().__init__(id="unreadable")
        self.path = path
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("This draft cannot be opened"), classes="dialog-title")
            yield Static(Content(display_text(self.message)), id="unreadable-message")
            yield Static(
                Content("The file was not changed. Fix it in an editor and open it again, or:"),
                classes="dialog-text",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    "Start a new draft under another name (n)", id="new", variant="primary"
                )
                yield Button("Quit (q)", id="quit")
        yield Footer()

    @on(Button.Pressed, "#new")
    def action_new_draft(self) -> None:
        self.app.push_screen(PathPrompt("Name of the new draft", suggest(self.path)), self._named)

    def _named(self, path: str | None) -> None:
        if path:
            self.dismiss(path)

    @on(Button.Pressed, "#quit")
    def action_quit_app(self) -> None:
        self.dismiss(None)
