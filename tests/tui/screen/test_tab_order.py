"""Tab and shift+tab do the same at every terminal size: they move in the form, round from
its last widget to its first, and never to the section list or the preview, which show or
hide with the size (f6 goes to them)."""

from __future__ import annotations

import copy
from typing import Any

from audit_tui.core.model.template import Template
from audit_tui.tui.preview.preview import Preview
from audit_tui.tui.section_list import SectionList
from tests.tui.helpers import NO_AUTOSAVE, make_app, show, write_draft
from tests.tui.keys import play_burst, settle

DRAFT = {"risks": [{"priority": "High", "issue": "issue 1"}, {"priority": "Low", "issue": "2"}]}
# From the risk table: the row form on the first row, Tab past its last cell (at 140x45
# this went to the preview, at 60x15 to the table), `a` (in the table: add a row), then
# shift+tab twice from the new row's first cell (at 140x45: past the table to the
# section list) and typing.
SCRIPT = ["enter", *["tab"] * 5, "a", "shift+tab", "shift+tab", *"zz"]


async def play(template: Template, size: tuple[int, int]) -> Any:
    write_draft(copy.deepcopy(DRAFT))
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await show(pilot, "risks", "risks")
        await play_burst(pilot, SCRIPT)
        assert app.session is not None
        data = copy.deepcopy(app.session.draft.data.get("risks"))
        # f6 goes to each pane shown (section list, form, preview), back to the same widget.
        focused = app.focused
        visited = []
        for _ in range(3):
            await pilot.press("f6")
            visited.append(app.focused)
        assert visited[-1] is focused
        panes = [type(w) for w in visited[:-1]]
        assert panes == ([Preview, SectionList] if size[0] >= 100 else [type(focused)] * 2)
        return data


async def test_a_burst_with_tabs_leaves_the_same_draft_at_60x15_and_140x45(
    template: Template,
) -> None:
    wide = await play(template, (140, 45))
    small = await play(template, (60, 15))
    assert small == wide
    assert len(wide) == 3  # the `a` reached the table at both sizes


async def test_hiding_the_pane_that_has_the_focus_gives_it_back_to_the_form(
    template: Template,
) -> None:
    """ctrl+l (or ctrl+t) on the focused section list (or preview) left nothing focused."""
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await show(pilot, "environment", "database")
        in_form = app.focused
        assert in_form is not None
        for pane, hide in ((SectionList, "ctrl+l"), (Preview, "ctrl+t")):
            while not isinstance(app.focused, pane):
                await pilot.press("f6")
            await pilot.press(hide)
            await settle(pilot)
            assert app.focused is in_form, f"{hide}: the focus is on {app.focused!r}"
