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


LARGE_SOURCE = 400
"""Lines of markdown past which a block is rendered in pieces, each kept (a long list)."""
PIECE = 100
"""Entries of a long list per piece: a change renders again only the pieces it changed."""
_CONTINUED = "- \u2060"
"""The bullet that opens a piece inside a long list; its line is dropped once rendered."""


def pieces(source: str) -> list[str]:
    """`source` cut inside its long unordered nested lists, every PIECE entries.

    Each piece after the first starts with the `_CONTINUED` bullet, so that its entries
    render nested, as in the whole; the entries of an unordered list render alike
    whatever comes before them (an ordered list's numbers are padded to the widest, so
    it is never cut).
    """
    lines = source.split("\n")
    if len(lines) <= LARGE_SOURCE:
        return [source]
    found: list[str] = []
    current: list[str] = []
    run = 0
    for line in lines:
        entry = line.startswith("  - ")
        if entry and run >= PIECE:
            found.append("\n".join(current))
            current, run = [_CONTINUED], 0
        run = run + 1 if entry else 0
        current.append(line)
    found.append("\n".join(current))
    return found


KEPT = 512
"""Rendered pieces kept, the least recently used dropped first (a piece is a section, or
PIECE entries of a long list): showing a pane again, or going back to a width, finds the
preview's lines at that width already rendered."""
_rendered: dict[tuple[str, int, str | None], list[Strip]] = {}


def render_markdown(console: Console, source: str, width: int) -> list[Strip]:
    """`source` rendered into lines `width` cells wide, without blank lines around it."""
    options = console.options.update(width=width, height=None, highlight=False)
    lines = console.render_lines(SafeMarkdown(source), options, pad=True)
    strips = [Strip(line, width) for line in lines]
    # Rich starts a list or a table with an empty line; the blocks' margins part them.
    while strips and not strips[0].text.strip():
        strips.pop(0)
    while strips and not strips[-1].text.strip():
        strips.pop()
    return strips


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
        self._pieces: dict[str, list[Strip]] = {}
        """The lines of each piece of a long source (`pieces`), at `_width`."""

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
        if width != self._width:
            self._pieces = {}
        self._width = width
        if not self.source or width <= 0:
            self._lines = []
            return
        self.renders += 1
        parts = pieces(self.source)
        if len(parts) == 1:
            self._pieces = {}
            self._lines = self._render_piece(self.source, width)
            return
        kept: dict[str, list[Strip]] = {}
        lines: list[Strip] = []
        for index, part in enumerate(parts):
            strips = self._pieces.get(part) or kept.get(part)
            if strips is None:
                strips = self._render_piece(part, width)
                if index:
                    strips = strips[1:]  # the `_CONTINUED` bullet
            kept[part] = strips
            lines.extend(strips)
        self._pieces = kept
        self._lines = lines

    def _render_piece(self, source: str, width: int) -> list[Strip]:
        console = self.app.console
        key = (source, width, console.color_system)
        strips = _rendered.pop(key, None)
        if strips is None:
            strips = render_markdown(console, source, width)
        _rendered[key] = strips  # now the most recent
        if len(_rendered) > KEPT:
            del _rendered[next(iter(_rendered))]  # the least recent
        return list(strips)

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
