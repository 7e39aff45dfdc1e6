"""The markdown export: the report in the seed template's exact layout.

Answers are placed as inline text: whatever they contain, the report's outline
(headings, one bullet per field, one item per list entry, one table row per
risk) stays that of the template. Inline code, emphasis and http(s) links the
auditor typed are kept; raw HTML, entities and block syntax are escaped;
control characters are dropped.
"""

from __future__ import annotations

from typing import Any, assert_never

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.kinds import shown_entries
from audit_tui.core.model.template import Field, Part, Section, Template
from audit_tui.core.render.escape import block, cell, heading, inline


def export_markdown(template: Template, draft: Draft) -> str:
    """The whole report as markdown."""
    return join_parts(template, [render_part(part, draft) for part in template.parts])


def join_parts(template: Template, parts: list[str]) -> str:
    """Assemble rendered parts under the report's title, `---` between parts."""
    return f"# {heading(template.title)}\n\n" + "\n\n---\n\n".join(parts) + "\n"


def render_part(part: Part, draft: Draft) -> str:
    body = "\n\n".join(render_section(section, draft) for section in part.sections)
    return f"## {heading(part.heading)}\n\n{body}"


def render_section(section: Section, draft: Draft) -> str:
    """One section's markdown: its `###` heading when it has one, then its fields."""
    lines = [render_field(field, draft.get(field)) for field in section.fields]
    body = "\n".join(lines)
    return f"### {heading(section.heading)}\n{body}" if section.heading else body


def render_field(field: Field, value: Any) -> str:
    """One field as markdown: a bullet, or the whole table for a table field."""
    label = f"- **{inline(field.label)}:**"
    kind = field.kind
    match kind:
        case "table":
            return render_table(field, value)
        case _ if not field.is_answered(value):
            return f"{label} {_strong(inline(field.unanswered), field.strong)}"
        case "list" if isinstance(value, list):
            lines = [label]
            for number, item in enumerate(shown_entries(field, value), start=1):
                marker = f"{number}." if field.ordered else "-"
                lines.append(f"  {marker} {block(item, 3 + len(marker))}")
            return "\n".join(lines)
        case "text" | "paragraph" | "list" | "score" | "grade" | "choice":
            return f"{label} {_strong(block(field.display(value), 2), field.strong)}"
        case _:
            assert_never(kind)


def render_table(field: Field, rows: Any) -> str:
    """A table field: the header, then one row per draft row in order (`[TBD]` when none)."""
    header = "| " + " | ".join(cell(c.label) for c in field.columns) + " |"
    rule = "| " + " | ".join(":---" for _ in field.columns) + " |"
    lines = [header, rule]
    unanswered = cell(field.unanswered)
    if not isinstance(rows, list) or not rows:
        lines.append("| " + " | ".join(unanswered for _ in field.columns) + " |")
        return "\n".join(lines)
    # Rows repeat their cells (a priority, a timeline): each text is escaped once.
    shown: dict[str, str] = {}
    for row in rows:
        cells = []
        for column in field.columns:
            value = row.get(column.id) if isinstance(row, dict) else None
            if isinstance(value, str):
                text = shown.get(value)
                if text is None:
                    text = shown[value] = cell(value)
            else:
                text = "" if value is None else cell(value)
            cells.append(_strong(text, column.strong) if text else unanswered)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _strong(text: str, strong: bool) -> str:
    return f"**{text}**" if strong and text else text
