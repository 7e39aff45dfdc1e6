"""Keys land where they were aimed at any speed: a burst leaves the draft a slow typist would.

Each script below is one of the sequences that lost or misplaced text when sent in
one write (issue #11). It is played twice into a fresh app: one key at a time, and
as one burst; the drafts, the section shown and the focused widget must be equal.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from audit_tui.core.model.template import Template
from tests.tui.helpers import SIZE, editor, make_app, show, write_draft
from tests.tui.keys import keys_of, play_burst, play_slowly, settle

T = keys_of


def risks(n: int) -> dict[str, Any]:
    rows = [{"priority": "High", "issue": f"issue {i}", "impact": f"impact {i}"} for i in range(n)]
    return {"risks": rows}


LISTS = {"executive_summary": {"key_strengths": ["one", "two"], "critical_gaps": ["gap"]}}

SCRIPTS: dict[str, tuple[dict[str, Any], str, str | None, list[str]]] = {
    # name: (draft, section, field, keys)
    "issue's five fields": (
        {},
        "executive_summary",
        None,
        [
            "7",
            "tab",
            *T("strength one"),
            "enter",
            *T("strength two"),
            "tab",
            *T("gap one"),
            "tab",
            *T("Ready"),
            "tab",
            *T("Moderate risk"),
        ],
    ),
    "score, tab, text": ({}, "executive_summary", None, ["7", "tab", *T("strong")]),
    "text, tab and shift+tab, text": (
        {},
        "environment",
        None,
        [*T("node20"), "tab", *T("pg15"), "shift+tab", "x"],
    ),
    "text, backspace, left, ctrl+u, text": (
        {},
        "environment",
        None,
        [*T("abc"), "backspace", "d", "left", "left", "x", "tab", *T("zz"), "ctrl+u", *T("y")],
    ),
    "list edit, escape, text": (
        LISTS,
        "executive_summary",
        "key_strengths",
        ["shift+tab", "up", "enter", *T("ZZ"), "escape", *T("new")],
    ),
    "list, backspace on the list": (
        LISTS,
        "executive_summary",
        "key_strengths",
        ["shift+tab", "backspace", "tab", *T("after")],
    ),
    "paragraph, tab and shift+tab, backspace": (
        {},
        "executive_summary",
        "risk_assessment",
        [*T("low"), "tab", "shift+tab", "backspace", *T("w risk"), "enter", *T("two")],
    ),
    "list, tab into the choice, letter": (
        {},
        "security",
        "remaining_risks",
        [*T("one"), "tab", "b", "shift+tab", *T("x")],
    ),
    "risk form: tab between cells": (
        risks(6),
        "risks",
        "risks",
        ["enter", "tab", *T("issue1"), "tab", *T("impact1"), "tab", *T("act")],
    ),
    "risk form: escape, then a": (
        risks(2),
        "risks",
        "risks",
        ["enter", "tab", *T("edit"), "escape", "a", "tab", *T("new row")],
    ),
    "table a, h, tab, text": ({}, "risks", "risks", ["a", "h", "tab", *T("issue"), "tab", "x"]),
    "ctrl+n and ctrl+b, then text": (
        {},
        "executive_summary",
        None,
        ["ctrl+n", *T("vuln"), "ctrl+b", "5", "ctrl+n", "ctrl+n", *T("opt")],
    ),
}


async def _play(template: Template, name: str, slowly: bool) -> tuple[Any, ...]:
    data, section, field, keys = SCRIPTS[name]
    path = Path(f"{'slow' if slowly else 'burst'}.toml")
    write_draft(copy.deepcopy(data), path)
    app = make_app(template, path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, section, field)
        await (play_slowly if slowly else play_burst)(pilot, keys)
        await settle(pilot)
        assert app.session is not None
        focused = app.focused.id if app.focused is not None else None
        return answers(app.session.draft.data), editor(app).current.id, focused


def answers(data: dict[str, Any]) -> dict[str, Any]:
    """The draft's data without the times it was created and saved."""
    kept = copy.deepcopy(data)
    for stamp in ("created", "updated"):
        kept.get("meta", {}).pop(stamp, None)
    return kept


@pytest.mark.parametrize("name", list(SCRIPTS))
async def test_a_burst_lands_as_the_same_keys_typed_slowly(template: Template, name: str) -> None:
    slow = await _play(template, name, slowly=True)
    burst = await _play(template, name, slowly=False)
    assert burst == slow


async def test_the_issues_burst_fills_five_fields(template: Template) -> None:
    draft, _, _ = await _play(template, "issue's five fields", slowly=False)
    assert draft["executive_summary"] == {
        "overall_health": 7,
        "key_strengths": ["strength one", "strength two"],
        "critical_gaps": ["gap one"],
        "readiness_status": "Ready",
        "risk_assessment": "Moderate risk",
    }


async def test_text_inputs_keep_the_shell_editing_keys(template: Template) -> None:
    # ctrl+a/ctrl+e go to the start and end of the line, ctrl+k and ctrl+u cut after
    # and before the cursor, ctrl+w the word before it; none of them opens a dialog.
    write_draft({"environment": {"runtime_version": "node 20 lts"}})
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, "environment", "runtime_version")
        await play_slowly(pilot, ["ctrl+a", "X", "ctrl+e", "Y", "ctrl+w", *"Z"])
        field = template.field("environment.runtime_version")
        assert app.session is not None
        assert app.session.draft.get(field) == "Xnode 20 Z"
        await play_slowly(pilot, ["ctrl+a", "right", "ctrl+k"])
        assert app.session.draft.get(field) == "X"
        await play_slowly(pilot, [*"yz", "left", "ctrl+u"])
        assert app.session.draft.get(field) == "z"
        assert app.screen is editor(app)
