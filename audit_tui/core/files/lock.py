"""One writer per draft: a lock file beside the draft, and clean-up after a killed save.

The lock is `.NAME.lock` next to the draft, made with O_EXCL and holding the
owner's pid and host. A lock whose owner is a dead process on this host is
stale and taken over; the app releases its lock on exit.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import socket
import time
from pathlib import Path

from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.record import record

LOCK_MODE = 0o600


class LockError(DraftError):
    """The lock cannot be taken or read; the message is one line saying who holds it and what to do.

    `no_space`: the disk is full, so nothing could be saved anyway (open read-only).
    """

    def __init__(self, message: str, *, no_space: bool = False) -> None:
        super().__init__(message)
        self.no_space = no_space


def _user(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


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
    # Exactly the names safe_write.temp_file makes (`.NAME.PID.HEX.tmp`): a glob such as
    # `.NAME.*.tmp` would also match the temporary files of `NAME.x.toml` or of an export
    # to `NAME.md` in flight, and remove them under that writer's feet.
    exact = re.compile(rf"\.{re.escape(real.name)}\.[0-9]+\.[0-9a-f]{{8}}\.tmp")
    try:
        names = os.listdir(real.parent)
    except OSError:
        return []
    return sorted(real.parent / name for name in names if exact.fullmatch(name))


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
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
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
                fd = os.open(
                    self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, LOCK_MODE
                )
            except FileExistsError:
                owner = self.owner()
                if owner is not None and owner.pid == os.getpid():
                    self.held = True
                    return None
                if not force and not self.stale(owner):
                    return owner
                self._check_replaceable(owner)
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
                except OSError as exc:
                    raise LockError(self._cannot_replace(owner, exc)) from None
                continue
            except OSError as exc:
                if exc.errno == errno.ENOSPC:
                    raise LockError(
                        f"{self.path}: cannot be written (the disk is full)", no_space=True
                    ) from None
                # A folder we cannot write to: nothing to lock; saving will report it.
                return None
            record = json.dumps(
                {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}
            ).encode("utf-8")
            try:
                with os.fdopen(fd, "wb") as handle:
                    os.fchmod(handle.fileno(), LOCK_MODE)
                    handle.write(record)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                with contextlib.suppress(OSError):
                    self.path.unlink()  # no empty lock left behind
                no_space = exc.errno in (errno.ENOSPC, errno.EDQUOT)
                reason = "the disk is full" if no_space else (exc.strerror or str(exc))
                raise LockError(
                    f"{self.path}: cannot be written ({reason})",
                    no_space=True,
                ) from None
            self.held = True
            return None
        return self.owner()

    def _check_replaceable(self, owner: LockOwner | None) -> None:
        """Refuse to take over an unreadable lock that another user made (one line)."""
        if owner is not None:
            return
        try:
            uid = os.lstat(self.path).st_uid
        except FileNotFoundError:
            return
        except OSError as exc:
            raise LockError(f"{self.path}: cannot be read: {exc.strerror or exc}") from None
        if uid != os.geteuid():
            raise LockError(
                f"{self.path}: a lock file of {_user(uid)} that audit-tui cannot read; "
                "ask them whether the draft is in use, then remove that file"
            )

    def _cannot_replace(self, owner: LockOwner | None, exc: OSError) -> str:
        try:
            holder = _user(os.lstat(self.path).st_uid)
        except OSError:
            holder = "another user"
        who = f" ({owner.describe()})" if owner is not None else ""
        return (
            f"{self.path}: locked by {holder}{who}; audit-tui cannot replace the lock "
            f"({exc.strerror or exc}): ask {holder} to close the draft or remove that file"
        )

    def release(self) -> None:
        """Remove the lock if this process holds it."""
        if not self.held:
            return
        owner = self.owner()
        if owner is None or owner.pid == os.getpid():
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.held = False
