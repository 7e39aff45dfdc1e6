"""Each screen and dialog shows its own keys in its footer; `?` lists every key."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.widgets._footer import FooterKey

from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.conflict import ConflictDialog
from audit_tui.tui.dialogs.export_dialog import ExportDialog
from audit_tui.tui.dialogs.help import HelpScreen
from audit_tui.tui.dialogs.path_prompt import PathPrompt
from audit_tui.tui.dialogs.review import ReviewScreen
from audit_tui.tui.keybar import KeyBar
from tests.tui.helpers import complete_draft, make_app, press, settle, show, write_draft

EDITOR_ONLY = ("Next section", "Previous section", "Preview", "Review", "Export")


def footer(app: App[Any]) -> str:
    """The footer line of the screen on top."""
    bars = list(app.screen.query(KeyBar).results(KeyBar))
    assert len(bars) == 1, app.screen
    return bars[0].text()


@pytest.mark.parametrize("size", [(60, 15), (80, 24), (120, 40), (200, 60)])
async def test_editor_footer_keeps_save_quit_and_help(
    template: Template, size: tuple[int, int]
) -> None:
    app = make_app(template)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        line = footer(app)
        assert "^s Save" in line and "^q Quit" in line
        assert "Keys" in line
        bar = app.screen.query_one(KeyBar)
        used = sum(k.width for k in bar.shown)
        assert used <= size[0]
        if size[0] >= 120:
            assert "Next section" in line and "Next to do" in line
        if size[0] >= 200:
            for key in ("Previous section", "Review", "Export", "Preview", "Sections"):
                assert key in line


async def test_list_entries_footer_tells_enter_edits(template: Template) -> None:
    write_draft({"security": {"vulnerabilities_found": ["SQL injection", "Open redirect"]}})
    app = make_app(template)
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, "security", "vulnerabilities_found")
        await press(pilot, "shift+tab")  # into the entries
        await settle(pilot)
        line = footer(app)
        assert "⏎ Edit" in line
        assert "Remove" in line
        assert "^s Save" in line and "^q Quit" in line


async def test_each_dialog_shows_its_own_keys_only(template: Template) -> None:
    write_draft(complete_draft(template))
    app = make_app(template)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+r")
        assert isinstance(app.screen, ReviewScreen)
        line = footer(app)
        assert "esc Close" in line and "⏎ Go to field" in line and "? Keys" in line
        assert not any(key in line for key in EDITOR_ONLY)
        await press(pilot, "escape")

        app.action_export()
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        line = footer(app)
        assert "esc Cancel" in line and "⏎ Export" in line
        assert not any(key in line for key in ("Next section", "Review", "Preview"))
        await press(pilot, "escape")

        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, PathPrompt)
        line = footer(app)
        assert "esc Cancel" in line and "⏎ Use this name" in line
        assert not any(key in line for key in EDITOR_ONLY)
        await press(pilot, "escape")

        assert app.session is not None
        app.push_screen(ConflictDialog(str(app.session.path)))
        await settle(pilot)
        line = footer(app)
        for key in ("r Reload", "o Overwrite", "esc Not now"):
            assert key in line
        assert not any(key in line for key in EDITOR_ONLY)


async def test_narrow_dialog_footer_keeps_confirm_and_cancel(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        assert app.session is not None
        app.push_screen(ConflictDialog(str(app.session.path)))
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        assert "esc Not now" in bar.text()
        assert sum(k.width for k in bar.shown) <= 60


async def test_help_lists_every_key_of_the_widget_and_screen(template: Template) -> None:
    write_draft(complete_draft(template))
    app = make_app(template)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, "risks")
        await press(pilot, "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        described = {(k.where, k.description) for k in help_screen.keys}
        for expected in [
            ("widget", "Add risk"),
            ("widget", "Move up"),
            ("screen", "Next section"),
            ("screen", "Previous section"),
            ("screen", "Preview"),
            ("app", "Save"),
            ("app", "Quit"),
            ("app", "Review"),
        ]:
            assert expected in described, expected
        text = "\n".join(str(s.render()) for s in help_screen.query(".help-lines").results())
        assert "Add risk" in text and "Next section" in text
        await press(pilot, "question_mark")
        assert not isinstance(app.screen, HelpScreen)


async def test_f1_opens_help_from_a_text_box(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, "environment", "database")
        await press(pilot, "question_mark")  # typed: a text box takes it
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        assert "f1 Keys" in footer(app)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)


async def test_the_footer_is_built_again_only_when_its_keys_change(template: Template) -> None:
    write_draft({"environment": {"environment_variables": ["DATABASE_URL"]}})
    app = make_app(template)
    async with app.run_test(size=(200, 60)) as pilot:
        await show(pilot, "environment", "runtime_version")
        bar = app.screen.query_one(KeyBar)
        keys = list(bar.query(FooterKey))
        line = footer(app)
        await show(pilot, "environment", "database")  # a text box like the first: same keys
        await settle(pilot)
        assert footer(app) == line
        assert list(bar.query(FooterKey)) == keys  # the very same widgets, not rebuilt
        await show(pilot, "environment", "environment_variables")  # a list: its own keys
        await press(pilot, "shift+tab")  # into the entries
        await settle(pilot)
        assert "⏎ Edit" in footer(app)
        assert not any(key in keys for key in bar.query(FooterKey))
