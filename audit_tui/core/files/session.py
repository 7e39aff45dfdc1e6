"""One open draft: its file, its answers in memory, and whether they are saved.

The app edits `session.draft` and marks it dirty; saving goes through the core's
atomic save and refuses to overwrite a file that changed on disk since it was
loaded or last saved (another editor, a `git pull`, a second copy of the app).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from audit_tui.core.files.storage import Fingerprint, read_draft, save_draft, write_atomic
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.template import Field, Section, Template
from audit_tui.core.render.export import export_markdown

LAST_SECTION = "last_section"


class Conflict(Exception):
    """The draft file changed on disk since this session loaded or last saved it."""


def fingerprint(path: Path) -> Fingerprint | None:
    """The file's fingerprint, or None when there is none; DraftError when it cannot be read."""
    try:
        return Fingerprint.of(path)
    except OSError as exc:
        raise DraftError(f"{path}: cannot be checked: {exc.strerror or exc}") from None


def export_path(draft_path: Path) -> Path:
    """Where the markdown export of `draft_path` goes: same path, `.md`."""
    return draft_path.with_suffix(".md")


def recovery_path(draft_path: Path) -> Path:
    """Where answers go when the draft itself must not be overwritten on the way out."""
    return draft_path.with_name(f"{draft_path.stem}.recovered{draft_path.suffix or '.toml'}")


class Session:
    """The template, the draft file's path, its answers and their saved state."""

    def __init__(
        self, template: Template, path: Path, draft: Draft, saved: Fingerprint | None
    ) -> None:
        self.template = template
        self.path = path
        self.draft = draft
        self.saved = saved
        self.dirty = False

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
        draft = read_draft(file, template)
        return cls(template, file, draft, fingerprint(file))

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
        """True when the file is not the one this session loaded or last saved."""
        return fingerprint(self.path) != self.saved

    def save(self, *, overwrite: bool = False) -> None:
        """Save atomically; raise Conflict if the file changed on disk, DraftError if it fails."""
        if not overwrite and self.changed_on_disk():
            raise Conflict(f"{self.path} changed on disk since it was opened or saved")
        self.saved = save_draft(self.path, self.draft, self.template)
        self.dirty = False

    def save_as(self, path: str | Path) -> None:
        """Save to `path` and carry on there; DraftError if it fails (the session is unchanged)."""
        target = Path(path)
        saved = save_draft(target, self.draft, self.template)
        self.path, self.saved, self.dirty = target, saved, False

    def reload(self) -> None:
        """Replace the answers in memory with the file's; DraftError if it cannot be read."""
        draft = read_draft(self.path, self.template)
        self.draft, self.saved, self.dirty = draft, fingerprint(self.path), False

    def export(self) -> Path:
        """Write the report's markdown beside the draft and return its path."""
        out = export_path(self.path)
        if os.path.realpath(out) == os.path.realpath(self.path):
            raise DraftError(f"{out}: is the draft itself; rename the draft to export it")
        write_atomic(out, export_markdown(self.template, self.draft).encode("utf-8"))
        return out

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
            target = recovery_path(self.path)
            save_draft(target, self.draft, self.template)
            self.dirty = False
            return target
