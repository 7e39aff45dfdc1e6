"""The suggested verdict: each rule, and the reasons it gives."""

from __future__ import annotations

import pytest

from audit_tui.core.checks.verdict import Verdict, suggest_verdict
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import parse_template
from audit_tui.core.model.template import Template
from tests.verdict.helpers import builtin_data, draft, risk, with_rules


def texts(verdict: Verdict) -> list[str]:
    return [r.text for r in verdict.reasons]


def test_all_a_and_nothing_open_suggests_ten_and_go(template: Template) -> None:
    verdict = suggest_verdict(template, draft())
    assert (verdict.health, verdict.recommendation) == (10, "GO")
    assert texts(verdict)[0] == "health 10 from the mean of 4 grades (A, A, A, A)"
    assert texts(verdict)[-1].startswith("GO: no High risk due before launch, no grade F")


def test_health_is_the_rounded_mean_of_the_grades(template: Template) -> None:
    grades = {"security": "B", "performance": "B", "code_quality": "B", "reliability": "C"}
    assert suggest_verdict(template, draft(grades)).health == 8
    grades = {"security": "B", "performance": "C", "code_quality": "C", "reliability": "C"}
    assert suggest_verdict(template, draft(grades)).health == 7  # 6.5 rounds up


def test_unanswered_grades_are_left_out_and_said(template: Template) -> None:
    verdict = suggest_verdict(template, draft({"security": "B", "performance": "C"}))
    assert verdict.health == 7
    assert texts(verdict)[0] == "health 7 from the mean of 2 grades (B, C); 2 unanswered"
    assert verdict.recommendation is None
    assert "no recommendation yet: 2 of 4 grades unanswered" in texts(verdict)


def test_invalid_grade_counts_as_unanswered(template: Template) -> None:
    grades = {"security": "Z", "performance": "A", "code_quality": "A", "reliability": "A"}
    verdict = suggest_verdict(template, draft(grades))
    assert verdict.health == 10
    assert verdict.recommendation is None


def test_no_grade_means_no_health(template: Template) -> None:
    verdict = suggest_verdict(template, draft({}))
    assert verdict.health is None
    assert verdict.health_reasons[0].text == "no health suggested: no grade answered"


def test_open_risks_lower_the_health_by_priority(template: Template) -> None:
    risks = [risk("High", "a"), risk("Medium", "b"), risk("Low", "c")]
    verdict = suggest_verdict(template, draft(risks=risks))
    assert verdict.health == 7
    reason = verdict.health_reasons[1]
    assert reason.text == "health -3 for open risks: 1 High (-2), 1 Medium (-1)"
    assert reason.paths == ("risks[0]", "risks[1]")


def test_risk_penalty_is_limited(template: Template) -> None:
    risks = [risk("High", str(n)) for n in range(4)]
    verdict = suggest_verdict(template, draft(risks=risks))
    assert verdict.health == 6
    assert verdict.health_reasons[1].text.endswith("4 High (-8), limited to -4")


def test_risk_with_unknown_priority_has_no_penalty(template: Template) -> None:
    verdict = suggest_verdict(template, draft(risks=[risk("Severe", "a")]))
    assert verdict.health == 10


@pytest.mark.parametrize(("grade", "cap"), [("D", 5), ("F", 3)])
def test_a_poor_grade_caps_the_health(template: Template, grade: str, cap: int) -> None:
    grades = {"security": grade, "performance": "A", "code_quality": "A", "reliability": "A"}
    verdict = suggest_verdict(template, draft(grades))
    assert verdict.health == cap
    reason = verdict.health_reasons[-1]
    assert reason.text == f"health capped at {cap}: Security graded {grade}"
    assert reason.paths == ("security.rating",)


def test_only_the_lowest_cap_is_given_as_reason(template: Template) -> None:
    grades = {"security": "D", "performance": "F", "code_quality": "D", "reliability": "A"}
    verdict = suggest_verdict(template, draft(grades))
    assert verdict.health == 3
    assert [r.text for r in verdict.health_reasons if "capped" in r.text] == [
        "health capped at 3: Performance graded F"
    ]


def test_cap_not_reached_is_not_a_reason(template: Template) -> None:
    grades = {"security": "D", "performance": "D", "code_quality": "D", "reliability": "D"}
    verdict = suggest_verdict(template, draft(grades))
    assert verdict.health == 4
    assert not any("capped" in r.text for r in verdict.reasons)


def test_incomplete_must_have_section_caps_health_and_means_no_go(template: Template) -> None:
    verdict = suggest_verdict(template, draft(must_haves=False))
    expected = "Backup & Disaster Recovery, Monitoring & Alerting incomplete (must-have)"
    assert verdict.health == 5
    assert f"health capped at 5: {expected}" in texts(verdict)
    assert verdict.recommendation == "NO-GO"
    assert f"NO-GO: {expected}" in texts(verdict)


def test_invalid_answer_makes_a_must_have_section_incomplete(template: Template) -> None:
    value = draft(backup={"recovery_plan": "restore it"})  # a list is expected
    verdict = suggest_verdict(template, value)
    assert verdict.recommendation == "NO-GO"
    assert "NO-GO: Backup & Disaster Recovery incomplete (must-have)" in texts(verdict)


