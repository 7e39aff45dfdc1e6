"""One assessment (verdict, warnings, gate) for `check` and for the app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from audit_tui.core.checks import assessment, consistency, verdict
from audit_tui.core.checks.assessment import Assessment, assess
from audit_tui.core.checks.check import check_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import parse_template
from audit_tui.core.model.template import Template
from audit_tui.tui import verdict_panel
from tests.verdict.helpers import builtin_data, cli, complete_draft, risk, write_draft


def contradicting(template: Template) -> Draft:
    """A complete draft whose GO contradicts a High risk due before production."""
    value = complete_draft(template)
    value.set(template.field("risks"), [risk("High", "SQL injection", "Before Production")])
    value.set(template.field("executive_summary.overall_health"), 8)
    return value


def test_the_app_and_check_work_out_the_same_assessment(template: Template) -> None:
    value = contradicting(template)
    shared = assess(template, value)
    shown = verdict_panel.assess(template, value)
    assert isinstance(shown, Assessment)
    assert shown == shared
    assert shared.warnings and shared.contradictions
    # What check --json prints is that assessment.
    path = write_draft(Path("report.toml"), value)
    printed = json.loads(cli("check", str(path), "--json").stdout)
    assert printed["warnings"] == [w.to_json() for w in shared.warnings]
    assert printed["contradictions"] == [c.to_json() for c in shared.contradictions]
    assert printed["verdict"] == shared.verdict.to_json()


def test_the_app_lists_the_assessments_warnings_contradictions_first(template: Template) -> None:
    shared = assess(template, contradicting(template))
    field = template.field("executive_summary.final_recommendation")
    lines = verdict_panel.warning_lines(shared, field)
    involved = [w for w in shared.inconsistencies if field.key in w.fields]
    assert lines == [w.message for w in involved]
    assert involved[0] in shared.contradictions


def test_the_gate_names_what_holds_in_the_order_asked(template: Template) -> None:
    value = contradicting(template)
    value.set(template.field("roadmap.scalability"), None)
    shared = assess(template, value)
    report = check_draft(template, value)
    assert shared.held(report, ["warnings", "incomplete", "no-go", "warnings"]) == [
        "warnings",
        "incomplete",
    ]
    assert shared.held(check_draft(template, complete_draft(template)), ["incomplete"]) == []


def test_without_rules_check_has_no_verdict_and_the_app_shows_nothing() -> None:
    data = builtin_data()
    del data["rules"]
    template = parse_template(data)
    value = complete_draft(template)
    shared = assess(template, value)
    assert not shared.has_rules and not shared.is_no_go
    assert shared.to_json() == {"verdict": None, "warnings": [], "contradictions": []}
    assert verdict_panel.assess(template, value) is None


def test_an_assessment_reads_the_risk_table_once(
    template: Template, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 10,000 risks: reading the table twice (suggestion, then warnings) was ~10 % of check.
    reads: list[int] = []
    real = verdict.risk_rows

    def counted(*args: Any) -> Any:
        reads.append(1)
        return real(*args)

    for module in (verdict, consistency, assessment):
        monkeypatch.setattr(module, "risk_rows", counted)
    found = assess(template, contradicting(template))
    assert found.warnings and found.contradictions
    assert len(reads) == 1
