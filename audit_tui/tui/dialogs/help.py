"""The help overlay (`?`): every key of the focused widget, of the screen and of the app."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from audit_tui.tui.keybar import Key, KeyBar

GROUPS = (
    ("widget", "Where the cursor is"),
    ("screen", "On this screen"),
    ("app", "Everywhere"),
)


def key_lines(keys: list[Key]) -> Content:
    """One line per key: the key, padded, then what it does."""
    width = max((len(k.display) for k in keys), default=0) + 2
    return Content("\n").join(
        Content.assemble((f"  {k.display:<{width}}", "bold"), k.description) for k in keys
    )


class HelpScreen(ModalScreen[None]):
    """Lists `keys` (those of the screen it was opened on) by where they act."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "close", "Close", show=True)]

    def __init__(self, keys: list[Key], title: str) -> None:
        super().__init__(id="help")
        self.keys = keys
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-box"):
            yield Static(Content(f"Keys: {self.title_text}"), classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                for where, heading in GROUPS:
                    keys = [k for k in self.keys if k.where == where]
                    if keys:
                        yield Static(Content.styled(heading, "$text-accent"), classes="help-group")
                        yield Static(key_lines(keys), classes="help-lines")
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)
