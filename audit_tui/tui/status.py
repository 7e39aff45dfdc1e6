"""The status line: which draft file, and whether what is on screen is saved."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from audit_tui.core.render.text import display_line


class StatusLine(Static):
    """`saved · path`, `unsaved changes · path`, or `not saved: reason · path`."""

    def show(self, path: str, *, dirty: bool, exists: bool, error: str | None = None) -> None:
        if error:
            state: tuple[str, str] = (f"not saved: {display_line(error)}", "bold $text-error")
        elif dirty:
            state = ("unsaved changes", "$text-warning")
        elif exists:
            state = ("saved", "$text-success")
        else:
            state = ("new draft, not saved yet", "dim")
        # The state first: a long path is what gets cut off on a narrow terminal.
        content = Content.assemble(state, "  ·  ", (display_line(path), "bold"))
        if content == getattr(self, "_shown", None):
            return  # typing keeps the same status: no repaint on the key path
        self._shown = content
        self.update(content, layout=False)
        self.set_class(bool(error), "-error")
