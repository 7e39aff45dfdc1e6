"""Exports never replace, unasked, a file the user wrote.

An export may replace an earlier export of the same draft (a digest of its bytes
is recorded, by path, in the draft's history folder as `exports`). Any other
existing file, and above all the markdown a draft was imported from (its path
is in `meta.imported_from`), is replaced only when the user says so (`force`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from audit_tui.core.files.safe_write import WriteRefused, read_current, writable_target, write_file
from audit_tui.core.model.draft import META, Draft

if TYPE_CHECKING:
    from pathlib import Path

IMPORTED_FROM = "imported_from"
_RECORD = "exports"  # lines of `DIGEST PATH` (json's import would cost the command ~1.5 ms)


class UserFile(WriteRefused):
    """The export would replace a file the user wrote; asked again with `force` it may."""


def imported_from(draft_path: str | Path, report: str | Path) -> str:
    """How `meta.imported_from` names `report`: relative to the draft's folder."""
    folder = os.path.dirname(os.path.realpath(draft_path))
    return os.path.relpath(os.path.realpath(report), folder)


def _source(draft_path: str | Path, draft: Draft) -> str | None:
    value = draft.data.get(META, {}).get(IMPORTED_FROM)
    if not isinstance(value, str) or not value:
        return None
    folder = os.path.dirname(os.path.realpath(draft_path))
    return os.path.realpath(os.path.join(folder, value))


def _digest(payload: bytes) -> str:
    """Enough to tell our own export from any other bytes by accident (not a defence
    against someone forging it: whoever can write the file can replace it anyway).
    zlib rather than hashlib: hashlib's import costs the export command ~10 ms."""
    import zlib

    return f"{len(payload)}:{zlib.crc32(payload):08x}:{zlib.adler32(payload):08x}"


def _record_path(draft_path: str | Path) -> str:
    from audit_tui.core.files.history import history_folder

    return os.path.join(history_folder(draft_path), _RECORD)


def _records(draft_path: str | Path) -> dict[str, str]:
    try:
        raw = read_current(_record_path(draft_path)) or b""
    except OSError:
        return {}
    records = {}
    for line in raw.decode("utf-8", "surrogateescape").splitlines():
        digest, _, path = line.partition(" ")
        if path:
            records[path] = digest
    return records


def user_file(draft_path: str | Path, draft: Draft, out: str | Path) -> str | None:
    """Why writing `out` would replace a file the user wrote, or None when it would not."""
    real = os.path.realpath(out)
    if real == _source(draft_path, draft):
        return f"{out}: is the report this draft was imported from; it would be replaced"
    try:
        current = read_current(real)
    except OSError:
        return None  # not a regular file: the writer rules refuse it with their own line
    if current is None or not current:
        return None
    if _records(draft_path).get(real) == _digest(current):
        return None  # an earlier export of this draft, unchanged since
    return f"{out}: exists and is not an earlier export of this draft; it would be replaced"


def write_export(
    draft_path: str | Path,
    draft: Draft,
    out: str | Path,
    payload: bytes,
    *,
    chosen: bool,
    force: bool = False,
) -> str:
    """Write an export of the draft at `draft_path` to `out` by the writer rules.

    Raises UserFile when `out` is a file the user wrote (unless `force`), and
    WriteRefused when the rules forbid the write. Returns the real path written.
    """
    writable_target(out, chosen=chosen)  # a planted link or a device: refused before asking
    if os.path.realpath(out) == os.path.realpath(draft_path):
        raise WriteRefused(f"{out}: is the draft itself; choose another output path")
    why = user_file(draft_path, draft, out)
    if why is not None and not force:
        raise UserFile(why)
    target = write_file(out, payload, chosen=chosen)
    _remember(draft_path, target, payload)
    return target


def _remember(draft_path: str | Path, target: str, payload: bytes) -> None:
    """Record what was exported where, so that the next export may replace it."""
    from audit_tui.core.files.history import make_history_folder

    records = _records(draft_path)
    digest = _digest(payload)
    if records.get(target) == digest:
        return  # already recorded (the same export again): no write, no sync
    records[target] = digest
    lines = "".join(f"{digest} {path}\n" for path, digest in records.items() if "\n" not in path)
    try:
        make_history_folder(draft_path)
        # Not synced: if it is lost, the next export only asks before replacing.
        write_file(
            _record_path(draft_path),
            lines.encode("utf-8", "surrogateescape"),
            chosen=False,
            sync=False,
        )
    except WriteRefused:
        pass  # the export is written; the next one will ask before replacing it
