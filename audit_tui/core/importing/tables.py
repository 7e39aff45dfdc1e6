"""Tables of a report being imported: risk tables, and tables of labels and their values.

A risk table's header cells may be bold, reordered, abbreviated (`Issue/Risk`,
`Action`, `Severity` when the template lists it as an alias) or joined by
columns the template does not have; each such column is named once. Cells past
the header are listed, row by row.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from audit_tui.core.importing.blocks import Node
from audit_tui.core.importing.labels import Names, breaks, has_break, read_choice, undecorated
from audit_tui.core.importing.plan import Skipped
from audit_tui.core.importing.recover import (
    TBD,
    is_placeholder,
    recover_cell,
    strip_strong,
    unescape,
)
from audit_tui.core.model.record import record
from audit_tui.core.model.template import Column, Field, Section, Template


@record
class Found:
    """An answer found in the report, on its line."""

    field: Field
    value: Any
    line: int


class Reader(Protocol):
    """What the tables need of the markdown importer's reader (importing/markdown.py).

    A protocol, so that the reader, which uses these tables, is not imported back.
    """

    template: Template
    section: Section | None
    recognised: int
    found: list[Found]
    skipped: list[Skipped]
    placed: set[int]
    hints: set[int]

    def source(self, line: int) -> str: ...
    def use(self, node: Node) -> None: ...
    def skip(self, node: Node, reason: str) -> None: ...
    def skip_line(self, number: int, reason: str) -> None: ...
    def note(self, line: int, reason: str) -> None: ...
    def find_field(self, label: str) -> Field | str: ...
    def start(self, target: Field | str, line: int, value: list[str]) -> None: ...
    def close(self) -> None: ...


_PIPE = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> int:
    """How many cells a table row's source line holds (GFM: outer pipes optional)."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return len(_PIPE.split(line))


def _text(cell: Node) -> str:
    for child in cell.children:
        if child.type == "inline":
            return child.content
    return ""


def _line(node: Node) -> int:
    return node.map[0] + 1 if node.map else 0


class Risks:
    """Reads the tables of one report for its reader."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.template = reader.template
        self.names: dict[str, Names] = {}  # each table field's columns, by its key

    def table(self, node: Node) -> None:
        reader = self.reader
        head = node.children[0].children[0]
        body = node.children[1].children if len(node.children) > 1 else []
        labels = [undecorated(_text(cell)) for cell in head.children]
        found = self.table_field(labels)
        if found is None:
            if len(labels) == 2 and self.pairs([head, *body]):
                return
            reader.skip(node, "table columns do not match a table of the template")
            return
        table, columns = found
        reader.recognised += 1
        reader.use(node)
        header = _line(head)
        for label, column in zip(labels, columns, strict=True):
            if column is None:
                reader.skipped.append(
                    Skipped(
                        f"column {label!r} is not in the template; its cells are left out",
                        header,
                        reader.source(header),
                    )
                )
        rows = [(self.row(table, columns, tr), tr) for tr in body]
        if len(rows) == 1 and rows[0][0] == {}:
            return  # the export's mark for a table with no rows
        for row, tr in rows:
            line = _line(tr)
            written = _cells(reader.source(line))
            if written > len(labels):
                reader.skip_line(
                    line, f"{written - len(labels)} cell(s) past the table's header left out"
                )
            if row is None:
                reader.hints.add(line)
            else:
                reader.found.append(Found(table, row, line))

    def table_field(self, labels: list[str]) -> tuple[Field, list[Column | None]] | None:
        """The template's table these header cells name, and the column of each cell."""
        tables = [f for _, f in self.template.fields() if f.kind == "table"]
        section = self.reader.section
        if section is not None:
            here = [f for f in section.fields if f.kind == "table"]
            tables = here + [f for f in tables if f not in here]
        best: tuple[Field, list[Column | None]] | None = None
        score = 0
        for table in tables:
            by_id = {c.id: c for c in table.columns}
            names = self.names.get(table.key)
            if names is None:
                names = Names({c.id: (c.label, *c.aliases) for c in table.columns})
                self.names[table.key] = names
            columns: list[Column | None] = []
            for label in labels:
                ids = [i for i in names.match(label) if by_id[i] not in columns]
                columns.append(by_id[ids[0]] if len(ids) == 1 else None)
            matched = sum(1 for c in columns if c is not None)
            if matched > score:
                best, score = (table, columns), matched
        if best is None or score < 2 or score * 2 < len(labels):
            return None
        return best

    def row(self, table: Field, columns: list[Column | None], tr: Node) -> dict[str, Any] | None:
        """One row's answers by column id; None for an example row of the template."""
        reader = self.reader
        line = _line(tr)
        row: dict[str, str] = {}
        hint = texts = False
        for column, cell in zip(columns, tr.children, strict=False):
            if column is None:
                continue
            raw = _text(cell)
            shown = strip_strong(raw) if column.strong else raw.strip()
            if is_placeholder(shown, table.unanswered, (column.help,)):
                hint = hint or unescape(shown) not in (TBD, table.unanswered, "")
                continue
            if has_break(shown):
                value = "; ".join(recover_cell(p) for p in breaks(shown) if p)
                reader.note(line, f"{column.label}: <br> read as '; '")
            else:
                value = recover_cell(shown)
            if column.kind == "choice":
                option, _ = read_choice(value, column.options)
                if option is None:
                    reader.note(
                        line,
                        f"{column.label}: {value!r} is not one of "
                        f"{', '.join(column.options)}; kept as written",
                    )
                elif option != value:
                    reader.note(line, f"{column.label}: {value!r} read as {option}")
                value = option or value
            else:
                texts = True
            row[column.id] = value
        if hint and not texts:
            return None
        return {c.id: row[c.id] for c in table.columns if c.id in row}

    def pairs(self, rows: list[Node]) -> bool:
        """A two-column table of labels and answers; False when no first cell is a label."""
        reader = self.reader
        targets = [reader.find_field(undecorated(_text(tr.children[0]))) for tr in rows]
        if not any(isinstance(t, Field) for t in targets):
            return False
        for tr, target in zip(rows, targets, strict=True):
            line = _line(tr)
            if len(tr.children) < 2:
                reader.skip_line(line, "not a label and its answer")
                continue
            value = _text(tr.children[1])
            reader.start(target, line, [value])
            reader.close()
        reader.placed.add(_line(rows[0]) + 1)  # the delimiter row
        return True
