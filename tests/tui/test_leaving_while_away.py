"""Leaving while the app waits on a process of its own: f4's editor (and the PDF renderer).

The real `audit-tui` in a pseudo-terminal. Closing the terminal, SIGHUP, SIGTERM or
SIGINT while the editor runs: what was typed before f4 is on disk, the app and the
editor (with what it started) are gone within 2 s, the lock is released and the
temporary folder is removed, even when the editor ignores the signal.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from audit_tui.core.files.lock import lock_path
from audit_tui.core.model.template import Template
from tests.reliability.pty_app import COMMAND, Terminal
from tests.tui.helpers import saved, write_draft

pytestmark = pytest.mark.e2e  # the real app in a pseudo-terminal

LEAVE_WITHIN = 2.0
"""The product's promise (docs/reliability.md): gone this many seconds after the signal."""

EDITOR = """\
import os, signal, subprocess, sys, time
from pathlib import Path
log = Path(os.environ["AUDIT_TUI_EDITOR_LOG"])
mode = os.environ["AUDIT_TUI_EDITOR_MODE"]
path = sys.argv[-1]
def note(line):
    with log.open("a") as handle:
        handle.write(line + "\\n")
def heard(signum, frame):
    note(f"heard {signum}")
    if mode == "ends-on-ctrl+c" and signum == signal.SIGINT:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("Written after ctrl+c\\n")
        sys.exit(0)
if mode != "obeys":  # an editor that outlives the terminal: code --wait, gedit, emacsclient
    for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, heard)
child = subprocess.Popen(["sleep", "600"])  # what the editor started (a language server)
with open(path, "a", encoding="utf-8") as handle:  # saved in the editor, not given back
    handle.write("Saved in the editor\\n")
foreground = os.tcgetpgrp(0) == os.getpgrp()
note(f"started {os.getpid()} {child.pid} {foreground} {path}")
while True:
    time.sleep(0.05)
"""


@pytest.fixture
def editor_log(isolated: Path) -> Path:
    script = isolated / "fake-editor"
    script.write_text(f"#!{sys.executable}\n{EDITOR}", encoding="utf-8")
    script.chmod(0o755)
    return isolated / "editor.log"


def start(draft: Path, editor_log: Path, mode: str) -> tuple[Terminal, Path]:
    """The app on `draft`, with the fake editor; returns it and its temporary folder."""
    temp = draft.parent / "tmp"
    temp.mkdir()
    app = Terminal.app(
        draft,
        env={
            "EDITOR": str(editor_log.with_name("fake-editor")),
            "VISUAL": "",
            "TMPDIR": str(temp),
            "AUDIT_TUI_EDITOR_LOG": str(editor_log),
            "AUDIT_TUI_EDITOR_MODE": mode,
        },
    )
    return app, temp


