"""Model-based: any key script leaves the same draft played slowly, as one burst, or as one write.

Hypothesis draws scripts of printable text and the keys that bindings handle (tab,
shift+tab, enter, backspace, arrows, escape, ctrl+n/ctrl+b, ctrl+u, `a` in the risk
table), and a section to start in. Each script is played into a fresh app with a
pause after every key, then as one burst; the drafts must be equal. Some scripts
are also written to the real app in a pseudo-terminal as one write (test_pty_...).
`make reliability` draws many more of both (figures: key_scripts, key_scripts_pty).
"""

from __future__ import annotations

import copy
import itertools
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template
from tests.reliability import figures
from tests.reliability.pty_app import Terminal
from tests.tui.helpers import make_app, saved, show, write_draft
from tests.tui.keys import play_burst, play_slowly, settle, terminal_bytes

TEMPLATE = load_template()
EXAMPLES = 250 if figures.LONG else 3
PTY_EXAMPLES = 40 if figures.LONG else 1
PTY_SIZE = (160, 50)  # the pseudo-terminal's, so that both lay the form out alike

STARTS = [
    ("executive_summary", None),
    ("security", "remaining_risks"),
    ("environment", None),
    ("risks", "risks"),
]
DRAFT = {
    "executive_summary": {"key_strengths": ["one", "two"], "readiness_status": "Ready"},
    "risks": [
        {"priority": "High", "issue": "issue 1", "impact": "impact 1"},
        {"priority": "Low", "issue": "issue 2"},
    ],
}
BOUND = ["tab", "shift+tab", "enter", "backspace", "left", "right", "up", "down", "ctrl+u"]
BOUND += ["ctrl+n", "ctrl+b", "escape"]


def _scripts(bound: list[str]) -> st.SearchStrategy[list[str]]:
    text = st.text(alphabet="abhx17 ", min_size=1, max_size=4).map(list)
    key = st.sampled_from(bound).map(lambda k: [k])
    return (
        st.lists(st.one_of(text, key, st.just(["a"])), min_size=1, max_size=16)
        .map(lambda parts: list(itertools.chain.from_iterable(parts)))
        .filter(lambda keys: keys.count("ctrl+n") - keys.count("ctrl+b") < 4)
    )


def answers(data: dict[str, Any]) -> dict[str, Any]:
    """The draft's data without the times it was created and saved."""
    kept = copy.deepcopy(data)
    for stamp in ("created", "updated"):
        kept.get("meta", {}).pop(stamp, None)
    return kept


async def play(
    template: Template,
    start: tuple[str, str | None],
    keys: list[str],
    *,
    slowly: bool,
    size: tuple[int, int] = (140, 45),
) -> dict[str, Any]:
    path = Path(f"{'slow' if slowly else 'burst'}.toml")
    path.unlink(missing_ok=True)
    write_draft(copy.deepcopy(DRAFT), path)
    app = make_app(template, path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await show(pilot, *start)
        await (play_slowly if slowly else play_burst)(pilot, keys)
        await settle(pilot)
        assert app.session is not None
        return answers(app.session.draft.data)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(start=st.sampled_from(STARTS), keys=_scripts(BOUND))
async def test_a_key_script_leaves_the_same_draft_slowly_and_as_one_burst(
    template: Template, start: tuple[str, str | None], keys: list[str]
) -> None:
    slow = await play(template, start, keys, slowly=True)
    burst = await play(template, start, keys, slowly=False)
    assert burst == slow, keys
    figures.record("key_scripts", 1)


@pytest.mark.e2e  # the real app in a pseudo-terminal
@settings(
    max_examples=PTY_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(keys=_scripts([k for k in BOUND if k not in ("escape", "ctrl+n", "ctrl+b")]))
async def test_a_key_script_written_in_one_write_to_the_real_app_leaves_the_same_draft(
    template: Template, keys: list[str]
) -> None:
    # In the real app in a pseudo-terminal, from the first field of the first section:
    # the script and ctrl+q in one write (escape is left out: ESC and the byte after it
    # read as alt+key in one write, in any terminal).
    start = ("executive_summary", "overall_health")
    slow = await play(template, start, keys, slowly=True, size=PTY_SIZE)
    draft = Path("pty.toml").resolve()
    draft.unlink(missing_ok=True)
    write_draft(copy.deepcopy(DRAFT), draft)
    app = Terminal.app(draft)
    try:
        app.read_until(b"Overall System Health")
        app.settle(0.5)
        os.write(app.fd, (terminal_bytes(keys) + "\x11").encode())
        assert app.wait() == 0
    finally:
        app.kill()
    assert answers(saved(template, draft)) == slow, keys
    figures.record("key_scripts_pty", 1)
