"""One measurement of the app or of its floor, run in a fresh process by bench_app.

`python -m benchmarks.app_probe MODE [ARGS]` prints one number:
- `bare`: wall-clock time of a bare Textual app's first paint (the P1 floor);
- `start DRAFT`: wall-clock time of the first paint of audit-tui's first section form;
- `input N`: seconds per key to an Input painted, for N keys (the P2 floor);
- `key DRAFT N`: seconds per key to the preview painted, for N keys in the first section;
- `open-risks DRAFT`: seconds to show the risk section;
- `memory DRAFT`: peak resident memory (MiB) with DRAFT open, preview shown, risks visible.
For `bare` and `start` the parent subtracts the time it started the process.
"""

from __future__ import annotations

import asyncio
import resource
import statistics
import sys
import time
from typing import Any

SIZE = (140, 45)


async def _settle(pilot: Any, done: Any) -> None:
    """Let the app process messages until `done()` holds, then one more pass for the paint."""
    for _ in range(10_000):
        if done():
            break
        await pilot.pause()
    else:  # pragma: no cover - a broken probe must not hang the benchmark
        raise RuntimeError("the app never reached the expected state")
    await pilot.pause()


def _first_paint(ready: Any) -> None:
    """Print the wall-clock time of the first paint at which `ready(app)` holds, then exit."""
    from textual.screen import Screen

    paint = Screen._compositor_refresh

    def stamped(screen: Any) -> None:
        paint(screen)
        if ready(screen.app):
            print(time.time(), flush=True)
            Screen._compositor_refresh = paint  # type: ignore[method-assign]
            screen.app.exit()

    Screen._compositor_refresh = stamped  # type: ignore[method-assign]


async def bare() -> None:
    from textual.app import App
    from textual.widgets import Static

    app: App[None] = App()
    _first_paint(lambda app: any(True for _ in app.screen.query(Static)))

    async def on_mount() -> None:
        await app.screen.mount(Static("ready"))

    app.call_later(on_mount)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()


def _app(draft: str) -> Any:
    from audit_tui.core.model.loader import load_template
    from audit_tui.tui.app import AuditApp, prepare_process

    template = load_template()
    prepare_process()  # as `audit-tui` does before it starts the app
    return AuditApp(template, draft, autosave_delay=3600)


def start(draft: str) -> None:
    """`audit-tui DRAFT` itself, through the command line, with a headless terminal."""
    import gc

    gc.disable()  # as main() does before it imports anything; the app turns it on
    from textual.app import App

    from audit_tui.cli import main
    from audit_tui.tui.app import AuditApp
    from audit_tui.tui.fields.base import FieldEditor

    def run_headless(app: App[Any], **options: Any) -> Any:
        return App.run(app, headless=True, size=SIZE)

    AuditApp.run = run_headless  # type: ignore[method-assign]
    _first_paint(
        lambda app: app.editor is not None and any(True for _ in app.editor.query(FieldEditor))
    )
    main([draft])


class PaintClock:
    """Stamps the first screen paint (compositor update) after a condition starts to hold.

    Keys are posted as the terminal driver posts them, and the clock is read
    inside the paint itself, so no test-harness sleep is counted.
    """

    def __init__(self, screen: Any) -> None:
        self.condition: Any = None
        self.painted: float | None = None
        paint = screen._compositor_refresh

        def stamped() -> None:
            paint()
            if self.condition is not None and self.painted is None and self.condition():
                self.painted = time.perf_counter()

        screen._compositor_refresh = stamped

    async def key(self, app: Any, key: str, condition: Any) -> float:
        from textual import events

        self.condition, self.painted = condition, None
        character = key if len(key) == 1 else None
        begin = time.perf_counter()
        app.post_message(events.Key(key, character))
        deadline = begin + 30
        while self.painted is None:
            if time.perf_counter() > deadline:  # pragma: no cover
                raise RuntimeError("no paint after the key")
            await asyncio.sleep(0.0005)
        return self.painted - begin


async def input_keys(count: int) -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    app = One()
    samples = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.query_one(Input)
        clock = PaintClock(app.screen)
        for index in range(count):
            key, want = ("x", "x") if index % 2 == 0 else ("backspace", "")
            samples.append(await clock.key(app, key, lambda want=want: box.value == want))
            await pilot.pause()
    return statistics.median(samples)


async def preview_keys(draft: str, count: int) -> float:
    from audit_tui.tui.preview.preview import Preview

    app = _app(draft)
    samples = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        preview = app.editor.query_one(Preview)
        await _settle(pilot, lambda: preview._built)
        await app.editor.show_section("executive_summary", "readiness_status")
        await pilot.pause()
        clock = PaintClock(app.screen)
        for index in range(count):
            key = "x" if index % 2 == 0 else "backspace"
            before = preview.renders["executive_summary"]
            samples.append(
                await clock.key(
                    app, key, lambda before=before: preview.renders["executive_summary"] > before
                )
            )
            await pilot.pause()
    return statistics.median(samples)


async def open_risks(draft: str) -> float:
    from audit_tui.tui.preview.preview import Preview

    app = _app(draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        preview = app.editor.query_one(Preview)
        await _settle(pilot, lambda: preview._built)
        begin = time.perf_counter()
        await app.editor.show_section("risks")
        await pilot.pause()
        return time.perf_counter() - begin


async def memory(draft: str) -> float:
    from audit_tui.tui.preview.preview import Preview

    app = _app(draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        preview = app.editor.query_one(Preview)
        await _settle(pilot, lambda: preview._built)
        await app.editor.show_section("risks")
        await pilot.pause()
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> None:
    mode, *args = argv
    if mode == "bare":
        asyncio.run(bare())
    elif mode == "start":
        start(args[0])
    elif mode == "input":
        print(asyncio.run(input_keys(int(args[0]))))
    elif mode == "key":
        print(asyncio.run(preview_keys(args[0], int(args[1]))))
    elif mode == "open-risks":
        print(asyncio.run(open_risks(args[0])))
    elif mode == "memory":
        print(asyncio.run(memory(args[0])))
    else:
        raise SystemExit(f"unknown probe {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
