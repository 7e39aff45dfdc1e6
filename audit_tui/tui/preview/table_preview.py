"""A preview of a long table that draws only the rows in view, one line per row.

Rich lays out a table at about 0.3 ms a row and keeps every line it drew: fine
for a few dozen risks, not for thousands. Past `LARGE_TABLE` rows the preview
shows the same rows and cells (one line each, cut to fit) and renders a row
only when it scrolls into view.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from audit_tui.core.model.template import Field
from audit_tui.core.render.text import one_line

LARGE_TABLE = 200
SEPARATOR = " │ "
_KEEP_LINES = 2000
_BOLD = Style(bold=True)
_DIM = Style(dim=True)


class TablePreview(Widget):
    """A table field's rows as a header, a rule and one line per row."""

    DEFAULT_CSS = """
    TablePreview { height: auto; }
    """

    def __init__(self, field: Field, rows: list[Any], *, id: str | None = None) -> None:
        super().__init__(id=id, classes="preview-block")
        self.field = field
        self.rows = rows
        self.drawn = 0
        """How many row lines were rendered (only those in view should be)."""
        self._lines: dict[int, Strip] = {}
        self._width = 0
        self.styles.height = len(rows) + 2

    def set_rows(self, rows: list[Any], changed: int | None = None) -> None:
        """Show `rows`; when only row `changed` differs, only it is drawn again."""
        resized = len(rows) != len(self.rows)
        self.rows = rows
        if changed is not None and not resized:
            self._lines.pop(changed, None)
            self.refresh(Region(0, changed + 2, self.size.width, 1))
            return
        self._lines.clear()
        if resized:
            self.styles.height = len(rows) + 2
        self.refresh()

    def _widths(self, width: int) -> list[int]:
        columns = self.field.columns
        fixed = {
            i: max(len(c.label), *(len(o) for o in c.options))
            for i, c in enumerate(columns)
            if c.kind == "choice"
        }
        free = max(0, width - len(SEPARATOR) * (len(columns) - 1) - sum(fixed.values()))
        flexible = [i for i in range(len(columns)) if i not in fixed]
        share, extra = divmod(free, len(flexible)) if flexible else (0, 0)
        widths = []
        for i in range(len(columns)):
            if i in fixed:
                widths.append(fixed[i])
            else:
                widths.append(share + (1 if extra > 0 else 0))
                extra -= 1
        return widths

    def _line(self, cells: list[tuple[str, Style | None]], width: int) -> Strip:
        line = Text(no_wrap=True, overflow="ellipsis")
        for index, ((text, style), size) in enumerate(zip(cells, self._widths(width), strict=True)):
            if index:
                line.append(SEPARATOR, _DIM)
            cell = Text(text, style=style or "", no_wrap=True, overflow="ellipsis")
            cell.truncate(size, overflow="ellipsis", pad=True)
            line.append_text(cell)
        segments = list(line.render(self.app.console))
        return Strip(segments).crop_extend(0, width, None)

    def render_line(self, y: int) -> Strip:
        return self._render_row_line(y).apply_style(self.rich_style)

    def _render_row_line(self, y: int) -> Strip:
        width = self.size.width
        if width != self._width:
            self._lines.clear()
            self._width = width
        if y == 0:
            return self._line([(c.label, _BOLD) for c in self.field.columns], width)
        if y == 1:
            return Strip([Segment("─" * width, _DIM)])
        index = y - 2
        if not 0 <= index < len(self.rows):
            return Strip.blank(width)
        strip = self._lines.get(index)
        if strip is None:
            self.drawn += 1
            row = self.rows[index]
            cells = row if isinstance(row, dict) else {}
            strip = self._line(
                [
                    (
                        one_line(cells.get(c.id)) or self.field.unanswered,
                        _BOLD if c.strong else None,
                    )
                    for c in self.field.columns
                ],
                width,
            )
            if len(self._lines) >= _KEEP_LINES:
                self._lines.clear()
            self._lines[index] = strip
        return strip
