"""Reading a report in markdown back into answers: the export's own, or one a person wrote.

The file is read as CommonMark with tables (our own block scanner, `blocks`).
Headings set the section (numbered or not, with emoji or not); a label
(`**Label:** value`, `**Label**: value`, `Label - value`, a bold label alone, a
heading named like a field) opens a field, and what follows fills it: its value,
nested or following list items, further paragraphs (`placing` makes them
answers). Tables whose columns match the risk table are risks; a two-column
table of labels and values answers those labels (`tables`). Labels and values
are matched by meaning (`labels`). Every line is placed, skipped as the
template's own hint, or listed with its number and the reason; every value read
otherwise than it was written is listed too.
"""

from __future__ import annotations

import re

from audit_tui.core.importing.blocks import Node, collector_paused, parse
from audit_tui.core.importing.labels import Names, undecorated, words
from audit_tui.core.importing.placing import Open, Placer
from audit_tui.core.importing.plan import ImportPlan, ImportProblem
from audit_tui.core.importing.recover import recover_cell
from audit_tui.core.importing.tables import Found, Risks
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Field, Part, Section, Template

EXPECTED = "a report in the template's markdown layout"
_BOLD = r"(?:\*\*|__)"
_NAME = r"(?P<label>[^*_]{1,200}?)"
# (pattern, whether it is a label even when it names no field of the template)
_LABELS = (
    # **Label:** value   **Label**: value
    (re.compile(rf"^{_BOLD}{_NAME}\s*:\s*{_BOLD}(?:\s+|$)(?P<rest>.*)$"), True),
    (re.compile(rf"^{_BOLD}{_NAME}{_BOLD}\s*:(?:\s+|$)(?P<rest>.*)$"), True),
    # **Label** - value   **Label** value   Label: value   Label - value
    (
        re.compile(rf"^{_BOLD}{_NAME}{_BOLD}\s*[-–—]?(?:\s+|$)(?P<rest>.*)$"),
        False,
    ),
    (re.compile(r"^(?P<label>[^*:`\[\]|]{1,80}?)\s*:(?:\s+|$)(?P<rest>.*)$"), False),
    (re.compile(r"^(?P<label>[^*:`\[\]|]{1,80}?)\s+[-–—]\s+(?P<rest>.*)$"), False),
)
_EMPHASISED = re.compile(r"^(\*\*|__|\*|_)[^*_]+\1$")
# A link reference definition: `[label]: address "title"` (CommonMark).
_DEFINITION = re.compile(
    r"^ {0,3}\[(?P<label>[^\[\]\n]+)\]:\s*<?(?P<address>[^\s<>]+)>?"
    r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*$"""
)
DEFINITION = "a link's reference definition: its address goes into the links that name it"
_LISTS = ("bullet_list", "ordered_list")


def plan_markdown_import(
    template: Template, text: str, source: str = "<report>", draft: Draft | None = None
) -> ImportPlan:
    """The answers a report holds, as a plan for `draft` (a new one when None).

    ImportProblem when the text has no heading, label or table of the template at all.
    """
    reader = read_report(template, text, source)
    with collector_paused():
        return reader.plan(source, draft)


def read_report(template: Template, text: str, source: str = "<report>") -> Reader:
    """The report read: what was found, and what each line became (`placed`, `hints`)."""
    with collector_paused():
        reader = Reader(template, text)
        reader.read(parse(reader.body()))
    if not reader.recognised:
        raise ImportProblem(
            f"{source}: no heading, label or table of {template.title!r} found; expected {EXPECTED}"
        )
    return reader


class Reader(Placer):
    """Walks the report's blocks: headings set the place, labels open fields (`Placer`)."""

    def __init__(self, template: Template, text: str) -> None:
        super().__init__(template, text)
        self.part: Part | None = None
        self.section: Section | None = None
        self.headings = 0
        self.risks = Risks(self)
        self.sections = template.sections
        self.scopes: dict[tuple[str, ...], tuple[dict[str, Field], Names]] = {}
        self.last_label: tuple[object, tuple[Field | str, str] | None] = (None, None)
        names: dict[str, list[str]] = {}
        self.places: dict[str, tuple[Part | None, Section | None]] = {}
        for index, part in enumerate(template.parts):
            first = part.sections[0]
            names[f"p{index}"] = [part.heading]
            self.places[f"p{index}"] = (part, first if first.heading is None else None)
            for section in part.sections:
                if section.heading is not None:
                    names[section.id] = [section.heading, section.title]
                    self.places[section.id] = (part, section)
        self.heading_names = Names(names, numbered=True)

    # -- the report ----------------------------------------------------------
    def body(self) -> str:
        """The text to parse: YAML front matter (Obsidian, Jekyll) blanked out, and listed."""
        lines = self.lines
        if len(lines) < 2 or lines[0].strip() != "---":
            return self.text
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
        if not end:
            return self.text
        for number in range(1, end + 2):
            self.skip_line(number, "front matter (the page's metadata), not an answer")
        return "\n" * (end + 1) + "\n".join(lines[end + 1 :])

    # -- walking -------------------------------------------------------------
    def read(self, root: Node) -> None:
        for node in root.children:
            self.block(node)
        self.close()

    def block(self, node: Node) -> None:
        kind = node.type
        if kind == "heading":
            self.heading(node)
        elif kind == "paragraph":
            self.paragraph(node)
        elif kind in _LISTS:
            for item in node.children:
                self.item(item)
        elif kind == "table":
            self.close()
            self.risks.table(node)
        elif kind == "hr":
            self.use(node)
        elif kind == "html_block":
            comment = _inline_source(self, node).lstrip().startswith("<!--")
            self.skip(node, "an HTML comment, not an answer" if comment else "HTML, not read")
        else:
            self.skip(node, f"{_KINDS.get(kind, kind)}, not read as an answer")

    def heading(self, node: Node) -> None:
        self.close()
        title = _inline(node)
        first, self.headings = self.headings == 0, self.headings + 1
        line = _line(node)
        if words(title) == words(self.template.title):
            self.recognised += 1
            self.use(node)
            return
        place = self.find_heading(title)
        if place is not None:
            self.recognised += 1
            self.use(node)
            self.part, self.section = place
            return
        target = self.find_field(title)
        if isinstance(target, Field):
            self.recognised += 1
            self.use(node)
            self.section = self.template.section(target.path[0])
            self.part = next(p for p in self.template.parts if self.section in p.sections)
            self.open = Open(target, target.label, line)
            return
        if node.tag == "h1" and first:
            self.use(node)  # the report's own title
            return
        self.part = self.section = None
        self.skip(node, "heading not in the template")
        self.open = Open(None, f"heading {undecorated(title)!r}", line)

    def find_heading(self, title: str) -> tuple[Part | None, Section | None] | None:
        found = self.heading_names.match(title)
        return self.places[found[0]] if len(found) == 1 else None

    def find_field(self, label: str) -> Field | str:
        """The field this label names here, or why there is none."""
        scopes: list[tuple[Section, ...]] = []
        if self.section is not None:
            scopes.append((self.section,))
        if self.part is not None:
            scopes.append(self.part.sections)
        scopes.append(self.sections)
        for sections in scopes:
            fields, names = self.scope(sections)
            found = names.match(label)
            if len(found) == 1:
                return fields[found[0]]
            if found:
                return "label used in several sections; put it under its section's heading"
        return f"no field labelled {undecorated(label)!r} here"

    def scope(self, sections: tuple[Section, ...]) -> tuple[dict[str, Field], Names]:
        """The fields of some sections and their names, made once per report."""
        key = tuple(s.id for s in sections)
        known = self.scopes.get(key)
        if known is None:
            fields = {f.key: f for s in sections for f in s.fields if f.kind != "table"}
            known = fields, Names({k: (f.label, *f.aliases) for k, f in fields.items()})
            self.scopes[key] = known
        return known

    def label(self, line: str) -> tuple[Field | str, str] | None:
        """(the field or why none, the text after the label) when `line` starts with one."""
        line = line.strip()
        memo = (line, self.part, self.section)
        if memo != self.last_label[0]:
            self.last_label = (memo, self.find_label(line))
        return self.last_label[1]

    def find_label(self, line: str) -> tuple[Field | str, str] | None:
        for pattern, bold in _LABELS:
            found = pattern.match(line)
            if found is None:
                continue
            target = self.find_field(found["label"])
            if isinstance(target, Field) or bold:
                return target, found["rest"]
        return None

    # -- paragraphs and items --------------------------------------------------
    def paragraph(self, node: Node) -> None:
        """A paragraph: labelled lines open fields; other lines go to the open field."""
        start = _line(node)
        lines = _inline(node).split("\n")
        definitions = [_DEFINITION.match(line) for line in lines]
        if all(definitions):
            for found in definitions:
                assert found is not None
                address = found["address"]
                if re.match(r"(?:https?://|mailto:)", address, re.IGNORECASE):
                    label = " ".join(found["label"].split()).casefold()
                    self.references.setdefault(label, address)
            self.skip(node, DEFINITION)
            return
        index = 0
        while index < len(lines):
            if self.emphasised_heading(lines[index], start + index):
                index += 1
                continue
            labelled = self.label(lines[index])
            end = index + 1
            # A line after a hard break (`\`) goes on with the same answer.
            while end < len(lines) and (
                lines[end - 1].endswith("\\") or self.label(lines[end]) is None
            ):
                end += 1
            if labelled is not None:
                target, rest = labelled
                self.start(target, start + index, [rest, *lines[index + 1 : end]])
            else:
                self.more(lines[index:end], start + index, "\n\n" if index == 0 else "\n")
            index = end

    def emphasised_heading(self, line: str, number: int) -> bool:
        """A line in bold or italics alone that names a part or section acts as its heading."""
        line = line.strip()
        if not _EMPHASISED.match(line):
            return False
        place = self.find_heading(line)
        if place is None:
            return False
        self.close()
        self.recognised += 1
        self.placed.add(number)
        self.part, self.section = place
        return True

    def item(self, item: Node) -> None:
        children = list(item.children)
        if not children:
            return
        head = children[0]
        if head.type != "paragraph":
            self.skip(item, "not a labelled answer")
            return
        lines = _inline(head).split("\n")
        labelled = self.label(lines[0])
        opened = self.open
        if labelled is None and (opened is None or not opened.takes()):
            why = "not a labelled answer"
            if opened is not None and opened.field is None:
                why = f"under the {opened.name}, not in the template"
            self.skip(item, why)
            return
        if labelled is not None:
            self.paragraph(head)
            for node in children[1:]:
                self.nested(node)
            return
        self.more(lines, _line(head), "\n")
        name = opened.field.label if opened is not None and opened.field else "entry"
        for node in children[1:]:
            self.skip(node, f"{name}: nested too deep")

    def nested(self, node: Node) -> None:
        """A block inside a labelled item: entries of the open field, or its next paragraph."""
        opened = self.open
        if node.type == "paragraph":
            self.paragraph(node)
            return
        if opened is None or opened.field is None:
            name = opened.name if opened is not None else "label"
            self.skip(node, f"under the {name}, not in the template")
            return
        if node.type not in _LISTS:
            self.skip(node, f"{opened.field.label}: not a list item")
            return
        for item in node.children:
            children = list(item.children)
            if not children or children[0].type != "paragraph":
                self.skip(item, f"{opened.field.label}: not a list item")
                continue
            self.more(_inline(children[0]).split("\n"), _line(children[0]), "\n")
            for deeper in children[1:]:
                self.skip(deeper, f"{opened.field.label}: nested too deep")


_KINDS = {
    "fence": "a code block",
    "code_block": "a code block",
    "blockquote": "a quoted block",
}


def _inline(node: Node) -> str:
    """The source text of a heading, paragraph or cell."""
    for child in node.children:
        if child.type == "inline":
            return child.content
    return ""


def _inline_source(reader: Reader, node: Node) -> str:
    return reader.source(_line(node))


def _line(node: Node) -> int:
    return node.map[0] + 1 if node.map else 0


__all__ = ["EXPECTED", "Found", "Reader", "plan_markdown_import", "read_report", "recover_cell"]
