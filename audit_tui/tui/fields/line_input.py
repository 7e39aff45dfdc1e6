"""A one-line input that loses no pasted line."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.message import Message
from textual.widgets import Input


class LineInput(Input):
    """Pasted lines are joined by spaces, or, with `split_lines`, handed on as `Lines`.

    Textual's Input keeps only the first line of a paste; an auditor pasting a
    few lines from a tracker would lose the rest without a word.
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

    async def _on_key(self, event: events.Key) -> None:
        # (Input's own handler runs after this one, unless the key is taken here.)
        if event.key == "enter" and self.submitted is not None:
            # Taken here rather than by the enter binding, whose action runs only
            # after the keys already queued behind it: those would land in the box
            # before the callback (which clears it) had run.
            event.prevent_default()
            event.stop()
            self.submitted(self.value)

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) <= 1:
            return  # Input's own handler, called after this one, takes it
        event.prevent_default()  # Input's handler would keep the first line only
        event.stop()
        if self.split_lines:
            self.post_message(self.Lines(self, lines))
        else:
            self.insert_text_at_cursor(" ".join(lines))
