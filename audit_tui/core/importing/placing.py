"""Placing what a report says into the template's fields, and noting what each line became.

`Placer` keeps the answers found (`found`), the lines placed, skipped as the
template's hints, or listed with the reason they were left out, and each value
read otherwise than it was written. The markdown importer (`importing/markdown.py`)
walks the report and tells it where each label opens a field and what text
follows; here that text becomes a list's entries, a paragraph, or one value read
by meaning (`labels`), and at the end, a plan for a draft.
"""

from __future__ import annotations

import re
from typing import Any, assert_never

from audit_tui.core.importing.blocks import Node
from audit_tui.core.importing.labels import (
    breaks,
    has_break,
    read_choice,
    read_grade,
    read_score,
    unescaped,
)
from audit_tui.core.importing.plan import Addition, Changed, ImportPlan, Skipped
from audit_tui.core.importing.recover import TBD, is_placeholder, join_lines, recover_text
from audit_tui.core.importing.tables import Found
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Field, Template
from audit_tui.core.render.text import visible

_BULLET = re.compile(r"^(?:[-*+•]|\d{1,9}[.)])\s+")
# `[text][label]` and `[label][]`: a link whose address is in a reference definition.
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]")
_ACCEPTS_MORE = ("list", "paragraph")


class Open:
    """The field whose answer is being read (None: a label or heading not in the template)."""

    def __init__(self, field: Field | None, name: str, line: int) -> None:
        self.field = field
        self.name = name
        self.line = line
        self.parts: list[tuple[str, str]] = []  # (separator, text) of a paragraph's pieces
        self.answered = False

    def takes(self) -> bool:
        """Whether it takes an unlabelled item: a list, a paragraph, an empty one."""
        if self.field is None:
            return False
        return self.field.kind in _ACCEPTS_MORE or not self.answered


