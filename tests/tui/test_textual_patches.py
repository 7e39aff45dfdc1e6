"""The overrides of Textual internals in audit_tui/tui/textual_patches/ still do their job.

RowTable and the lenient decoder have their tests beside their features
(tests/tui/test_list_table.py, tests/tui/test_terminal.py); here the rest.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from typing import Any

import pytest
from textual import events
from textual._styles_cache import StylesCache
from textual.app import App
from textual.screen import Screen
from textual.widgets import Label

from audit_tui.tui.textual_patches import styles_cache
from audit_tui.tui.textual_patches.first_show import FirstShowKeepsStyles
from tests.paint import paint_last_frame


class Plain(Screen[None]):
    def compose(self) -> Any:
        yield Label("plain")


class Kept(FirstShowKeepsStyles, Plain):
    pass


async def restyles(screen: Screen[None]) -> tuple[int, int]:
    """How often Screen restyled all of `screen`: on its first showing, and on a later resume."""
    count = 0
    original = screen.update_node_styles

    def counting(animate: bool = True) -> None:
        nonlocal count
        count += 1
        original(animate=animate)

    screen.update_node_styles = counting  # type: ignore[method-assign]
    app = App[None]()
    async with app.run_test() as pilot:
        await app.push_screen(screen)
        await pilot.pause()
        first = count
        screen.post_message(events.ScreenResume())  # refresh_styles=True, as a resume may ask
        await pilot.pause()
    return first, count - first


async def test_a_screen_is_not_restyled_on_its_first_showing_only() -> None:
    assert await restyles(Kept()) == (0, 1)


async def test_without_the_patch_the_first_showing_restyles() -> None:
    # What the patch saves: if Textual stops doing this, the patch can go.
    assert await restyles(Plain()) == (1, 1)


async def test_sigcont_resumes_the_driver_only_after_a_stop(monkeypatch: Any) -> None:
    """hang_up.resume_only_after_a_stop: a hang-up's SIGCONT must not restart the driver."""
    import signal

    from textual.drivers.linux_driver import LinuxDriver

    from audit_tui.tui.textual_patches.hang_up import resume_only_after_a_stop

    saved_handlers = {s: signal.getsignal(s) for s in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        resume_only_after_a_stop()
        driver = LinuxDriver(App[None]())
    finally:  # the driver put its own handlers in place for this process
        for signum, handler in saved_handlers.items():
            signal.signal(signum, handler)
    started: list[int] = []
    monkeypatch.setattr(driver, "start_application_mode", lambda: started.append(1))
    driver._sigcont_application()
    assert started == []  # never stopped: nothing to resume
    driver._must_signal_resume = True  # what SIGTSTP's handler sets as it stops the app
    driver._sigcont_application()
    assert started == [1]


class Menus(App[None]):
    def compose(self) -> Any:
        from audit_tui.tui.textual_patches.paging import PagingOptionList

        yield PagingOptionList("first", "second", "third", id="menu")


async def test_pagedown_before_the_layout_does_not_fail() -> None:
    """A choice menu shown and paged in one burst: the page comes before the layout."""
    from textual.widgets import OptionList

    app = Menus()
    async with app.run_test() as pilot:
        menu = app.query_one("#menu", OptionList)
        menu.display = False
        await pilot.pause()
        menu.display = True
        menu._line_cache.clear()  # as before its first layout: no line map yet
        menu.action_page_down()  # no layout in between
        assert menu.highlighted == 2
        menu._line_cache.clear()
        menu.action_page_up()
        assert menu.highlighted == 0


class Rebuilt(App[None]):
    def compose(self) -> Any:
        yield Label("first", id="first")


async def _drawn_in_an_app() -> weakref.ref[StylesCache]:
    """A weak reference to the styles cache of a label drawn in an app that has ended."""
    app = Rebuilt()
    async with app.run_test() as pilot:
        await pilot.pause()
        paint_last_frame(app)  # drawn: its lines are in its styles cache
        return weakref.ref(app.query_one("#first", Label)._styles_cache)


async def _left_alive() -> bool:
    # In a task of its own: the app it runs stays Textual's `active_app` in that task's
    # context only, not in this test's.
    cache = await asyncio.create_task(_drawn_in_an_app())
    gc.collect()  # the app and its widgets are garbage now, unless a cache holds them
    return cache() is not None


async def test_a_removed_widget_keeps_no_styles_cache_alive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import audit_tui.tui.app  # noqa: F401  (importing the app installs the patch)

    assert StylesCache.get_inner_outer is styles_cache._get_inner_outer
    assert not await _left_alive()
    # Textual's own method still keeps it: when this fails, #6665 is fixed upstream and
    # textual_patches/styles_cache.py can go.
    monkeypatch.setattr(StylesCache, "get_inner_outer", styles_cache.TEXTUAL_GET_INNER_OUTER)
    assert await _left_alive()
