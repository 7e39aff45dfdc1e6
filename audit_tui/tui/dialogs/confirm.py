"""A yes/no question with the reason in the auditor's words (e.g. replace a file?)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from audit_tui.core.render.text import clean_text
from audit_tui.tui.keybar import HELP, KeyBar


class ConfirmDialog(ModalScreen[bool]):
    """Returns True when the auditor confirms, False when they back out."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=True),
        Binding("n,escape", "answer(False)", "No", show=True),
        HELP,
    ]

    def __init__(self, title: str, message: str, confirm: str) -> None:
        super().__init__(id="confirm")
        self.title_text = title
        self.message = message
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(clean_text(self.message)), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm} (y)", id="yes", variant="warning")
                yield Button("Cancel (n)", id="no", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
