"""The real `audit-tui` command in a pseudo-terminal: type, leave, and find the answer saved."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from audit_tui.core.template import Template
from tests.tui.helpers import saved, write_draft

SIZE = struct.pack("HHHH", 50, 160, 0, 0)  # rows, columns
COMMAND = Path(sys.executable).with_name("audit-tui")
CONTROL_SEQUENCE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]")
HOSTILE = "Ready \x1b]52;c;SGVsbG8=\x07 \x1b]0;owned\x07 \x1b[2J done"


class Terminal:
    """`audit-tui DRAFT` running in a pseudo-terminal of 160x50."""

    def __init__(self, draft: Path) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal, then become the app
            fcntl.ioctl(0, termios.TIOCSWINSZ, SIZE)
            env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TEXTUAL")}
            env["TERM"] = "xterm-256color"
            env["AUDIT_TUI_AUTOSAVE"] = "600"  # only leaving may save
            os.execve(str(COMMAND), [str(COMMAND), str(draft)], env)
        self.pid, self.fd = pid, fd
        self.output = bytearray()

    def screen(self) -> bytes:
        """What was written, without the terminal's control sequences (text only)."""
        return CONTROL_SEQUENCE.sub(b"", bytes(self.output))

    def read_until(self, text: bytes, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            if not self._read(deadline - time.monotonic()):
                raise AssertionError(f"{text!r} never appeared; got {bytes(self.output[-400:])!r}")

    def _read(self, timeout: float) -> bool:
        if timeout <= 0:
            return False
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the child is gone and the terminal with it
            return False
        self.output.extend(chunk)
        return bool(chunk)

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode("utf-8"))

    def settle(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._read(deadline - time.monotonic())

    def close(self) -> None:
        """Close the terminal's master side, as closing a terminal window does."""
        os.close(self.fd)
        self.fd = -1

    def wait(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                if self.fd >= 0:
                    os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            if self.fd >= 0:
                self._read(0.1)
            else:
                time.sleep(0.1)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError("audit-tui did not exit")


@pytest.mark.parametrize("leave", ["ctrl+q", "SIGTERM", "SIGHUP", "close"])
def test_typed_answer_is_saved_however_the_app_ends(
    template: Template, isolated: Path, leave: str
) -> None:
    draft = isolated / "audit-report.toml"
    write_draft({"executive_summary": {"readiness_status": HOSTILE}}, draft)
    app = Terminal(draft)
    app.read_until(b"Overall System Health")
    app.settle(0.5)
    app.type("7")
    app.read_until(b"unsaved")
    shown = app.screen()  # before leaving: the master side may be gone after
    if leave == "ctrl+q":
        app.type("\x11")
        expected = {0}
    elif leave == "close":
        app.close()
        expected = {128 + signal.SIGHUP, -signal.SIGHUP}
    else:
        signum = signal.SIGTERM if leave == "SIGTERM" else signal.SIGHUP
        os.kill(app.pid, signum)
        expected = {128 + signum, -signum}
    code = app.wait()
    assert code in expected
    answers = saved(template, draft)["executive_summary"]
    assert answers["overall_health"] == 7
    assert answers["readiness_status"] == HOSTILE  # kept as it was, never sent to the terminal
    assert b"]0;owned" in shown  # the answer is on screen, as text...
    out = bytes(app.output)
    assert b"\x1b]0;owned" not in out  # ...without the escape that would obey it
    assert b"\x1b]52;c;SGVsbG8" not in out


def test_bytes_that_are_not_utf8_do_not_end_the_app(template: Template, isolated: Path) -> None:
    draft = isolated / "audit-report.toml"
    app = Terminal(draft)
    app.read_until(b"Overall System Health")
    app.settle(0.5)
    app.type("6")
    os.write(app.fd, b"\xff\xfe\xc3(")  # not UTF-8
    # The app lives on: the bytes arrive as U+FFFD, and the score refuses "6\ufffd\ufffd\ufffd(".
    app.read_until("6\ufffd\ufffd\ufffd(".encode())
    app.read_until(b"not saved: enter a whole number")
    assert os.waitpid(app.pid, os.WNOHANG) == (0, 0)
    app.type("\x11")
    assert app.wait() == 0
    assert saved(template, draft)["executive_summary"] == {"overall_health": 6}
