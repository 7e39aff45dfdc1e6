"""A one-line input that loses no pasted line."""

from __future__ import annotations

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

    def __init__(self, *args: object, split_lines: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.split_lines = split_lines

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
