"""Answers are shown as text: markup in them is not obeyed, controls never reach the terminal."""

from __future__ import annotations

from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.review import ReviewScreen
from tests.tui.helpers import (
    editor,
    find_on_screen,
    make_app,
    press,
    screen_text,
    settle,
    write_draft,
)

HOSTILE = ["[/]", "[/", "[bold red]x", "[@click=app.quit]x[/]", "[$accent]x", "\\"]
CLICK = "[@click=app.quit]x[/]"
CONTROLS = "\x1b]0;owned\x07\x1b[31m\x9b2J\u202e"
NAME = "[bold red]draft[$accent].toml"


async def click_text(pilot: object, app: object, text: str) -> None:
    x, y = find_on_screen(app, text)  # type: ignore[arg-type]
    await pilot.click(offset=(x + 1, y))  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[attr-defined]


def assert_clean(text: str) -> None:
    for char in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert char not in text


async def test_markup_and_controls_in_answers_show_literally_everywhere(
    template: Template,
) -> None:
    write_draft(
        {
            "executive_summary": {
                "readiness_status": CLICK + CONTROLS,
                "risk_assessment": "\n".join(HOSTILE),
                "key_strengths": HOSTILE,
            },
            "security": {"rating": CLICK},
            "risks": [{"priority": "High", "issue": h, "impact": CONTROLS} for h in HOSTILE],
        },
        NAME,
    )
    app = make_app(template, NAME, autosave_delay=60)
    async with app.run_test(size=(160, 60), notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert_clean(text)
        for hostile in HOSTILE:
            assert f"• {hostile}" in text  # list entries
        assert f"{CLICK}]0;owned[31m2J" in text  # the one-line input, controls dropped
        assert "[bold red]x" in text.split("Final Backend Audit")[-1]  # the preview
        assert NAME in text  # the status line
        await click_text(pilot, app, f"• {CLICK}")
        await click_text(pilot, app, f"{CLICK}]0;")
        assert app.is_running

        await editor(app).show_section("security")
        await settle(pilot)
        text = screen_text(app)
        assert f"'{CLICK}'" in text  # the core's message on the field
        await click_text(pilot, app, f"'{CLICK}'")
        assert app.is_running

        await editor(app).show_section("risks")
        await press(pilot, "ctrl+t")  # the preview hidden: the table's columns have the room
        await settle(pilot)
        text = screen_text(app)
        assert_clean(text)
        for hostile in HOSTILE:
            assert f" {hostile} " in text  # table cells, whole
        await click_text(pilot, app, CLICK)
        assert app.is_running

        await press(pilot, "ctrl+f")  # the dialog and the notification name the file
        await settle(pilot)
        assert "draft[$accent].md" in screen_text(app)
        await press(pilot, "enter")
        assert "draft[$accent].md" in screen_text(app)

        await press(pilot, "ctrl+r")
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert f"'{CLICK}'" in text
        await click_text(pilot, app, f"'{CLICK}'")  # chooses it: goes to the field
        assert app.is_running
        assert not isinstance(app.screen, ReviewScreen)
        assert editor(app).current.id == "security"
