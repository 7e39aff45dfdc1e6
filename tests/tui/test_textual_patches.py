"""The overrides of Textual internals in audit_tui/tui/textual_patches/ still do their job.

RowTable and the lenient decoder have their tests beside their features
(tests/tui/test_list_table.py, tests/tui/test_terminal.py); here the rest.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Label

from audit_tui.tui.textual_patches.first_show import FirstShowKeepsStyles


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