class Placer:
    """The answers found in a report, and what became of each of its lines."""

    def __init__(self, template: Template, text: str) -> None:
        self.template = template
        self.text = text
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.open: Open | None = None
        self.recognised = 0  # headings, labels and tables of the template seen
        self.found: list[Found] = []
        self.skipped: list[Skipped] = []
        self.changed: list[Changed] = []
        self.placed: set[int] = set()
        self.hints: set[int] = set()
        self.answered: dict[str, int] = {}  # one-answer fields: the line of their answer
        self.references: dict[str, str] = {}  # a link reference's label (folded): its address

    # -- what became of each line --------------------------------------------
    def source(self, line: int) -> str:
        return self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""

    def use(self, node: Node) -> None:
        if node.map is not None:
            self.placed.update(range(node.map[0] + 1, node.map[1] + 1))

    def skip(self, node: Node, reason: str) -> None:
        """List every non-blank line of `node` as not placed."""
        if node.map is not None:
            for number in range(node.map[0] + 1, node.map[1] + 1):
                self.skip_line(number, reason)

    def skip_line(self, number: int, reason: str) -> None:
        if self.source(number):
            self.skipped.append(Skipped(reason, number, self.source(number)))

    def note(self, line: int, reason: str) -> None:
        self.changed.append(Changed(reason, line, self.source(line)))

    # -- answers -------------------------------------------------------------
    def start(self, target: Field | str, line: int, value: list[str]) -> None:
        """A label on `line` opens its field; `value` is what follows it there."""
        self.close()
        if isinstance(target, str):
            self.skip_line(line, target)
            self.open = Open(None, f"label on line {line}", line)
            for offset in range(1, len(value)):
                self.skip_line(line + offset, f"under the {self.open.name}, not in the template")
            return
        self.recognised += 1
        self.placed.add(line)
        self.open = Open(target, target.label, line)
        if value[0].strip():
            self.more(value, line, "", label_line=True)
        elif len(value) > 1:
            self.more(value[1:], line + 1, "", label_line=True)

    def more(self, lines: list[str], line: int, separator: str, label_line: bool = False) -> None:
        """Text for the open field, from `line` on; reported when no field is open."""
        count = len(lines)
        numbers = range(line, line + count)
        opened = self.open
        if opened is None or opened.field is None:
            why = "not under a label of the template"
            if opened is not None:
                why = f"under the {opened.name}, not in the template"
            for number in numbers:
                self.skip_line(number, why)
            return
        f = opened.field
        text = self.text_of(f, lines, entry=not label_line and f.kind == "list")
        if text is None:
            if not label_line or "".join(lines).strip():
                self.hints.update(numbers)
            return
        self.placed.update(numbers)
        raw = join_lines(lines)  # as written: a `<br>` escaped as `\<br>` is text
        split = [recover_text([part]) for part in breaks(raw)] if has_break(raw) else None
        kind = f.kind
        match kind:
            case "list":
                if len(lines) > 1 and all(_BULLET.match(line.strip()) for line in lines):
                    # Items CommonMark reads as one paragraph (`3.` cannot start a list
                    # there; `•` is no bullet): one entry each.
                    split = [recover_text([line.strip()]) for line in lines]
                pieces = [_unbullet(p) for p in split] if split is not None else [text]
                self.found.extend(Found(f, piece, line) for piece in pieces if visible(piece))
            case "paragraph":
                opened.parts.append((separator, "\n".join(split) if split is not None else text))
            case "text" | "score" | "grade" | "choice":
                if opened.answered:
                    for number in numbers:
                        self.skip_line(
                            number, f"{f.label} takes one answer (given on line {opened.line})"
                        )
                    return
                opened.answered = True
                if split is not None and kind == "text":
                    self.note(line, f"{f.label}: <br> read as a space")
                    text = " ".join(split)
                self.single(f, text, line)
            case "table":  # tables are read by importing/tables.py, never under a label
                raise ValueError(f"{f.key}: a table answer is not read from lines")
            case _:
                assert_never(kind)

    def text_of(self, f: Field, lines: list[str], *, entry: bool = False) -> str | None:
        """The answer behind some lines, or None when they hold none (the template's hint).

        A list `entry` is never the export's unanswered mark, so there `[TBD]` is text.
        """
        if not lines or not visible("".join(lines)):
            return None  # nothing a report would show: no answer (core/model/kinds.py)
        if f.strong and lines[0].lstrip().startswith("**") and lines[-1].rstrip().endswith("**"):
            lines = [lines[0].lstrip()[2:], *lines[1:]]
            lines[-1] = lines[-1].rstrip()[:-2]
        shown = unescaped(" ".join(lines).strip())
        unanswered = "" if entry else f.unanswered
        if (not entry or shown != TBD) and is_placeholder(shown, unanswered, (f.help,)):
            return None
        return recover_text(lines)

    def single(self, f: Field, text: str, line: int) -> None:
        """A text, score, grade or choice answer, read by meaning; changes are listed."""
        value: Any
        kind = f.kind
        match kind:
            case "text":
                self.place(f, text, line)
                return
            case "score":
                value, why = read_score(text, f.min, f.max)
            case "grade":
                value, why = read_grade(text)
            case "choice":
                value, why = read_choice(text, f.choices)
            case "paragraph" | "list" | "table":  # read by lines_answer and importing/tables.py
                raise ValueError(f"{f.key}: a {kind} answer is not one line")
            case _:
                assert_never(kind)
        if value is None:
            self.skip_line(line, f"{f.label}: {why}")
            self.placed.discard(line)
            return
        if text.strip() not in (f.display(value), str(value), f"**{f.display(value)}**"):
            self.note(line, f"{f.label}: {text.strip()!r} read as {f.display(value)}")
        self.place(f, value, line)

    def place(self, f: Field, value: Any, line: int) -> None:
        earlier = self.answered.get(f.key)
        if earlier is not None:
            self.skip_line(line, f"{f.label}: already answered on line {earlier}")
            self.placed.discard(line)
            return
        self.answered[f.key] = line
        self.found.append(Found(f, value, line))

    def close(self) -> None:
        """The open field is done: a paragraph's pieces become its answer."""
        opened, self.open = self.open, None
        if opened is None or opened.field is None or not opened.parts:
            return
        text = "".join(sep + piece if i else piece for i, (sep, piece) in enumerate(opened.parts))
        if opened.field.is_answered(text):
            self.place(opened.field, text, opened.line)

    # -- result --------------------------------------------------------------
    def linked(self, value: Any) -> Any:
        """`value` with each reference link (`[text][label]`) written with its address
        (`[text](https://…)`), when the report defines the label with a web or mail address."""
        if not self.references:
            return value
        if isinstance(value, dict):
            return {key: self.linked(cell) for key, cell in value.items()}
        if not isinstance(value, str) or "][" not in value:
            return value

        def inline(match: re.Match[str]) -> str:
            text, label = match[1], match[2] or match[1]
            address = self.references.get(" ".join(label.split()).casefold())
            return f"[{text}]({address})" if address else match[0]

        return _REFERENCE_LINK.sub(inline, value)

    def plan(self, source: str, draft: Draft | None) -> ImportPlan:
        additions: list[Addition] = []
        present = 0
        for found in self.found:
            if self.references:
                found = Found(found.field, self.linked(found.value), found.line)
            f = found.field
            current = draft.get(f) if draft is not None else None
            kind = f.kind
            match kind:
                case "list" | "table":  # an entry or a row, added to those there
                    if isinstance(current, list) and found.value in current:
                        present += 1
                        continue
                    additions.append(Addition(f, found.value, "append", found.line))
                case "text" | "paragraph" | "score" | "grade" | "choice":
                    if current == found.value:
                        present += 1
                    else:
                        replaces = current if f.is_answered(current) else None
                        additions.append(Addition(f, found.value, "set", found.line, replaces))
                case _:
                    assert_never(kind)
        skipped = sorted(self.skipped, key=lambda s: s.line or 0)
        changed = sorted(self.changed, key=lambda c: c.line or 0)
        return ImportPlan(source, tuple(additions), tuple(skipped), present, tuple(changed))


def _unbullet(text: str) -> str:
    """An entry split off at `<br>` without the bullet a person typed before it."""
    return _BULLET.sub("", text)
