"""At 60x15 every scrolled region of every screen and dialog is reached by Tab and scrolls by key.

A region that holds fields (a form, a dialog too tall for the terminal) is reached
through them: Tab brings each into view. A region of text (the review's summary, the
preview, a diff) takes the focus itself, and then the arrows and page keys scroll it.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widget import Widget

from audit_tui.core.model.template import Template
from tests.tui.helpers import NO_AUTOSAVE, make_app, press, settle
from tests.tui.screen.dialogs import OPENERS, keys, scrollable_regions, write_complete

SMALL = (60, 15)
SCREENS = {**OPENERS, "editor-preview": keys("ctrl+t")}
TABS = 80


async def tab_to(pilot: Pilot[Any], widget: Widget) -> bool:
    """Press Tab until `widget` has the focus (False if it never gets it); f6 for the
    editor's panes, which Tab leaves to the form (docs/keys.md)."""
    key = "f6" if widget.id in ("sections", "preview") else "tab"
    for _ in range(TABS):
        if pilot.app.focused is widget:
            return True
        await press(pilot, key)
    return pilot.app.focused is widget


async def scrolls_by_keys(pilot: Pilot[Any], region: Widget) -> None:
    """Each of down, pagedown and end scrolls `region` (a list once its cursor leaves the
    view, so pressed a few times), and home scrolls it back to the top."""
    for key in ("down", "pagedown", "end"):
        await press(pilot, "home")
        assert region.scroll_y == 0, (region, "home")
        for _ in range(region.scrollable_content_region.height + 2):
            await press(pilot, key)
            if region.scroll_y > 0:
                break
        assert region.scroll_y > 0, (region, key)


def shown(widget: Widget) -> bool:
    """Whether the middle of `widget` is on the screen, not clipped by a container or the edge."""
    try:
        found, _ = widget.screen.get_widget_at(*widget.region.center)
    except Exception:  # noqa: BLE001 (outside the screen: NoWidget or an IndexError)
        return False
    return found is widget or widget in found.ancestors


@pytest.mark.parametrize("name", list(SCREENS))
async def test_everything_that_takes_the_focus_is_shown_with_it(
    template: Template, name: str
) -> None:
    write_complete(template)
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=SMALL) as pilot:
        await SCREENS[name](pilot)
        screen = app.screen
        for widget in list(screen.focus_chain):
            assert await tab_to(pilot, widget), f"{name}: Tab never reaches {widget}"
            await settle(pilot)
            assert shown(widget), f"{name}: {widget} has the focus, out of sight"


@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_scrolled_region_is_reached_and_scrolls(template: Template, name: str) -> None:
    write_complete(template)
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=SMALL) as pilot:
        await SCREENS[name](pilot)
        screen = app.screen
        regions = scrollable_regions(screen)
        for region in regions:
            if isinstance(region, CommandList):
                # The palette's list is worked from its input, which keeps the focus.
                before = region.scroll_y
                for _ in range(region.scrollable_content_region.height + 1):
                    await press(pilot, "down")
                assert region.scroll_y > before
                continue
            if region.focusable:
                assert await tab_to(pilot, region), f"{name}: Tab never reaches {region}"
                await settle(pilot)
                if region.max_scroll_y > 0:  # (laid out again with the focus, it may fit)
                    await scrolls_by_keys(pilot, region)
                continue
            # A region of fields: Tab brings each of them into its view.
            inside = [w for w in screen.focus_chain if region in w.ancestors]
            assert inside, f"{name}: {region} scrolls, and nothing in it takes the focus"
            for widget in inside:
                assert await tab_to(pilot, widget), f"{name}: Tab never reaches {widget}"
                await settle(pilot)
                assert region.scrollable_content_region.overlaps(widget.region), widget
