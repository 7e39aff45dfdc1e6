"""The in-app PDF export: laid out in a process of its own, shown working, stopped by escape.

A fake renderer (a script put in place of `pdf_command`) is slow, fails, or hangs; the
last test runs the real one (WeasyPrint) once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from audit_tui.core.model.template import Template
from audit_tui.core.render import pdf
from audit_tui.tui.dialogs.confirm import ConfirmDialog
from audit_tui.tui.dialogs.help import HelpScreen
from audit_tui.tui.dialogs.pdf_progress import PdfProgress
from tests.tui.helpers import (
    NO_AUTOSAVE,
    make_app,
    notified,
    press,
    settle,
    wait_until,
    write_draft,
)

FAKE = """\
import os, signal, sys
from pathlib import Path
Path(sys.argv[1]).write_text(str(os.getpid()))
page = sys.stdin.read()
sys.stdout.write("%PDF-1.7 half a page")
sys.stdout.flush()
if sys.argv[2] == "fail":
    print("Traceback (most recent call last):\\nfontTools: no usable font found", file=sys.stderr)
    sys.exit(1)
if sys.argv[2] == "hang":
    signal.pause()  # until killed
sys.stdout.write(" and the rest " + str(len(page)))
"""
PDF_OPTION = ["down", "down", "down"]  # the export dialog's fourth format


def fake_renderer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str) -> Path:
    """Put a fake renderer in place of WeasyPrint's process; returns where it writes its pid."""
    script = tmp_path / "fake_renderer.py"
    script.write_text(FAKE, encoding="utf-8")
    pid_file = tmp_path / f"renderer-{mode}.pid"
    monkeypatch.setattr(
        pdf, "pdf_command", lambda: [sys.executable, str(script), str(pid_file), mode]
    )
    return pid_file


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def leftovers() -> list[str]:
    kept = ("audit-report.toml", ".audit-report.toml.lock")
    return sorted(p.name for p in Path().iterdir() if p.name not in kept)


async def test_escape_kills_the_renderer_and_writes_nothing(
    template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = fake_renderer(tmp_path, monkeypatch, "hang")
    write_draft({"executive_summary": {"overall_health": 7}})
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+f", *PDF_OPTION, "enter")
        await wait_until(pilot, pid_file.exists, "the renderer started")
        await wait_until(pilot, lambda: pid_file.read_text().strip(), "the renderer's pid")
        pid = int(pid_file.read_text())
        assert isinstance(app.screen, PdfProgress)
        # The screen answers while the renderer works: ? opens the keys and closes again.
        await press(pilot, "f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert "Cancel" in [k.description for k in app.screen.keys]  # type: ignore[attr-defined]
        await press(pilot, "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, PdfProgress), "back")
        assert alive(pid)
        await press(pilot, "escape")
        await wait_until(pilot, lambda: not alive(pid), "the renderer killed")
        assert not isinstance(app.screen, PdfProgress)
        await notified(pilot, "cancelled")
        assert leftovers() == []  # no PDF, whole or half, and no temporary file


async def test_a_failing_renderer_says_why_in_one_line(
    template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_renderer(tmp_path, monkeypatch, "fail")
    write_draft({"executive_summary": {"overall_health": 7}})
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+f", *PDF_OPTION, "enter")
        [failed] = await notified(pilot, "", "error")
        assert failed.message == "fontTools: no usable font found"
        assert not isinstance(app.screen, PdfProgress)
        assert leftovers() == []


async def test_a_slow_renderer_shows_progress_then_the_pdf_is_written(
    template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_renderer(tmp_path, monkeypatch, "slow")
    write_draft({"executive_summary": {"overall_health": 7}})
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+f", *PDF_OPTION, "enter")
        await notified(pilot, "audit-report.pdf")
        written = Path("audit-report.pdf").read_bytes()
        assert written.startswith(b"%PDF-1.7 half a page and the rest ")
        assert int(written.rsplit(b" ", 1)[1]) > 1000  # the whole HTML page went in
        # An export the app wrote is replaced without asking.
        app.clear_notifications()
        await press(pilot, "ctrl+f", *PDF_OPTION, "enter")
        await notified(pilot, "audit-report.pdf")
        assert not isinstance(app.screen, ConfirmDialog)


async def test_the_real_renderer_writes_a_pdf(template: Template) -> None:
    pytest.importorskip("weasyprint")
    write_draft({"executive_summary": {"overall_health": 7, "readiness_status": "Ready"}})
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+f", *PDF_OPTION, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PdfProgress), "the progress")
        await notified(pilot, "audit-report.pdf")
        assert Path("audit-report.pdf").read_bytes().startswith(b"%PDF-")
        assert leftovers() == ["audit-report.pdf"]
