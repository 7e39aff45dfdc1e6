"""f4 edits a paragraph in $EDITOR: the app suspends, a private file is edited, the text returns."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import pytest

from audit_tui.core.model.template import Template
from audit_tui.tui.external_editor import edit_text, editor_command, file_name
from tests.reliability.pty_app import Terminal
from tests.tui.helpers import saved, write_draft

FAKE_EDITOR = """\
import os, stat, sys
path = sys.argv[-1]
with open(os.environ["AUDIT_TUI_EDITOR_LOG"], "w") as log:
    log.write(f"{oct(stat.S_IMODE(os.stat(path).st_mode))} {path}\\n")
with open(path, encoding="utf-8") as handle:
    text = handle.read()
with open(path, "w", encoding="utf-8") as handle:
    handle.write(text.rstrip("\\n") + "\\nSecond line from the editor\\n")
sys.exit(int(os.environ.get("AUDIT_TUI_EDITOR_STATUS", "0")))
"""


@pytest.fixture
def fake_editor(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = isolated / "fake-editor"
    script.write_text(f"#!{sys.executable}\n{FAKE_EDITOR}", encoding="utf-8")
    script.chmod(0o755)
    log = isolated / "editor.log"
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("AUDIT_TUI_EDITOR_LOG", str(log))
    return log


def test_editor_command_prefers_visual(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "code --wait")
    monkeypatch.setenv("EDITOR", "nano")
    assert editor_command() == ["code", "--wait"]
    monkeypatch.delenv("VISUAL")
    assert editor_command() == ["nano"]
    monkeypatch.delenv("EDITOR")
    assert editor_command() == ["vi"]


def test_edit_text_uses_a_private_file_and_removes_it(fake_editor: Path) -> None:
    edited = edit_text("First line")
    assert edited.text == "First line\nSecond line from the editor"
    mode, path = fake_editor.read_text().split()
    assert mode == "0o600"
    assert not Path(path).exists()


def test_a_failing_or_missing_editor_changes_nothing(
    fake_editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDIT_TUI_EDITOR_STATUS", "3")
    edited = edit_text("First line")
    assert edited.text is None and "status 3" in str(edited.problem)
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    edited = edit_text("First line")
    assert edited.text is None and "cannot be started" in str(edited.problem)


STUBBORN_EDITOR = """\
import os, signal, sys
from pathlib import Path
for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
    signal.signal(signum, signal.SIG_IGN)
Path(os.environ["AUDIT_TUI_EDITOR_LOG"]).write_text(f"{os.getpid()} {sys.argv[-1]}")
while True:
    signal.pause()
"""


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_the_editor_runs_ends_it_and_leaves_no_file(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, signum: signal.Signals
) -> None:
    script = isolated / "stubborn-editor"
    script.write_text(f"#!{sys.executable}\n{STUBBORN_EDITOR}", encoding="utf-8")
    script.chmod(0o755)
    log = isolated / "editor.fifo"  # read once the editor has started: no polling
    os.mkfifo(log)
    temp = isolated / "tmp"
    temp.mkdir()
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("AUDIT_TUI_EDITOR_LOG", str(log))
    monkeypatch.setenv("TMPDIR", str(temp))
    main = threading.get_ident()
    started: list[str] = []

    def send_once_started() -> None:
        started.extend(log.read_text().split())
        signal.pthread_kill(main, signum)  # the app's main thread, waiting for the editor

    heard: list[int] = []
    handlers = [signal.getsignal(s) for s in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)]
    threading.Thread(target=send_once_started, daemon=True).start()
    edited = edit_text("First line", name=file_name("risk_assessment"), on_signal=heard.append)
    assert (edited.text, edited.signum, heard) == (None, signum, [signum])
    pid, path = started
    assert Path(path).name == "risk_assessment.md"
    assert not Path(f"/proc/{pid}").exists()  # killed after the grace, and reaped
    assert list(temp.iterdir()) == []
    assert [signal.getsignal(s) for s in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)] == handlers


def test_file_names_come_from_the_field() -> None:
    assert file_name("risk_assessment") == "risk_assessment.md"
    assert file_name("../a b/c") == "a-b-c.md"
    assert file_name("..") == "answer.md"


def _to_the_paragraph(app: Terminal) -> None:
    app.read_until(b"Overall System Health")
    app.settle(0.5)
    app.type("\t\t\t\t")  # score, two lists, status line: the risk assessment paragraph
    app.settle(0.5)
    app.read_until(b"Edit in $EDITOR")  # its footer tells the key: the paragraph has the focus


@pytest.mark.e2e  # the real app in a pseudo-terminal
@pytest.mark.parametrize("status", [0, 3])
def test_f4_edits_in_the_editor_and_survives_a_failing_one(
    template: Template, isolated: Path, fake_editor: Path, status: int
) -> None:
    draft = isolated / "audit-report.toml"
    write_draft({"executive_summary": {"risk_assessment": "First line"}}, draft)
    app = Terminal.app(draft, env={"AUDIT_TUI_EDITOR_STATUS": str(status)})
    try:
        _to_the_paragraph(app)
        app.type("\x1bOS")  # f4
        if status:
            app.read_until(b"status 3")
        else:
            app.read_until(b"Second line from the editor")
        app.settle(0.3)
        assert app.running()  # the app came back
        app.type("\x11")  # ctrl+q
        assert app.wait() == 0
    finally:
        if app.fd >= 0:
            app.kill()
    mode, path = fake_editor.read_text().split()
    assert mode == "0o600" and not os.path.exists(path)
    answer = saved(template, draft)["executive_summary"]["risk_assessment"]
    if status:
        assert answer == "First line"
    else:
        assert answer == "First line\nSecond line from the editor"
