"""The "changed on disk" dialog shows how the file differs from the answers on screen."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Static

from audit_tui.core.checks.diff import diff_drafts
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.conflict import ConflictDialog, compare_with_disk, diff_lines
from tests.tui.helpers import DRAFT, make_app, press, settle, write_draft

SIZE = (120, 40)


def change_on_disk(data: dict[str, object]) -> None:
    write_draft(data)
    stamp = os.stat(DRAFT).st_mtime_ns + 5_000_000_000
    os.utime(DRAFT, ns=(stamp, stamp))


def test_diff_lines_name_each_change(template: Template) -> None:
    screen = Draft({"executive_summary": {"overall_health": 7, "key_strengths": ["Tests"]}})
    disk = Draft(
        {
            "executive_summary": {"overall_health": 9, "key_strengths": ["Tests", "Docs"]},
            "risks": [{"priority": "High", "issue": "No backups"}],
        }
    )
    lines = diff_lines(diff_drafts(template, screen, disk))
    text = "\n".join(lines)
    assert "Overall System Health (1-10): 7  →  9" in text
    assert "Key Strengths: + Docs  (on disk)" in text
    assert "+ High; No backups  (on disk)" in text
    assert diff_lines(diff_drafts(template, screen, screen)) == [
        "No answer differs: only the file's layout or its metadata changed."
    ]


def test_an_unreadable_file_on_disk_says_why(template: Template, isolated: Path) -> None:
    Path(DRAFT).write_text("not = [toml", encoding="utf-8")
    lines = compare_with_disk(template, Draft({}), Path(DRAFT))
    assert len(lines) == 1 and lines[0].startswith("The file on disk cannot be read:")


async def test_conflict_dialog_shows_the_differences(template: Template) -> None:
    write_draft({"executive_summary": {"overall_health": 1}})
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        change_on_disk({"executive_summary": {"overall_health": 9, "readiness_status": "Ready"}})
        await press(pilot, "backspace", "7", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        shown = str(dialog.query_one("#conflict-lines", Static).render())
        assert "Overall System Health (1-10): 7  →  9" in shown
        assert "Production Readiness Status: on disk only: Ready" in shown
        lines = dialog.query_one("#conflict-lines", Static)
        assert dialog.region.contains_region(lines.region)
