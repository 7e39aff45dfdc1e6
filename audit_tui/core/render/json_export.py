"""The report as JSON for other tools: answers, completeness and the verdict, versioned.

The shape is documented in docs/exports.md ("JSON"). `version` changes
only when a key changes meaning or goes away; new keys may appear within a version.
"""

from __future__ import annotations

import datetime
import json
import math
from typing import Any, assert_never

from audit_tui.core.checks.assessment import assess
from audit_tui.core.checks.check import check_draft
from audit_tui.core.model.draft import META, Draft
from audit_tui.core.model.template import Field, Template
from audit_tui.core.render.text import clean_text, visible

FORMAT = "audit-tui-report"
VERSION = 2


def report_json(template: Template, draft: Draft) -> dict[str, Any]:
    """The report as a JSON-ready dict (its shape: `audit_tui/schemas/report.schema.json`).

    `completeness` and `problems` are `check --json`'s; `verdict`, `warnings`,
    `contradictions` and `gate` (the inputs of `check --fail-on`) its assessment.
    """
    completeness = check_draft(template, draft).to_json()
    problems = completeness.pop("problems")
    assessment = assess(template, draft)
    judged = assessment.to_json()
    out: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "template": {"id": template.id, "title": template.title},
        "draft": _meta(draft),
        "answers": answers_json(template, draft),
        "completeness": completeness,
        "problems": problems,
        "verdict": judged["verdict"],
        "warnings": judged["warnings"],
        "contradictions": judged["contradictions"],
        "gate": {
            "complete": completeness["ok"],
            "recommendation": assessment.recommendation,
            "no_go": assessment.is_no_go,
            "inconsistent": bool(assessment.warnings or assessment.contradictions),
        },
    }
    cleaned: dict[str, Any] = _clean(out)
    return cleaned


def export_json(template: Template, draft: Draft) -> str:
    """The report as JSON text (UTF-8, indented, ending with a newline)."""
    text = json.dumps(report_json(template, draft), indent=2, ensure_ascii=False, allow_nan=False)
    return text + "\n"


def answers_json(template: Template, draft: Draft) -> dict[str, Any]:
    """Every field of the template by section (null where unanswered); a table is a list of rows."""
    out: dict[str, Any] = {}
    for section in template.sections:
        if section.is_table:
            out[section.id] = _value(section.fields[0], draft.get(section.fields[0]))
            continue
        out[section.id] = {f.id: _value(f, draft.get(f)) for f in section.fields}
    return out


def _value(field: Field, value: Any) -> Any:
    kind = field.kind
    match kind:
        case _ if not field.is_answered(value):
            return None
        case "list" if isinstance(value, list):
            # The entries a report shows (core/model/kinds.py), as stored.
            return [_plain(v) for v in value if visible(field.display(v))]
        case "table" if isinstance(value, list):
            return [
                {c.id: _plain(row.get(c.id)) for c in field.columns}
                if isinstance(row, dict)
                else None
                for row in value
            ]
        case "text" | "paragraph" | "list" | "score" | "grade" | "choice" | "table":
            return _plain(value)
        case _:
            assert_never(kind)


def _plain(value: Any) -> Any:
    """A TOML value as JSON can hold it: dates and times as ISO 8601 text."""
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _meta(draft: Draft) -> dict[str, Any]:
    meta = draft.data.get(META)
    meta = meta if isinstance(meta, dict) else {}
    return {key: _plain(meta.get(key)) for key in ("created", "updated")}


def _clean(value: Any) -> Any:
    """Text without control, bidi or invisible characters; NaN and infinities as null."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no such number; check flags the answer as invalid
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean(v) for k, v in value.items()}
    return value
