"""Autosave, ctrl+s, the external-change prompt, save errors, export and quitting."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from audit_tui.core.model.template import Template
from audit_tui.tui.app import run_app
from audit_tui.tui.dialogs.conflict import ConflictDialog
from audit_tui.tui.dialogs.path_prompt import PathPrompt
from audit_tui.tui.status import StatusLine
from tests.tui.helpers import (
    DRAFT,
    QUICK_SAVE,
    SIZE,
    editor,
    make_app,
    notified,
    paste,
    press,
    saved,
    settle,
    show,
    wait_until,
    write_draft,
)


def status_text(app: object) -> str:
    return str(editor(app).query_one(StatusLine).render())  # type: ignore[arg-type]


async def test_autosave_after_a_pause_restarting_on_each_change(template: Template) -> None:
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        first = app._autosave  # the timer of the autosave waiting for a pause
        assert first is not None
        assert not Path(DRAFT).exists()  # nothing is written on the key path
        assert "unsaved changes" in status_text(app)
        await press(pilot, "backspace", "5")
        assert app._autosave not in (None, first)  # each change restarts the wait
        assert not Path(DRAFT).exists()
        app.autosave_delay = QUICK_SAVE
        await press(pilot, "backspace", "6")
        await wait_until(pilot, Path(DRAFT).exists, "the autosave")
        assert saved(template)["executive_summary"] == {"overall_health": 6}
        assert app._autosave is None
        await settle(pilot)
        assert "saved" in status_text(app) and "unsaved" not in status_text(app)


async def test_ctrl_s_saves_at_once(template: Template) -> None:
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6", "ctrl+s")
        assert saved(template)["executive_summary"] == {"overall_health": 6}


async def test_ctrl_q_saves_then_quits(template: Template) -> None:
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "3", "ctrl+q")
    assert app.return_code == 0
    assert saved(template)["executive_summary"] == {"overall_health": 3}


async def test_terminating_signals_save_and_exit(template: Template) -> None:
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        app._exit_on_signal(signal.SIGHUP)
        await settle(pilot)
    assert app.return_code == 128 + signal.SIGHUP
    assert saved(template)["executive_summary"] == {"overall_health": 2}


async def test_export_writes_markdown_beside_the_draft(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "9", "ctrl+f", "enter")  # markdown is preselected
        await settle(pilot)
        out = Path("audit-report.md")
        assert "- **Overall System Health (1-10):** 9" in out.read_text(encoding="utf-8")
        await notified(pilot, "audit-report.md")


def change_on_disk(value: int) -> None:
    write_draft({"executive_summary": {"overall_health": value}})
    # Make sure the fingerprint differs even on a coarse-clock file system.
    stamp = os.stat(DRAFT).st_mtime_ns + 5_000_000_000
    os.utime(DRAFT, ns=(stamp, stamp))


@pytest.mark.parametrize("choice", ["reload", "overwrite"])
async def test_changed_on_disk_asks_before_overwriting(template: Template, choice: str) -> None:
    write_draft({"executive_summary": {"overall_health": 1}})
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        change_on_disk(9)
        await press(pilot, "backspace", "7", "ctrl+s")
        assert isinstance(app.screen, ConflictDialog)
        assert saved(template)["executive_summary"] == {"overall_health": 9}  # not overwritten
        await press(pilot, choice[0])
        assert not isinstance(app.screen, ConflictDialog)
        field = template.field("executive_summary.overall_health")
        assert app.session is not None
        if choice == "reload":
            assert app.session.draft.get(field) == 9
            assert editor(app).form().editor("overall_health").query_one("Input").value == "9"
            assert saved(template)["executive_summary"] == {"overall_health": 9}
        else:
            assert app.session.draft.get(field) == 7
            assert saved(template)["executive_summary"] == {"overall_health": 7}


async def test_changed_on_disk_can_save_under_another_name(template: Template) -> None:
    write_draft({"executive_summary": {"overall_health": 1}})
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        change_on_disk(9)
        await press(pilot, "backspace", "7")
        await press(pilot, "ctrl+q")  # quitting saves first, which asks
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        await press(pilot, "s")
        assert isinstance(app.screen, PathPrompt)
        await press(pilot, "ctrl+u")
        await paste(pilot, DRAFT)
        await press(pilot, "enter")  # exists: refused with a message
        await settle(pilot)
        assert isinstance(app.screen, PathPrompt)
        await press(pilot, "ctrl+u")
        await paste(pilot, "mine.toml")
        await press(pilot, "enter")
    assert app.return_code == 0  # the quit went ahead once saved
    assert saved(template, "mine.toml")["executive_summary"] == {"overall_health": 7}
    assert saved(template)["executive_summary"] == {"overall_health": 9}


async def test_a_failed_save_keeps_the_answers_and_says_why(
    template: Template, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "executive_summary", "readiness_status")
        await paste(pilot, "Ready")

        def disk_full(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        real_replace = os.replace
        monkeypatch.setattr("audit_tui.core.files.storage.os.replace", disk_full)
        await press(pilot, "ctrl+s")
        assert not Path(DRAFT).exists()
        assert "No space left on device" in status_text(app)
        await notified(pilot, severity="error")
        assert app.session is not None and app.session.dirty
        await press(pilot, "ctrl+q")  # refuses to quit silently
        await settle(pilot)
        assert app.is_running
        # Not monkeypatch.undo(): that would also undo the `isolated` fixture's chdir.
        monkeypatch.setattr("audit_tui.core.files.storage.os.replace", real_replace)
        await press(pilot, "ctrl+o")
        await press(pilot, "ctrl+u")
        await paste(pilot, "elsewhere.toml")
        await press(pilot, "enter")
    assert saved(template, "elsewhere.toml")["executive_summary"] == {"readiness_status": "Ready"}


def test_a_crash_saves_the_answers_and_exits_non_zero(
    template: Template, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object) -> None:
        raise RuntimeError("a bug in a handler")

    monkeypatch.setattr("audit_tui.tui.editor.EditorScreen.action_next_section", broken)

    async def auditor(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await press(pilot, "3", "ctrl+n")

    app = make_app(template, autosave_delay=60)
    code = run_app(app, headless=True, size=SIZE, auto_pilot=auditor)
    assert code != 0
    assert saved(template)["executive_summary"] == {"overall_health": 3}


async def test_keys_typed_just_before_quitting_are_saved(template: Template) -> None:
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # As a terminal delivers a fast burst: no pause between the keys and ctrl+q.
        for key, character in (("7", "7"), ("ctrl+q", "\x11")):
            app.post_message(events.Key(key, character))
        await settle(pilot)
    assert saved(template)["executive_summary"] == {"overall_health": 7}
