"""The PDF export, laid out in a process of its own while the screen keeps answering.

WeasyPrint takes seconds for a long report. The page is handed to `pdf_command`'s
process; this dialog shows that it is working (and for how long), and escape ends
that process. Nothing is written until the whole PDF is back, so a cancelled or
failed export leaves no file behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, Static

from audit_tui.core.render import pdf
from audit_tui.core.render.text import display_line
from audit_tui.tui.keybar import HELP, KeyBar


class PdfFailed(Exception):
    """The PDF could not be made; the message is one line saying why."""


async def render_pdf(page: str, command: list[str]) -> bytes:
    """Run `command` on `page`; its PDF, or PdfFailed. Cancelled: the process is killed."""
    try:
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
    except OSError as exc:
        raise PdfFailed(f"the PDF renderer cannot start: {exc.strerror or exc}") from None
    try:
        out, err = await process.communicate(page.encode("utf-8"))
    finally:
        if process.returncode is None:  # cancelled (escape, or the app closing)
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
    if process.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        why = lines[-1] if lines else f"the PDF renderer stopped (exit status {process.returncode})"
        raise PdfFailed(why)
    if not out.startswith(b"%PDF-"):
        raise PdfFailed("the PDF renderer wrote no PDF")
    return out


class PdfProgress(ModalScreen[bytes | None]):
    """Makes the PDF of `page`; returns its bytes, or None if cancelled or failed (said why)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True), HELP]
    HELP_TITLE = "the PDF export"

    def __init__(self, page: str, target: str) -> None:
        super().__init__(id="pdf-progress")
        self.page = page
        self.target = target
        self._started = time.monotonic()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="pdf-box"):
            yield Static(
                Content(f"Exporting the PDF to {display_line(self.target)}"),
                classes="dialog-title",
            )
            yield LoadingIndicator(id="pdf-working")
            yield Static(Content("Laying out the pages…"), id="pdf-elapsed")
            yield Static(Content("escape: cancel (nothing is written)"), classes="field-keys")
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_interval(1, self._tick)
        self.make_pdf()

    def _tick(self) -> None:
        seconds = int(time.monotonic() - self._started)
        self.query_one("#pdf-elapsed", Static).update(Content(f"Laying out the pages… {seconds} s"))

    @work(exclusive=True, group="pdf")
    async def make_pdf(self) -> None:
        try:
            made = await render_pdf(self.page, pdf.pdf_command())
        except PdfFailed as exc:
            self.app.notify(
                display_line(str(exc)), title="PDF not exported", severity="error", markup=False
            )
            self.dismiss(None)
            return
        self.dismiss(made)

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "pdf")
        self.app.notify("PDF export cancelled: nothing was written.", markup=False)
        self.dismiss(None)
