"""The JSON export: a versioned shape with answers, completeness and (when known) the verdict."""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path

import jsonschema
import pytest

from audit_tui.core.checks.check import check_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.json_export import export_json, report_json

HAS_VERDICT = True  # the verdict module is always there: the JSON always carries it
ROOT = Path(__file__).resolve().parents[2]


def answered(template: Template) -> Draft:
    draft = Draft.new(template)
    draft.meta["created"] = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    draft.set(template.field("executive_summary.overall_health"), 6)
    draft.set(template.field("executive_summary.key_strengths"), ["Validation", "  ", "Tests"])
    draft.set(template.field("security.rating"), "C")
    draft.set(template.field("risks"), [{"priority": "High", "issue": "No backups"}])
    return draft


def test_the_shape_is_named_and_versioned(template: Template) -> None:
    report = json.loads(export_json(template, answered(template)))
    assert report["format"] == "audit-tui-report"
    assert report["version"] == 2
    assert report["template"] == {"id": template.id, "title": template.title}
    assert report["draft"] == {"created": "2026-01-02T03:04:05+00:00", "updated": None}
    expected = {"format", "version", "template", "draft", "answers", "completeness", "problems"}
    expected |= {"verdict", "warnings", "contradictions", "gate"}
    assert set(report) == expected


def test_every_field_is_there_null_when_unanswered(template: Template) -> None:
    answers = report_json(template, answered(template))["answers"]
    assert list(answers) == [s.id for s in template.sections]
    assert answers["executive_summary"]["overall_health"] == 6
    assert answers["executive_summary"]["key_strengths"] == ["Validation", "Tests"]
    assert answers["executive_summary"]["final_recommendation"] is None
    assert answers["security"] == {
        "vulnerabilities_found": None,
        "fixes_implemented": None,
        "remaining_risks": None,
        "rating": "C",
    }
    # The risk table is the section's list of rows, every column present.
    assert answers["risks"] == [
        {
            "priority": "High",
            "issue": "No backups",
            "impact": None,
            "action": None,
            "timeline": None,
        }
    ]
    assert report_json(template, Draft())["answers"]["risks"] is None


def test_completeness_and_problems_are_check_jsons(template: Template) -> None:
    draft = answered(template)
    report = report_json(template, draft)
    check = check_draft(template, draft)
    completeness = report["completeness"]
    expected = check.to_json()
    assert report["problems"] == expected.pop("problems")
    assert completeness == expected
    assert (completeness["answered"], completeness["total"]) == (check.answered, check.total)
    assert completeness["ok"] is False
    assert [s["id"] for s in completeness["sections"]] == [s.section for s in check.sections]
    security = next(s for s in completeness["sections"] if s["id"] == "security")
    assert security == {
        "id": "security",
        "title": "Security Audit Summary",
        "answered": 1,
        "total": 4,
        "invalid": 0,
        "empty_cells": 0,
    }
    risks = next(s for s in completeness["sections"] if s["id"] == "risks")
    assert risks["empty_cells"] >= 1 and completeness["empty_cells"] == check.empty_cells
    problem = {"path": "risks[0].impact", "message": "missing answer", "severity": "missing"}
    assert {**problem, "section": "risks"} in report["problems"]


def test_the_verdict_is_included_once_it_can_be_worked_out(template: Template) -> None:
    report = report_json(template, answered(template))
    if not HAS_VERDICT:
        assert "verdict" not in report
        return
    verdict = report["verdict"]
    assert set(verdict) >= {"health", "recommendation", "reasons"}
    assert all(isinstance(reason, str) for reason in verdict["reasons"])


def test_dates_and_odd_values_are_plain_json(template: Template) -> None:
    draft = Draft.new(template)
    # A wrong-typed value the draft keeps as found: exported as it is, flagged as a problem.
    draft.data["monitoring"] = {"logging": datetime.date(2026, 5, 1)}
    report = json.loads(export_json(template, draft))
    assert report["answers"]["monitoring"]["logging"] == "2026-05-01"
    assert any(p["path"] == "monitoring.logging" for p in report["problems"])


def test_unicode_is_written_as_it_is(template: Template) -> None:
    draft = Draft.new(template)
    draft.set(template.field("environment.database"), "Postgres — région « eu »")
    text = export_json(template, draft)
    assert "Postgres — région « eu »" in text
    assert text.endswith("}\n")


def schema() -> dict[str, object]:
    shipped = ROOT / "audit_tui" / "schemas" / "report.schema.json"
    docs = ROOT / "docs" / "report.schema.json"
    assert shipped.read_bytes() == docs.read_bytes()  # the docs show the schema that ships
    loaded: dict[str, object] = json.loads(shipped.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    assert loaded["properties"]["version"] == {"const": 2}  # type: ignore[index]
    return loaded


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (ROOT / "tests" / "data").glob("*.toml")), ids=str
)
def test_every_test_draft_exports_json_the_schema_accepts(template: Template, name: str) -> None:
    from audit_tui.core.files.storage import read_draft
    from audit_tui.core.model.draft import DraftError

    try:
        draft = read_draft(ROOT / "tests" / "data" / name, template)
    except DraftError:
        pytest.skip(f"{name} is refused by every command (a broken draft)")
    text = export_json(template, draft)
    jsonschema.Draft202012Validator(schema()).validate(json.loads(text))


def test_gate_warnings_and_contradictions_are_included(template: Template) -> None:
    from audit_tui.core.files.storage import read_draft

    report = report_json(template, read_draft(ROOT / "tests" / "data" / "full.toml", template))
    assert report["gate"]["recommendation"] == "GO" and report["gate"]["complete"] is True
    assert report["warnings"] or report["contradictions"]  # GO answered, NO-GO suggested
    assert report["gate"]["inconsistent"] is True


def test_invalid_values_are_kept_and_flagged_never_nan_or_controls(template: Template) -> None:
    draft = Draft.new(template)
    draft.set(template.field("executive_summary.overall_health"), math.nan)
    draft.set(template.field("security.rating"), float("inf"))
    draft.set(template.field("executive_summary.final_recommendation"), "MAYBE")
    draft.set(template.field("executive_summary.readiness_status"), "a\x1b[2J\u202eb\x00c\u200b")
    text = export_json(template, draft)
    for bad in ("NaN", "Infinity", "\x1b", "\u202e", "\x00", "\u200b", "\\u001b"):
        assert bad not in text, bad
    report = json.loads(text)
    jsonschema.Draft202012Validator(schema()).validate(report)
    assert report["answers"]["executive_summary"]["final_recommendation"] == "MAYBE"
    assert report["answers"]["executive_summary"]["readiness_status"] == "a[2Jbc"
    flagged = {p["path"] for p in report["problems"] if p["severity"] == "invalid"}
    assert "executive_summary.final_recommendation" in flagged
    assert "executive_summary.overall_health" in flagged
