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
