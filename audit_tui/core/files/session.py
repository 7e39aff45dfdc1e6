"""One open draft: its file, its answers in memory, and whether they are saved.

The app edits `session.draft` and marks it dirty; saving goes through the core's
atomic save and refuses to overwrite a file that changed on disk since it was
loaded or last saved (another editor, a `git pull`, a second copy of the app).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit_tui.core.files.safe_write import UNREAD, ChangedOnDisk, read_current, write_numbered
from audit_tui.core.files.storage import (
    Fingerprint,
    has_comments,
    load_draft,
    stamp_and_serialise,
    write_draft_bytes,
)
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.template import Field, Section, Template
from audit_tui.core.render.formats import MARKDOWN, ExportFormat, check_target

if TYPE_CHECKING:
    from audit_tui.core.files.history import Version

LAST_SECTION = "last_section"


class Conflict(Exception):
    """The draft file changed on disk since this session loaded or last saved it."""


def fingerprint(path: Path) -> Fingerprint | None:
    """The file's fingerprint, or None when there is none; DraftError when it cannot be read."""
    try:
        return Fingerprint.of(path)
    except OSError as exc:
        raise DraftError(f"{path}: cannot be checked: {exc.strerror or exc}") from None


def recovery_path(draft_path: Path) -> Path:
    """Where answers go when the draft itself must not be overwritten on the way out."""
    return draft_path.with_name(f"{draft_path.stem}.recovered{draft_path.suffix or '.toml'}")


class Session:
    """The template, the draft file's path, its answers and their saved state."""

    def __init__(
        self,
        template: Template,
        path: Path,
        draft: Draft,
        saved: Fingerprint | None,
        raw: bytes | None = None,
    ) -> None:
        self.template = template
        self.path = path
        self.draft = draft
        self.saved = saved
        self.raw = raw  # the file's bytes as read or last saved: a save checks them
        self.dirty = False
        self.read_only: str | None = None  # why saving is off, when it is
        self.comments_dropped = False  # a save replaced a file with comments (kept in history)
        self._comments = raw is not None and has_comments(raw)

    @classmethod
    def open(cls, template: Template, path: str | Path) -> Session:
        """Open the draft at `path`, or start a new one when there is no file there.

        Raises DraftError with the core's message when the file cannot be used.
        """
        file = Path(path)
        if fingerprint(file) is None and not os.path.lexists(file):
            folder = file.parent
            if not folder.is_dir():
                raise DraftError(f"{file}: folder {folder} does not exist")
            return cls(template, file, Draft.new(template), None)
        draft, raw = load_draft(file, template)
        return cls(template, file, draft, fingerprint(file), raw)

    @property
    def exists(self) -> bool:
        """True once the draft has a file on disk."""
        return self.saved is not None

    # -- answers ----------------------------------------------------------
    def set(self, field: Field, value: Any) -> None:
        """Store an answer and mark the draft unsaved."""
        self.draft.set(field, value)
        self.dirty = True

    @property
    def last_section(self) -> str | None:
        value = self.draft.data.get("meta", {}).get(LAST_SECTION)
        return value if isinstance(value, str) else None

    def visit(self, section: Section) -> None:
        """Remember `section` as where the auditor is, so a resumed draft opens there."""
        if self.last_section != section.id:
            self.draft.meta[LAST_SECTION] = section.id
            self.dirty = True

    # -- disk -------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        """True when the file's bytes are not the ones this session loaded or last saved."""
        try:
            return read_current(os.path.realpath(self.path)) != self.raw
        except OSError as exc:
            raise DraftError(f"{self.path}: cannot be checked: {exc.strerror or exc}") from None

    def save(self, *, overwrite: bool = False) -> None:
        """Save atomically; raise Conflict if the file changed on disk, DraftError if it fails.

        The version replaced is kept in the draft's history, with `overwrite` too.
        """
        if self.read_only is not None:
            raise DraftError(self.read_only)
        payload = stamp_and_serialise(self.draft, self.template)
        try:
            self.saved = write_draft_bytes(
                self.path, payload, expected=UNREAD if overwrite else self.raw
            )
        except ChangedOnDisk:
            raise Conflict(f"{self.path} changed on disk since it was opened or saved") from None
        if self._comments:
            self.comments_dropped, self._comments = True, False
        self.raw, self.dirty = payload, False

    def save_as(self, path: str | Path) -> None:
        """Save to `path` and carry on there; DraftError if it fails (the session is unchanged)."""
        target = Path(path)
        payload = stamp_and_serialise(self.draft, self.template)
        saved = write_draft_bytes(target, payload)
        self.path, self.saved, self.raw, self.dirty = target, saved, payload, False
        self.read_only, self._comments = None, False

    def reload(self) -> None:
        """Replace the answers in memory with the file's; DraftError if it cannot be read."""
        draft, raw = load_draft(self.path, self.template)
        self.draft, self.saved, self.raw, self.dirty = draft, fingerprint(self.path), raw, False
        self._comments = has_comments(raw)

    def export(self, chosen: ExportFormat = MARKDOWN, *, force: bool = False) -> Path:
        """Write the report in `chosen` format beside the draft and return its path.

        A file there that is not an earlier export of this draft is not replaced
        unless `force` (UserFile otherwise).
        """
        out = Path(chosen.path(self.path))
        check_target(out, self.path)
        return self.write_export(chosen, chosen.write(self.template, self.draft), force=force)

    def write_export(self, chosen: ExportFormat, payload: bytes, *, force: bool = False) -> Path:
        """Write `payload` (made by the app, as the PDF is) as `chosen`'s export; see `export`."""
        from audit_tui.core.files.export_target import write_export

        out = Path(chosen.path(self.path))
        check_target(out, self.path)
        write_export(self.path, self.draft, out, payload, chosen=False, force=force)
        return out

    def restore(self, version: Version) -> None:
        """Put an earlier version back as the draft (the current one goes to history).

        Raises Conflict if the file changed on disk, DraftError if it cannot be done.
        """
        from audit_tui.core.files.restore import restore
        from audit_tui.core.files.storage import parse_draft

        if self.read_only is not None:
            raise DraftError(self.read_only)
        try:
            payload = restore(self.path, version, self.raw)
        except ChangedOnDisk:
            raise Conflict(f"{self.path} changed on disk since it was opened or saved") from None
        self.draft = parse_draft(payload, str(self.path))
        self.saved, self.raw, self.dirty = fingerprint(self.path), payload, False
        self._comments = has_comments(payload)

    def save_for_exit(self) -> Path | None:
        """Save before the process ends, without asking anyone; return where, or None.

        If the draft changed on disk, the answers go to a recovery file beside it
        rather than over the other writer's work.
        """
        if not self.dirty:
            return None
        try:
            self.save()
            return self.path
        except Conflict:
            # Numbered: a second conflict never overwrites the first recovery file.
            payload = stamp_and_serialise(self.draft, self.template)
            target = Path(write_numbered(recovery_path(self.path), payload))
            self.dirty = False
            return target