def test_must_have_no_go_can_be_turned_off() -> None:
    template = parse_template(with_rules(must_have_no_go=False, must_have_cap=7))
    verdict = suggest_verdict(template, draft(must_haves=False))
    assert (verdict.health, verdict.recommendation) == (7, "GO")


def test_high_risks_due_before_production_mean_no_go(template: Template) -> None:
    risks = [
        risk("High", "SQL injection", "Before Production"),
        risk("High", "No rate limit", "before production"),
        risk("High", "Slow reports", "Q3"),
        risk("Medium", "Hardcoded config", "Before Production"),
    ]
    verdict = suggest_verdict(template, draft(risks=risks))
    assert verdict.recommendation == "NO-GO"
    reason = verdict.recommendation_reasons[0]
    assert reason.text == "NO-GO: 2 High risks due Before Production"
    assert reason.paths == ("risks[0]", "risks[1]")


def test_blocking_risks_with_different_timelines_are_due_before_launch(template: Template) -> None:
    risks = [risk("High", "a", "Immediately"), risk("High", "b", "pre-launch")]
    verdict = suggest_verdict(template, draft(risks=risks))
    assert "NO-GO: 2 High risks due before launch" in texts(verdict)


def test_one_blocking_risk_is_singular(template: Template) -> None:
    verdict = suggest_verdict(template, draft(risks=[risk("High", "a", "Before launch")]))
    assert "NO-GO: 1 High risk due Before launch" in texts(verdict)


def test_high_risk_after_launch_is_not_blocking(template: Template) -> None:
    verdict = suggest_verdict(template, draft(risks=[risk("High", "a", "Post-launch v1.1")]))
    assert verdict.recommendation == "GO"


def test_blocking_priorities_and_timelines_come_from_the_rules() -> None:
    template = parse_template(
        with_rules(blocking_priorities=["High", "Medium"], before_launch=["sprint 1"])
    )
    risks = [risk("Medium", "a", "Sprint 1"), risk("High", "b", "Before production")]
    verdict = suggest_verdict(template, draft(risks=risks))
    assert verdict.recommendation_reasons[0].text == "NO-GO: 1 Medium risk due Sprint 1"


def test_failing_grade_means_no_go(template: Template) -> None:
    grades = {"security": "A", "performance": "A", "code_quality": "F", "reliability": "A"}
    verdict = suggest_verdict(template, draft(grades))
    assert "NO-GO: Code Quality graded F" in texts(verdict)
    assert verdict.recommendation == "NO-GO"


def test_low_health_means_no_go(template: Template) -> None:
    grades = {"security": "C", "performance": "D", "code_quality": "C", "reliability": "D"}
    verdict = suggest_verdict(template, draft(grades, [risk("Medium", "a")]))
    assert verdict.health == 4
    assert texts(verdict)[-1] == "NO-GO: suggested health 4 is below 5"


def test_failing_grade_gives_no_go_even_with_grades_missing(template: Template) -> None:
    verdict = suggest_verdict(template, draft({"security": "F"}))
    assert verdict.recommendation == "NO-GO"


def test_reasons_are_split_by_what_they_explain(template: Template) -> None:
    verdict = suggest_verdict(template, draft(risks=[risk("High", "a", "Before Production")]))
    assert all(r.text.startswith("health") for r in verdict.health_reasons)
    assert all(r.text.startswith(("GO", "NO-GO")) for r in verdict.recommendation_reasons)
    assert verdict.to_json() == {
        "health": 8,
        "recommendation": "NO-GO",
        "reasons": texts(verdict),
    }


def test_user_text_in_reasons_is_one_clean_line(template: Template) -> None:
    timeline = "Before production\x1b[2J\u202e\nnow"
    verdict = suggest_verdict(template, draft(risks=[risk("High", "a", timeline)]))
    reason = verdict.recommendation_reasons[0].text
    assert reason == "NO-GO: 1 High risk due Before production[2J now"


def test_malformed_risk_rows_are_skipped(template: Template) -> None:
    value = draft()
    value.data["risks"] = ["not a row", {"priority": 3, "issue": ["x"], "timeline": 5}]
    verdict = suggest_verdict(template, value)
    assert (verdict.health, verdict.recommendation) == (10, "GO")
    value.data["risks"] = "nonsense"
    assert suggest_verdict(template, value).recommendation == "GO"


def test_health_stays_inside_the_score_range() -> None:
    data = with_rules(grade_points={"A": 1, "B": 1, "C": 1, "D": 1, "F": 1}, no_go_below=0)
    template = parse_template(data)
    verdict = suggest_verdict(template, draft(risks=[risk("High", "a")]))
    assert verdict.health == 1


def test_template_without_rules_suggests_nothing() -> None:
    data = builtin_data()
    del data["rules"]
    verdict = suggest_verdict(parse_template(data), Draft())
    assert verdict == Verdict(None, None, ())


def test_suggestion_does_not_change_the_draft(template: Template) -> None:
    value = draft(risks=[risk("High", "a", "Before Production")], recommendation="GO")
    before = value.copy()
    suggest_verdict(template, value)
    assert value == before
