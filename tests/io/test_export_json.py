"""The JSON export: a versioned shape with answers, completeness and (when known) the verdict."""

from __future__ import annotations

import datetime
import importlib.util
import json

from audit_tui.core.checks.check import check_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.json_export import export_json, report_json

HAS_VERDICT = importlib.util.find_spec("audit_tui.core.checks.verdict") is not None


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
    assert report["version"] == 1
    assert report["template"] == {"id": template.id, "title": template.title}
    assert report["draft"] == {"created": "2026-01-02T03:04:05+00:00", "updated": None}
    expected = {"format", "version", "template", "draft", "answers", "completeness", "problems"}
    assert set(report) == expected | ({"verdict"} if HAS_VERDICT else set())


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


def test_completeness_matches_check(template: Template) -> None:
    draft = answered(template)
    report = report_json(template, draft)
    check = check_draft(template, draft)
    completeness = report["completeness"]
    assert (completeness["answered"], completeness["total"]) == (check.answered, check.total)
    assert completeness["complete"] is False
    assert [s["id"] for s in completeness["sections"]] == [s.section for s in check.sections]
    security = next(s for s in completeness["sections"] if s["id"] == "security")
    assert security == {
        "id": "security",
        "title": "Security Audit Summary",
        "answered": 1,
        "total": 4,
        "invalid": 0,
        "done": False,
    }
    assert {"path": "risks[0].impact", "message": "missing answer", "severity": "missing"} in (
        report["problems"]
    )


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
