"""Where the auditor still has work: every unanswered or invalid field, in report order."""

from __future__ import annotations

from typing import NamedTuple

from audit_tui.core.checks.check import field_findings
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template


class Stop(NamedTuple):
    """A field to answer or fix (for a table, a row of it: `row`, else None)."""

    section: int
    field: int
    row: int | None


def _row(path: str) -> int | None:
    if "[" not in path:
        return None
    return int(path.split("[", 1)[1].split("]", 1)[0])


def stops(template: Template, draft: Draft) -> list[Stop]:
    """Each unanswered or invalid field (each such row of a table), in report order."""
    found: list[Stop] = []
    for s, section in enumerate(template.sections):
        for f, field in enumerate(section.fields):
            rows: list[int | None] = []
            for finding in field_findings(field, draft.get(field)):
                if finding.severity == "unknown":
                    continue
                row = _row(finding.path)
                if row not in rows:
                    rows.append(row)
            found.extend(Stop(s, f, row) for row in rows)
    return found


def _place(stop: Stop) -> tuple[int, int, int]:
    return (stop.section, stop.field, -1 if stop.row is None else stop.row)


def next_stop(found: list[Stop], here: Stop, step: int) -> Stop | None:
    """The stop after `here` (`step` 1) or before it (-1), going round; None when none is left."""
    if not found:
        return None
    ordered = sorted(found, key=_place)
    if step > 0:
        later = [s for s in ordered if _place(s) > _place(here)]
        return later[0] if later else ordered[0]
    earlier = [s for s in ordered if _place(s) < _place(here)]
    return earlier[-1] if earlier else ordered[-1]
