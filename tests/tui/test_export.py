"""ctrl+f asks for the format (markdown preselected) and exports beside the draft."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import OptionList

from audit_tui.core.model.template import Template
from audit_tui.core.render.formats import FORMATS, formats_in_words
from audit_tui.tui.dialogs.export_dialog import ExportDialog
from tests.tui.helpers import (
    SIZE,
    make_app,
    notified,
    press,
    screen_text,
    settle,
    show,
    write_draft,
)

HOSTILE = "[@click=app.quit]x[/]"


async def test_ctrl_e_then_enter_exports_markdown(template: Template) -> None:
    write_draft({"executive_summary": {"readiness_status": HOSTILE}})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+f")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one(OptionList).highlighted == 0
        assert "audit-report.md" in screen_text(app)
        await press(pilot, "enter")
        assert not isinstance(app.screen, ExportDialog)
        text = Path("audit-report.md").read_text(encoding="utf-8")
        assert "Production Readiness Status" in text
        assert not Path("audit-report.html").exists()
        await notified(pilot, "audit-report.md")
        # The draft is far from finished: the app says so, as `export` does.
        warnings = await notified(pilot, "the report is not finished: ", "warning")
        assert len(warnings) == 1 and "of 35 fields unanswered" in warnings[0].message
        assert "invalid" not in warnings[0].message


async def test_the_palette_export_command_names_every_format(template: Template) -> None:
    write_draft({})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [export] = [c for c in app.get_system_commands(app.screen) if c.title == "Export…"]
        assert export.callback == app.action_export
        assert f"as {formats_in_words()} beside the draft" in export.help
        for f in FORMATS:
            assert f.title.partition(" (")[0] in export.help


async def test_html_and_json_go_beside_the_draft_with_their_suffix(template: Template) -> None:
    write_draft({"executive_summary": {"readiness_status": HOSTILE, "overall_health": 7}})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+f", "down", "enter")
        page = Path("audit-report.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert "[@click=app.quit]x[/]" in page  # shown as text: it is not HTML
        await press(pilot, "ctrl+f", "down", "down", "enter")
        data = json.loads(Path("audit-report.json").read_text(encoding="utf-8"))
        assert data["answers"]["executive_summary"]["readiness_status"] == HOSTILE
        assert not Path("audit-report.md").exists()
        await notified(pilot, "audit-report.html")
        await notified(pilot, "audit-report.json")
        assert app.is_running


async def test_escape_exports_nothing(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "security", "rating")
        await press(pilot, "ctrl+f")
        await press(pilot, "escape")
        assert not isinstance(app.screen, ExportDialog)
        assert not [p for p in Path().glob("audit-report.*") if p.suffix != ".toml"]


async def test_a_hostile_draft_name_is_shown_as_text(template: Template) -> None:
    name = "[@click=app.quit]x[b].toml"  # a file name cannot hold `/`
    write_draft({}, name)
    app = make_app(template, name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+f")
        assert "[@click=app.quit]x[b].md" in screen_text(app)
        await press(pilot, "down", "enter")
        assert Path("[@click=app.quit]x[b].html").exists()
        assert app.is_running


async def test_an_export_that_cannot_be_written_says_so(template: Template) -> None:
    write_draft({})
    Path("audit-report.json").mkdir()
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+f", "down", "down", "enter")
        errors = await notified(pilot, severity="error")
        assert "audit-report.json" in errors[0].message
        assert Path("audit-report.json").is_dir()
        assert app.is_running
