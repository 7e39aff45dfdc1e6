"""Asked when the draft changed on disk since it was loaded or saved: reload, overwrite, save as."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from audit_tui.core.render.text import display_line
from audit_tui.tui.keybar import HELP, KeyBar

ConflictChoice = Literal["reload", "overwrite", "save_as", "cancel"]


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

    def __init__(self, path: str) -> None:
        super().__init__(id="conflict")
        self.path = path

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
