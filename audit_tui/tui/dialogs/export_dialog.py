"""ctrl+f: which format to export (markdown first, so ctrl+f then enter exports markdown)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from audit_tui.core.render.formats import FORMATS, ExportFormat
from audit_tui.core.render.text import display_line
from audit_tui.tui.keybar import HELP, KeyBar


class ExportDialog(ModalScreen[ExportFormat | None]):
    """Asks for the export's format; returns it, or None when the auditor backs out."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True), HELP]
    HELP_TITLE = "export"
    KEY_HINTS = (("enter", "Export"),)

    def __init__(self, draft_path: Path) -> None:
        super().__init__(id="export-dialog")
        self.draft_path = draft_path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Export the report as"), classes="dialog-title")
            options = [
                Option(
                    Content.assemble(
                        (f"{f.title:<40}", "bold"), display_line(f.path(self.draft_path))
                    ),
                    id=f"export-{f.name}",
                )
                for f in FORMATS
            ]
            yield OptionList(*options, id="export-formats")
            yield Static(
                Content("enter: export beside the draft · escape: cancel"), classes="field-keys"
            )
        yield KeyBar()

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        formats.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(FORMATS[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
