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
