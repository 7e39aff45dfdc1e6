"""Issue #13 in the app: a save during a slow import, exports over the user's files,
comments, a full disk at start, planted locks, huge numbers, quitting without saving,
and restoring an earlier version from the palette."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from audit_tui.core.files.history import versions
from audit_tui.core.files.lock import lock_path
from audit_tui.core.files.session import Session
from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.template import Template
from audit_tui.tui.app import AuditApp
from audit_tui.tui.dialogs.confirm import ConfirmDialog
from audit_tui.tui.dialogs.export_dialog import FORMATS
from audit_tui.tui.dialogs.restore import RestoreDialog
from audit_tui.tui.dialogs.unreadable import UnreadableDraftScreen
from audit_tui.tui.editor import EditorScreen
from tests.cli.helpers import assert_one_error, audit_tui
from tests.conftest import DATA
from tests.reliability.test_writers import ENV_DRAFT, start_slow_import
from tests.tui.helpers import (
    DRAFT,
    SIZE,
    editor,
    make_app,
    notified,
    press,
    saved,
    screen_text,
    settle,
    wait_until,
    write_draft,
)

HEALTH = "executive_summary.overall_health"


def notes(app: AuditApp) -> list[str]:
    """The messages of every notification the app has shown so far."""
    return [str(n.message) for n in app._notifications]


def set_health(app: AuditApp, value: int) -> None:
    session = app.session
    assert session is not None
    session.set(app.template.field(HEALTH), value)


async def test_1_the_app_saves_during_a_slow_import_and_both_are_kept(
    template: Template, isolated: Path
) -> None:
    draft = isolated / DRAFT
    draft.write_bytes(ENV_DRAFT)
    process, go = start_slow_import(isolated, draft)
    try:
        app = make_app(template, autosave_delay=60)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, UnreadableDraftScreen)  # the import holds the lock
            assert f"process {process.pid}" in screen_text(app)
            await press(pilot, "o")  # open it anyway
            await settle(pilot)
            assert isinstance(app.screen, EditorScreen)
            set_health(app, 4)
            assert app.save()
            saved_by_app = draft.read_bytes()
            go.touch()
            _, err = process.communicate(timeout=120)
            assert process.returncode == 2, err
            assert "changed on disk while importing" in err
        assert draft.read_bytes() == saved_by_app
        assert saved(template)["executive_summary"] == {"overall_health": 4}
        recovered = saved(template, isolated / "audit-report.recovered.toml")
        assert recovered["security"]["vulnerabilities_found"]
    finally:
        process.kill()


async def test_2_the_app_asks_before_exporting_over_the_imported_report(
    template: Template, isolated: Path
) -> None:
    report = isolated / "audit-report.md"
    shutil.copyfile(DATA / "full.md", report)
    report.write_bytes(report.read_bytes() + b"\nMy own closing words.\n")
    before = report.read_bytes()
    assert audit_tui("import", report, cwd=isolated).code == 0
    markdown = next(f for f in FORMATS if f.name == "md")
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app._export(markdown)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "imported from" in screen_text(app)
        await press(pilot, "n")
        assert report.read_bytes() == before
        app._export(markdown)
        await settle(pilot)
        await press(pilot, "y")
        assert not isinstance(app.screen, ConfirmDialog)
    assert report.read_bytes() != before  # replaced by the export, once confirmed
    assert report.read_bytes().startswith(b"# Final Backend Audit Report")


@pytest.mark.parametrize("name", ["html", "json"])
async def test_2_the_app_asks_before_exporting_over_a_file_the_user_wrote(
    template: Template, isolated: Path, name: str
) -> None:
    """Every format keeps the rule, chosen by keys: ask, `n` keeps the user's file, `y`
    replaces it, and the next export replaces its own earlier output without asking."""
    write_draft({"executive_summary": {"overall_health": 7}})
    chosen = next(f for f in FORMATS if f.name == name)
    out = isolated / chosen.path(DRAFT)
    out.write_bytes(b"my own notes, not an export\n")
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        async def export() -> None:
            await press(pilot, "ctrl+f")
            await wait_until(pilot, lambda: app.screen.id == "export-dialog", "export dialog")
            await press(pilot, *["down"] * FORMATS.index(chosen), "enter")

        await export()
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        assert "not an earlier export" in screen_text(app)
        await press(pilot, "n")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "editor again")
        assert out.read_bytes() == b"my own notes, not an export\n"
        await export()
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await press(pilot, "y")
        await wait_until(
            pilot,
            lambda: out.read_bytes().startswith(b"<!") or out.read_bytes().startswith(b"{"),
            "the export",
        )
        first = out.read_bytes()
        set_health(app, 3)
        await export()
        await wait_until(pilot, lambda: out.read_bytes() != first, "the second export")
        assert not isinstance(app.screen, ConfirmDialog)  # its own earlier export: no question
    assert b"my own notes" not in out.read_bytes()


async def test_3_the_app_says_once_that_comments_went_to_history(
    template: Template, isolated: Path
) -> None:
    commented = ENV_DRAFT + b"[executive_summary]\noverall_health = 7 # provisional\n"
    (isolated / DRAFT).write_bytes(commented)
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for value in (5, 6):
            set_health(app, value)
            assert app.save()
            await settle(pilot)
        await notified(pilot, "comments")  # a notification arrives as a message, later
        told = [n for n in notes(app) if "comments" in n]
        assert len(told) == 1 and "Restore an earlier version" in told[0]
    assert versions(isolated / DRAFT)[-1].read() == commented


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A tiny tmpfs, filled up, with a draft in it (skipped where mounting is not allowed)."""
    mount = tmp_path / "full"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        (mount / DRAFT).write_bytes(ENV_DRAFT)
        try:
            with open(mount / "filler", "wb") as filler:
                while True:
                    filler.write(b"x" * 1024)
                    filler.flush()
        except OSError:
            pass  # full
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


