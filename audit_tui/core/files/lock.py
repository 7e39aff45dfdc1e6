"""One writer per draft: a lock file beside the draft, and clean-up after a killed save.

The lock is `.NAME.lock` next to the draft, made with O_EXCL and holding the
owner's pid and host. A lock whose owner is a dead process on this host is
stale and taken over; the app releases its lock on exit.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from pathlib import Path

from audit_tui.core.model.record import record

LOCK_MODE = 0o600


@record
class LockOwner:
    """Who holds a draft's lock."""

    pid: int
    host: str
    since: float

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since))
        return f"process {self.pid} on {self.host}, since {when}"


def lock_path(draft: str | Path) -> Path:
    """Where the lock of `draft` lives: a hidden file beside the real draft."""
    real = Path(os.path.realpath(draft))
    return real.with_name(f".{real.name}.lock")


def temp_files(draft: str | Path) -> list[Path]:
    """Temporary files left beside `draft` by saves that never finished."""
    real = Path(os.path.realpath(draft))
    try:
        return sorted(real.parent.glob(f".{real.name}.*.tmp"))
    except OSError:
        return []


def remove_temp_files(draft: str | Path) -> list[Path]:
    """Delete what killed saves left beside `draft`; return what was removed.

    Only call this while holding the draft's lock, so no live save is in flight.
    """
    removed = []
    for leftover in temp_files(draft):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    return True


class DraftLock:
    """The lock on one draft, held by this process between `acquire` and `release`."""

    def __init__(self, draft: str | Path) -> None:
        self.path = lock_path(draft)
        self.held = False

    def owner(self) -> LockOwner | None:
        """The current holder, or None when the draft is not locked (or the lock is unreadable)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockOwner(int(data["pid"]), str(data["host"]), float(data["since"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def stale(self, owner: LockOwner | None) -> bool:
        """True when the lock's owner is known to be gone."""
        if owner is None:
            return True
        return owner.host == socket.gethostname() and not _alive(owner.pid)

    def acquire(self, *, force: bool = False) -> LockOwner | None:
        """Take the lock; return None on success, or the live owner that holds it.

        A stale lock is taken over; `force` takes over a live one too.
        """
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, LOCK_MODE)
            except FileExistsError:
                owner = self.owner()
                if owner is not None and owner.pid == os.getpid():
                    self.held = True
                    return None
                if not force and not self.stale(owner):
                    return owner
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            except OSError:
                # A folder we cannot write to: nothing to lock; saving will report it.
                return None
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                os.fchmod(handle.fileno(), LOCK_MODE)
                json.dump(
                    {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()},
                    handle,
                )
            self.held = True
            return None
        return self.owner()

    def release(self) -> None:
        """Remove the lock if this process holds it."""
        if not self.held:
            return
        owner = self.owner()
        if owner is None or owner.pid == os.getpid():
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.held = False
