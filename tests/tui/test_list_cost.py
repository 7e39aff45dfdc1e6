"""A list field with many entries: a layout of its form measures a screenful of them.

Textual's OptionList measures every entry for its height on each layout, which its
max-height then cuts to 12 lines (applying 100,000 imported entries laid the form out
several times)."""

from __future__ import annotations

from typing import Any

from textual.geometry import Size
from textual.pilot import Pilot
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from audit_tui.core.model.template import Template
from audit_tui.tui.app import AuditApp
from audit_tui.tui.fields.items import EntryList
from tests.tui.helpers import SIZE, editor, make_app, show, wait_until, write_draft

ENTRIES = 1000


def count_measures(entries: EntryList) -> list[Option]:
    """The options whose visual is asked for from now on (each measure asks for one)."""
    asked: list[Option] = []
    visual = entries._get_visual

    def counted(option: Option) -> Any:
        asked.append(option)
        return visual(option)

    entries._get_visual = counted  # type: ignore[method-assign]
    return asked


async def environment_list(pilot: Pilot[Any], app: AuditApp) -> EntryList:
    """The entries of the environment's list, once its form is on screen."""
    await wait_until(pilot, lambda: app.editor is not None, "the editor")
    await show(pilot, "environment")
    return editor(app).query_one(EntryList)


SIZES = Size(*SIZE), Size(*SIZE)
"""The container and viewport sizes a layout of the form passes to get_content_height."""


async def test_a_long_list_is_measured_to_its_max_height_only(template: Template) -> None:
    names = [f"VAR_{i}" for i in range(ENTRIES)]
    names[3] = "A long entry " * 20  # wraps: more than one line
    write_draft({"environment": {"environment_variables": names}})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        entries = await environment_list(pilot, app)
        assert isinstance(entries, OptionList) and entries.option_count == ENTRIES
        assert entries.outer_size.height == 12  # app.tcss: max-height 12
        asked = count_measures(entries)
        width = entries.scrollable_content_region.width
        # What a layout of the form asks: measured to past its max-height, not 1,000 entries.
        height = entries.get_content_height(*SIZES, width)
        assert 12 < height < 20 and 0 < len(asked) < 20
        whole = OptionList.get_content_height(entries, *SIZES, width)
        assert whole >= ENTRIES + 1  # what was measured before: every entry


async def test_a_short_list_is_as_tall_as_its_entries(template: Template) -> None:
    names = ["ONE", "A long entry " * 20, "THREE"]
    write_draft({"environment": {"environment_variables": names}})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        entries = await environment_list(pilot, app)
        width = entries.scrollable_content_region.width
        height = entries.get_content_height(*SIZES, width)
        assert height == OptionList.get_content_height(entries, *SIZES, width) > 3
