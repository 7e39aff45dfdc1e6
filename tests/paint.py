"""App tests compose the last frame, not every frame that nobody sees.

Under `App.run_test` Textual composes every frame the screen refreshes (lays the widgets'
lines into strips, `Compositor.render_update`) and then throws it away: the headless
driver has no terminal, so `App._display` returns at once when the app `is_headless`.
Composing those frames was about half of the CPU time of the app tests.

While a test runs, the screen's refreshes here keep all their bookkeeping (dirty regions
cleared, the screen stack of the frame set) but compose nothing. When the test leaves
`run_test` the frame on screen is composed once, in full, so a widget that cannot draw
its last state still fails the test that left it there. Screenshots and snapshots compose
their frame themselves (`render_update(full=True)`) and are not affected.

A test about painting itself (which frames reach the terminal, what a frame draws) is
marked `@pytest.mark.paints` and composes every frame as the app does in a terminal;
`AUDIT_TUI_PAINT=1` composes every frame in every test. The end-to-end tests run the real
app in a pseudo-terminal and compose everything.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from textual._compositor import Compositor
from textual.app import App

MARKER = "paints"
EVERY_FRAME = "AUDIT_TUI_PAINT"

_render_update: Callable[..., Any] = Compositor.render_update
_run_test: Callable[..., Any] = App.run_test


def paint_every_frame() -> bool:
    return os.environ.get(EVERY_FRAME, "") not in ("", "0")


def _unseen_frame(
    self: Compositor,
    full: bool = False,
    screen_stack: list[Any] | None = None,
    simplify: bool = False,
) -> Any:
    """The screen's own refresh asks for `full=False`; a screenshot asks for `full=True`."""
    if full:
        return _render_update(self, full=full, screen_stack=screen_stack, simplify=simplify)
    # What render_update does besides composing: the regions it would have drawn are done.
    self._dirty_regions.clear()
    return None


def paint_last_frame(app: App[Any]) -> None:
    """Compose the frame on screen now, as a terminal would show it (errors propagate)."""
    if not app.is_running or not app.screen_stack:
        return
    screen = app.screen
    if not screen.is_attached or not screen.size:
        return
    _render_update(screen._compositor, full=True, screen_stack=app._background_screens)


@asynccontextmanager
async def _run_test_painting_the_last_frame(
    self: App[Any], *args: Any, **kwargs: Any
) -> AsyncIterator[Any]:
    async with _run_test(self, *args, **kwargs) as pilot:
        yield pilot
        paint_last_frame(self)


@contextmanager
def last_frame_only() -> Iterator[None]:
    """Within this block, app tests compose only their last frame."""
    Compositor.render_update = _unseen_frame  # type: ignore[method-assign]
    App.run_test = _run_test_painting_the_last_frame  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        Compositor.render_update = _render_update  # type: ignore[method-assign]
        App.run_test = _run_test  # type: ignore[method-assign]
