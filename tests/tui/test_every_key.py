"""No key raises, in any screen or dialog: every binding there is pressed twice in a row.

Each state below is reached once, in an app of its own; every key bound in that
state (the app's, the screen's and the focused widget's chain, as `active_bindings`
lists them) is pressed twice in a row, the app being put back in the state first
whenever the key before left it (the focus given back, the state entered again,
or the draft put back first when keys removed what the state needs). The app must
still be running with no exception: a dialog already open is not opened again
(ctrl+r in the review, ctrl+o in the save-as prompt, an import's prompt then
ctrl+o...). Quitting keys are left out (tests/tui/test_saving.py has them).
In the editor, the app's and the editor's own keys are pressed in one field here
(EDITOR_KEYS_IN) and in every field by `make reliability`
(tests/reliability/test_every_key_everywhere.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widget import Widget

from audit_tui.core.model.template import Template
from audit_tui.tui.app import AuditApp
from tests.reliability import figures
from tests.tui.helpers import (
    NO_AUTOSAVE,
    SIZE,
    editor,
    make_app,
    palette_offers,
    show,
    wait_until,
    write_draft,
)
from tests.tui.keys import play_burst, play_slowly, settle

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


async def _palette(pilot: Pilot[Any], query: str, hit: str) -> None:
    await play_slowly(pilot, ["ctrl+p"])
    await play_burst(pilot, query)
    # The palette searches in a worker: the state is reached once it offers what it found.
    await wait_until(pilot, lambda: palette_offers(_app(pilot), hit), f"the palette's {hit}")


PALETTE_SEARCH = {
    "command palette": ("review", "Review"),
    # Over a dialog, the palette offers no dialogs (no Review): enter saves.
    "palette over the review": ("save", "Save"),
}
"""What is typed in the palette in these states, and the hit it then offers first."""


async def _palette_over_review(pilot: Pilot[Any]) -> None:
    await play_slowly(pilot, ["ctrl+r"])
    await _palette(pilot, *PALETTE_SEARCH["palette over the review"])


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
    "command palette": lambda p: _palette(p, *PALETTE_SEARCH["command palette"]),
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


async def _draft_as_it_was(pilot: Pilot[Any]) -> None:
    """Put the draft back as the test wrote it (the keys may have removed what a state needs:
    with no entries left, shift+tab from the entry box no longer lands on the entries)."""
    app = _app(pilot)
    session = app.session
    assert session is not None
    write_draft(DRAFT)
    session.reload()
    await editor(app).reload()
    await settle(pilot)


async def _back_to(
    pilot: Pilot[Any], state: str, where: tuple[object, ...], focused: Widget | None
) -> None:
    """Put the app back in `state` (at `where`, `focused` having the focus) if the keys before
    left it, the cheapest way that gets there: the focus given back (a key only moved it, or
    changed the palette's search), the state entered again, or that with the draft put back."""
    app = _app(pilot)
    if _where(app) == where:
        return
    if focused is not None and focused.is_attached and focused.screen is app.screen:
        focused.focus()
        await settle(pilot)
        if state in PALETTE_SEARCH and isinstance(app.screen, CommandPalette):
            query, hit = PALETTE_SEARCH[state]
            app.screen.query_one(CommandInput).value = query
            await wait_until(pilot, lambda: palette_offers(app, hit), f"the palette's {hit}")
        if _where(app) == where:
            return
    await _back_to_the_editor(pilot)
    await STATES[state](pilot)
    if _where(app) == where:
        return
    await _back_to_the_editor(pilot)
    await _draft_as_it_was(pilot)
    await STATES[state](pilot)
    assert _where(app) == where, f"{state}: cannot get back to it, at {_where(app)}"


EDITOR_KEYS_IN = {"score"}
"""The editor states where the fast test presses the app's and the editor's keys (ctrl+n, f8,
ctrl+r...: the same actions whatever has the focus, and the dearest to press: most leave the
state, which is then entered again). In the other editor states it presses the keys of the
focused widget and its containers; `make reliability`'s test presses every key everywhere.
Dialogs and the palette get every key in both."""


def _keys_bound(app: AuditApp, *, the_fields_own: bool = False) -> list[str]:
    """The keys bound where the focus is (leaving keys left out); `the_fields_own`: only those
    of the focused widget and its containers, not the app's nor the screen's."""
    return sorted(
        key
        for key, active in app.active_bindings.items()
        if active.binding.action not in LEAVING
        and not (the_fields_own and active.node in (app, app.screen))
    )


def _in_the_editor(app: AuditApp) -> bool:
    return app.screen is editor(app)


def _where(app: AuditApp) -> tuple[object, ...]:
    """Where the keys are: the screen, the focus, and in the palette what it offers."""
    screen = app.screen
    focused = app.focused
    where: tuple[object, ...] = (
        type(screen),
        len(app.screen_stack),
        focused.id if focused else None,
    )
    if isinstance(screen, CommandPalette):
        # A key that moved the highlight (to Quit, maybe) or changed the search: enter
        # would then run something else than in the state.
        options = screen.query_one(CommandList)
        where += (screen.query_one(CommandInput).value, options.highlighted)
    return where


async def press_every_key_twice(template: Template, state: str, *, everywhere: bool) -> int:
    """Reach `state` in a fresh app and press each key bound there twice, putting the app back
    in the state before each key; return how many keys were pressed."""
    write_draft(DRAFT)
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await STATES[state](pilot)
        own = not everywhere and state not in EDITOR_KEYS_IN and _in_the_editor(app)
        keys = _keys_bound(app, the_fields_own=own)
        assert keys, state
        where, focused = _where(app), app.focused
        for key in keys:
            await _back_to(pilot, state, where, focused)
            # Twice in a row, the second waiting in the queue while the first is handled.
            await play_burst(pilot, [key, key])
            assert app._exception is None, (state, key)
            assert app.is_running, (state, key)
    figures.record("keys_pressed_twice", len(keys))
    return len(keys)


@pytest.mark.parametrize("state", list(STATES))
async def test_every_key_bound_in_a_state_can_be_pressed_twice(
    template: Template, state: str
) -> None:
    await press_every_key_twice(template, state, everywhere=False)
