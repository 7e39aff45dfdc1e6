"""Imports from the app: palette entry, file prompt, preview, Apply or Cancel."""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.widgets import Button, Input, LoadingIndicator, Select, Static

from audit_tui.core.model.template import Template
from audit_tui.tui.app import AuditApp
from audit_tui.tui.dialogs.import_dialog import IMPORTS, ImportPreview
from audit_tui.tui.dialogs.path_prompt import PathPrompt
from audit_tui.tui.dialogs.tick_list import TickList
from tests.tui.helpers import (
    SIZE,
    editor,
    make_app,
    notified,
    palette_offers,
    paste,
    press,
    saved,
    screen_text,
    settle,
    show,
    wait_until,
    write_draft,
)

DATA = Path(__file__).parents[1] / "data"
HOSTILE = "[@click=app.quit]x[/]"
KINDS = {kind.id: kind for kind in IMPORTS}


async def settled(pilot: Any) -> None:
    """Wait until the preview has read its file (or gone, refusing it)."""

    def read() -> bool:
        screen = pilot.app.screen
        return not isinstance(screen, ImportPreview) or screen.plan is not None

    await wait_until(pilot, read, "the import preview read its file")


def imported(app: AuditApp) -> bool:
    """Whether an import has been applied and announced."""
    return any(n.message.startswith("Imported ") for n in app._notifications)


async def start(pilot: Any, kind: str, path: str | Path) -> None:
    """Start an import as the palette does, name the file, and wait for its preview."""
    app = pilot.app
    assert isinstance(app, AuditApp)
    # The editor's side panels come after the first paint.
    await wait_until(pilot, lambda: app.screen.query("SectionList"), "the section list")
    app.start_import(KINDS[kind])
    await settle(pilot)
    assert isinstance(app.screen, PathPrompt)
    app.screen.query_one(Input).value = str(path)
    await press(pilot, "enter")
    await settled(pilot)


def running(thread: threading.Thread, function: str) -> bool:
    """Whether `thread` is inside a call of a function named `function` now."""
    frame = sys._current_frames().get(thread.ident or -1)
    while frame is not None:
        if frame.f_code.co_name == function:
            return True
        frame = frame.f_back
    return False


def preview_text(app: AuditApp) -> str:
    """Every addition (ticked or not) and every note of the preview, as plain text."""
    screen = app.screen
    assert isinstance(screen, ImportPreview)
    entries = screen.query_one("#import-entries", TickList)
    shown = [str(entries.label(i)) for i in range(entries.count)]
    notes = str(screen.query_one("#import-lines", Static).render())
    return "\n".join([*shown, notes])


async def test_palette_offers_the_three_imports(template: Template) -> None:
    env = Path("service.env")
    env.write_text("DATABASE_URL=postgres://secret@db/app\n", encoding="utf-8")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await paste(pilot, "Import")
        await wait_until(pilot, lambda: palette_offers(app, *(k.command for k in IMPORTS)))
        await paste(pilot, " .env")
        await wait_until(pilot, lambda: palette_offers(app, "Import .env variable names"))
        await press(pilot, "enter")
        assert isinstance(app.screen, PathPrompt)
        await paste(pilot, "service.env")
        await press(pilot, "enter")
        await settled(pilot)
        assert "environment.environment_variables: DATABASE_URL" in preview_text(app)
        await press(pilot, "enter")  # Apply has the focus
        await wait_until(pilot, lambda: imported(app), "imported")
        assert app.session is not None
        answers = app.session.draft.data["environment"]["environment_variables"]
        assert answers == ["DATABASE_URL"]  # the name only, never the value
        assert "secret" not in str(app.session.draft.data)
        assert editor(app).current.id == "executive_summary"
        await wait_until(pilot, lambda: not app.session.dirty, "the autosave")  # type: ignore[union-attr]
        assert saved(template)["environment"]["environment_variables"] == ["DATABASE_URL"]


