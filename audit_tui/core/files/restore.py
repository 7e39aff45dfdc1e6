"""What the history is for: what changed between versions, and putting one back.

Kept apart from `history` (which only keeps versions) because a save keeps its
version through `history`, and restoring saves through `storage`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit_tui.core.checks.diff import diff_drafts
from audit_tui.core.files.history import Version
from audit_tui.core.files.storage import parse_draft, write_draft_bytes
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.render.text import one_line

if TYPE_CHECKING:
    from pathlib import Path

    from audit_tui.core.model.template import Template


def change_summary(template: Template, older: bytes, newer: bytes | None) -> str:
    """One line: what changed from `older` to `newer` (the next version, or the draft now)."""
    if newer is None:
        return "the draft file is gone since"
    try:
        old = parse_draft(older, "version")
        new = parse_draft(newer, "draft")
    except DraftError as exc:
        return f"cannot be compared: {exc}"
    diff = diff_drafts(template, old, new)
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
    try:
        payload = version.read()
    except OSError as exc:
        raise DraftError(f"{version.path}: cannot be read: {exc.strerror or exc}") from None
    parse_draft(payload, version.path)  # never put back what cannot be opened
    write_draft_bytes(draft, payload, expected=expected)
    return payload


def change_lines(template: Template, now: bytes | None, version: bytes) -> list[str]:
    """What restoring `version` over the draft `now` would change, one line per answer."""
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
            lines.append(f"{where}: cleared (was {one_line(change.old)})")
        elif change.change == "answered":
            lines.append(f"{where}: {one_line(change.new)}")
        else:
            lines.append(f"{where}: {one_line(change.old)} → {one_line(change.new)}")
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
