"""`audit-tui diff OLD NEW`: what changed between two drafts of a report, for a re-audit."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from audit_tui.cli.common import EXIT_OK, UserError, add_template_argument, template_from
from audit_tui.core.checks.diff import DraftDiff, FieldChange, TableDiff, diff_drafts
from audit_tui.core.checks.verdict import Verdict
from audit_tui.core.files.storage import check_template, read_draft
from audit_tui.core.model.draft import META, Draft, DraftError
from audit_tui.core.model.template import Column, Template
from audit_tui.core.render.escape import cell, inline
from audit_tui.core.render.text import clean_text, message_line, one_line

MD_HEADING = "Changes Since the Previous Audit"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", help="the earlier draft (TOML)")
    parser.add_argument("new", help="the later draft (TOML)")
    parser.add_argument(
        "--format",
        choices=["text", "md", "json"],
        help="text (default), md for a section to paste into the report, or json",
    )
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    add_template_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.json and args.format not in (None, "json"):
        raise UserError(f"--json and --format {args.format} cannot be used together")
    fmt = "json" if args.json else (args.format or "text")
    template = template_from(args)
    old, new = read_pair(args.old, args.new, template)
    result = diff_drafts(template, old, new)
    if fmt == "json":
        payload = {"template": template.id, "old": args.old, "new": args.new, **result.to_json()}
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    elif fmt == "md":
        sys.stdout.write(clean_text(format_markdown(result)))
    else:
        sys.stdout.write(clean_text(format_text(result, args.old, args.new)))
    return EXIT_OK


def read_pair(old_path: str, new_path: str, template: Template) -> tuple[Draft, Draft]:
    """Read both drafts, refusing them when they were written for different templates."""
    try:
        old = read_draft(Path(old_path))
        new = read_draft(Path(new_path))
        old_id, new_id = _template_id(old), _template_id(new)
        if old_id is not None and new_id is not None and old_id != new_id:
            raise DraftError(
                f"{old_path} was written for template {old_id!r} and {new_path} for "
                f"{new_id!r}; diff compares two drafts of the same template"
            )
        check_template(old, template, old_path)
        check_template(new, template, new_path)
    except DraftError as exc:
        raise UserError(str(exc)) from None
    return old, new


def _template_id(draft: Draft) -> Any:
    meta = draft.data.get(META)
    return meta.get("template") if isinstance(meta, dict) else None


# --------------------------------------------------------------------------
# Text


def _value(change: FieldChange, value: Any) -> str:
    """A field value as plain one-line text (grades as `B (Good)`)."""
    if isinstance(value, list):
        return "; ".join(one_line(v) for v in value if one_line(v))
    return one_line(change.field.display(value))


def _movement(change: FieldChange) -> str:
    """The direction suffix of a score or grade that moved: ` (up 2)`, ` (down)`."""
    if change.direction is None:
        return ""
    if change.delta is not None:
        return f" ({change.direction} {abs(change.delta)})"
    return f" ({change.direction})"


def _verdict_pairs(before: Verdict, after: Verdict) -> list[tuple[str, str, str]]:
    def show(value: object) -> str:
        return "none" if value is None else str(value)

    return [
        ("health", show(before.health), show(after.health)),
        ("recommendation", show(before.recommendation), show(after.recommendation)),
    ]


def format_text(diff: DraftDiff, old: str, new: str) -> str:
    """The diff as plain text for a terminal; user text has its control characters removed."""
    lines = [f"{message_line(old)} -> {message_line(new)}"]
    if not diff.changed:
        lines.append("no changes")
    section = None
    for item in diff.in_sections():
        if item.section != section:
            section = item.section
            lines.append("")
            lines.append(one_line(section))
        if isinstance(item, TableDiff):
            lines.extend(_table_text(item))
        else:
            lines.extend(_field_text(item))
    if diff.has_rules:
        lines.append("")
        lines.append("Suggested verdict")
        for name, before, after in _verdict_pairs(diff.before, diff.after):
            moved = f"{before} -> {after}" if before != after else f"{after} (unchanged)"
            lines.append(f"  {name}: {moved}")
    return "\n".join(lines) + "\n"


def _field_text(change: FieldChange) -> list[str]:
    label = one_line(change.label)
    if change.change == "answered":
        return [f"  {label}: answered: {_value(change, change.new)}"]
    if change.change == "cleared":
        return [f"  {label}: cleared (was {_value(change, change.old)})"]
    if change.change == "reordered":
        return [f"  {label}: reordered"]
    if change.added or change.removed:
        return [f"  {label}: + {entry}" for entry in change.added] + [
            f"  {label}: - {entry}" for entry in change.removed
        ]
    old, new = _value(change, change.old), _value(change, change.new)
    if change.field.kind == "paragraph":
        return [f"  {label}: changed", f"    was: {old}", f"    now: {new}"]
    return [f"  {label}: {old} -> {new}{_movement(change)}"]


def _row_text(table: TableDiff, row: dict[str, Any]) -> str:
    parts = [
        f"{c.label}: {one_line(row.get(c.id))}"
        for c in table.field.columns
        if one_line(row.get(c.id))
    ]
    return "; ".join(parts)


def _table_text(table: TableDiff) -> list[str]:
    lines = [f"  + added: {_row_text(table, row)}" for row in table.added]
    lines += [f"  - closed: {_row_text(table, row)}" for row in table.closed]
    for row in table.changed:
        moves = "; ".join(
            f"{c.label} {one_line(c.old) or '(empty)'} -> {one_line(c.new) or '(empty)'}"
            for c in row.cells
        )
        name = one_line(row.new.get(table.match)) if table.match else ""
        lines.append(f"  ~ changed: {name or _row_text(table, row.new)}")
        lines.append(f"      {moves}")
    return lines


# --------------------------------------------------------------------------
# Markdown


def format_markdown(diff: DraftDiff) -> str:
    """The diff as a markdown section to paste into the new report, escaped like the export."""
    lines = [f"## {MD_HEADING}", ""]
    if diff.has_rules:
        pairs = _verdict_pairs(diff.before, diff.after)
        moved = "; ".join(
            f"{name} {before} → {after}" if before != after else f"{name} {after} (unchanged)"
            for name, before, after in pairs
        )
        lines += [f"**Suggested verdict:** {moved}", ""]
    if not diff.changed:
        lines.append("No changes since the previous audit.")
    section = None
    for item in diff.in_sections():
        if item.section != section:
            if section is not None:
                lines.append("")
            section = item.section
            lines += [f"### {inline(one_line(section))}", ""]
        if isinstance(item, TableDiff):
            lines += _table_markdown(item)
        else:
            lines += _field_markdown(item)
    return "\n".join(lines) + "\n"


def _md(change: FieldChange, value: Any) -> str:
    return inline(_value(change, value))


def _field_markdown(change: FieldChange) -> list[str]:
    label = f"- **{inline(one_line(change.label))}:**"
    if change.change == "answered":
        return [f"{label} answered: {_md(change, change.new)}"]
    if change.change == "cleared":
        return [f"{label} cleared (was {_md(change, change.old)})"]
    if change.change == "reordered":
        return [f"{label} reordered"]
    if change.added or change.removed:
        return (
            [label]
            + [f"  - added: {inline(entry)}" for entry in change.added]
            + [f"  - removed: {inline(entry)}" for entry in change.removed]
        )
    if change.field.kind == "paragraph":
        return [
            f"{label} changed",
            f"  - was: {_md(change, change.old)}",
            f"  - now: {_md(change, change.new)}",
        ]
    old, new = _md(change, change.old), _md(change, change.new)
    return [f"{label} {old} → {new}{_movement(change)}"]


def _table_markdown(table: TableDiff) -> list[str]:
    columns = table.field.columns
    lines = [
        "| Change | " + " | ".join(cell(c.label) for c in columns) + " |",
        "| :--- | " + " | ".join(":---" for _ in columns) + " |",
    ]
    for name, rows in (("added", table.added), ("closed", table.closed)):
        for row in rows:
            cells = [_cell(c, row.get(c.id)) for c in columns]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for change in table.changed:
        moved = {c.column: c for c in change.cells}
        cells = []
        for column in columns:
            if column.id in moved:
                c = moved[column.id]
                cells.append(
                    f"{cell(one_line(c.old)) or '(empty)'} → {cell(one_line(c.new)) or '(empty)'}"
                )
            else:
                cells.append(_cell(column, change.new.get(column.id)))
        lines.append("| changed | " + " | ".join(cells) + " |")
    return lines


def _cell(column: Column, value: Any) -> str:
    """A cell as the export writes it: escaped, bold in a strong column."""
    text = cell(one_line(value))
    return f"**{text}**" if text and column.strong else text
