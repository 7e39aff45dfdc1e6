"""Rich markdown drawn as the report is exported: numbered lists keep `1.`, tables wrap.

Rich cuts a table cell's long word with `…` and numbers list items `1` (no
period). The preview shows what the export holds instead: long words fold onto
the next line, numbers read `1.`, and a rule parts the rows so that a wrapped
row reads as one (and the preview can find the row the auditor is editing).
"""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import ListItem, Markdown, MarkdownElement, TableElement
from rich.segment import Segment
from rich.table import Table

ROWS: box.Box = box.Box("    \n    \n ── \n    \n ┈┈ \n ── \n    \n    \n")
"""Rich's SIMPLE box with a faint rule between rows (their characters: `RULES`)."""


class ReportTable(TableElement):
    """A markdown table whose cells wrap (folding words too long for a line) and never cut."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table(
            box=ROWS,
            pad_edge=False,
            style="markdown.table.border",
            show_edge=False,
            collapse_padding=True,
            show_lines=True,
        )
        if self.header is not None and self.header.row is not None:
            headings = [column.content.copy() for column in self.header.row.cells]
            # A column is at least as wide as its heading's longest word (`Priority` should
            # not fold into `Priori` / `ty`), when the table then still fits its width.
            longest = [max((len(w) for w in h.plain.split()), default=0) for h in headings]
            fits = sum(longest) + 2 * len(longest) <= options.max_width
            for heading, least in zip(headings, longest, strict=True):
                heading.stylize("markdown.table.header")
                table.add_column(heading, overflow="fold", min_width=least if fits else None)
        if self.body is not None:
            for row in self.body.rows:
                table.add_row(*[element.content for element in row.cells])
        yield table


class NumberedItem(ListItem):
    """A list item numbered as the export numbers it: `1.`."""

    def render_number(
        self, console: Console, options: ConsoleOptions, number: int, last_number: int
    ) -> RenderResult:
        number_width = len(str(last_number)) + 3
        render_options = options.update(width=options.max_width - number_width)
        lines = console.render_lines(self.elements, render_options, style=self.style)
        number_style = console.get_style("markdown.item.number", default="none")
        padding = Segment(" " * number_width, number_style)
        numeral = Segment(f"{number}.".rjust(number_width - 1) + " ", number_style)
        for index, line in enumerate(lines):
            yield numeral if index == 0 else padding
            yield from line
            yield Segment("\n")


class ReportMarkdown(Markdown):
    """Rich's Markdown with the report's tables and numbered items."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "table_open": ReportTable,
        "list_item_open": NumberedItem,
    }