async def test_markdown_fills_only_unanswered_fields(template: Template) -> None:
    write_draft({"executive_summary": {"overall_health": 3, "key_strengths": ["Mine"]}})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start(pilot, "markdown", DATA / "full.md")
        text = preview_text(app)
        assert "executive_summary.final_recommendation: GO" in text
        assert "kept your answer to: Overall System Health (1-10)" in text
        await press(pilot, "enter")
        await wait_until(pilot, lambda: imported(app), "imported")
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
        await settle(pilot)
        await start(pilot, "sarif", DATA / "sarif" / "bandit-1.9.4.sarif")
        assert "security.vulnerabilities_found: [Bandit] B324 (error)" in preview_text(app)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: imported(app), "imported")
        assert app.session is not None
        found = list(app.session.draft.data["security"]["vulnerabilities_found"])
        assert found
        await start(pilot, "sarif", DATA / "sarif" / "bandit-1.9.4.sarif")
        screen = app.screen
        assert isinstance(screen, ImportPreview)
        assert screen.query_one("#apply", Button).disabled
        assert "Nothing to add" in screen_text(app)
        await press(pilot, "enter")  # Cancel has the focus
        assert not isinstance(app.screen, ImportPreview)
        assert app.session.draft.data["security"]["vulnerabilities_found"] == found


async def test_a_bad_file_says_why_in_one_line_and_changes_nothing(template: Template) -> None:
    write_draft({"security": {"vulnerabilities_found": ["kept"]}})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start(pilot, "sarif", DATA / "sarif" / "bad-not-json.sarif")
        assert not isinstance(app.screen, (ImportPreview, PathPrompt))
        errors = await notified(pilot, severity="error")
        assert len(errors) == 1
        assert "bad-not-json.sarif: is not JSON" in errors[0].message
        assert "\n" not in errors[0].message
        assert app.session is not None and not app.session.dirty
        assert app.session.draft.data["security"]["vulnerabilities_found"] == ["kept"]


