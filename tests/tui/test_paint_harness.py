"""The test harness that composes only an app test's last frame (tests/paint.py) keeps its word.

It rests on one fact about Textual (a headless app throws its frames away) and promises two
things: nothing is composed while a test runs, and the last frame is, so a widget that
cannot draw the state a test leaves it in still fails that test.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual._compositor import Compositor
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from tests import paint


class Box(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="box")
        yield Static("words", id="words")


class Broken(Static):
    """Draws until it is told it cannot."""

    fail = False

    def render_line(self, y: int) -> Any:
        if self.fail:
            raise RuntimeError("cannot draw this")
        return super().render_line(y)


class BreaksLater(App[None]):
    def compose(self) -> ComposeResult:
        yield Broken("drawn", id="broken")


def count_composed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    composed = [0]
    chops = Compositor._render_chops

    def counted(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        composed[0] += 1
        return chops(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "_render_chops", counted)
    return composed


@pytest.mark.paints
async def test_a_headless_app_throws_its_frames_away(monkeypatch: pytest.MonkeyPatch) -> None:
    """The premise: under run_test every composed frame goes nowhere."""
    composed = count_composed(monkeypatch)
    app = Box()
    async with app.run_test() as pilot:
        written: list[str] = []
        assert app._driver is not None
        monkeypatch.setattr(app._driver, "write", written.append)
        await pilot.press(*"typed")
        await pilot.pause()
        assert composed[0] > 0
        assert written == []


# The tests below set up the harness themselves, so that they hold with AUDIT_TUI_PAINT=1 too.


@pytest.mark.paints
async def test_nothing_is_composed_while_the_test_runs_and_the_last_frame_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    composed = count_composed(monkeypatch)
    app = Box()
    with paint.last_frame_only():
        async with app.run_test() as pilot:
            await pilot.press(*"typed")
            await pilot.pause()
            assert app.query_one(Input).value == "typed"
            assert composed[0] == 0
    assert composed[0] == 1


@pytest.mark.paints
async def test_a_screenshot_is_composed_as_ever() -> None:
    app = Box()
    with paint.last_frame_only():
        async with app.run_test() as pilot:
            await pilot.press(*"typed")
            await pilot.pause()
            assert "typed" in app.export_screenshot()


@pytest.mark.paints
async def test_a_widget_that_cannot_draw_the_last_state_fails_the_test() -> None:
    app = BreaksLater()
    with paint.last_frame_only(), pytest.raises(RuntimeError, match="cannot draw this"):
        async with app.run_test() as pilot:
            app.query_one(Broken).fail = True
            await pilot.pause()  # composes nothing: the failure shows at the end


@pytest.mark.paints
def test_the_harness_is_undone_after_the_block() -> None:
    with paint.last_frame_only():
        assert Compositor.render_update is not paint._render_update
    assert Compositor.render_update is paint._render_update
    assert App.run_test is paint._run_test
