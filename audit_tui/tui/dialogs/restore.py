"""Palette: "Restore an earlier version…": pick a kept version, see what restoring changes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from audit_tui.core.files.history import Version
from audit_tui.core.files.restore import change_lines
from audit_tui.core.model.template import Template
from audit_tui.core.render.text import display_line
from audit_tui.tui.keybar import HELP, KeyBar


class RestoreDialog(ModalScreen[Version | None]):
    """Lists the draft's kept versions, newest first, with what restoring one would change.

    Returns the version to restore, or None when the auditor backs out.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True), HELP]
    HELP_TITLE = "restoring a version"

    def __init__(self, template: Template, current: bytes | None, versions: list[Version]) -> None:
        super().__init__(id="restore-dialog")
        self.template = template
        self.current = current
        self.versions = versions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="restore-box"):
            yield Static(Content("Restore an earlier version"), classes="dialog-title")
            if not self.versions:
                yield Static(
                    Content("No earlier version yet: each save keeps the one it replaces."),
                    classes="dialog-text",
                )
            options = [
                Option(
                    Content(f"{v.number:>3}  {v.replaced:%Y-%m-%d %H:%M:%S}"),
                    id=f"version-{v.number}",
                )
                for v in self.versions
            ]
            yield OptionList(*options, id="restore-versions")
            with VerticalScroll(id="restore-preview"):
                yield Static(Content(""), id="restore-changes")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    "Restore this version",
                    variant="warning",
                    id="restore",
                    disabled=not self.versions,
                )
                yield Button("Cancel", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        versions = self.query_one(OptionList)
        if self.versions:
            versions.highlighted = 0
            versions.focus()
            self.show_changes(0)
        else:
            self.query_one("#cancel", Button).focus()

    @property
    def chosen(self) -> Version | None:
        index = self.query_one(OptionList).highlighted
        return self.versions[index] if index is not None and self.versions else None

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_changes(event.option_index)

    def show_changes(self, index: int) -> None:
        """Preview what restoring the version at `index` would change in the draft."""
        version = self.versions[index]
        try:
            lines = change_lines(self.template, self.current, version.read())
        except OSError as exc:
            lines = [f"{version.path}: cannot be read: {exc.strerror or exc}"]
        heading = f"Restoring version {version.number} would change:"
        text = "\n".join([heading, *(display_line(line) for line in lines)])
        self.query_one("#restore-changes", Static).update(Content(text))

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.versions[event.option_index])

    @on(Button.Pressed, "#restore")
    def restore(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.chosen)

    @on(Button.Pressed, "#cancel")
    def cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
