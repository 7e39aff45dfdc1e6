"""The private parts of Textual (and asyncio) that audit_tui/tui/key_order.py reads, one by one.

The key queue is there because Textual hands on keys out of order (Textualize/textual#6605,
#1009; PR #6631 would fix it). To know when a widget is done with a key, it looks into the
message pumps: if a Textual (or Python) upgrade removes or changes one of these, the keys
would quietly go out of order again, or each wait QUIET_TIMEOUT. These tests say which.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections import deque
from typing import Any

import pytest
import textual
from textual import events
from textual.app import App, ComposeResult
from textual.message_pump import MessagePump
from textual.widgets import Input

from audit_tui.tui.key_order import KeyOrderedApp

WHY = (
    "audit_tui/tui/key_order.py relies on it until Textual orders keys itself "
    "(Textualize/textual#6605; PR #6631): see that module's notes"
)


def need(owner: object, name: str, what: str, ok: bool) -> None:
    where = getattr(owner, "__name__", type(owner).__name__)
    assert ok, f"Textual {textual.__version__}: {where}.{name} is gone or no longer {what}. {WHY}"


def method(cls: type, name: str, *, coroutine: bool = False) -> None:
    found = getattr(cls, name, None)
    ok = callable(found) and (not coroutine or inspect.iscoroutinefunction(found))
    need(cls, name, "a coroutine method" if coroutine else "a method", ok)


class Typing(KeyOrderedApp[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="box")


def test_the_app_methods_it_calls_or_overrides_are_there() -> None:
    method(App, "_begin_batch")
    method(App, "_end_batch")
    method(App, "_handle_exception")
    method(App, "on_event", coroutine=True)
    method(MessagePump, "_dispatch_message", coroutine=True)
    params = list(inspect.signature(MessagePump._dispatch_message).parameters)
    need(MessagePump, "_dispatch_message", "(self, message)", params == ["self", "message"])


async def test_the_message_pump_state_it_reads_is_there_and_means_what_it_did() -> None:
    app = Typing()
    async with app.run_test() as pilot:
        await pilot.pause()
        box = app.query_one("#box", Input)
        for pump in (app, app.screen, box):
            for name, kind in (("_closing", bool), ("_closed", bool), ("_exit", bool)):
                if name != "_exit" or pump is app:
                    need(
                        pump,
                        name,
                        f"a {kind.__name__}",
                        isinstance(getattr(pump, name, None), kind),
                    )
            need(
                pump,
                "_task",
                "an asyncio.Task",
                isinstance(getattr(pump, "_task", None), asyncio.Task),
            )
            need(
                pump,
                "_pending_message",
                "None at rest",
                getattr(pump, "_pending_message", 0) is None,
            )
            queue: Any = getattr(pump, "_message_queue", None)
            need(
                pump,
                "_message_queue.values",
                "a deque",
                isinstance(getattr(queue, "values", None), deque),
            )
            ready = getattr(queue, "ready_event", None)
            need(
                pump,
                "_message_queue.ready_event",
                "an asyncio.Event",
                isinstance(ready, asyncio.Event),
            )
            # An idle pump waits on its queue's event: how key_order tells it has nothing to do.
            need(
                asyncio.Event,
                "_waiters",
                "waited on by an idle pump",
                bool(getattr(ready, "_waiters", None)),
            )
        # A message waiting in a widget's queue shows there until the widget has handled it.
        box.post_message(events.Blur())
        need(
            box,
            "_message_queue.values",
            "holding what was posted",
            len(box._message_queue.values) == 1,
        )
        assert not app._quiet(box), WHY
        await pilot.pause()
        assert app._quiet(box), WHY


async def test_a_key_is_marked_forwarded_when_the_app_hands_it_to_the_focus() -> None:
    app = Typing()
    forwarded: list[bool] = []

    def seen(message: object) -> None:
        if isinstance(message, events.Key):
            forwarded.append(message.is_forwarded)

    async with app.run_test(message_hook=seen) as pilot:
        await pilot.pause()
        need(
            events.Key,
            "is_forwarded",
            "False on a key from the terminal",
            events.Key("a", "a").is_forwarded is False,
        )
        await pilot.press("a")
        await app.keys_handled()
        typed = app.query_one("#box", Input).value
    assert typed == "a"  # (the key queue took it, and handed it on)
    # The terminal's key reaches the app unforwarded; the app forwards it to the Input.
    need(
        events.Key,
        "is_forwarded",
        "set when the app forwards a key",
        forwarded[:2] == [False, True],
    )


class FailsOnF2(Typing):
    BINDINGS = [("f2", "fail", "Fail")]

    def action_fail(self) -> None:
        raise RuntimeError("the key failed")


async def test_waiting_for_the_keys_ends_when_the_app_fails_with_keys_queued() -> None:
    """keys_handled() used to wait for ever once the app had died with keys still queued:
    a test that broke the app hung instead of failing."""
    from tests.tui.keys import send

    app = FailsOnF2()
    returned = False
    with pytest.raises(RuntimeError, match="the key failed"):
        async with app.run_test() as pilot:
            await pilot.pause()
            for key in ("f2", "a", "b", "c"):  # one burst: the failing key, then three more
                send(app, key)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(app.keys_handled(), timeout=10)
                returned = True
    assert returned, "keys_handled() still waited 10 s after the app had failed"
