"""Consistency warnings and contradictions between the answers and the suggestion."""

from __future__ import annotations

from audit_tui.core.checks.consistency import Inconsistency, consistency_warnings, contradictions
from audit_tui.core.checks.verdict import suggest_verdict
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import parse_template
from audit_tui.core.model.template import Template
from tests.verdict.helpers import builtin_data, draft, risk, with_rules

REC = "executive_summary.final_recommendation"
HEALTH = "executive_summary.overall_health"


def test_consistent_draft_has_no_warnings(template: Template) -> None:
    value = draft(risks=[risk("Low", "a")], health=10, recommendation="GO")
    assert consistency_warnings(template, value) == []
    assert contradictions(template, value) == []


def test_go_with_high_risk_due_before_production(template: Template) -> None:
    risks = [risk("Low", "x"), risk("High", "SQL injection", "Before Production")]
    value = draft(risks=risks, recommendation="GO")
    assert consistency_warnings(template, value) == [
        Inconsistency(
            (REC, "risks[1]"),
            "Final Recommendation is GO but 1 High risk is due Before Production",
        )
    ]


def test_no_go_with_high_risk_due_before_production_is_consistent(template: Template) -> None:
    value = draft(risks=[risk("High", "a", "Before Production")], recommendation="NO-GO")
    assert consistency_warnings(template, value) == []


def test_good_grade_with_long_list(template: Template) -> None:
    entries = [f"risk {n}" for n in range(5)]
    value = draft(security={"remaining_risks": [*entries, "  "]})
    assert consistency_warnings(template, value) == [
        Inconsistency(
            ("security.rating", "security.remaining_risks"),
            "Security Rating is A (Excellent) but Remaining Risks & Mitigation lists 5 entries "
            "(5 or more is long)",
        )
    ]


def test_list_below_the_threshold_is_not_long(template: Template) -> None:
    value = draft(code_quality={"technical_debt": ["a", "b", "c", "d"]})
    assert consistency_warnings(template, value) == []


def test_long_list_with_a_poor_grade_is_consistent(template: Template) -> None:
    grades = {"security": "C", "performance": "A", "code_quality": "A", "reliability": "A"}
    value = draft(grades, security={"vulnerabilities_found": list("abcdefg")})
    assert consistency_warnings(template, value) == []


def test_long_list_threshold_is_a_rule() -> None:
    template = parse_template(with_rules(long_list=2))
    value = draft(performance={"remaining_bottlenecks": ["a", "b"]})
    [warning] = consistency_warnings(template, value)
    assert warning.fields == ("performance.rating", "performance.remaining_bottlenecks")


def test_go_with_empty_recovery_plan(template: Template) -> None:
    value = draft(recommendation="GO")
    del value.data["backup"]["recovery_plan"]
    assert consistency_warnings(template, value) == [
        Inconsistency(
            (REC, "backup.recovery_plan"), "Final Recommendation is GO but Recovery Plan is empty"
        )
    ]


def test_go_with_invalid_recovery_plan(template: Template) -> None:
    value = draft(recommendation="GO", backup={"recovery_plan": 3})
    [warning] = consistency_warnings(template, value)
    assert warning.message == "Final Recommendation is GO but Recovery Plan is not valid"


def test_no_go_with_empty_recovery_plan_is_consistent(template: Template) -> None:
    value = draft(recommendation="NO-GO", must_haves=False)
    assert consistency_warnings(template, value) == []


def test_risk_row_without_action_or_timeline(template: Template) -> None:
    risks = [
        risk("Low", "Fine"),
        risk("Low", "No action\x1b[31m", action="  "),
        {"priority": "Low", "issue": ""},
    ]
    warnings = consistency_warnings(template, draft(risks=risks))
    assert warnings == [
        Inconsistency(("risks[1].action",), "risk 2 (No action[31m) has no Recommended Action"),
        Inconsistency(
            ("risks[2].action", "risks[2].timeline"),
            "risk 3 has no Recommended Action or Timeline",
        ),
    ]
    assert warnings[1].fields == ("risks",)


def test_high_score_with_open_high_risks(template: Template) -> None:
    risks = [risk("High", "a", "Q4"), risk("High", "b", "Q4")]
    value = draft(risks=risks, health=9)
    assert consistency_warnings(template, value) == [
        Inconsistency(
            (HEALTH, "risks[0]", "risks[1]"),
            "Overall System Health (1-10) is 9 but 2 High risks are open",
        )
    ]


def test_score_below_the_high_mark_with_high_risks_is_consistent(template: Template) -> None:
    value = draft(risks=[risk("High", "a", "Q4")], health=8)
    assert consistency_warnings(template, value) == []


def test_each_check_reports_independently(template: Template) -> None:
    risks = [risk("High", "a", "Before Production", action="")]
    value = draft(risks=risks, health=10, recommendation="GO", must_haves=False)
    messages = [w.message for w in consistency_warnings(template, value)]
    assert len(messages) == 4
    assert [m.split(" ")[0] for m in messages] == ["Final", "Final", "risk", "Overall"]


def test_template_without_rules_has_no_warnings() -> None:
    data = builtin_data()
    del data["rules"]
    template = parse_template(data)
    value = draft(risks=[risk("High", "a", "Before Production")], recommendation="GO")
    assert consistency_warnings(template, value) == []
    assert contradictions(template, value) == []


def test_warnings_on_an_empty_draft(template: Template) -> None:
    assert consistency_warnings(template, Draft()) == []


# -- contradictions -----------------------------------------------------------


def test_go_while_the_rules_say_no_go(template: Template) -> None:
    value = draft(risks=[risk("High", "a", "Before Production")], recommendation="GO")
    assert contradictions(template, value) == [
        Inconsistency((REC,), "Final Recommendation is GO but the rules suggest NO-GO")
    ]


def test_no_go_while_the_rules_say_go_is_said_too(template: Template) -> None:
    value = draft(recommendation="NO-GO")
    [found] = contradictions(template, value)
    assert found.message == "Final Recommendation is NO-GO but the rules suggest GO"


def test_health_far_from_the_suggestion(template: Template) -> None:
    value = draft({"security": "C", "performance": "C", "code_quality": "C", "reliability": "C"})
    value.data["executive_summary"] = {"overall_health": 9}
    assert contradictions(template, value) == [
        Inconsistency(
            (HEALTH,),
            "Overall System Health (1-10) is 9 but the rules suggest 6 (more than 2 apart)",
        )
    ]


def test_health_within_the_tolerance_is_no_contradiction(template: Template) -> None:
    value = draft({"security": "C", "performance": "C", "code_quality": "C", "reliability": "C"})
    value.data["executive_summary"] = {"overall_health": 8}
    assert contradictions(template, value) == []


def test_no_contradiction_without_a_suggestion(template: Template) -> None:
    value = draft({"security": "A"}, recommendation="GO")
    assert suggest_verdict(template, value).recommendation is None
    assert contradictions(template, value) == []


def test_invalid_answer_is_no_contradiction(template: Template) -> None:
    value = draft(recommendation="MAYBE")
    value.data["executive_summary"]["overall_health"] = "ten"
    assert contradictions(template, value) == []


def test_inconsistency_text_names_the_paths() -> None:
    found = Inconsistency(("a.b", "risks[3].timeline"), "message")
    assert str(found) == "a.b, risks[3].timeline: message"
    assert found.to_json() == {
        "paths": ["a.b", "risks[3].timeline"],
        "fields": ["a.b", "risks"],
        "message": "message",
    }
