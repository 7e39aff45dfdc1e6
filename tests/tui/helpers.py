"""Shared by the app's tests: a quick app on a draft in the test's own folder."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w
from textual import events
from textual.pilot import Pilot

from audit_tui.core.files.storage import read_draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.export import join_parts, render_section
from audit_tui.tui.app import AuditApp
from audit_tui.tui.editor import EditorScreen
from audit_tui.tui.preview.preview import Preview
from tests.tui.keys import quiet, send

DRAFT = "audit-report.toml"
SIZE = (140, 45)
QUICK_SAVE = 0.05
NO_AUTOSAVE = 3600.0
"""An autosave delay no test lasts: what a test shows cannot depend on an autosave's timing."""


def make_app(template: Template, path: str | Path = DRAFT, **kwargs: Any) -> AuditApp:
    """The app on `path`, saving soon after a change, its scrolls not animated.

    A test looks at where a scroll lands, not at the frames on the way: an animated
    scroll would hold each key for its 0.1-0.5 s of real time (Pilot waits for it).
    """
    kwargs.setdefault("autosave_delay", QUICK_SAVE)
    app = AuditApp(template, path, **kwargs)
    app.animation_level = "none"
    return app


def write_draft(data: dict[str, Any], path: str | Path = DRAFT) -> Path:
    data = {"meta": {"format": 1, "template": "backend-audit"}, **data}
    file = Path(path)
    file.write_text(tomli_w.dumps(data), encoding="utf-8")
    return file


def saved(template: Template, path: str | Path = DRAFT) -> dict[str, Any]:
    """The draft file's data as it is on disk now."""
    return read_draft(Path(path), template).data


def editor(app: AuditApp) -> EditorScreen:
    screen = app.editor
    assert screen is not None
    return screen


def preview_document(app: AuditApp) -> str:
    """The markdown the preview shows, assembled as the export assembles it."""
    shown = editor(app).query_one(Preview)
    draft = editor(app).session.draft
    parts = []
    for part in shown.template.parts:
        sections = [shown.sources.get(s.id) or render_section(s, draft) for s in part.sections]
        parts.append(f"## {part.heading}\n\n" + "\n\n".join(sections))
    return join_parts(shown.template, parts)


def preview_source(app: AuditApp, section_id: str) -> str:
    """The markdown the preview shows for one section."""
    return editor(app).query_one(Preview).sources[section_id]


FAST_POLLS = 50
"""settle looks this many times with no pause (the app's own handlers run in between), then
every millisecond (something longer runs: a section being built)."""
SETTLE_TIMEOUT = 30.0
"""Seconds `settle` lets the app stay busy before the test fails (only a hung app takes this)."""


def _busy(app: Any) -> list[str]:
    """What the app, its screens and their widgets have left to handle now (empty: nothing)."""
    screen = app.screen
    busy = []
    if not app._batch_count:  # (while paints are held, nothing is laid out)
        busy = [
            flag
            for flag in (
                "_layout_required",
                "_scroll_required",
                "_repaint_required",
                "_recompose_required",
                "_dirty_widgets",
                "_callbacks",
            )
            if getattr(screen, flag)
        ]
    # Textual masks a transition (the palette closing, its command then run) by holding
    # the paints for 50 ms: what the command lays out waits for that timer.
    busy.extend(
        timer.name
        for timer in app._timers
        if timer.name == "delay_update" and timer._task is not None and not timer._task.done()
    )
    for shown in app.screen_stack:
        busy.extend(
            repr(node) for node in shown.walk_children(with_self=True) if not app._quiet(node)
        )
    if not app._quiet(app):
        busy.append(repr(app))
    return busy


