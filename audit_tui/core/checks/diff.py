"""Comparing two drafts of one template, for a re-audit: what moved, what was added or closed.

Fields are compared by key; list entries as collections of text; table rows
(risks) are matched by their issue text, not their position. Text that differs
only in spacing or line breaks counts as unchanged.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal, assert_never

from audit_tui.core.checks.verdict import Verdict, suggest_verdict
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.kinds import GRADES
from audit_tui.core.model.record import record
from audit_tui.core.model.template import Field, Template
from audit_tui.core.render.text import one_line

Change = Literal["answered", "cleared", "changed", "reordered"]
Direction = Literal["up", "down"]
_GRADE_RANK = {grade: rank for rank, grade in enumerate(reversed(tuple(GRADES)))}


@record
class FieldChange:
    """One field whose answer differs; `added`/`removed` for lists, `direction` for scores."""

    key: str
    label: str
    section: str
    field: Field
    old: Any
    new: Any
    change: Change
    direction: Direction | None = None
    delta: int | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "section": self.section,
            "kind": self.field.kind,
            "change": self.change,
            "old": self.old,
            "new": self.new,
            "direction": self.direction,
            "delta": self.delta,
            "added": list(self.added),
            "removed": list(self.removed),
        }


@record
class CellChange:
    """One cell of a matched row that differs."""

    column: str
    label: str
    old: Any
    new: Any


@record
class RowChange:
    """A row found in both drafts (same issue text) whose other cells differ."""

    old: dict[str, Any]
    new: dict[str, Any]
    cells: tuple[CellChange, ...]


@record
class TableDiff:
    """Rows added, closed (gone from the new draft) and changed in one table field."""

    key: str
    label: str
    section: str
    field: Field
    match: str | None = None
    added: tuple[dict[str, Any], ...] = ()
    closed: tuple[dict[str, Any], ...] = ()
    changed: tuple[RowChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.closed or self.changed)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "section": self.section,
            "added": list(self.added),
            "closed": list(self.closed),
            "changed": [
                {
                    "old": row.old,
                    "new": row.new,
                    "cells": [
                        {"column": c.column, "label": c.label, "old": c.old, "new": c.new}
                        for c in row.cells
                    ],
                }
                for row in self.changed
            ],
        }


@record
class DraftDiff:
    """Everything that differs between an old and a new draft, and both suggested verdicts."""

    fields: tuple[FieldChange, ...]
    tables: tuple[TableDiff, ...]
    before: Verdict
    after: Verdict
    has_rules: bool

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.tables)

    def in_sections(self) -> list[FieldChange | TableDiff]:
        """Field and table changes together, section by section in template order."""
        items: list[FieldChange | TableDiff] = [*self.fields, *self.tables]
        order: dict[str, int] = {}
        for item in items:
            order.setdefault(item.section, len(order))
        return sorted(items, key=lambda item: order[item.section])

    def to_json(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "fields": [f.to_json() for f in self.fields],
            "tables": [t.to_json() for t in self.tables],
            "verdict": (
                {"before": self.before.to_json(), "after": self.after.to_json()}
                if self.has_rules
                else None
            ),
        }


def diff_drafts(template: Template, old: Draft, new: Draft) -> DraftDiff:
    """Compare two drafts of `template` field by field, in template order."""
    fields: list[FieldChange] = []
    tables: list[TableDiff] = []
    for section, f in template.fields():
        before, after = old.get(f), new.get(f)
        if f.kind == "table":
            table = diff_table(f, section.title, before, after, _match_column(template, f))
            if table:
                tables.append(table)
            continue
        change = diff_field(f, section.title, before, after)
        if change is not None:
            fields.append(change)
    return DraftDiff(
        fields=tuple(fields),
        tables=tuple(tables),
        before=suggest_verdict(template, old),
        after=suggest_verdict(template, new),
        has_rules=template.rules is not None,
    )


def diff_field(f: Field, section: str, old: Any, new: Any) -> FieldChange | None:
    """How one non-table field's answer changed, or None when it did not."""
    was, now = f.is_answered(old), f.is_answered(new)
    if not was and not now:
        return None
    if was and not now:
        return FieldChange(f.key, f.label, section, f, old, None, "cleared")
    if now and not was:
        return FieldChange(f.key, f.label, section, f, None, new, "answered")
    kind = f.kind
    match kind:
        case "list":
            if isinstance(old, list) and isinstance(new, list):
                return _diff_list(f, section, old, new)
        case "table":
            raise ValueError(f"{f.key}: a table is compared row by row (diff_table)")
        case "text" | "paragraph" | "score" | "grade" | "choice":
            pass
        case _:
            assert_never(kind)
    if _same(old, new):
        return None
    direction, delta = _direction(f, old, new)
    return FieldChange(f.key, f.label, section, f, old, new, "changed", direction, delta)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return one_line(old) == one_line(new)
    return type(old) is type(new) and bool(old == new)


