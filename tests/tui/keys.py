"""Playing keys into the app: one at a time with a pause after each, or all at once.

`play_slowly` is how Pilot's `press` types; `play_burst` is how a paste, a slow
SSH link or a loaded machine delivers keys: every key is in the app's queue
before the first is handled. `terminal_bytes` spells the same keys as a terminal
sends them, for one write into a pseudo-terminal.
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Iterable
from typing import Any

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.message_pump import MessagePump
from textual.pilot import Pilot

from audit_tui.tui.app import AuditApp

TERMINAL_BYTES = {
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "enter": "\r",
    "backspace": "\x7f",
    "left": "\x1b[D",
    "right": "\x1b[C",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "ctrl+n": "\x0e",
    "ctrl+b": "\x02",
    "ctrl+u": "\x15",
    "ctrl+a": "\x01",
    "ctrl+k": "\x0b",
    "ctrl+w": "\x17",
    "ctrl+z": "\x1a",
    "space": " ",
}
"""What a terminal sends for each named key (escape is left out: a lone ESC followed by
more bytes in the same write reads as alt+key, in every terminal program)."""


def key_event(key: str) -> events.Key:
    """The Key event the terminal driver makes for `key` (a name, or one character)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def keys_of(text: str) -> list[str]:
    """The keys that type `text`."""
    return list(text)


def terminal_bytes(keys: Iterable[str]) -> str:
    """`keys` as the characters a terminal writes for them."""
    return "".join(key if len(key) == 1 else TERMINAL_BYTES[key] for key in keys)


def send(app: Any, key: str) -> None:
    """Put `key` in the app's queue, as the terminal driver does."""
    event = key_event(key)
    event.set_sender(app)
    app.post_message(event)


FAST_POLLS = 50
"""Looks taken at once before `quiet` waits a millisecond between looks."""


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every key sent has been handled, and what it set going has happened."""
    app = pilot.app
    assert isinstance(app, AuditApp)
    # Not pilot.pause(): it waits for the process to go idle, up to a second on a busy machine.
    await quiet(app)
    await app.keys_handled()
    await quiet(app)


async def quiet(app: AuditApp, timeout: float = 30.0) -> None:
    """Wait until the app and every widget of its screen have handled all their messages.

    What `Pilot._wait_for_screen` waits for, looked at rather than asked: it posts a
    message to each of the screen's ~150 widgets and waits for every answer, which made
    up most of the CPU time of a key played in a test.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    busy: MessagePump | None = None
    polls = 0
    while True:
        # The widget found busy last time is looked at first: while it works, one look.
        if busy is None or _quiet(app, busy):
            busy = _busy_one(app)
            if busy is None:
                return
        if loop.time() > deadline:
            raise AssertionError(f"still busy after {timeout} s: {busy}")
        polls += 1
        await asyncio.sleep(0 if polls < FAST_POLLS else 0.001)


def _quiet(app: AuditApp, node: MessagePump) -> bool:
    if node is app and (not app._message_queue.ready_event._waiters or app._next_callbacks):
        # `app._quiet` takes the app as quiet while it runs a callback between two
        # messages (a popped screen being removed, after `call_next`).
        return False
    return app._quiet(node) and not node._next_callbacks


def _busy_one(app: AuditApp) -> MessagePump | None:
    """The app or a widget of its screen that is not quiet, if any."""
    leaving = app._exit or app._closing or app._closed or not app.is_running
    if app._exception is not None or leaving:
        return None  # failed or leaving: nothing more will be handled
    if not _quiet(app, app):
        return app
    try:
        screen = app.screen
    except Exception:  # no screen yet, or the app is closing
        return None
    for node in screen.walk_children(with_self=True):
        if not _quiet(app, node):
            return node
    return None


async def play_slowly(pilot: Pilot[Any], keys: Iterable[str]) -> None:
    """Send the keys one by one, each once the one before has been handled."""
    for key in keys:
        send(pilot.app, key)
        await settle(pilot)


async def play_burst(pilot: Pilot[Any], keys: Iterable[str]) -> None:
    """Send every key before the app has handled any of them (one terminal read)."""
    for key in keys:
        send(pilot.app, key)
    await settle(pilot)
