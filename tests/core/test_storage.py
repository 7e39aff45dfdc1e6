"""Saving never loses the old draft, makes new drafts private, and refuses what TOML can't hold."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from audit_tui.core.files import storage
from audit_tui.core.files.storage import Fingerprint, read_draft, save_draft, write_atomic
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.template import Template

OLD = b'[meta]\nformat = 1\n\n[security]\nrating = "C"\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder for drafts, so that leftovers are easy to see."""
    path = tmp_path / "drafts"
    path.mkdir()
    return path


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    saved = os.umask(0o022)
    os.umask(saved)
    yield os.umask
    os.umask(saved)


def changed_draft(template: Template) -> Draft:
    draft = Draft()
    draft.set(template.field("security.rating"), "A")
    return draft


class FailingFile:
    """A file whose write stops halfway and fails, as on a full disk."""

    def __init__(self, real: io.BufferedWriter) -> None:
        self.real = real

    def __enter__(self) -> FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def fileno(self) -> int:
        return self.real.fileno()

    def flush(self) -> None:
        self.real.flush()

    def write(self, data: bytes) -> int:
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(28, "No space left on device")


def fail_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        return FailingFile(real_fdopen(fd, mode, *args, **kwargs))

    monkeypatch.setattr(storage.os, "fdopen", fdopen)


def fail_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(storage.os, "fsync", fsync)


def fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(src: Any, dst: Any) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(storage.os, "replace", replace)


@pytest.mark.parametrize("failure", [fail_write, fail_fsync, fail_replace])
def test_failed_save_keeps_the_old_file_and_leaves_no_temp_file(
    template: Template,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: Callable[[pytest.MonkeyPatch], None],
) -> None:
    path = folder / "report.toml"
    path.write_bytes(OLD)
    failure(monkeypatch)
    with pytest.raises(DraftError) as caught:
        save_draft(path, changed_draft(template), template)
    assert str(caught.value).startswith(f"{path}: cannot be written: ")
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == OLD
    assert [p.name for p in folder.iterdir()] == ["report.toml"]


@pytest.mark.parametrize("failure", [fail_write, fail_fsync, fail_replace])
def test_failed_first_save_leaves_nothing(
    template: Template,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: Callable[[pytest.MonkeyPatch], None],
) -> None:
    failure(monkeypatch)
    with pytest.raises(DraftError):
        save_draft(folder / "new.toml", changed_draft(template), template)
    assert list(folder.iterdir()) == []


def test_save_replaces_the_file_whole(template: Template, folder: Path) -> None:
    path = folder / "report.toml"
    path.write_bytes(OLD)
    fingerprint = save_draft(path, changed_draft(template), template)
    assert read_draft(path, template).data["security"] == {"rating": "A"}
    assert fingerprint == Fingerprint.of(path)
    assert [p.name for p in folder.iterdir()] == ["report.toml"]
    assert Fingerprint.of(folder / "missing.toml") is None


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o077])
def test_new_draft_is_private_whatever_the_umask(
    template: Template, folder: Path, umask: Callable[[int], int], mask: int
) -> None:
    umask(mask)
    path = folder / "report.toml"
    save_draft(path, changed_draft(template), template)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_existing_draft_keeps_its_mode(
    template: Template, folder: Path, umask: Callable[[int], int], mode: int
) -> None:
    umask(0o077)
    path = folder / "report.toml"
    path.write_bytes(OLD)
    path.chmod(mode)
    save_draft(path, changed_draft(template), template)
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("executive_summary.readiness_status", "ok \ud800 no", "lone surrogate"),
        ("executive_summary.overall_health", 2**63, "too large for TOML"),
        ("executive_summary.overall_health", -(2**63) - 1, "too large for TOML"),
        ("security.remaining_risks", ["fine", None], "no value"),
        ("executive_summary.risk_assessment", object(), "object is not a TOML value"),
    ],
)
def test_unsaveable_value_is_refused_before_anything_is_written(
    template: Template, folder: Path, key: str, value: Any, reason: str
) -> None:
    item = template.field(key)
    draft = Draft()
    draft.set(item, value)
    for path in (folder / "new.toml", folder / "old.toml"):
        if path.name == "old.toml":
            path.write_bytes(OLD)
        with pytest.raises(DraftError) as caught:
            save_draft(path, draft, template)
        message = str(caught.value)
        assert message.startswith(key) and reason in message
        assert "updated" not in draft.meta
    assert [p.name for p in folder.iterdir()] == ["old.toml"]
    assert (folder / "old.toml").read_bytes() == OLD


def test_unsaveable_key_and_cell_are_named(template: Template, folder: Path) -> None:
    draft = Draft({"risks": [{"issue": "x", "impact": None}]})
    with pytest.raises(DraftError, match=r"^risks\[0\]\.impact: cannot be saved"):
        save_draft(folder / "d.toml", draft, template)
    draft = Draft({"appendix": {"bad \udcff key": 1}})
    with pytest.raises(DraftError, match=r"^appendix: cannot be saved: key .*surrogate"):
        save_draft(folder / "d.toml", draft, template)
    draft = Draft({"appendix": {3: 1}})
    with pytest.raises(DraftError, match=r"^appendix: cannot be saved: key 3 is not text"):
        save_draft(folder / "d.toml", draft, template)
    assert list(folder.iterdir()) == []


def test_failed_save_keeps_the_previous_updated_stamp(template: Template, folder: Path) -> None:
    draft = changed_draft(template)
    save_draft(folder / "d.toml", draft, template)
    stamp = draft.meta["updated"]
    draft.set(template.field("security.rating"), 2**64)
    with pytest.raises(DraftError):
        save_draft(folder / "d.toml", draft, template)
    assert draft.meta["updated"] == stamp


def test_saving_through_a_symlink_keeps_the_link(template: Template, folder: Path) -> None:
    real = folder / "real.toml"
    real.write_bytes(OLD)
    link = folder / "link.toml"
    link.symlink_to(real.name)
    save_draft(link, changed_draft(template), template)
    assert link.is_symlink() and os.readlink(link) == "real.toml"
    assert read_draft(real, template).data["security"] == {"rating": "A"}
    assert sorted(p.name for p in folder.iterdir()) == ["link.toml", "real.toml"]


def test_write_into_a_missing_folder_is_one_line(folder: Path) -> None:
    target = folder / "nope" / "out.md"
    with pytest.raises(DraftError) as caught:
        write_atomic(target, b"x", chosen=True)
    assert (
        str(caught.value) == f"{target}: cannot be written: folder {target.parent} does not exist"
    )


def test_write_over_a_folder_is_refused(folder: Path) -> None:
    (folder / "out.md").mkdir()
    with pytest.raises(DraftError, match="is a folder"):
        write_atomic(folder / "out.md", b"x", chosen=True)
