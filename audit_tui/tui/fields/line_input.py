"""A one-line input that loses no pasted line and shows the start of its text when left."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Input
from textual.widgets.input import Selection


class LineInput(Input):
    """Pasted lines are joined by spaces, or, with `split_lines`, handed on as `Lines`.

    Textual's Input keeps only the first line of a paste; an auditor pasting a
    few lines from a tracker would lose the rest without a word. Joined lines
    are words of their own: a space separates them from the text around them.

    Unfocused, the input shows the start of its text (Input shows where the cursor
    was, often the end: `stgreSQL 15.4 on AWS RDS`); focused, the cursor again.
    """

    class Lines(Message):
        """Several lines were pasted into an input that takes one entry per line."""

        def __init__(self, input: LineInput, lines: list[str]) -> None:
            super().__init__()
            self.input = input
            self.lines = lines

        @property
        def control(self) -> LineInput:
            return self.input

    def __init__(
        self,
        *args: object,
        split_lines: bool = False,
        submitted: Callable[[str], None] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.split_lines = split_lines
        self.submitted = submitted
        """Called with the value on enter, inside the key's handling (instead of Submitted)."""

    async def action_submit(self) -> None:
        # Enter's binding: the key queue (tui/key_order.py) hands on the keys behind it
        # only once this has run, so the callback (which clears the box) comes first.
        if self.submitted is None:
            await super().action_submit()
        else:
            self.submitted(self.value)

    def on_paste(self, event: events.Paste) -> None:
        # (Public handlers run before the base class's, which prevent_default skips.)
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(event.text.splitlines()) <= 1 and not event.text.endswith(("\n", "\r")):
            return  # one line: Input's own handler, called after this one, takes it
        event.prevent_default()  # Input's handler would keep the first line only
        event.stop()
        if not lines:
            return
        if self.split_lines and len(lines) > 1:
            self.post_message(self.Lines(self, lines))
        else:
            self.insert_text_at_cursor(self._spaced(" ".join(lines)))

    def _spaced(self, text: str) -> str:
        """`text` with a space before and after where it would touch other words."""
        before = self.value[: self.cursor_position]
        after = self.value[self.cursor_position :]
        if before and not before[-1].isspace():
            text = " " + text
        if after and not after[0].isspace():
            text = text + " "
        return text

    def watch_selection(self, selection: Selection) -> None:
        # (Called after Input's own watcher, which scrolls to the cursor.)
        if not self.has_focus:
            self.scroll_to(x=0, animate=False, immediate=True)

    def on_blur(self, event: events.Blur) -> None:
        # (Input's own handler runs after this one.)
        self.scroll_to(x=0, animate=False, immediate=True)

    def on_focus(self, event: events.Focus) -> None:
        # (Input's own handler runs after this one.)
        self.scroll_to_region(
            Region(self._cursor_offset, 0, width=1, height=1), force=True, animate=False
        )