def _direction(f: Field, old: Any, new: Any) -> tuple[Direction | None, int | None]:
    if f.validate(old) is not None or f.validate(new) is not None:
        return None, None
    kind = f.kind
    match kind:
        case "score":
            delta = int(new) - int(old)
            return ("up" if delta > 0 else "down"), delta
        case "grade":
            return ("up" if _GRADE_RANK[new] > _GRADE_RANK[old] else "down"), None
        case "text" | "paragraph" | "list" | "choice" | "table":
            return None, None
        case _:
            assert_never(kind)


def _diff_list(f: Field, section: str, old: list[Any], new: list[Any]) -> FieldChange | None:
    before = [one_line(v) for v in old if one_line(v)]
    after = [one_line(v) for v in new if one_line(v)]
    if before == after:
        return None
    added = Counter(after) - Counter(before)
    removed = Counter(before) - Counter(after)
    if not added and not removed:
        return FieldChange(f.key, f.label, section, f, old, new, "reordered")
    return FieldChange(
        f.key,
        f.label,
        section,
        f,
        old,
        new,
        "changed",
        added=tuple(_in_order(after, added)),
        removed=tuple(_in_order(before, removed)),
    )


def _in_order(entries: list[str], wanted: Counter[str]) -> list[str]:
    """The entries counted in `wanted`, in the order they appear in `entries`."""
    left = Counter(wanted)
    out = []
    for entry in entries:
        if left[entry] > 0:
            out.append(entry)
            left[entry] -= 1
    return out


# --------------------------------------------------------------------------
# Tables


def _match_column(template: Template, f: Field) -> str | None:
    """The column rows are matched by: the rules' issue column, else the first text column."""
    rules = template.rules
    if rules is not None and rules.risk_table == f.key:
        return rules.issue_column
    for column in f.columns:
        if column.kind == "text":
            return column.id
    return None


def _rows(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [
        row for row in value if isinstance(row, dict) and any(one_line(v) for v in row.values())
    ]


def _row_key(f: Field, row: dict[str, Any], match: str | None) -> tuple[str, ...]:
    """What identifies a row: its issue text, or all its cells when that is empty."""
    if match is not None:
        text = one_line(row.get(match)).casefold()
        if text:
            return ("issue", text)
    return ("row", *(one_line(row.get(c.id)) for c in f.columns))


def diff_table(
    f: Field, section: str, old: Any, new: Any, match: str | None = None
) -> TableDiff | None:
    """Rows added, closed and changed, matching rows by the text of column `match`.

    Among rows with the same issue text, identical rows pair first, then the rows
    with the most equal cells, so a reordered or shortened table reads as such.
    """
    before, after = _rows(old), _rows(new)
    old_groups: dict[tuple[str, ...], list[int]] = {}
    new_groups: dict[tuple[str, ...], list[int]] = {}
    for i, row in enumerate(before):
        old_groups.setdefault(_row_key(f, row, match), []).append(i)
    for j, row in enumerate(after):
        new_groups.setdefault(_row_key(f, row, match), []).append(j)
    partner: dict[int, int] = {}  # new row index -> old row index
    for key, news in new_groups.items():
        partner.update(_pair_rows(f, before, after, old_groups.get(key, []), news))
    added: list[dict[str, Any]] = []
    changed: list[RowChange] = []
    for j, row in enumerate(after):
        if j not in partner:
            added.append(row)
            continue
        previous = before[partner[j]]
        cells = tuple(
            CellChange(c.id, c.label, previous.get(c.id), row.get(c.id))
            for c in f.columns
            if one_line(previous.get(c.id)) != one_line(row.get(c.id))
        )
        if cells:
            changed.append(RowChange(previous, row, cells))
    paired = set(partner.values())
    closed = [row for i, row in enumerate(before) if i not in paired]
    table = TableDiff(
        f.key, f.label, section, f, match, tuple(added), tuple(closed), tuple(changed)
    )
    return table if table else None


_PAIRS_COMPARED = 10_000  # beyond this many candidate pairs, the leftovers pair in order


def _pair_rows(
    f: Field,
    before: list[dict[str, Any]],
    after: list[dict[str, Any]],
    olds: list[int],
    news: list[int],
) -> dict[int, int]:
    """Pair rows of one key, identical rows first, then most equal cells: new -> old index."""

    def cells(row: dict[str, Any]) -> tuple[str, ...]:
        return tuple(one_line(row.get(c.id)) for c in f.columns)

    pairs: dict[int, int] = {}
    identical: dict[tuple[str, ...], list[int]] = {}
    for i in olds:
        identical.setdefault(cells(before[i]), []).append(i)
    for j in news:
        same = identical.get(cells(after[j]))
        if same:
            pairs[j] = same.pop(0)
    used = set(pairs.values())
    olds = [i for i in olds if i not in used]
    news = [j for j in news if j not in pairs]
    if len(olds) * len(news) > _PAIRS_COMPARED:
        pairs.update(zip(news, olds, strict=False))
        return pairs
    old_cells = {i: cells(before[i]) for i in olds}
    new_cells = {j: cells(after[j]) for j in news}
    ranked = sorted(
        (-sum(a == b for a, b in zip(old_cells[i], new_cells[j], strict=True)), i, j)
        for i in olds
        for j in news
    )
    for _, i, j in ranked:
        if i not in used and j not in pairs:
            pairs[j] = i
            used.add(i)
    return pairs
