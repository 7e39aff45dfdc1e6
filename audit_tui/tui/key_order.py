"""Keys are handled one at a time, in the order they arrived, whatever their speed.

Textual hands a printable key to the focused widget at once, but a key handled
by a binding (tab, backspace, escape, ctrl+n, enter in a form...) bubbles up one
message queue per widget level before its action runs; the keys behind it are
meanwhile inserted where the focus still is. A burst of keys (a paste, a slow
SSH link, a loaded machine) then lands in the wrong field or in the wrong order.
Upstream: Textualize/textual issues #6605 and #1009; PR #6631 (open) runs only a
widget's own bindings inline. Delete this module (and `KeyOrderedApp` from the
app's bases) once Textual orders keys itself.

It reads private parts of Textual's message pumps (`_message_queue`, `_pending_message`,
`_task`, `_closing`/`_closed`, `_dispatch_message`, `App._begin_batch`/`_end_batch`,
`App._exit`, `App._handle_exception`) and of asyncio (`Event._waiters`): Textual has no
public way to ask whether a widget is done with a message. tests/tui/test_textual_internals.py
names each of them and fails, naming the upstream issue, if an upgrade changes one.

How: the app takes every key (and paste) from the terminal into one queue. A
task hands the app one key at a time and waits until its handling is complete,
i.e. until the widgets it may have touched are quiet: the key's way up from the
focused widget, its binding's action, the messages that action posted (a form's
`Done`, a dialog's result), a focus change (`Widget.focus` is a callback on the
app), and a screen pushed or popped (its compose and mount). Only then is the
next key handed on, to whatever has the focus by then.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from typing import TypeVar

from textual import events
from textual._queue import Queue
from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.message_pump import MessagePump

ReturnType = TypeVar("ReturnType")

ORDERED = (events.Key, events.Paste)
"""What the terminal types: taken in order. Mouse events go their own way at once."""
QUIET_TIMEOUT = 3.0
"""Seconds the next key waits at most for the one before to be handled (a widget that never
settles must not stop the keys for good)."""
FAST_POLLS = 50
PAINT_EVERY = 0.1
"""While a burst of keys is handled one by one, the screen is painted this often (seconds),
not after every key: painting takes most of a key's time, and the keys wait for it."""


