"""The markdown export: the report in the seed template's exact layout.

Answers are placed as inline text: whatever they contain, the report's outline
(headings, one bullet per field, one item per list entry, one table row per
risk) stays that of the template. Inline code, emphasis and http(s) links the
auditor typed are kept; raw HTML, entities and block syntax are escaped;
control characters are dropped.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Field, Part, Section, Template
from audit_tui.core.render.text import clean_text, visible

# What would open a block at the start of a line: a heading, quote, list item,
# thematic break, setext underline, table delimiter row or tilde fence. Only
# these are escaped, so that emphasis and plain text stay readable in the file.
_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|[|:-][|: \t-]*$|([*_])(?:[ \t]*\1){2,}[ \t]*$"
    r"|=+[ \t]*$|~{3,}|(?P<number>\d{1,9})[.)](?=\s|$))"
)
# Inline syntax outside code spans: a backslash escape, a backtick run, a
# backslash ending the text, or a character that needs escaping.
_INLINE = re.compile(r"(?P<escape>\\[!-/:-@\[-`{-~])|(?P<ticks>`+)|(?P<lone>\\$)|[<&|]")
_TICKS = re.compile(r"`+")
# The `](` of a link whose target does not plainly start with http(s):// or mailto:.
_UNSAFE_LINK = re.compile(r"\]\((?!\s*(?:https?://|mailto:))", re.IGNORECASE)


# Text that needs no escaping at all, whatever its place: the common case, kept fast.
_PLAIN = re.compile("[^\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\\\\`<&|\\]]*\\Z")


def inline(text: str, *, cell: bool = False) -> str:
    """Escape one line of answer text so that it stays inline markdown.

    Leading block markers are escaped so a line can never open a heading, list,
    quote, fence, table or link definition; `<` and `&` are escaped so HTML is
    shown as text; links to anything but http(s) and mailto lose their link syntax.
    """
    return _line(text.strip(), cell=cell, first="]:" in text)


def _line(text: str, *, cell: bool, first: bool) -> str:
    """Escape a stripped line; `first` guards a paragraph's first line against `[x]: url`."""
    match = _BLOCK_START.match(text)
    if match:
        number = match["number"]
        text = f"{number}\\{text[len(number) :]}" if number else "\\" + text
    elif first and text.startswith("["):
        text = "\\" + text
    return _escape_spans(text, cell)


def _escape_spans(text: str, cell: bool) -> str:
    """Escape `text` outside its code spans; inside them only pipes (in a table cell).

    A backtick run without a closing run on the same line is escaped, so that no
    code span can reach across lines and swallow what this function escaped.
    """
    out: list[str] = []
    pos = 0
    closers: dict[int, list[int]] | None = None  # run length -> where such runs start
    while True:
        match = _INLINE.search(text, pos)
        if match is None:
            out.append(_defuse_links(text[pos:]))
            return "".join(out)
        out.append(_defuse_links(text[pos : match.start()]))
        pos = match.end()
        token = match.group(0)
        if match["escape"]:
            out.append(token)
        elif match["ticks"]:
            if closers is None:
                closers = _backtick_runs(text)
            starts = closers.get(len(token), [])
            index = bisect.bisect_left(starts, pos)
            if index == len(starts):
                out.append("\\`" * len(token))
            else:
                end = starts[index] + len(token)
                code = text[match.start() : end]
                out.append(code.replace("|", "\\|") if cell else code)
                pos = end
        elif match["lone"]:
            out.append("\\\\")  # a trailing backslash would escape what follows it
        else:
            out.append("\\" + token)


def _backtick_runs(text: str) -> dict[int, list[int]]:
    """Where each whole run of backticks starts, by its length (a code span's possible ends)."""
    runs: dict[int, list[int]] = {}
    for run in _TICKS.finditer(text):
        runs.setdefault(len(run.group(0)), []).append(run.start())
    return runs


def _defuse_links(text: str) -> str:
    """Keep only links whose target visibly starts with a safe scheme, and never an image.

    An image would make a markdown viewer fetch its address when the report is opened.
    """
    return _UNSAFE_LINK.sub(lambda _: "\\]\\(", text).replace("![", "!\\[")


def block(text: str, indent: int) -> str:
    """Answer text of one or more lines, kept inside its bullet with hard line breaks."""
    cleaned = clean_text(text).strip()
    first = "]:" in cleaned
    lines = [
        _line(line.strip(), cell=False, first=first and index == 0)
        for index, line in enumerate(cleaned.split("\n"))
    ]
    pad = " " * indent
    return ("\\\n" + pad).join(lines)


def cell(value: Any) -> str:
    """One table cell: a single line with pipes escaped."""
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    elif _PLAIN.match(value):
        plain = value.strip()
        if not _BLOCK_START.match(plain):
            return plain
    text = " ".join(line.strip() for line in clean_text(value).split("\n") if line.strip())
    return inline(text, cell=True)


# --------------------------------------------------------------------------


def export_markdown(template: Template, draft: Draft) -> str:
    """The whole report as markdown."""
    return join_parts(template, [render_part(part, draft) for part in template.parts])


def join_parts(template: Template, parts: list[str]) -> str:
    """Assemble rendered parts under the report's title, `---` between parts."""
    return f"# {template.title}\n\n" + "\n\n---\n\n".join(parts) + "\n"


def render_part(part: Part, draft: Draft) -> str:
    body = "\n\n".join(render_section(section, draft) for section in part.sections)
    return f"## {part.heading}\n\n{body}"


def render_section(section: Section, draft: Draft) -> str:
    """One section's markdown: its `###` heading when it has one, then its fields."""
    lines = [render_field(field, draft.get(field)) for field in section.fields]
    body = "\n".join(lines)
    return f"### {section.heading}\n{body}" if section.heading else body


def render_field(field: Field, value: Any) -> str:
    """One field as markdown: a bullet, or the whole table for a table field."""
    if field.kind == "table":
        return render_table(field, value)
    label = f"- **{field.label}:**"
    unanswered = f"{label} {_strong(field.unanswered, field.strong)}"
    if not field.is_answered(value):
        return unanswered
    if field.kind == "list" and isinstance(value, list):
        items = [visible(v if isinstance(v, str) else field.display(v)) for v in value]
        items = [item for item in items if item]
        if not items:
            return unanswered
        lines = [label]
        for number, item in enumerate(items, start=1):
            marker = f"{number}." if field.ordered else "-"
            lines.append(f"  {marker} {block(item, 3 + len(marker))}")
        return "\n".join(lines)
    text = field.display(value) if not isinstance(value, list) else ", ".join(map(str, value))
    if not visible(text):
        return unanswered
    return f"{label} {_strong(block(text, 2), field.strong)}"


def render_table(field: Field, rows: Any) -> str:
    """A table field: the header, then one row per draft row in order (`[TBD]` when none)."""
    header = "| " + " | ".join(c.label for c in field.columns) + " |"
    rule = "| " + " | ".join(":---" for _ in field.columns) + " |"
    lines = [header, rule]
    if not isinstance(rows, list) or not rows:
        lines.append("| " + " | ".join(field.unanswered for _ in field.columns) + " |")
        return "\n".join(lines)
    for row in rows:
        cells = []
        for column in field.columns:
            value = row.get(column.id) if isinstance(row, dict) else None
            text = "" if value is None else cell(value)
            cells.append(_strong(text, column.strong) if text else field.unanswered)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _strong(text: str, strong: bool) -> str:
    return f"**{text}**" if strong and text else text
