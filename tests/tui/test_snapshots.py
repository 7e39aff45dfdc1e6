"""What the app looks like, at fixed terminal sizes (`make snapshot-update` to accept changes).

Autosave is off, so a screen shows "unsaved changes" or "saved" by what the test did,
never by whether an autosave timer fired before the capture.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from audit_tui.core.model.template import Template
from audit_tui.tui.app import AuditApp
from tests.tui.helpers import (
    DRAFT,
    NO_AUTOSAVE,
    SIZE,
    complete_draft,
    editor,
    settle,
    write_draft,
)

Before = Callable[[Pilot[Any]], Awaitable[None]]


def make_app(template: Template) -> AuditApp:
    return AuditApp(template, DRAFT, autosave_delay=NO_AUTOSAVE)


def steady(go: Callable[[Pilot[Any]], Awaitable[None]] | None = None) -> Before:
    """Run `go`, then stop cursors blinking so that every screenshot is the same."""

    async def before(pilot: Pilot[Any]) -> None:
        # settle, not pilot.pause(): a loaded machine fooled pause's "the process looks
        # idle" into a capture before the risk table was laid out.
        await settle(pilot)
        if go is not None:
            await go(pilot)
            await settle(pilot)
        for widget in pilot.app.screen.query("Input, TextArea").results():
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False
        await settle(pilot)

    return before


def section(section_id: str, field: str | None = None) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def go(pilot: Pilot[Any]) -> None:
        await editor(pilot.app).show_section(section_id, field)  # type: ignore[arg-type]

    return go


def test_first_section_of_a_new_draft(snap_compare: Any, template: Template) -> None:
    assert snap_compare(make_app(template), terminal_size=SIZE, run_before=steady())


def test_list_field_with_entries(snap_compare: Any, template: Template) -> None:
    write_draft({"security": {"vulnerabilities_found": ["SQL injection", "Open redirect"]}})

    async def go(pilot: Pilot[Any]) -> None:
        await section("security")(pilot)
        await pilot.pause()
        await pilot.press("shift+tab")  # into the entries

    assert snap_compare(make_app(template), terminal_size=SIZE, run_before=steady(go))


def test_risk_table(snap_compare: Any, template: Template) -> None:
    write_draft({"risks": complete_draft(template)["risks"]})
    assert snap_compare(make_app(template), terminal_size=SIZE, run_before=steady(section("risks")))


def test_review_screen(snap_compare: Any, template: Template) -> None:
    data = complete_draft(template)
    data["security"]["rating"] = "Z"
    del data["performance"]
    write_draft(data)
    assert snap_compare(
        make_app(template), press=["ctrl+r"], terminal_size=SIZE, run_before=steady()
    )


def test_narrow_terminal_puts_the_preview_below_the_form(
    snap_compare: Any, template: Template
) -> None:
    write_draft({"executive_summary": {"overall_health": 7, "key_strengths": ["Tests"]}})
    assert snap_compare(
        make_app(template), press=["ctrl+t"], terminal_size=(80, 30), run_before=steady()
    )
