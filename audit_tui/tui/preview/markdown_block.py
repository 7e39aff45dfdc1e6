"""A block of markdown rendered once per change, with only http(s) links kept as links.

A `Static` holding rich `Markdown` renders it twice on every update (to measure
its height, then to draw it) and asks for a new layout of the whole screen. This
widget renders once into lines, and asks for a layout only when its height
changed.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

WEB_LINK = ("http://", "https://")
RULES = "─┈"
"""The characters of a table's rules: under its heading, and between rows (report_markdown)."""


class SafeMarkdown:
    """Rich markdown whose links only stay links when they point at http(s)."""

    def __init__(self, markup: str) -> None:
        # Deferred: markdown-it is slow to import.
        from audit_tui.tui.preview.report_markdown import ReportMarkdown

        self.markdown = ReportMarkdown(markup, hyperlinks=True)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.markdown, options):
            style = segment.style
            if style is not None and style.link and not style.link.lower().startswith(WEB_LINK):
                segment = Segment(segment.text, style.update_link(None), segment.control)
            yield segment


class MarkdownBlock(Widget):
    """Markdown drawn from lines rendered once per source and width."""

    DEFAULT_CSS = """
    MarkdownBlock { height: auto; }
    """

    def __init__(self, source: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.renders = 0
        """How many times the markdown was laid out (once per change and width)."""
        self._lines: list[Strip] = []
        self._width = -1

    def update(self, source: str) -> None:
        """Show `source`; the screen is laid out again only if the height changed."""
        if source == self.source:
            return
        self.source = source
        if self._width < 0:
            self.refresh(layout=True)
            return
        height = len(self._lines)
        self._render_lines(self._width)
        self.refresh(layout=len(self._lines) != height)

    def _render_lines(self, width: int) -> None:
        self._width = width
        if not self.source or width <= 0:
            self._lines = []
            return
        self.renders += 1
        console = self.app.console
        options = console.options.update(width=width, height=None, highlight=False)
        lines = console.render_lines(SafeMarkdown(self.source), options, pad=True)
        strips = [Strip(line, width) for line in lines]
        # Rich starts a list or a table with an empty line; the blocks' margins part them.
        while strips and not strips[0].text.strip():
            strips.pop(0)
        while strips and not strips[-1].text.strip():
            strips.pop()
        self._lines = strips

    def _ensure(self, width: int) -> None:
        if width != self._width:
            self._render_lines(width)

    def texts(self) -> list[str]:
        """The text of each line as drawn at the widget's width now."""
        self._ensure(self.content_size.width)
        return [line.text for line in self._lines]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._ensure(width)
        return len(self._lines)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        self._ensure(width)
        if 0 <= y < len(self._lines):
            # Under the markdown's own styles, the widget's colours (the theme's).
            return self._lines[y].apply_style(self.rich_style)
        return Strip.blank(width, self.rich_style)