async def settle(pilot: Pilot[Any]) -> None:
    """Let the app handle all it has been given: keys, the messages they set going, a screen
    pushed or popped, the layout and repaint, and what waits for a repaint; return once
    nothing is left, with no fixed sleep.

    What `pilot.pause()` is for, without its wait for the process to look idle (a 20 ms
    sleep, repeated while anything ran in it: 40 ms or more each time, most of an app
    test's time). The widgets' queues are looked at (`quiet`), not asked: Pilot's
    `_wait_for_screen` posts a message to every widget and waits for each answer, about
    half of a pressed key's CPU. Timers and workers are not waited for: wait for what
    they do with `wait_until`.
    """
    app = pilot.app
    if not isinstance(app, AuditApp):
        await pilot.pause()
        return
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SETTLE_TIMEOUT
    polls = 0
    while True:
        await quiet(app)
        if app._exit or app._exception_event.is_set() or not app.is_running:
            return  # leaving (or crashed): nothing more will settle
        await app.keys_handled()
        await app.animator.wait_until_complete()  # (none run: see make_app)
        if not app._batch_count:
            app.screen._on_timer_update()  # lay out and paint now, not at the next frame
        busy = _busy(app)
        if not busy:
            return
        if loop.time() > deadline:
            raise AssertionError(f"still busy after {SETTLE_TIMEOUT} s: {busy[:5]}")
        polls += 1
        await asyncio.sleep(0 if polls < FAST_POLLS else 0.001)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press `keys` one at a time, as `pilot.press` does: each is handled, and the screen
    laid out, before the next is sent; without pilot's two idle waits per key."""
    for key in keys:
        send(pilot.app, key)
        await settle(pilot)


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste `text` into the focused widget (one event, where typing is one per key)."""
    assert pilot.app.focused is not None
    pilot.app.post_message(events.Paste(text))  # as the terminal driver sends it
    await settle(pilot)


async def show(pilot: Pilot[Any], section: str, field: str | None = None) -> None:
    """Go to a section (and field), and wait until the focus has landed there."""
    app = pilot.app
    assert isinstance(app, AuditApp)
    await editor(app).show_section(section, field)
    await settle(pilot)


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], object], what: str = "", timeout: float = 30.0
) -> None:
    """Let the app run until `condition()` holds (a timer fired, a worker finished, a file
    was written), checking after each short pause; fail the test if it never does.

    Instead of a fixed sleep, which is too long on a quiet machine and too short on a busy
    one. The timeout only stops a test that would wait for ever.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    await settle(pilot)
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {what or condition}")
        await pilot.pause(0.01)
        await settle(pilot)


async def notified(pilot: Pilot[Any], text: str = "", severity: str = "") -> list[Any]:
    """Wait until the app has shown a notification holding `text` (of `severity`, if given),
    and return the notifications that match. The app handles a notification as a message,
    so it can arrive after the action that made it."""

    def matching() -> list[Any]:
        return [
            n
            for n in pilot.app._notifications
            if text in n.message and severity in ("", n.severity)
        ]

    await wait_until(pilot, matching, f"a notification {text!r} {severity}")
    return matching()


def palette_offers(app: AuditApp, *commands: str) -> bool:
    """The command palette lists each of `commands`, the first of them highlighted."""
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    if not found or found.first().option_count == 0:
        return False
    options = found.first()
    shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    highlighted = options.highlighted or 0
    return all(any(c in s for s in shown) for c in commands) and commands[0] in shown[highlighted]


def screen_text(app: AuditApp) -> str:
    """Every character on the screen as the terminal would show it, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def find_on_screen(app: AuditApp, text: str) -> tuple[int, int]:
    """The (x, y) of the first place `text` is on the screen."""
    for y, line in enumerate(screen_text(app).split("\n")):
        x = line.find(text)
        if x >= 0:
            return x, y
    raise AssertionError(f"{text!r} is not on the screen")


def complete_draft(template: Template, rows: int = 3) -> dict[str, Any]:
    """Valid answers to every field of `template`, with `rows` rows in each table."""
    data: dict[str, Any] = {}
    for section, field in template.fields():
        if field.kind == "table":
            value: Any = [
                {
                    c.id: (c.options[i % len(c.options)] if c.options else f"{c.label} {i + 1}")
                    for c in field.columns
                }
                for i in range(rows)
            ]
        elif field.kind == "score":
            value = field.max - 1
        elif field.kind in ("grade", "choice"):
            value = field.choices[0]
        elif field.kind == "list":
            value = [f"{field.label} one", f"{field.label} two"]
        else:
            value = f"{field.label} answer"
        if len(field.path) == 1:
            data[field.path[0]] = value
        else:
            data.setdefault(section.id, {})[field.id] = value
    return data
