"""No key raises, in any screen or dialog: every binding there is pressed twice in a row.

Each state below is reached from the editor; every key bound in that state (the
app's, the screen's and the focused widget's chain, as `active_bindings` lists
them) is pressed twice, the app being put back in the state first whenever the
key before left it. The
app must still be running with no exception: a dialog already open is not opened
again (ctrl+r in the review, ctrl+o in the save-as prompt, an import's prompt
then ctrl+o...). Quitting keys are left out (tests/tui/test_saving.py has them).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from audit_tui.core.model.template import Template
from audit_tui.tui.app import AuditApp
from tests.tui.helpers import SIZE, editor, make_app, show, write_draft
from tests.tui.keys import play_slowly, settle

LEAVING = {"quit", "app.quit", "quit_app", "suspend_process", "app.suspend_process"}

DRAFT = {
    "executive_summary": {"key_strengths": ["one", "two"], "overall_health": 6},
    "risks": [{"priority": "High", "issue": "issue 1"}, {"issue": "issue 2"}],
}


async def _field(pilot: Pilot[Any], section: str, field: str, *keys: str) -> None:
    await show(pilot, section, field)
    await play_slowly(pilot, keys)


def _app(pilot: Pilot[Any]) -> AuditApp:
    app = pilot.app
    assert isinstance(app, AuditApp)
    return app


async def _import_prompt(pilot: Pilot[Any]) -> None:
    from audit_tui.tui.dialogs.import_dialog import IMPORTS

    _app(pilot).start_import(IMPORTS[0])
    await settle(pilot)


async def _conflict(pilot: Pilot[Any]) -> None:
    _app(pilot)._ask_about_conflict()
    await settle(pilot)


async def _palette_over_review(pilot: Pilot[Any]) -> None:
    # "review" typed: enter then picks what matches it, and never Quit.
    await play_slowly(pilot, ["ctrl+r", "ctrl+p", *"review"])


STATES: dict[str, Callable[[Pilot[Any]], Awaitable[None]]] = {
    "score": lambda p: _field(p, "executive_summary", "overall_health"),
    "list entry box": lambda p: _field(p, "executive_summary", "key_strengths"),
    "list entries": lambda p: _field(p, "executive_summary", "key_strengths", "shift+tab"),
    "list entry being edited": lambda p: _field(
        p, "executive_summary", "key_strengths", "shift+tab", "enter"
    ),
    "text": lambda p: _field(p, "executive_summary", "readiness_status"),
    "paragraph": lambda p: _field(p, "executive_summary", "risk_assessment"),
    "choice": lambda p: _field(p, "executive_summary", "final_recommendation"),
    "choice menu open": lambda p: _field(p, "executive_summary", "final_recommendation", "enter"),
    "grade": lambda p: _field(p, "security", "rating"),
    "risk table": lambda p: _field(p, "risks", "risks"),
    "risk form": lambda p: _field(p, "risks", "risks", "enter"),
    "risk form choice": lambda p: _field(p, "risks", "risks", "enter", "shift+tab"),
    "review": lambda p: play_slowly(p, ["ctrl+r"]),
    "export dialog": lambda p: play_slowly(p, ["ctrl+f"]),
    "save-as prompt": lambda p: play_slowly(p, ["ctrl+o"]),
    "import prompt": _import_prompt,
    "conflict dialog": _conflict,
    "command palette": lambda p: play_slowly(p, ["ctrl+p", *"review"]),
    "palette over the review": _palette_over_review,
}


async def _back_to_the_editor(pilot: Pilot[Any]) -> None:
    app = _app(pilot)
    while app.screen is not editor(app):
        if isinstance(app.screen, CommandPalette):
            await play_slowly(pilot, ["escape"])  # closed as the auditor closes it
        else:
            app.pop_screen()
            await settle(pilot)
    app._asking = False  # a conflict dialog popped without its answer


def _keys_bound(app: AuditApp) -> list[str]:
    return sorted(
        key for key, active in app.active_bindings.items() if active.binding.action not in LEAVING
    )


@pytest.mark.slow  # ~10 minutes in all: `make reliability` runs it
@pytest.mark.parametrize("state", list(STATES))
async def test_every_key_bound_in_a_state_can_be_pressed_twice(
    template: Template, state: str
) -> None:
    write_draft(DRAFT)
    app = make_app(template, autosave_delay=60)
    enter = STATES[state]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await enter(pilot)
        keys = _keys_bound(app)
        assert keys, state
        where = _where(app)
        for key in keys:
            # Back to the state when the key before left it (in the palette, the keys
            # before may have moved the highlight to Quit, which enter would run).
            if _where(app) != where or "palette" in state:
                await _back_to_the_editor(pilot)
                await enter(pilot)
            await play_slowly(pilot, [key, key])
            assert app._exception is None, (state, key)
            assert app.is_running, (state, key)


def _where(app: AuditApp) -> tuple[object, ...]:
    focused = app.focused
    return type(app.screen), len(app.screen_stack), focused.id if focused else None