async def test_10_a_full_disk_at_start_opens_the_draft_read_only(
    template: Template, full_disk: Path
) -> None:
    draft = full_disk / DRAFT
    app = make_app(template, draft, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert app.session is not None and app.session.read_only
        await notified(pilot, "disk is full")
        assert not lock_path(draft).exists()  # no empty lock left
        set_health(app, 3)
        assert not app.save()
        await settle(pilot)
    app.save_for_exit()
    assert draft.read_bytes() == ENV_DRAFT
    assert sorted(p.name for p in full_disk.iterdir()) == [DRAFT, "filler"]


async def test_10_a_garbage_lock_of_another_user_is_one_line_in_the_app(
    template: Template, isolated: Path
) -> None:
    write_draft({})
    before = Path(DRAFT).read_bytes()
    lock = lock_path(DRAFT)
    lock.write_bytes(b"\x00garbage")
    os.chown(lock, 65534, 65534)
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnreadableDraftScreen)
        assert "cannot read" in app.screen.message and "\n" not in app.screen.message
    assert lock.read_bytes() == b"\x00garbage" and Path(DRAFT).read_bytes() == before


async def test_11_a_huge_number_in_the_draft_is_one_line_and_leaves_no_lock(
    template: Template, isolated: Path
) -> None:
    Path(DRAFT).write_text(f"[meta]\nformat = 1\n[executive_summary]\nx = {'9' * 5000}\n")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnreadableDraftScreen)
        assert "more than 4300 digits" in app.screen.message
    assert not lock_path(DRAFT).exists()


async def test_12_ctrl_q_again_quits_without_saving(
    template: Template, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_draft({})
    before = Path(DRAFT).read_bytes()
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = app.session
        assert session is not None
        failing = {"count": 0}
        real_save = session.save

        def save_fails_once(**options: Any) -> None:
            failing["count"] += 1
            if failing["count"] == 1:
                raise DraftError(f"{DRAFT}: cannot be written: disk trouble")
            real_save(**options)

        monkeypatch.setattr(session, "save", save_fails_once)
        set_health(app, 8)
        await app.action_quit()
        await settle(pilot)
        assert app.save_error is not None and app.is_running
        await app.action_quit()  # "ctrl+q again to quit without saving"
        await settle(pilot)
    assert app.return_code == 1
    app.save_for_exit()  # what run_app does on the way out: must not save either
    assert Path(DRAFT).read_bytes() == before
    assert failing["count"] == 1
    assert sorted(p.name for p in Path().iterdir()) == [DRAFT]


async def test_restore_an_earlier_version_from_the_palette_with_a_preview(
    template: Template, isolated: Path
) -> None:
    write_draft({"executive_summary": {"overall_health": 2}})
    first = Path(DRAFT).read_bytes()
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        set_health(app, 9)
        assert app.save()
        await editor(app).reload()  # the form shows what was saved
        assert [v.read() for v in versions(DRAFT)] == [first]
        commands = {c.title: c.callback for c in app.get_system_commands(app.screen)}
        assert commands["Restore an earlier version…"] == app.restore_version
        await app.restore_version()
        await settle(pilot)
        assert isinstance(app.screen, RestoreDialog)
        shown = str(app.screen.query_one("#restore-changes", Static).render())
        assert "Restoring version 1 would change:" in shown and "9 → 2" in shown
        await press(pilot, "enter")
        assert isinstance(app.screen, EditorScreen)
        assert app.session is not None and not app.session.dirty
        assert app.session.draft.get(template.field(HEALTH)) == 2
        assert Path(DRAFT).read_bytes() == first
        # Restoring never loses the version it replaces: the 9 is now version 1.
        kept = versions(DRAFT)
        assert len(kept) == 2 and b"overall_health = 9" in kept[0].read()
        # Restore while the app has the draft open: the command line refuses.
        result = audit_tui("history", DRAFT, "--restore", "1", cwd=isolated, process=True)
        assert_one_error(result, "is open in audit-tui", "palette")
        assert Path(DRAFT).read_bytes() == first
    assert Session.open(template, DRAFT).draft.get(template.field(HEALTH)) == 2
