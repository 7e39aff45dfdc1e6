"""The history of a draft: every save keeps the version it replaces, bounded and private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from audit_tui.core.files import history
from audit_tui.core.files.history import (
    KEEP_DAYS,
    KEEP_VERSIONS,
    history_folder,
    prune,
    state_folder,
    versions,
)
from audit_tui.core.files.storage import save_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from tests.cli.helpers import assert_one_error, audit_tui

DAY_NS = 86400 * 10**9


def draft_with(template: Template, health: int) -> Draft:
    draft = Draft.new(template)
    draft.set(template.field("executive_summary.overall_health"), health)
    return draft


def mode(path: str | Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_each_save_keeps_the_version_it_replaces_newest_first(
    template: Template, isolated: Path
) -> None:
    path = isolated / "d.toml"
    written = []
    for health in (1, 2, 3):
        save_draft(path, draft_with(template, health), template)
        written.append(path.read_bytes())
    kept = versions(path)
    assert [v.number for v in kept] == [1, 2]
    assert [v.read() for v in kept] == [written[1], written[0]]
    # Kept in the user's state folder, not beside the draft.
    assert sorted(p.name for p in isolated.iterdir()) == ["d.toml"]
    assert history_folder(path).startswith(state_folder())


def test_history_is_private_whatever_the_draft_and_the_umask(
    template: Template, isolated: Path
) -> None:
    path = isolated / "d.toml"
    path.write_bytes(b"[meta]\nformat = 1\n")
    path.chmod(0o644)
    old = os.umask(0)
    try:
        save_draft(path, draft_with(template, 4), template)
    finally:
        os.umask(old)
    assert mode(path) == 0o644  # the draft keeps its mode
    folder = history_folder(path)
    for made in (folder, os.path.dirname(folder), state_folder()):
        assert mode(made) == 0o700, made
    (kept,) = versions(path)
    assert kept.read() == b"[meta]\nformat = 1\n"
    assert mode(kept.path) == 0o600
    assert os.stat(kept.path).st_uid == os.geteuid()


def test_a_folder_planted_where_the_history_goes_is_refused(
    template: Template, isolated: Path
) -> None:
    path = isolated / "d.toml"
    save_draft(path, draft_with(template, 1), template)
    before = path.read_bytes()
    folder = history_folder(path)
    os.makedirs(os.path.dirname(folder), mode=0o700)
    os.symlink(isolated, folder)  # a link is not a folder of ours
    with pytest.raises(Exception, match="not a folder of yours"):
        save_draft(path, draft_with(template, 2), template)
    assert path.read_bytes() == before


def test_history_keeps_100_versions_or_30_days_whichever_is_more(
    template: Template, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = isolated / "d.toml"
    clock = {"now": 1_000 * DAY_NS}
    monkeypatch.setattr(history, "time_ns", lambda: clock["now"])
    # 110 saves within one day: all are younger than 30 days, so all are kept.
    for n in range(111):
        clock["now"] += 60 * 10**9
        save_draft(path, draft_with(template, 1 + n % 10), template)
    assert len(versions(path)) == 110
    # 40 days later, one more save: the newest 100 stay, the older ones go.
    clock["now"] += (KEEP_DAYS + 10) * DAY_NS
    save_draft(path, draft_with(template, 5), template)
    kept = versions(path)
    assert len(kept) == KEEP_VERSIONS
    assert [v.number for v in kept] == list(range(1, KEEP_VERSIONS + 1))
    assert prune(path) == []  # nothing more to drop


def test_restore_keeps_the_current_version_and_a_restore_can_be_restored(
    template: Template, isolated: Path
) -> None:
    path = isolated / "d.toml"
    contents = []
    for health in (1, 2, 3):
        save_draft(path, draft_with(template, health), template)
        contents.append(path.read_bytes())
    listing = audit_tui("history", path, cwd=isolated)
    assert listing.code == 0, listing.err
    lines = listing.out.splitlines()
    assert [line.split()[0] for line in lines] == ["1", "2"]
    assert "1 answer changed since: Overall System Health" in lines[0]
    result = audit_tui("history", path, "--restore", "2", cwd=isolated)
    assert result.code == 0, result.err
    assert path.read_bytes() == contents[0]
    assert [v.read() for v in versions(path)] == [contents[2], contents[1], contents[0]]
    # The restore itself is undone by restoring version 1 (what it replaced).
    assert audit_tui("history", path, "--restore", "1", cwd=isolated).code == 0
    assert path.read_bytes() == contents[2]
    assert len(versions(path)) == 4


def test_restoring_a_version_that_is_not_there_is_one_line(
    template: Template, isolated: Path
) -> None:
    path = isolated / "d.toml"
    save_draft(path, draft_with(template, 1), template)
    before = path.read_bytes()
    assert_one_error(audit_tui("history", path, "--restore", "3", cwd=isolated), "no version 3")
    assert path.read_bytes() == before
    empty = audit_tui("history", path, cwd=isolated)
    assert empty.code == 0 and "no earlier version kept yet" in empty.err
    assert_one_error(
        audit_tui("history", isolated / "typo.toml", cwd=isolated),
        "typo.toml: no such file, and no version of it kept",
    )
    assert not (isolated / "typo.toml").exists()


def test_a_deleted_draft_is_listed_and_put_back_from_its_history(
    template: Template, isolated: Path
) -> None:
    path = isolated / "d.toml"
    for health in (1, 2):
        save_draft(path, draft_with(template, health), template)
    path.unlink()
    listing = audit_tui("history", path, cwd=isolated)
    assert listing.code == 0 and listing.out.split()[0] == "1", listing.err
    assert audit_tui("history", path, "--restore", "1", cwd=isolated).code == 0
    assert "overall_health = 1" in path.read_text(encoding="utf-8")


def test_a_history_on_another_file_system_gets_a_private_copy(
    template: Template, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def cross_device(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    path = isolated / "d.toml"
    path.write_bytes(b"[meta]\nformat = 1\n")
    path.chmod(0o644)
    monkeypatch.setattr(history.os, "link", cross_device)
    save_draft(path, draft_with(template, 4), template)
    (kept,) = versions(path)
    assert kept.read() == b"[meta]\nformat = 1\n" and mode(kept.path) == 0o600
    assert os.stat(kept.path).st_ino != os.stat(path).st_ino


def test_a_save_that_fails_keeps_no_version(
    template: Template, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from audit_tui.core.files import safe_write

    path = isolated / "d.toml"
    save_draft(path, draft_with(template, 1), template)
    before = path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(safe_write.os, "replace", fail)
    with pytest.raises(Exception, match="cannot be written"):
        save_draft(path, draft_with(template, 2), template)
    assert path.read_bytes() == before
    assert versions(path) == []
