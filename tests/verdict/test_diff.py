"""Comparing two drafts: each kind of change."""

from __future__ import annotations

from audit_tui.core.checks.diff import diff_drafts
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import parse_template
from audit_tui.core.model.template import Template
from tests.verdict.helpers import builtin_data, draft, risk


def summary(**answers: object) -> Draft:
    return Draft({"executive_summary": dict(answers)})


def test_identical_drafts_have_no_changes(template: Template) -> None:
    value = draft(risks=[risk("High", "a")], health=7)
    result = diff_drafts(template, value, value.copy())
    assert not result.changed
    assert result.fields == () and result.tables == ()
    assert result.before == result.after


def test_score_moved_up_and_down(template: Template) -> None:
    [up] = diff_drafts(template, summary(overall_health=5), summary(overall_health=8)).fields
    assert (up.key, up.old, up.new, up.direction, up.delta) == (
        "executive_summary.overall_health",
        5,
        8,
        "up",
        3,
    )
    [down] = diff_drafts(template, summary(overall_health=8), summary(overall_health=7)).fields
    assert (down.direction, down.delta) == ("down", -1)


def test_grade_moved_with_direction(template: Template) -> None:
    better = diff_drafts(template, draft({"security": "C"}), draft({"security": "B"}))
    [change] = better.fields
    assert (change.key, change.change, change.direction) == ("security.rating", "changed", "up")
    worse = diff_drafts(template, draft({"security": "A"}), draft({"security": "F"}))
    assert worse.fields[0].direction == "down"


def test_invalid_values_change_without_direction(template: Template) -> None:
    [change] = diff_drafts(
        template, summary(overall_health=5), summary(overall_health="ten")
    ).fields
    assert (change.change, change.direction, change.delta) == ("changed", None, None)


def test_answered_and_cleared(template: Template) -> None:
    result = diff_drafts(
        template,
        summary(readiness_status="Ready"),
        summary(final_recommendation="GO"),
    )
    assert [(f.key, f.change, f.old, f.new) for f in result.fields] == [
        ("executive_summary.readiness_status", "cleared", "Ready", None),
        ("executive_summary.final_recommendation", "answered", None, "GO"),
    ]


def test_text_changes_but_not_spacing(template: Template) -> None:
    old = summary(risk_assessment="Low risk.\nMostly fine", readiness_status="Ready")
    new = summary(risk_assessment="Low  risk. Mostly fine\n", readiness_status="Ready soon")
    [change] = diff_drafts(template, old, new).fields
    assert (change.key, change.old, change.new) == (
        "executive_summary.readiness_status",
        "Ready",
        "Ready soon",
    )


def test_list_entries_added_and_removed(template: Template) -> None:
    old = summary(key_strengths=["Validation", "Logging", "Logging"])
    new = summary(key_strengths=["Tests", "Logging", "Validation", "  "])
    [change] = diff_drafts(template, old, new).fields
    assert change.change == "changed"
    assert change.added == ("Tests",)
    assert change.removed == ("Logging",)


def test_list_reordered(template: Template) -> None:
    old = Draft({"backup": {"recovery_plan": ["Restore", "Verify"]}})
    new = Draft({"backup": {"recovery_plan": ["Verify", "Restore"]}})
    [change] = diff_drafts(template, old, new).fields
    assert (change.change, change.added, change.removed) == ("reordered", (), ())


def test_risks_matched_by_issue_not_position(template: Template) -> None:
    old = draft(risks=[risk("High", "SQL injection"), risk("Medium", "Hardcoded config")])
    new = draft(risks=[risk("Medium", "Hardcoded config"), risk("High", "SQL injection")])
    assert not diff_drafts(template, old, new).changed


def test_risks_added_closed_and_changed(template: Template) -> None:
    old = draft(
        risks=[
            risk("High", "SQL injection", "Before Production"),
            risk("Medium", "Hardcoded config"),
        ]
    )
    new = draft(
        risks=[
            risk("Low", "Registration toggle"),
            risk("Medium", "sql  INJECTION", "Q3"),
        ]
    )
    [table] = diff_drafts(template, old, new).tables
    assert table.key == "risks"
    assert [r["issue"] for r in table.added] == ["Registration toggle"]
    assert [r["issue"] for r in table.closed] == ["Hardcoded config"]
    [changed] = table.changed
    assert [(c.column, c.old, c.new) for c in changed.cells] == [
        ("priority", "High", "Medium"),
        ("issue", "SQL injection", "sql  INJECTION"),
        ("timeline", "Before Production", "Q3"),
    ]


def test_duplicate_issues_pair_in_order(template: Template) -> None:
    old = draft(risks=[risk("High", "Same"), risk("Low", "Same")])
    new = draft(risks=[risk("High", "Same")])
    [table] = diff_drafts(template, old, new).tables
    assert [r["priority"] for r in table.closed] == ["Low"]
    assert table.added == () and table.changed == ()


