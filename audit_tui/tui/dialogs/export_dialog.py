"""ctrl+e: which format to export (markdown first, so ctrl+e then enter is the old export)."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from audit_tui.core.files.export_target import write_export
from audit_tui.core.files.session import Session
from audit_tui.core.model.draft import DraftError
from audit_tui.core.render.display import display_line


@dataclass(frozen=True)
class ExportFormat:
    """One way to write the report: its name, file suffix and exporter."""

    id: str
    name: str
    suffix: str
    module: str
    function: str

    def path(self, draft_path: Path) -> Path:
        """Where this export of `draft_path` goes: beside it, same name, this suffix."""
        return draft_path.with_suffix(self.suffix)


FORMATS = (
    ExportFormat("markdown", "Markdown", ".md", "audit_tui.core.render.export", "export_markdown"),
    ExportFormat(
        "html",
        "HTML (one page, prints to PDF)",
        ".html",
        "audit_tui.core.render.html",
        "export_html",
    ),
    ExportFormat(
        "json",
        "JSON (answers, completeness, verdict)",
        ".json",
        "audit_tui.core.render.json_export",
        "export_json",
    ),
)


def export_report(session: Session, chosen: ExportFormat, *, force: bool = False) -> Path:
    """Write the report in `chosen` format beside the draft; DraftError when it cannot be
    (UserFile when a file the user wrote is there and `force` is not given)."""
    if chosen.id == "markdown":
        return session.export(force=force)
    out = chosen.path(session.path)
    if os.path.realpath(out) == os.path.realpath(session.path):
        raise DraftError(f"{out}: is the draft itself; rename the draft to export it")
    exporter = getattr(importlib.import_module(chosen.module), chosen.function)
    payload = exporter(session.template, session.draft).encode("utf-8")
    write_export(session.path, session.draft, out, payload, chosen=False, force=force)
    return out


class ExportDialog(ModalScreen[ExportFormat | None]):
    """Asks for the export's format; returns it, or None when the auditor backs out."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]

    def __init__(self, draft_path: Path) -> None:
        super().__init__(id="export-dialog")
        self.draft_path = draft_path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Export the report as"), classes="dialog-title")
            options = [
                Option(
                    Content.assemble(
                        (f"{f.name:<40}", "bold"), display_line(str(f.path(self.draft_path)))
                    ),
                    id=f"export-{f.id}",
                )
                for f in FORMATS
            ]
            yield OptionList(*options, id="export-formats")
            yield Static(
                Content("enter: export beside the draft · escape: cancel"), classes="field-keys"
            )

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
