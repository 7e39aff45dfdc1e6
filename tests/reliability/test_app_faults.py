"""The real app in a pseudo-terminal: crashes save, leftovers go, one copy per draft."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audit_tui.core.files.lock import lock_path, temp_files
from audit_tui.core.model.template import Template
from tests.reliability.pty_app import Terminal
from tests.tui.helpers import saved, write_draft

pytestmark = pytest.mark.e2e  # the real app in a pseudo-terminal

LAUNCHER = Path(__file__).with_name("crashing_app.py")
READY = b"Overall System Health"


def start(draft: Path, **options: object) -> Terminal:
    app = Terminal.app(draft, **options)  # type: ignore[arg-type]
    app.read_until(READY)
    app.settle(0.3)
    return app


@pytest.mark.parametrize("where", ["handler", "timer", "worker"])
def test_a_crash_saves_the_last_answers_and_exits_non_zero(
    template: Template, isolated: Path, where: str
) -> None:
    draft = isolated / "audit-report.toml"
    write_draft({"executive_summary": {"readiness_status": "Before the crash"}}, draft)
    env = {"AUDIT_TUI_AUTOSAVE": "0.3" if where == "timer" else "600"}
    app = Terminal([sys.executable, str(LAUNCHER), where, str(draft)], env=env)
    try:
        app.read_until(READY)
        app.settle(0.3)
        app.type("8")
        if where != "timer":  # the timer's bug fires by itself once the auditor pauses
            app.read_until(b"unsaved")
            app.type("\x0e")  # ctrl+n
        code = app.wait()
    finally:
        app.kill()
    assert code not in (0, None) and code > 0, code  # non-zero, and not killed by a signal
    assert b"PlantedBug" in app.output  # the crash was the planted bug, not something else
    answers = saved(template, draft)["executive_summary"]
    assert answers == {"overall_health": 8, "readiness_status": "Before the crash"}
    assert not lock_path(draft).exists()
    assert temp_files(draft) == []


def test_leftovers_of_a_killed_save_are_removed_when_the_app_starts(
    template: Template, isolated: Path
) -> None:
    draft = isolated / "audit-report.toml"
    write_draft({"executive_summary": {"overall_health": 4}}, draft)
    leftovers = [
        isolated / f".audit-report.toml.{pid}.{tag}.tmp"
        for pid, tag in ((4242, "0a1b2c3d"), (7, "ff"))
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"[meta]\nformat = 1\n[executive_summary]\noverall_hea")
    other = isolated / ".other.toml.1.aa.tmp"  # another draft's: not ours to remove
    other.write_bytes(b"half")
    app = start(draft)
    try:
        assert temp_files(draft) == []
        assert other.exists()
        app.type("\x11")
        assert app.wait() == 0
    finally:
        app.kill()
    assert saved(template, draft)["executive_summary"] == {"overall_health": 4}


def test_a_second_copy_is_told_and_the_lock_goes_with_the_first(
    template: Template, isolated: Path
) -> None:
    draft = isolated / "audit-report.toml"
    write_draft({"executive_summary": {"overall_health": 4}}, draft)
    first = start(draft)
    second = None
    try:
        owner = json.loads(lock_path(draft).read_text(encoding="utf-8"))
        assert owner["pid"] == first.pid
        second = Terminal.app(draft)
        second.read_until(b"Open anyway")  # offered only when the draft is open elsewhere
        second.read_until(f"process {first.pid}".encode())
        second.type("q")
        assert second.wait() == 0
        # The second copy neither took nor removed the first one's lock.
        assert json.loads(lock_path(draft).read_text(encoding="utf-8"))["pid"] == first.pid
        first.type("\x11")
        assert first.wait() == 0
        assert not lock_path(draft).exists()  # released on exit
    finally:
        first.kill()
        if second is not None:
            second.kill()
    assert saved(template, draft)["executive_summary"] == {"overall_health": 4}


def test_a_lock_whose_owner_died_is_taken_over(template: Template, isolated: Path) -> None:
    draft = isolated / "audit-report.toml"
    write_draft({"executive_summary": {"readiness_status": "Ready"}}, draft)
    dead = subprocess.Popen(["true"])
    dead.wait()
    lock_path(draft).write_text(
        json.dumps({"pid": dead.pid, "host": socket.gethostname(), "since": time.time()}),
        encoding="utf-8",
    )
    app = start(draft)  # opens the editor: no "open elsewhere" screen
    try:
        assert json.loads(lock_path(draft).read_text(encoding="utf-8"))["pid"] == app.pid
        assert b"Open anyway" not in app.screen()
        app.type("5")
        app.read_until(b"unsaved")
        os.kill(app.pid, signal.SIGTERM)
        assert app.wait() in (128 + signal.SIGTERM, -signal.SIGTERM)
    finally:
        app.kill()
    assert not lock_path(draft).exists()
    assert saved(template, draft)["executive_summary"] == {
        "overall_health": 5,
        "readiness_status": "Ready",
    }


def test_another_writer_between_load_and_save_is_not_overwritten(
    template: Template, isolated: Path
) -> None:
    draft = isolated / "audit-report.toml"
    write_draft({"executive_summary": {"readiness_status": "one"}}, draft)
    app = start(draft)
    try:
        # Another process (an editor, git) rewrites the draft while the app has it open.
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, pathlib; p = pathlib.Path(sys.argv[1]);"
                "p.write_text(p.read_text().replace('\"one\"', '\"nine\"'))",
                str(draft),
            ],
            check=True,
        )
        stamp = os.stat(draft).st_mtime_ns + 5_000_000_000
        os.utime(draft, ns=(stamp, stamp))
        app.type("7")
        app.read_until(b"unsaved")
        app.type("\x13")  # ctrl+s
        app.read_until(b"The draft changed on disk")
        assert saved(template, draft)["executive_summary"] == {"readiness_status": "nine"}
        os.kill(app.pid, signal.SIGTERM)  # leaving now saves beside it, not over it
        app.wait()
    finally:
        app.kill()
    assert saved(template, draft)["executive_summary"] == {"readiness_status": "nine"}
    recovered = isolated / "audit-report.recovered.toml"
    assert saved(template, recovered)["executive_summary"] == {
        "overall_health": 7,
        "readiness_status": "one",
    }
