"""A burst's last frame is painted: nothing composed while the keys held the paints is lost.

While a burst is handled key by key, the app paints at most every PAINT_EVERY seconds
(tui/key_order.py). A frame composed meanwhile (a dialog pushed by the burst's last
key) used to be dropped, not deferred, so the terminal kept showing the empty file
prompt of an import until some later key, while `enter` then pressed the unseen
dialog's Apply (found by the outside tester in tmux).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen

from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.import_dialog import IMPORTS, ImportPreview
from audit_tui.tui.dialogs.path_prompt import PathPrompt
from tests.tui.helpers import SIZE, make_app, wait_until
from tests.tui.keys import play_burst

# These tests watch the frames reach the terminal, so every frame is composed (tests/paint.py).
pytestmark = pytest.mark.paints


class Terminal:
    """Records the frames the app hands to the terminal (none while paints are held)."""

    def __init__(self, app: Any) -> None:
        self.painted: list[Screen[Any]] = []
        self.frame = asyncio.Event()
        display = app._display

        def record(screen: Screen[Any], renderable: Any) -> None:
            if not app._batch_count and renderable is not None:
                self.painted.append(screen)
                self.frame.set()
            display(screen, renderable)

        app._display = record

    async def until(self, condition: Callable[[], bool]) -> None:
        """Wait up to 3 s for a frame that makes `condition` hold, without Pilot's pause:
        it repaints the screen itself (`_on_timer_update`), which hid this bug."""
        while not condition():
            self.frame.clear()
            try:
                await asyncio.wait_for(self.frame.wait(), timeout=3)
            except TimeoutError:
                raise AssertionError("the frame was never painted on the terminal") from None


async def test_a_dialog_pushed_by_a_bursts_last_key_is_painted(
    template: Template, isolated: Path
) -> None:
    """The whole path, burst to painted preview. It guards the path but does not catch the
    lost frame by itself: under Pilot the import's worker finishes after the paints resume
    and its own refresh paints. The test below holds the mechanism and fails without it."""
    (isolated / "service.env").write_text("DATABASE_URL=x\nAPI_KEY=y\n", encoding="utf-8")
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        terminal = Terminal(app)
        await wait_until(pilot, lambda: app.screen.query("SectionList"), "the editor")
        kind = next(k for k in IMPORTS if "env" in k.command.casefold())
        app.start_import(kind)
        await wait_until(pilot, lambda: isinstance(app.screen, PathPrompt), "the prompt")
        await play_burst(pilot, [*"service.env", "enter"])
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, ImportPreview) and app.screen.plan is not None,
            "the import preview",
        )
        await terminal.until(
            lambda: bool(terminal.painted) and isinstance(terminal.painted[-1], ImportPreview)
        )


async def test_a_frame_composed_while_paints_are_held_is_painted_when_they_resume(
    template: Template,
) -> None:
    """The mechanism itself, without racing a worker: hold the paints as a burst does,
    push a dialog (composed and refreshed meanwhile), resume: the dialog is painted."""
    from audit_tui.tui.dialogs.confirm import ConfirmDialog

    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        terminal = Terminal(app)
        await wait_until(pilot, lambda: app.screen.query("SectionList"), "the editor")
        app._hold_paints()
        app.push_screen(ConfirmDialog("Replace this file?", "It exists.", "Replace it"))
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the dialog")
        await pilot.pause()
        terminal.painted.clear()
        app._paint_now()
        await terminal.until(lambda: any(isinstance(s, ConfirmDialog) for s in terminal.painted))
