"""Reading a report in the template's layout back into answers.

The file is parsed as CommonMark with tables (markdown-it-py). Headings set the
section; a bullet `**Label:** value` answers the field with that label there;
nested items are list entries; table rows are risks. Whatever cannot be placed
is listed with its line number; `[TBD]` and the template's hints are no answer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from audit_tui.core.importing.plan import Addition, ImportPlan, ImportProblem, Skipped
from audit_tui.core.importing.recover import (
    TBD,
    is_placeholder,
    normal,
    recover_cell,
    recover_text,
    strip_strong,
)
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.record import record
from audit_tui.core.model.template import Column, Field, Part, Section, Template

EXPECTED = "a report in the template's markdown layout"
_LABELS = (
    re.compile(r"^\*\*(?P<label>[^*]+?)\s*:\s*\*\*(?:\s+|$)(?P<rest>.*)$"),
    re.compile(r"^\*\*(?P<label>[^*]+?)\*\*\s*:(?:\s+|$)(?P<rest>.*)$"),
    re.compile(r"^(?P<label>[^*:`\[\]]+?)\s*:(?:\s+|$)(?P<rest>.*)$"),
)
_SCORE = re.compile(r"^\s*(?P<number>[+-]?\d+)\s*(?:/\s*\d+)?\s*$")
_LISTS = ("bullet_list", "ordered_list")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Only the block structure is needed: each answer's text is read as source.
    return MarkdownIt("commonmark").enable("table").disable("inline")


def plan_markdown_import(
    template: Template, text: str, source: str = "<report>", draft: Draft | None = None
) -> ImportPlan:
    """The answers a report in the template's layout holds, as a plan for `draft`.

    With no draft the plan fills a new one. ImportProblem when the text has no
    heading, label or table of the template at all.
    """
    reader = _Reader(template, text)
    reader.read(SyntaxTreeNode(_parser().parse(text)))
    if not reader.recognised:
        raise ImportProblem(
            f"{source}: no heading, label or table of {template.title!r} found; expected {EXPECTED}"
        )
    return reader.plan(source, draft)


@record
class _Found:
    field: Field
    value: Any
    line: int


class _Reader:
    """Walks the report's markdown, noting what it finds and what it skips."""

    def __init__(self, template: Template, text: str) -> None:
        self.template = template
        self.text = text
        self.part: Part | None = None
        self.section: Section | None = None
        self.recognised = 0
        self.found: list[_Found] = []
        self.skipped: list[Skipped] = []
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    # -- reporting ---------------------------------------------------------
    def skip(self, node: SyntaxTreeNode, reason: str) -> None:
        """List every non-blank line of `node` as not placed."""
        if node.map is None:
            return
        start, end = node.map
        for number in range(start, end):
            line = self.lines[number] if number < len(self.lines) else ""
            if line.strip():
                self.skipped.append(Skipped(reason, number + 1, line.strip()))

    # -- walking -------------------------------------------------------------
    def read(self, root: SyntaxTreeNode) -> None:
        for node in root.children:
            if node.type == "heading":
                self.heading(node)
            elif node.type in _LISTS:
                for item in node.children:
                    self.item(item)
            elif node.type == "table":
                self.table(node)
            elif node.type != "hr":
                self.skip(node, "not under a label of the template")

    def heading(self, node: SyntaxTreeNode) -> None:
        title = normal(_inline(node))
        if node.tag == "h1" and title == normal(self.template.title):
            self.recognised += 1
            return
        for part in self.template.parts:
            if title == normal(part.heading):
                self.recognised += 1
                self.part = part
                first = part.sections[0]
                self.section = first if first.heading is None else None
                return
        for section in self.template.sections:
            if title in (normal(section.heading or ""), normal(section.title)):
                self.recognised += 1
                self.part = next(p for p in self.template.parts if section in p.sections)
                self.section = section
                return
        self.part = self.section = None
        self.skip(node, "heading not in the template")

    def find_field(self, label: str) -> Field | str:
        """The field with this label here, or why there is none."""
        wanted = normal(label)
        scopes: list[tuple[Section, ...]] = []
        if self.section is not None:
            scopes.append((self.section,))
        if self.part is not None:
            scopes.append(self.part.sections)
        scopes.append(self.template.sections)
        for sections in scopes:
            matches = [
                f
                for s in sections
                for f in s.fields
                if f.kind != "table" and normal(f.label) == wanted
            ]
            if len(matches) == 1:
                return matches[0]
            if matches:
                return "label used in several sections; put it under its section's heading"
        return "no field with this label"

    def item(self, item: SyntaxTreeNode) -> None:
        children = list(item.children)
        if not children or children[0].type != "paragraph":
            self.skip(item, "not a labelled answer")
            return
        paragraph = children[0]
        lines = _inline(paragraph).split("\n")
        label, rest = _label(lines[0])
        target = self.find_field(label) if label is not None else "not a labelled answer"
        if isinstance(target, str):
            if label is not None and target == "no field with this label":
                target = f"no field labelled {label!r} here"
            self.skip(item, target)
            return
        self.recognised += 1
        start = _line(paragraph)
        value_lines = ([rest] if rest else []) + lines[1:]
        more = children[1:]
        if target.kind == "list":
            self.list_answer(target, value_lines, more, start)
        elif target.kind == "paragraph":
            self.paragraph_answer(target, value_lines, more, start)
        else:
            for node in more:
                self.skip(node, f"{target.label} takes one answer")
            self.single_answer(target, value_lines, start)

    def text_of(self, f: Field, lines: list[str], *, entry: bool = False) -> str | None:
        """The answer behind a bullet's lines, or None when they hold no answer.

        A list `entry` is never the export's unanswered mark, so there `[TBD]` is text.
        """
        if not lines or not "".join(lines).strip():
            return None
        if f.strong and lines[0].lstrip().startswith("**") and lines[-1].rstrip().endswith("**"):
            lines = [lines[0].lstrip()[2:], *lines[1:]]
            lines[-1] = lines[-1].rstrip()[:-2]
        shown = " ".join(lines).strip()
        unanswered = "" if entry else f.unanswered
        if (not entry or shown != TBD) and is_placeholder(
            shown, unanswered, (f.help, f.placeholder, f.label)
        ):
            return None
        return recover_text(lines)

    def entries(self, f: Field, nodes: list[SyntaxTreeNode]) -> list[tuple[str, int]]:
        """The text of each item of nested lists, with its line; the rest is reported."""
        out: list[tuple[str, int]] = []
        for node in nodes:
            if node.type not in _LISTS:
                self.skip(node, f"{f.label}: not a list item")
                continue
            for item in node.children:
                children = list(item.children)
                if not children:
                    continue
                if children[0].type != "paragraph":
                    self.skip(item, f"{f.label}: not a list item")
                    continue
                for deeper in children[1:]:
                    self.skip(deeper, f"{f.label}: nested too deep")
                text = self.text_of(f, _inline(children[0]).split("\n"), entry=True)
                if text is not None:
                    out.append((text, _line(children[0])))
        return out

    def list_answer(
        self, f: Field, lines: list[str], more: list[SyntaxTreeNode], start: int
    ) -> None:
        first = self.text_of(f, lines)
        found = ([(first, start)] if first is not None else []) + self.entries(f, more)
        for text, line in found:
            self.found.append(_Found(f, text, line))

    def paragraph_answer(
        self, f: Field, lines: list[str], more: list[SyntaxTreeNode], start: int
    ) -> None:
        parts = [t for t in [self.text_of(f, lines)] if t is not None]
        paragraphs = [n for n in more if n.type == "paragraph"]
        for node in paragraphs:
            text = self.text_of(f, _inline(node).split("\n"))
            if text is not None:
                parts.append(text)
        parts.extend(t for t, _ in self.entries(f, [n for n in more if n not in paragraphs]))
        if parts:
            self.place(f, "\n".join(parts), start)

    def single_answer(self, f: Field, lines: list[str], start: int) -> None:
        text = self.text_of(f, lines)
        if text is None:
            return
        if f.kind == "text":
            self.place(f, text, start)
            return
        value, reason = _choose(f, strip_strong(text))
        if reason:
            self.skipped.append(Skipped(reason, start, self.lines[start - 1].strip()))
            return
        self.place(f, value, start)

    def place(self, f: Field, value: Any, line: int) -> None:
        for earlier in self.found:
            if earlier.field == f:
                reason = f"{f.label}: already answered on line {earlier.line}"
                self.skipped.append(Skipped(reason, line, self.lines[line - 1].strip()))
                return
        self.found.append(_Found(f, value, line))

    # -- tables --------------------------------------------------------------
    def table(self, node: SyntaxTreeNode) -> None:
        head = node.children[0]
        labels = [normal(_inline(cell)) for cell in head.children[0].children]
        table = self.table_field(labels)
        if table is None:
            self.skip(node, "table columns do not match a table of the template")
            return
        self.recognised += 1
        columns: list[Column | None] = []
        for label, cell in zip(labels, head.children[0].children, strict=True):
            column = next((c for c in table.columns if normal(c.label) == label), None)
            columns.append(column)
            if column is None:
                self.skipped.append(
                    Skipped(
                        f"column {_inline(cell).strip()!r} is not in the template",
                        _line(head),
                        self.lines[_line(head) - 1].strip(),
                    )
                )
        body = node.children[1].children if len(node.children) > 1 else []
        rows = [(self.row(table, columns, tr), _line(tr)) for tr in body]
        if len(rows) == 1 and rows[0][0] == {}:
            return  # the export's mark for a table with no rows
        for row, line in rows:
            if row is not None:
                self.found.append(_Found(table, row, line))

    def table_field(self, labels: list[str]) -> Field | None:
        fields = [f for _, f in self.template.fields() if f.kind == "table"]
        if self.section is not None:
            here = [f for f in self.section.fields if f.kind == "table"]
            fields = here + [f for f in fields if f not in here]
        best, score = None, 0
        for f in fields:
            known = {normal(c.label) for c in f.columns}
            matched = sum(1 for label in labels if label in known)
            if matched > score:
                best, score = f, matched
        return best if score * 2 > len(labels) else None

    def row(
        self, table: Field, columns: list[Column | None], tr: SyntaxTreeNode
    ) -> dict[str, Any] | None:
        """One row's answers by column id; None for an example row of the template."""
        row: dict[str, str] = {}
        hint = texts = False
        for column, cell in zip(columns, tr.children, strict=False):
            if column is None:
                continue
            raw = _inline(cell)
            shown = strip_strong(raw) if column.strong else raw.strip()
            hints = (column.help, column.placeholder, column.label)
            if is_placeholder(shown, table.unanswered, hints):
                hint = hint or shown not in (TBD, table.unanswered, "")
                continue
            value = recover_cell(shown)
            if column.kind == "choice":
                value = _option(column.options, value) or value
            else:
                texts = True
            row[column.id] = value
        if hint and not texts:
            return None
        return {c.id: row[c.id] for c in table.columns if c.id in row}

    # -- result --------------------------------------------------------------
    def plan(self, source: str, draft: Draft | None) -> ImportPlan:
        additions: list[Addition] = []
        present = 0
        for found in self.found:
            f = found.field
            current = draft.get(f) if draft is not None else None
            if f.kind in ("list", "table"):
                if isinstance(current, list) and found.value in current:
                    present += 1
                    continue
                additions.append(Addition(f, found.value, "append", found.line))
            elif current == found.value:
                present += 1
            else:
                replaces = current if f.is_answered(current) else None
                additions.append(Addition(f, found.value, "set", found.line, replaces))
        skipped = sorted(self.skipped, key=lambda s: s.line or 0)
        return ImportPlan(source, tuple(additions), tuple(skipped), present)