class KeyOrderedApp(App[ReturnType]):
    """An App whose keys are handled strictly in arrival order (see the module's notes)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._waiting_keys: deque[events.Event] = deque()
        self._key_arrived = asyncio.Event()
        self._busy = False
        self._keys_idle = asyncio.Event()
        self._keys_idle.set()
        self._released: events.Event | None = None
        self._released_to: DOMNode | None = None
        self._key_task: asyncio.Task[None] | None = None
        self._dispatching = 0
        self._held_since: float | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ORDERED) and not event.is_forwarded:
            if event is self._released:
                self._released = None
                self._released_to = self.focused
            elif self._ordering():
                if self._busy and not self._waiting_keys and self._quiet_but_me():
                    self._busy = False  # the key before is done: no detour for this one
                if self._busy:
                    self._waiting_keys.append(event)
                    self._key_arrived.set()  # handed on once the key before is done
                    self._hold_paints()
                    return
                # Nothing in hand: this key is handled now, with no detour. Whether
                # it is done is asked only when another key comes (or keys_handled).
                self._busy = True
                self._keys_idle.clear()
                self._released_to = self.focused
        await super().on_event(event)

    def _ordering(self) -> bool:
        """Whether keys go through the queue (not before the app runs, nor once it closes)."""
        if self._key_task is None:
            if not self.is_running or self._exit:
                return False
            self._key_task = asyncio.create_task(self._hand_on_keys(), name="key-order")
        return not self._key_task.done()

    def _hold_paints(self) -> None:
        """While keys wait, paint every PAINT_EVERY seconds rather than after each key."""
        if self._held_since is None:
            self._held_since = asyncio.get_running_loop().time()
            self._begin_batch()

    def _paint_now(self) -> None:
        if self._held_since is not None:
            self._held_since = None
            self._end_batch()
            if not self._batch_count:
                # What the screen was asked to lay out or repaint while the batch held (a
                # dialog pushed by the burst's last key) waits for the screen's next idle,
                # and an idle screen has none coming: `_end_batch` prompts the app only.
                try:
                    self.screen.check_idle()
                except Exception:  # no screen (closing)
                    pass

    async def _hand_on_keys(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                await self._key_arrived.wait()
                self._key_arrived.clear()
                await self._until_quiet()
                while self._waiting_keys:
                    event = self._released = self._waiting_keys.popleft()
                    if self.post_message(event):
                        await self._until_quiet()
                    else:  # closing: the key has nowhere to go
                        self._released = None
                    if (
                        self._held_since is not None
                        and loop.time() - self._held_since > PAINT_EVERY
                    ):
                        self._paint_now()
                        self._hold_paints()
                self._paint_now()
                self._busy = False
                self._keys_idle.set()
        except Exception as error:  # a bug here must show, as in any handler
            self._handle_exception(error)

    async def _until_quiet(self) -> None:
        """Wait until the key just handed on, and everything it set going, is handled.

        Quiet is looked at, not asked for: a message posted to ask would wake the
        screen early and split a keystroke's frame from its preview's.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + QUIET_TIMEOUT
        polls = 0
        while not all(self._quiet(node) for node in self._nodes_to_watch()):
            if loop.time() > deadline:
                return  # a widget that never settles must not stop the keys for good
            polls += 1
            # The first looks cost nothing while the key's own handlers run; a
            # longer wait (a section being built) is looked at every millisecond.
            await asyncio.sleep(0 if polls < FAST_POLLS else 0.001)

    def _quiet_but_me(self) -> bool:
        """Whether every watched widget is quiet (the app is: it is taking a key in)."""
        return all(node is self or self._quiet(node) for node in self._nodes_to_watch())

    def _quiet(self, node: MessagePump) -> bool:
        """Whether `node` handles nothing now and has nothing waiting but keys on their way in."""
        if node._closing or node._closed or (node._task is not None and node._task.done()):
            return True  # removed (a dialog that was closed): nothing more will come of it
        if node._pending_message is not None:
            return False
        queue: Queue[Message | None] = node._message_queue
        if any(not _incoming(message) for message in queue.values):
            return False
        if node is self:
            return not self._dispatching and self._released is None
        # A message pump with nothing to do waits for its queue's event.
        return bool(queue.ready_event._waiters)

    async def _dispatch_message(self, message: Message) -> None:
        self._dispatching += 1
        try:
            await super()._dispatch_message(message)
        finally:
            self._dispatching -= 1

    def _nodes_to_watch(self) -> set[MessagePump]:
        """The app, its screen, and the widgets between the focus (now and at the key) and it."""
        nodes: set[MessagePump] = {self}
        try:
            nodes.add(self.screen)
        except Exception:  # no screen yet, or the app is closing
            return nodes
        for widget in (self._released_to, self.focused):
            if widget is not None:
                nodes.update(widget.ancestors_with_self)
        return nodes

    async def keys_handled(self) -> None:
        """Wait until every key that has arrived has been handled (tests, leaving on a signal).

        Not to be awaited by a key's own handler (it would wait for itself).
        """
        queue: Queue[Message | None] = self._message_queue
        while not self._stopped:
            if any(_incoming(message) for message in queue.values):
                await asyncio.sleep(0.001)  # the app takes them in first
            elif self._busy:
                self._key_arrived.set()
                # Looked at again now and then: an app that fails mid-key never goes idle.
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._keys_idle.wait(), 0.1)
            else:
                return

    @property
    def _stopped(self) -> bool:
        """The app failed or is ending: the keys still queued will never be handled."""
        return self._exception is not None or self._exit or self._closing or self._closed

    @property
    def keys_waiting(self) -> int:
        """How many keys have arrived but not been handed on yet."""
        return len(self._waiting_keys)

    def _on_unmount(self) -> None:
        if self._key_task is not None:
            self._key_task.cancel()
        self._waiting_keys.clear()
        self._busy = False
        self._keys_idle.set()
        self._paint_now()


def _incoming(message: Message | None) -> bool:
    """A key (or paste) from the terminal not yet taken in by the app."""
    return isinstance(message, ORDERED) and not message.is_forwarded