async def test_the_prompt_wants_a_file_that_exists(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start(pilot, "env", "no-such.env")
        assert isinstance(app.screen, PathPrompt)
        assert "no-such.env: no such file" in screen_text(app)
        await press(pilot, "escape")
        assert not isinstance(app.screen, PathPrompt)


async def test_cancel_leaves_the_draft_as_it_was(template: Template) -> None:
    Path("a.env").write_text("TOKEN=1\n", encoding="utf-8")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start(pilot, "env", "a.env")
        assert isinstance(app.screen, ImportPreview)
        await press(pilot, "escape")
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
        await settle(pilot)
        await start(pilot, "markdown", report)
        text = screen_text(app)
        assert str(report) in text
        assert HOSTILE in preview_text(app)
        assert "[/] and [b]bold" in preview_text(app)
        await press(pilot, "enter")
        await notified(pilot, str(report))
        assert app.is_running
        assert app.session is not None
        assert app.session.draft.data["executive_summary"]["readiness_status"] == HOSTILE


async def test_the_secret_corpus_reaches_neither_the_preview_nor_the_draft(
    template: Template,
) -> None:
    corpus = DATA / "dotenv" / "secrets.env"
    markers = re.findall(r"SECRET[A-Z]+_[a-z]{2}\d", corpus.read_text(encoding="utf-8"))
    assert len(markers) == 31
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start(pilot, "env", corpus)
        shown = screen_text(app) + preview_text(app)
        assert "NAME_23" in preview_text(app)
        await press(pilot, "enter")
        assert app.session is not None
        await notified(pilot, "Imported")
        shown += str(app.session.draft.data) + "".join(n.message for n in app._notifications)
        for marker in markers:
            assert marker not in shown


async def test_unticked_entries_are_left_out(template: Template) -> None:
    Path("three.env").write_text("ALPHA=1\nBRAVO=2\nCHARLIE=3\n", encoding="utf-8")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start(pilot, "env", "three.env")
        screen = app.screen
        assert isinstance(screen, ImportPreview)
        entries = screen.query_one("#import-entries", TickList)
        assert entries.ticked == 3
        entries.focus()
        await press(pilot, "down", "space")  # untick BRAVO
        assert "3 additions (2 ticked)" in str(screen.query_one("#import-summary").render())
        screen.query_one("#apply", Button).press()
        await wait_until(pilot, lambda: imported(app), "imported")
        assert app.session is not None
        names = app.session.draft.data["environment"]["environment_variables"]
        assert names == ["ALPHA", "CHARLIE"]


async def test_sarif_import_offers_the_lowest_level_to_keep(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start(pilot, "sarif", DATA / "sarif" / "bandit-1.9.4.sarif")
        screen = app.screen
        assert isinstance(screen, ImportPreview)
        assert screen.plan is not None and len(screen.plan.additions) == 7
        screen.query_one("#import-level", Select).value = "error"
        await settle(pilot)  # the change is handled: the file is read again
        await settled(pilot)
        assert screen.plan is not None and len(screen.plan.additions) == 2
        assert "5 result(s) below level error" in preview_text(app)
        screen.query_one("#apply", Button).press()
        await wait_until(pilot, lambda: imported(app), "imported")
        assert app.session is not None
        assert len(app.session.draft.data["security"]["vulnerabilities_found"]) == 2


async def test_the_file_is_read_in_a_worker_and_escape_leaves_at_once(
    template: Template,
) -> None:
    release = threading.Event()
    started, finished = threading.Event(), threading.Event()
    readers: list[threading.Thread] = []

    def slow(template: Template, draft: Any, data: bytes, source: str, level: str) -> Any:
        readers.append(threading.current_thread())
        started.set()
        try:
            release.wait(10)
            return KINDS["env"].planner(template, draft, data, source, level)
        finally:
            finished.set()

    def reading() -> bool:
        # The worker has begun reading, and the preview says so.
        summary = app.screen.query("#import-summary")
        return (
            started.is_set()
            and bool(summary)
            and "Reading slow.env" in str(summary.first().render())
        )

    Path("slow.env").write_text("SLOW=1\n", encoding="utf-8")
    kind = replace(KINDS["env"], planner=slow)
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.start_import(kind)
        await settle(pilot)
        app.screen.query_one(Input).value = "slow.env"
        await press(pilot, "enter")
        await wait_until(pilot, reading, "the preview says it is reading")
        screen = app.screen
        # The screen is drawn and answers keys while the worker reads.
        assert isinstance(screen, ImportPreview) and screen.plan is None
        assert screen.query_one("#import-progress", LoadingIndicator).display
        assert "Reading slow.env" in str(screen.query_one("#import-summary").render())
        await press(pilot, "escape")
        assert not isinstance(app.screen, ImportPreview)
        release.set()
        await wait_until(pilot, finished.is_set, "the reader finished")
        # Whatever the worker posts after reading, it posts with call_from_thread, which
        # returns once the app has handled it: once out of read_file, it has been handled.
        await wait_until(pilot, lambda: not running(readers[0], "read_file"), "the worker done")
        assert app.session is not None
        assert "environment" not in app.session.draft.data


async def test_every_one_of_a_hundred_thousand_additions_can_be_unticked(
    template: Template,
) -> None:
    count = 100_000
    Path("many.env").write_text("".join(f"N{i}=x\n" for i in range(count)), encoding="utf-8")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start(pilot, "env", "many.env")
        screen = app.screen
        assert isinstance(screen, ImportPreview)
        entries = screen.query_one("#import-entries", TickList)
        assert entries.count == entries.ticked == count
        # Drawn a screen at a time: only the lines on screen were asked for their text.
        asked: list[int] = []
        label = entries.label
        entries.label = lambda index: (asked.append(index), label(index))[1]
        entries.focus()
        await press(pilot, "end")
        assert "[x] line 100000: " in screen_text(app)  # the last one, on screen, ticked
        await press(pilot, "space", "up", "space", "home", "space")
        assert "[ ] line 1: " in screen_text(app)
        summary = str(screen.query_one("#import-summary").render())
        assert "100000 additions (99997 ticked)" in summary
        assert 0 < len(asked) < 500
        # What Apply would add (tests above apply small plans the same way).
        chosen = screen.chosen()
        assert chosen is not None and len(chosen.additions) == count - 3
        assert [a.value for a in chosen.additions[:1] + chosen.additions[-1:]] == ["N1", "N99997"]


async def test_a_tick_all_key_unticks_and_ticks_every_addition(template: Template) -> None:
    Path("five.env").write_text("".join(f"N{i}=x\n" for i in range(5)), encoding="utf-8")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start(pilot, "env", "five.env")
        screen = app.screen
        assert isinstance(screen, ImportPreview)
        entries = screen.query_one("#import-entries", TickList)
        entries.focus()
        summary = screen.query_one("#import-summary")
        await press(pilot, "a")
        assert entries.ticked == 0 and "5 additions (0 ticked)" in str(summary.render())
        assert screen.query_one("#apply", Button).disabled
        await press(pilot, "a")
        assert entries.ticked == 5 and "(" not in str(summary.render()).split(".")[0]
        await press(pilot, "down", "down", "space", "a")
        assert entries.ticked == 5  # some unticked: `a` ticks them all again
