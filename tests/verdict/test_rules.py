"""Reading and validating the `[rules]` table of a template."""

from __future__ import annotations

from typing import Any

import pytest

from audit_tui.core.model.kinds import GRADES
from audit_tui.core.model.loader import parse_template
from audit_tui.core.model.rules import GRADE_ORDER, Rules
from audit_tui.core.model.template import Template, TemplateError
from tests.verdict.helpers import builtin_data, with_rules


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(TemplateError) as caught:
        parse_template(data, "t.toml")
    return [str(p) for p in caught.value.problems]


def test_builtin_template_has_rules(template: Template) -> None:
    rules = template.rules
    assert isinstance(rules, Rules)
    assert rules.health_field == "executive_summary.overall_health"
    assert rules.cap("D") == 5 and rules.cap("F") == 3 and rules.cap("A") is None
    assert rules.points("A") == 10
    assert rules.penalty("High") == 2 and rules.penalty("Low") == 0
    assert set(rules.must_have_sections) == {"backup", "monitoring"}


def test_grade_order_matches_template_grades() -> None:
    assert tuple(GRADES) == GRADE_ORDER


def test_template_without_rules_loads_with_none() -> None:
    data = builtin_data()
    del data["rules"]
    assert parse_template(data).rules is None


def test_rules_make_template_hashable(template: Template) -> None:
    assert hash(template) == hash(template)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Before Production", True),
        ("must fix  BEFORE\nproduction", True),
        ("Pre-launch", True),
        ("Immediately", True),
        ("Post-launch v1.1", False),
        ("Q3", False),
        ("", False),
    ],
)
def test_before_launch_matches_case_insensitive_substrings(
    template: Template, text: str, expected: bool
) -> None:
    assert template.rules is not None
    assert template.rules.is_before_launch(text) is expected


def test_optional_rules_take_defaults() -> None:
    data = with_rules(high_score=None, long_list=None, before_launch=None)
    rules = parse_template(data).rules
    assert rules is not None
    assert rules.high_score == 9
    assert rules.long_list == 5
    assert rules.is_before_launch("before production")


def test_unknown_rule_key_is_reported() -> None:
    assert any(
        p.startswith("t.toml: rules.expression: unknown key")
        for p in problems(with_rules(expression="1+1"))
    )


def test_missing_required_rule_is_reported() -> None:
    assert "t.toml: rules.health_field: missing" in problems(with_rules(health_field=None))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"rules": "yes"}, "t.toml: rules: expected a table, found text"),
        ({"go": 1}, "t.toml: rules.go: expected text, found integer 1"),
        ({"no_go": "GO"}, "t.toml: rules.no_go: must differ from go"),
        (
            {"grade_fields": "security.rating"},
            "t.toml: rules.grade_fields: expected a list of text",
        ),
        (
            {"before_launch": ["soon", ""]},
            "t.toml: rules.before_launch[1]: expected non-empty text",
        ),
        ({"before_launch": ["soon", "soon"]}, "t.toml: rules.before_launch[1]: duplicate entry"),
        ({"no_go_below": "5"}, "t.toml: rules.no_go_below: expected a whole number, found text"),
        ({"no_go_below": True}, "t.toml: rules.no_go_below: expected a whole number"),
        ({"high_score": -1}, "t.toml: rules.high_score: must not be negative; found -1"),
        ({"long_list": 0}, "t.toml: rules.long_list: must be at least 1"),
        ({"grade_caps": [5]}, "t.toml: rules.grade_caps: expected a table of whole numbers"),
        ({"grade_caps": {"D": 5.5}}, "t.toml: rules.grade_caps.D: expected a whole number"),
        ({"grade_caps": {"E": 5}}, "t.toml: rules.grade_caps.E: 'E' is not a grade"),
        ({"grade_points": {"A": 10}}, "t.toml: rules.grade_points: every grade needs points"),
        ({"no_go_grades": ["Z"]}, "t.toml: rules.no_go_grades: 'Z' is not a grade"),
        ({"must_have_no_go": "yes"}, "t.toml: rules.must_have_no_go: expected true or false"),
        ({"health_field": "nowhere.field"}, "t.toml: rules.health_field: no field 'nowhere.field'"),
        (
            {"health_field": "security.rating"},
            "t.toml: rules.health_field: 'security.rating' is a grade field, expected score",
        ),
        ({"go": "SHIP"}, "t.toml: rules.go: 'SHIP' is not an option of"),
        (
            {"grade_fields": ["security.remaining_risks"]},
            "t.toml: rules.grade_fields[0]: 'security.remaining_risks' is a list field",
        ),
        (
            {"long_list_fields": ["roadmap.scalability"]},
            "t.toml: rules.long_list_fields[0]: 'roadmap.scalability' is in a section with no",
        ),
        ({"go_requires": ["backup.nothing"]}, "t.toml: rules.go_requires[0]: no field"),
        ({"must_have_sections": ["vault"]}, "t.toml: rules.must_have_sections[0]: no section"),
        (
            {"risk_table": "backup.recovery_plan"},
            "t.toml: rules.risk_table: 'backup.recovery_plan' is a list",
        ),
        ({"issue_column": "title"}, "t.toml: rules.issue_column: no column 'title' in 'risks'"),
        ({"priority_column": "issue"}, "t.toml: rules.priority_column: 'issue' must be a choice"),
        ({"risk_requires": ["owner"]}, "t.toml: rules.risk_requires[0]: no column 'owner'"),
        (
            {"risk_penalties": {"Critical": 3}},
            "t.toml: rules.risk_penalties.Critical: 'Critical' is not a priority",
        ),
        (
            {"blocking_priorities": ["Urgent"]},
            "t.toml: rules.blocking_priorities: 'Urgent' is not a priority",
        ),
    ],
)
def test_bad_rule_is_reported_with_its_key(changes: dict[str, Any], expected: str) -> None:
    data = builtin_data()
    if "rules" in changes:
        data["rules"] = changes["rules"]
    else:
        data["rules"].update(changes)
    found = problems(data)
    assert any(p.startswith(expected) for p in found), found


def test_every_rule_problem_is_collected() -> None:
    found = problems(with_rules(go=1, no_go_below="x", long_list_fields=["nowhere.list"]))
    assert len(found) == 2  # type problems stop before the references are checked
    found = problems(with_rules(health_field="a.b", recommendation_field="c.d"))
    assert [p.split(":")[1].strip() for p in found] == [
        "rules.health_field",
        "rules.recommendation_field",
    ]


def test_rules_are_not_checked_against_broken_parts() -> None:
    data = with_rules(health_field="executive_summary.overall_health")
    data["parts"][0]["sections"][0]["fields"][0]["kind"] = "mystery"
    found = problems(data)
    assert not any("rules." in p for p in found), found