def _inline(node: SyntaxTreeNode) -> str:
    """The source text of a heading, paragraph or cell."""
    for child in node.children:
        if child.type == "inline":
            return child.content
    return ""


def _line(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 0


def _label(line: str) -> tuple[str | None, str]:
    for pattern in _LABELS:
        match = pattern.match(line.strip())
        if match:
            return match["label"], match["rest"]
    return None, ""


def _option(options: tuple[str, ...], text: str) -> str | None:
    text = text.strip()
    for option in options:
        if text.casefold() == option.casefold():
            return option
    return None


def _choose(f: Field, text: str) -> tuple[Any, str]:
    """A score, grade or choice from its text, or why it is none."""
    if f.kind == "score":
        match = _SCORE.match(text)
        if match is None:
            return None, f"{f.label}: expected a whole number from {f.min} to {f.max}"
        number = int(match["number"])
        if not f.min <= number <= f.max:
            return None, f"{f.label}: {number} is not from {f.min} to {f.max}"
        return number, ""
    try:
        return f.parse(text), ""
    except ValueError:
        pass
    found = _option(f.choices, text)
    if found is None and f.kind == "grade":
        found = _option(f.choices, text.split("(")[0])
    if found is None:
        return None, f"{f.label}: expected one of {', '.join(map(f.display, f.choices))}"
    return found, ""