def test_duplicate_issues_pair_the_identical_row_first(template: Template) -> None:
    """The High risk was fixed and removed: it is closed, not "downgraded" to the Low one."""
    old = draft(risks=[risk("High", "SQLi", "Before Production"), risk("Low", "SQLi", "Later")])
    new = draft(risks=[risk("Low", "SQLi", "Later")])
    [table] = diff_drafts(template, old, new).tables
    assert [(r["priority"], r["timeline"]) for r in table.closed] == [("High", "Before Production")]
    assert table.added == () and table.changed == ()


def test_duplicate_issues_swapped_are_not_changes(template: Template) -> None:
    old = draft(risks=[risk("High", "SQLi", "Before Production"), risk("Low", "SQLi", "Later")])
    new = draft(risks=[risk("Low", "SQLi", "Later"), risk("High", "SQLi", "Before Production")])
    assert not diff_drafts(template, old, new).changed
    respelled = draft(
        risks=[risk("Low", "sqli ", "Later"), risk("High", "SQLi", "Before Production")]
    )
    [table] = diff_drafts(template, old, respelled).tables
    assert table.added == () and table.closed == ()
    [changed] = table.changed
    assert changed.old["priority"] == changed.new["priority"] == "Low"
    assert [(c.column, c.old, c.new) for c in changed.cells] == [("issue", "SQLi", "sqli ")]


def test_duplicate_issues_pair_the_closest_rows(template: Template) -> None:
    old = draft(
        risks=[
            risk("High", "Same", "Before Production", "Patch"),
            risk("Low", "Same", "Later", "Document"),
        ]
    )
    new = draft(
        risks=[
            risk("Low", "Same", "Q3", "Document"),
            risk("High", "Same", "Before Production", "Patch it"),
        ]
    )
    [table] = diff_drafts(template, old, new).tables
    assert table.added == () and table.closed == ()
    pairs = [
        (row.old["priority"], row.new["priority"], [c.column for c in row.cells])
        for row in table.changed
    ]
    assert pairs == [("Low", "Low", ["timeline"]), ("High", "High", ["action"])]


def test_many_rows_with_one_issue_pair_identical_rows_then_in_order(template: Template) -> None:
    old = draft(risks=[risk("Low", "Same", f"Week {n}") for n in range(150)])
    rows = [risk("Low", "Same", f"Week {n}") for n in range(150) if n != 7]
    [table] = diff_drafts(template, old, draft(risks=rows)).tables
    assert [r["timeline"] for r in table.closed] == ["Week 7"]
    assert table.added == () and table.changed == ()
    raised = [risk("High", "Same", f"Week {n}") for n in range(150)]
    [table] = diff_drafts(template, old, draft(risks=raised)).tables
    assert table.added == () and table.closed == ()
    assert [(row.old["timeline"], row.new["timeline"]) for row in table.changed] == [
        (f"Week {n}", f"Week {n}") for n in range(150)
    ]


def test_rows_without_issue_match_on_all_cells(template: Template) -> None:
    row = {"priority": "Low", "impact": "x"}
    same = diff_drafts(template, draft(risks=[row]), draft(risks=[dict(row)]))
    assert not same.changed
    other = diff_drafts(template, draft(risks=[row]), draft(risks=[{**row, "impact": "y"}]))
    [table] = other.tables
    assert (len(table.added), len(table.closed), len(table.changed)) == (1, 1, 0)


def test_blank_and_malformed_rows_are_ignored(template: Template) -> None:
    old = draft(risks=[risk("High", "a")])
    new = draft(risks=[risk("High", "a")])
    new.data["risks"] += [{"issue": "  "}, "junk"]
    assert not diff_drafts(template, old, new).changed


def test_verdict_before_and_after(template: Template) -> None:
    old = draft(risks=[risk("High", "a", "Before Production")])
    new = draft(risks=[risk("High", "a", "Q3")])
    result = diff_drafts(template, old, new)
    assert (result.before.recommendation, result.after.recommendation) == ("NO-GO", "GO")
    assert result.before.health == result.after.health == 8
    fixed = diff_drafts(template, old, draft())
    assert (fixed.before.health, fixed.after.health) == (8, 10)
    assert fixed.after.recommendation == "GO"
    assert fixed.to_json()["verdict"]["after"]["recommendation"] == "GO"


def test_unknown_keys_are_not_compared(template: Template) -> None:
    old = Draft({"extra": {"a": 1}, "security": {"note": "x"}})
    new = Draft({"extra": {"a": 2}, "security": {"note": "y"}})
    assert not diff_drafts(template, old, new).changed


def test_without_rules_there_is_no_verdict() -> None:
    data = builtin_data()
    del data["rules"]
    template = parse_template(data)
    result = diff_drafts(template, Draft(), summary(overall_health=3))
    assert result.changed
    assert result.to_json()["verdict"] is None


def test_json_lists_every_change(template: Template) -> None:
    old = draft(risks=[risk("High", "a")], health=5)
    new = draft(risks=[risk("High", "b")], health=6)
    payload = diff_drafts(template, old, new).to_json()
    assert payload["changed"] is True
    assert [f["key"] for f in payload["fields"]] == ["executive_summary.overall_health"]
    [table] = payload["tables"]
    assert [r["issue"] for r in table["added"]] == ["b"]
    assert [r["issue"] for r in table["closed"]] == ["a"]
