"""The history of a draft: every save keeps the version it replaces.

Versions live in the user's state folder, not beside the draft (where a `git add .`
would publish them): `$XDG_STATE_HOME/audit-tui/history/NAME-KEY/` (by default
`~/.local/state/...`), KEY telling apart drafts of the same name in other folders.
Each folder is private (0700) and each version (0600) is named by the time it was
replaced. The newest 100 versions are kept, and any version younger than 30 days,
whichever keeps more.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from typing import TYPE_CHECKING

from audit_tui.core.files.safe_write import WriteRefused, private_folder, write_file
from audit_tui.core.model.record import record

if TYPE_CHECKING:
    from pathlib import Path

KEEP_VERSIONS = 100
KEEP_DAYS = 30
_SUFFIX = ".toml"


@record
class Version:
    """One kept version of a draft: number 1 is the one the last save replaced."""

    number: int
    path: str
    replaced_ns: int

    @property
    def replaced(self) -> datetime.datetime:
        """When a save replaced this version (local time)."""
        return datetime.datetime.fromtimestamp(self.replaced_ns / 1e9).astimezone()

    def read(self) -> bytes:
        with open(self.path, "rb") as handle:
            return handle.read()


def state_folder() -> str:
    """audit-tui's folder in the user's state directory (XDG: `~/.local/state/audit-tui`)."""
    base = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: the spec says to ignore it
        base = os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(base, "audit-tui")


def history_folder(draft: str | Path) -> str:
    """Where the versions of `draft` are kept: one folder per draft (by its real path)."""
    import zlib  # hashlib's import costs ~10 ms; this key only tells folders apart

    real = os.path.realpath(draft)
    data = real.encode("utf-8", "surrogateescape")
    key = f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"
    name = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in os.path.basename(real))
    return os.path.join(state_folder(), "history", f"{name[:64]}-{key}")


def make_history_folder(draft: str | Path) -> str:
    """Make the history folder of `draft` and the folders above it, all private (0700)."""
    folder = history_folder(draft)
    base = os.path.dirname(state_folder())
    try:
        os.makedirs(base, 0o700, exist_ok=True)
    except OSError as exc:
        raise WriteRefused(f"{base}: cannot be made: {exc.strerror or exc}") from None
    private_folder(state_folder())
    private_folder(os.path.dirname(folder))
    return private_folder(folder)


def versions(draft: str | Path) -> list[Version]:
    """The kept versions of `draft`, newest first, numbered from 1."""
    folder = history_folder(draft)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise WriteRefused(f"{folder}: cannot be read: {exc.strerror or exc}") from None
    stamped = sorted(
        ((_stamp(name), name) for name in names if _stamp(name) is not None),
        reverse=True,
    )
    return [
        Version(number, os.path.join(folder, name), stamp or 0)
        for number, (stamp, name) in enumerate(stamped, start=1)
    ]


def _stamp(name: str) -> int | None:
    """The time (ns) in a version's file name `NANOSECONDS[-N].toml`, or None for other files."""
    if not name.endswith(_SUFFIX):
        return None
    head = name[: -len(_SUFFIX)].split("-", 1)[0]
    return int(head) if head.isdigit() and len(head) <= 20 else None


def keep_version(target: str, replaced: bytes) -> str:
    """Keep `replaced` (the bytes of `target` a save is about to replace) in its history.

    The draft file is hard-linked into the history when it can be (no copy to write);
    otherwise its bytes are written there. Returns the version's file.
    """
    folder = make_history_folder(target)
    stamp = time_ns()
    for extra in range(1000):
        name = f"{stamp:020d}{f'-{extra}' if extra else ''}{_SUFFIX}"
        entry = os.path.join(folder, name)
        try:
            os.link(target, entry, follow_symlinks=False)  # no copy, on the same file system
        except FileExistsError:
            continue
        except OSError:
            try:
                write_file(entry, replaced, chosen=False, exclusive=True)
            except FileExistsError:
                continue
        prune(target)
        return entry
    raise WriteRefused(f"{folder}: too many versions at one time; not saved")


def time_ns() -> int:
    """Now, in nanoseconds since the epoch (a function of its own so tests can move time)."""
    import time

    return time.time_ns()


def prune(draft: str | Path, *, now_ns: int | None = None) -> list[str]:
    """Delete the versions beyond the newest KEEP_VERSIONS that are older than KEEP_DAYS."""
    cutoff = (time_ns() if now_ns is None else now_ns) - KEEP_DAYS * 86400 * 10**9
    removed = []
    for version in versions(draft)[KEEP_VERSIONS:]:
        if version.replaced_ns < cutoff:
            with contextlib.suppress(OSError):
                os.unlink(version.path)
                removed.append(version.path)
    return removed
