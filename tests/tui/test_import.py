"""Imports from the app: palette entry, file prompt, preview, Apply or Cancel."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.widgets import Button, Input, Static

from audit_tui.core.model.template import Template
from audit_tui.tui.app import AuditApp
from audit_tui.tui.dialogs.import_dialog import IMPORTS, ImportPreview
from audit_tui.tui.dialogs.path_prompt import PathPrompt
from tests.tui.helpers import SIZE, editor, make_app, saved, screen_text, show, write_draft

DATA = Path(__file__).parents[1] / "data"
HOSTILE = "[@click=app.quit]x[/]"
KINDS = {kind.id: kind for kind in IMPORTS}


async def start(pilot: Any, kind: str, path: str | Path) -> None:
    """Start an import as the palette does, and name the file in the prompt."""
    app = pilot.app
    assert isinstance(app, AuditApp)
    app.start_import(KINDS[kind])
    await pilot.pause()
    assert isinstance(app.screen, PathPrompt)
    app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()


def preview_text(app: AuditApp) -> str:
    assert isinstance(app.screen, ImportPreview)
    return str(app.screen.query_one("#import-lines", Static).render())


async def test_palette_offers_the_three_imports(template: Template) -> None:
    env = Path("service.env")
    env.write_text("DATABASE_URL=postgres://secret@db/app\n", encoding="utf-8")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Import")
        await pilot.pause(0.3)
        text = screen_text(app)
        for kind in IMPORTS:
            assert kind.command in text
        await pilot.press(*" .env")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        await pilot.press(*"service.env", "enter")
        await pilot.pause()
        assert "environment.environment_variables: DATABASE_URL" in preview_text(app)
        await pilot.press("enter")  # Apply has the focus
        await pilot.pause()
        assert app.session is not None
        answers = app.session.draft.data["environment"]["environment_variables"]
        assert answers == ["DATABASE_URL"]  # the name only, never the value
        assert "secret" not in str(app.session.draft.data)
        assert editor(app).current.id == "executive_summary"
        await pilot.pause(0.3)
        assert saved(template)["environment"]["environment_variables"] == ["DATABASE_URL"]


async def test_markdown_fills_only_unanswered_fields(template: Template) -> None:
    write_draft({"executive_summary": {"overall_health": 3, "key_strengths": ["Mine"]}})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot, "markdown", DATA / "full.md")
        text = preview_text(app)
        assert "executive_summary.final_recommendation: GO" in text
        assert "kept your answer to: Overall System Health (1-10)" in text
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ImportPreview)
        assert app.session is not None
        summary = app.session.draft.data["executive_summary"]
        assert summary["overall_health"] == 3
        assert summary["final_recommendation"] == "GO"
        assert summary["key_strengths"][0] == "Mine"
        assert len(summary["key_strengths"]) == 3
        # The form shows the imported answers.
        form = editor(app).form()
        assert form.editor("readiness_status").query_one(Input).value == (
            "Ready after the two High risks are fixed"
        )
        await show(pilot, "risks")
        assert editor(app).form().editor("risks").value == app.session.draft.data["risks"]


async def test_sarif_import_then_again_adds_nothing(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot, "sarif", DATA / "sarif" / "bandit-1.9.4.sarif")
        assert "security.vulnerabilities_found: [Bandit] B324 (error)" in preview_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        found = list(app.session.draft.data["security"]["vulnerabilities_found"])
        assert found
        await start(pilot, "sarif", DATA / "sarif" / "bandit-1.9.4.sarif")
        screen = app.screen
        assert isinstance(screen, ImportPreview)
        assert screen.query_one("#apply", Button).disabled
        assert "Nothing to add" in screen_text(app)
        await pilot.press("enter")  # Cancel has the focus
        await pilot.pause()
        assert not isinstance(app.screen, ImportPreview)
        assert app.session.draft.data["security"]["vulnerabilities_found"] == found


async def test_a_bad_file_says_why_in_one_line_and_changes_nothing(template: Template) -> None:
    write_draft({"security": {"vulnerabilities_found": ["kept"]}})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot, "sarif", DATA / "sarif" / "bad-not-json.sarif")
        assert not isinstance(app.screen, (ImportPreview, PathPrompt))
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1
        assert "bad-not-json.sarif: is not JSON" in errors[0].message
        assert "\n" not in errors[0].message
        assert app.session is not None and not app.session.dirty
        assert app.session.draft.data["security"]["vulnerabilities_found"] == ["kept"]


async def test_the_prompt_wants_a_file_that_exists(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot, "env", "no-such.env")
        assert isinstance(app.screen, PathPrompt)
        assert "no-such.env: no such file" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)


async def test_cancel_leaves_the_draft_as_it_was(template: Template) -> None:
    Path("a.env").write_text("TOKEN=1\n", encoding="utf-8")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot, "env", "a.env")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportPreview)
        assert app.session is not None
        assert "environment" not in app.session.draft.data


async def test_hostile_file_name_and_answers_are_shown_as_text(template: Template) -> None:
    report = Path("[b]x[@click=app.quit]y.md")
    report.write_text(
        "## 1. Executive Summary\n\n"
        f"- **Production Readiness Status:** {HOSTILE}\n"
        f"- **Key Strengths:**\n  - [/] and [b]bold\n",
        encoding="utf-8",
    )
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot, "markdown", report)
        text = screen_text(app)
        assert str(report) in text
        assert HOSTILE in preview_text(app)
        assert "[/] and [b]bold" in preview_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert app.session is not None
        assert app.session.draft.data["executive_summary"]["readiness_status"] == HOSTILE
        assert any(str(report) in n.message for n in app._notifications)


async def test_the_secret_corpus_reaches_neither_the_preview_nor_the_draft(
    template: Template,
) -> None:
    corpus = DATA / "dotenv" / "secrets.env"
    markers = re.findall(r"SECRET[A-Z]+_[a-z]{2}\d", corpus.read_text(encoding="utf-8"))
    assert len(markers) == 25
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start(pilot, "env", corpus)
        shown = screen_text(app) + preview_text(app)
        assert "NAME_20" in preview_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        shown += str(app.session.draft.data) + "".join(n.message for n in app._notifications)
        for marker in markers:
            assert marker not in shown