def open_editor(app: Terminal, editor_log: Path, typed: str) -> list[str]:
    """Type `typed` into the risk assessment paragraph, press f4; the editor's start line."""
    app.read_until(b"Overall System Health")
    app.settle(0.5)
    app.type("\t\t\t\t")  # score, two lists, status line: the risk assessment paragraph
    app.read_until(b"Edit in $EDITOR")  # its footer tells the key: the paragraph has the focus
    app.type(typed)
    app.read_until(typed.encode())
    app.type("\x1bOS")  # f4, right after the text
    deadline = time.monotonic() + 30
    while "started" not in (editor_log.read_text() if editor_log.exists() else ""):
        assert time.monotonic() < deadline, "the editor never started"
        app.settle(0.05)
    return editor_log.read_text().split()


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped by anyone, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def gone_by(
    app: Terminal, pids: list[int], deadline: float, status_file: Path | None = None
) -> int | None:
    """Poll until the app and `pids` have ended or `deadline` passed; the app's exit status.

    The app is the terminal's process, or the one whose status its shell writes to `status_file`.
    """
    status: int | None = None
    while time.monotonic() < deadline:
        if status is None and status_file is not None:
            if len(written := status_file.read_text().split()) == 2:
                status = int(written[1])
        elif status is None:
            pid, raw = os.waitpid(app.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(raw)
        if status is not None and not any(alive(pid) for pid in pids):
            return status
        app.settle(0.02)  # reads what the app writes, as a terminal does: a full one blocks it
    return None


@pytest.mark.parametrize(
    ("leave", "mode"),
    [
        ("close", "ignores"),
        ("SIGHUP", "ignores"),
        ("SIGTERM", "ignores"),
        ("SIGINT", "ignores"),
        ("close", "obeys"),  # vi, nano: end on the hang-up themselves
    ],
)
def test_leaving_while_the_editor_runs_saves_and_ends_it_all(
    template: Template, isolated: Path, editor_log: Path, leave: str, mode: str
) -> None:
    draft = isolated / "audit-report.toml"
    write_draft({"executive_summary": {"overall_health": 6}}, draft)
    app, temp = start(draft, editor_log, mode)
    pids: list[int] = []
    try:
        _, editor_pid, child_pid, foreground, path = open_editor(app, editor_log, "Typed first")
        pids = [int(editor_pid), int(child_pid)]
        # Saved before the editor started: nothing typed waits in memory meanwhile.
        assert saved(template, draft)["executive_summary"]["risk_assessment"] == "Typed first"
        left = time.monotonic()
        if leave == "close":
            app.close()
        else:
            os.kill(app.pid, getattr(signal, leave))
        status = gone_by(app, pids, left + LEAVE_WITHIN)
    finally:
        app.kill()
        for pid in pids:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    signum = signal.SIGHUP if leave == "close" else getattr(signal, leave)
    assert status in (128 + signum, -signum), f"{leave}: not all gone in {LEAVE_WITHIN} s"
    if mode == "ignores":
        assert f"heard {int(signum)}" in editor_log.read_text()  # passed on before the kill
    answers = saved(template, draft)["executive_summary"]
    # The app's answer; the editor's own saves are the editor's (see docs/reliability.md).
    assert answers == {"overall_health": 6, "risk_assessment": "Typed first"}
    assert not lock_path(draft).exists()
    assert Path(path).parent.parent == temp
    assert list(temp.iterdir()) == []  # the file, its folder and whatever the editor left
    assert foreground == "True"  # the terminal's job: its ctrl+c and ctrl+z are its own


def test_ctrl_c_in_the_editor_is_the_editors_own(
    template: Template, isolated: Path, editor_log: Path
) -> None:
    draft = isolated / "audit-report.toml"
    app, temp = start(draft, editor_log, "ends-on-ctrl+c")
    child = 0
    try:
        child = int(open_editor(app, editor_log, "Typed first")[2])
        app.type("\x03")  # ctrl+c, typed in the editor
        app.read_until(b"Written after ctrl+c")  # back in the app, with the editor's text
        app.settle(0.3)
        assert app.running()  # the app did not take the ctrl+c as its own SIGINT
        app.type("\x11")  # ctrl+q
        assert app.wait() == 0
    finally:
        app.kill()
        if child and alive(child):  # the editor ended by itself: what it started is its own
            os.kill(child, signal.SIGKILL)
    assert "heard 2" in editor_log.read_text()
    answer = saved(template, draft)["executive_summary"]["risk_assessment"]
    assert answer == "Typed first\nSaved in the editor\nWritten after ctrl+c"
    assert list(temp.iterdir()) == []


FAKE_WEASYPRINT = """\
import os, time
from pathlib import Path
class HTML:
    def __init__(self, string, url_fetcher=None):
        self.page = string
    def write_pdf(self):
        Path(os.environ["AUDIT_TUI_RENDERER_PID"]).write_text(str(os.getpid()))
        time.sleep(600)  # a report that takes minutes to lay out
        return b"%PDF-1.7 never"
"""

SHELL = """\
import os, signal, sys
from pathlib import Path
app = os.fork()
if app == 0:  # a job of its own, in the foreground, as a shell starts a command
    os.setpgid(0, 0)
    signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    os.tcsetpgrp(0, os.getpgrp())
    signal.signal(signal.SIGTTOU, signal.SIG_DFL)
    os.execv(sys.argv[2], sys.argv[2:])
Path(sys.argv[1]).write_text(str(app))
# The terminal closed: this shell passes the hang-up on to the app, and to nothing else.
signal.signal(signal.SIGHUP, lambda signum, frame: os.kill(app, signal.SIGHUP))
while True:
    try:
        _, status = os.waitpid(app, 0)
        break
    except InterruptedError:
        pass
code = os.waitstatus_to_exitcode(status)
Path(sys.argv[1]).write_text(f"{app} {code if code >= 0 else 128 - code}")
while True:  # a shell outlives its commands (its end would hang up their job)
    signal.pause()
"""


@pytest.mark.parametrize("leave", ["close", "SIGHUP", "SIGTERM", "SIGINT", "SIGKILL"])
def test_leaving_during_a_pdf_export_saves_and_ends_the_renderer(
    template: Template, isolated: Path, leave: str
) -> None:
    # WeasyPrint, as the renderer's process imports it, lays out for ten minutes.
    fake = isolated / "fake"
    fake.mkdir()
    (fake / "weasyprint.py").write_text(FAKE_WEASYPRINT, encoding="utf-8")
    shell = isolated / "shell.py"
    shell.write_text(SHELL, encoding="utf-8")
    app_pid, renderer_pid = isolated / "app.pid", isolated / "renderer.pid"
    folder = isolated / "drafts"
    folder.mkdir()
    draft = folder / "audit-report.toml"
    write_draft({"executive_summary": {"overall_health": 6}}, draft)
    # Through a shell, as a user runs it: the app is not the session's leader, so
    # nothing but the app itself ends the renderer (the kernel's hang-up of the
    # foreground job when a session leader ends would do it otherwise).
    root = Path(__file__).resolve().parents[2]
    app = Terminal(
        [sys.executable, str(shell), str(app_pid), str(COMMAND), str(draft)],
        env={
            "PYTHONPATH": f"{fake}{os.pathsep}{root}",
            "AUDIT_TUI_RENDERER_PID": str(renderer_pid),
        },
    )
    pids: list[int] = []
    try:
        app.read_until(b"Overall System Health")
        pids = [int(app_pid.read_text().split()[0])]
        app.settle(0.5)
        app.type("\x7f8")  # the score: 8, not saved yet (the autosave waits 600 s)
        app.read_until(b"unsaved")
        app.type("\x06")  # ctrl+f: export
        app.read_until(b"PDF")
        app.type("\x1b[B\x1b[B\x1b[B\r")  # the fourth format, PDF
        deadline = time.monotonic() + 30
        while not (renderer_pid.exists() and renderer_pid.read_text()):
            assert time.monotonic() < deadline, "the renderer never started"
            app.settle(0.05)
        pids.append(int(renderer_pid.read_text()))
        app.read_until(b"Laying out the pages")
        left = time.monotonic()
        if leave == "close":
            app.close()
        else:
            os.kill(pids[0], getattr(signal, leave))
        status = gone_by(app, pids, left + LEAVE_WITHIN, app_pid)
        still = [pid for pid in pids if alive(pid)]
    finally:
        for pid in pids:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        app.kill()  # the shell
    signum = signal.SIGHUP if leave == "close" else getattr(signal, leave)
    assert status == 128 + signum, f"{leave}: {still} of {pids} not gone in {LEAVE_WITHIN} s"
    if leave == "SIGKILL":  # nothing could be saved, but the renderer did not outlive the app
        assert saved(template, draft)["executive_summary"] == {"overall_health": 6}
        return
    assert saved(template, draft)["executive_summary"] == {"overall_health": 8}
    assert not lock_path(draft).exists()
    assert sorted(p.name for p in folder.iterdir()) == ["audit-report.toml"]  # no PDF, no temp
