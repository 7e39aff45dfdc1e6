"""The real app in a pseudo-terminal, started as `audit-tui DRAFT` or through a launcher."""

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

ROOT = Path(__file__).resolve().parents[2]
COMMAND = Path(sys.executable).with_name("audit-tui")
SIZE = struct.pack("HHHH", 50, 160, 0, 0)  # rows, columns
CONTROL_SEQUENCE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]")


class Terminal:
    """A process running the app in a 160x50 pseudo-terminal; its output is kept as bytes."""

    def __init__(
        self,
        argv: list[str],
        *,
        env: dict[str, str] | None = None,
        umask: int | None = None,
        cwd: Path | None = None,
    ) -> None:
        full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TEXTUAL")}
        full_env.update(TERM="xterm-256color", AUDIT_TUI_AUTOSAVE="600", PYTHONPATH=str(ROOT))
        full_env.update(env or {})
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal, then become the app
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, SIZE)
                if umask is not None:
                    os.umask(umask)
                if cwd is not None:
                    os.chdir(cwd)
                os.execve(argv[0], argv, full_env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.output = bytearray()

    @classmethod
    def app(cls, draft: Path, **options: object) -> Terminal:
        """`audit-tui DRAFT`, the command a user runs."""
        return cls([str(COMMAND), str(draft)], **options)  # type: ignore[arg-type]

    def screen(self) -> bytes:
        """What was written, without the terminal's control sequences (text only)."""
        return CONTROL_SEQUENCE.sub(b"", bytes(self.output))

    def read_until(self, text: bytes, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            if not self._read(deadline - time.monotonic()):
                raise AssertionError(f"{text!r} never appeared; got {bytes(self.output[-600:])!r}")

    def _read(self, timeout: float) -> bool:
        if timeout <= 0 or self.fd < 0:
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
            if not self._read(deadline - time.monotonic()):
                time.sleep(0.02)

    def running(self) -> bool:
        return os.waitpid(self.pid, os.WNOHANG) == (0, 0)

    def wait(self, timeout: float = 30) -> int:
        """The exit status (negative: killed by that signal); kills the app if it hangs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._read(0.05):  # what it wrote on the way out
                    pass
                if self.fd >= 0:
                    os.close(self.fd)
                    self.fd = -1
                return os.waitstatus_to_exitcode(status)
            if not self._read(0.1):
                time.sleep(0.05)
        self.kill()
        raise AssertionError("audit-tui did not exit")

    def close(self) -> None:
        """Close the terminal's master side, as closing a terminal window does."""
        os.close(self.fd)
        self.fd = -1

    def kill(self) -> None:
        """End the app at once (clean-up after a failed test)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        except ProcessLookupError:
            pass
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
