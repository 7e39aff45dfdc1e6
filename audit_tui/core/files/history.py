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

    from audit_tui.core.model.template import Template

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


def change_summary(template: Template, older: bytes, newer: bytes | None) -> str:
    """One line: what changed from `older` to `newer` (the next version, or the draft now)."""
    from audit_tui.core.checks.diff import diff_drafts
    from audit_tui.core.files.storage import parse_draft
    from audit_tui.core.model.draft import Draft, DraftError

    if newer is None:
        return "the draft file is gone since"
    try:
        old = parse_draft(older, "version")
        new = parse_draft(newer, "draft")
    except DraftError as exc:
        return f"cannot be compared: {exc}"
    diff = diff_drafts(template, Draft(old.data), Draft(new.data))
    labels = [f.label for f in diff.fields] + [t.label for t in diff.tables]
    if not labels:
        return "no answer changed since (only the time or the section)"
    count = len(labels)
    shown = ", ".join(labels[:3]) + (f" and {count - 3} more" if count > 3 else "")
    return f"{count} answer{'s' if count != 1 else ''} changed since: {shown}"


def restore(draft: str | Path, version: Version, expected: bytes | None) -> bytes:
    """Put `version` back as the draft, atomically, keeping the draft it replaces in history.

    `expected`: the draft's bytes as the caller read them (ChangedOnDisk if they
    changed). Raises DraftError when the version is not a usable draft. Returns
    the bytes now in the draft.
    """
    from audit_tui.core.files.storage import parse_draft, write_draft_bytes
    from audit_tui.core.model.draft import DraftError

    try:
        payload = version.read()
    except OSError as exc:
        raise DraftError(f"{version.path}: cannot be read: {exc.strerror or exc}") from None
    parse_draft(payload, version.path)  # never put back what cannot be opened
    write_draft_bytes(draft, payload, expected=expected)
    return payload


def change_lines(template: Template, now: bytes | None, version: bytes) -> list[str]:
    """What restoring `version` over the draft `now` would change, one line per answer."""
    from audit_tui.core.checks.diff import diff_drafts, flat
    from audit_tui.core.files.storage import parse_draft
    from audit_tui.core.model.draft import Draft, DraftError

    try:
        new = parse_draft(version, "version")
        old = parse_draft(now, "draft") if now is not None else Draft.new(template)
    except DraftError as exc:
        return [str(exc)]
    diff = diff_drafts(template, old, new)
    lines = []
    for change in diff.fields:
        where = f"{change.section} › {change.label}"
        if change.change == "cleared":
            lines.append(f"{where}: cleared (was {flat(change.old)})")
        elif change.change == "answered":
            lines.append(f"{where}: {flat(change.new)}")
        else:
            lines.append(f"{where}: {flat(change.old)} → {flat(change.new)}")
    for table in diff.tables:
        counts = [
            f"{len(rows)} row{'s' if len(rows) != 1 else ''} {what}"
            for rows, what in (
                (table.added, "back"),
                (table.closed, "gone"),
                (table.changed, "changed"),
            )
            if rows
        ]
        lines.append(f"{table.section} › {table.label}: {', '.join(counts)}")
    return lines or ["No answer would change (only the time or the section)."]
