"""The markdown export: the report in the seed template's exact layout.

Answers are placed as inline text: whatever they contain, the report's outline
(headings, one bullet per field, one item per list entry, one table row per
risk) stays that of the template. Inline code, emphasis and http(s) links the
auditor typed are kept; raw HTML and block syntax are escaped; control
characters are dropped.
"""

from __future__ import annotations

import re
from typing import Any

from audit_tui.core.draft import Draft
from audit_tui.core.template import Field, Part, Section, Template

# C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides and
# isolates that can make text read differently from what it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BLOCK_START = re.compile(r"^(?P<marker>[#>+*=_~`|:-]|\d+[.)])")
_LINK_DEF = re.compile(r"^\[[^\]]*\]:")
_LINK_TARGET = re.compile(r"\]\(\s*<?\s*(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}


def clean_text(text: str) -> str:
    """Normalise line ends and drop the characters a report must not carry."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def inline(text: str, *, cell: bool = False) -> str:
    """Escape one line of answer text so that it stays inline markdown.

    Leading block markers are escaped so a line can never open a heading, list,
    quote, fence, table or link definition; `<` is escaped so HTML is shown as
    text; links to anything but http(s) and mailto lose their link syntax.
    """
    text = text.strip()
    if cell:
        # A backslash just before a pipe would escape our escape; double it.
        text = re.sub(r"(\\+)(?=\|)", lambda m: m.group(1) * 2, text)
        text = text.replace("|", "\\|")
    text = text.replace("<", "\\<")
    text = _LINK_TARGET.sub(_defuse_link, text)
    if _LINK_DEF.match(text):
        text = "\\" + text
    match = _BLOCK_START.match(text)
    if match:
        marker = match["marker"]
        if marker[0].isdigit():
            text = f"{marker[:-1]}\\{text[len(marker) - 1 :]}"
        else:
            text = "\\" + text
    if text.endswith("\\") and not text.endswith("\\\\"):
        text += "\\"  # a trailing backslash would otherwise escape what follows it
    return text


def _defuse_link(match: re.Match[str]) -> str:
    if match["scheme"].lower() in _SAFE_SCHEMES:
        return match.group(0)
    return "\\]\\(" + match.group(0)[2:]


def block(text: str, indent: int) -> str:
    """Answer text of one or more lines, kept inside its bullet with hard line breaks."""
    lines = [inline(line) for line in clean_text(text).strip().split("\n")]
    pad = " " * indent
    return ("\\\n" + pad).join(lines)


def cell(value: Any) -> str:
    """One table cell: a single line with pipes escaped."""
    if not isinstance(value, str):
        value = "" if value is None else str(value)
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
    if not field.is_answered(value):
        return f"{label} {_strong(field.unanswered, field.strong)}"
    if field.kind == "list" and isinstance(value, list):
        items = [v for v in value if not isinstance(v, str) or v.strip()]
        lines = [label]
        for number, item in enumerate(items, start=1):
            marker = f"{number}." if field.ordered else "-"
            text = item if isinstance(item, str) else field.display(item)
            lines.append(f"  {marker} {block(text, 3 + len(marker))}")
        return "\n".join(lines)
    text = field.display(value) if not isinstance(value, list) else ", ".join(map(str, value))
    return f"{label} {_strong(block(text, 2), field.strong)}"


def render_table(field: Field, rows: Any) -> str:
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
            if value is None or (isinstance(value, str) and not value.strip()):
                cells.append(field.unanswered)
            else:
                cells.append(_strong(cell(value), column.strong))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _strong(text: str, strong: bool) -> str:
    return f"**{text}**" if strong and text else text
