"""Reading a markdown report back into answers: the export's own output and hand-filled copies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from audit_tui.core.importing import ImportProblem, apply_plan, plan_markdown_import
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template
from audit_tui.core.render.export import export_markdown
from tests.conftest import DATA, SEED, answers
from tests.io.strategies import drafts

HAND_FILLED = DATA / "import" / "hand-filled.md"


def reimport(template: Template, text: str) -> Draft:
    plan = plan_markdown_import(template, text, "report.md")
    return apply_plan(plan, Draft.new(template))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts(load_template()))
def test_export_import_export_gives_the_identical_file(draft: Draft) -> None:
    template = load_template()
    first = export_markdown(template, draft)
    plan = plan_markdown_import(template, first, "report.md")
    assert plan.skipped == ()
    assert export_markdown(template, apply_plan(plan, Draft.new(template))) == first


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts(load_template()))
def test_export_import_export_gives_the_identical_file_at_length(draft: Draft) -> None:
    test_export_import_export_gives_the_identical_file.hypothesis.inner_test(draft)  # type: ignore[attr-defined]


HOSTILE = [
    "<script>alert(1)</script>",
    "# not a heading",
    "- not a bullet",
    "1. not an item",
    "2) nor this",
    "> not a quote",
    "| not | a table |",
    "[ref]: https://example.com not a definition",
    "```",
    "a trailing backslash \\",
    "a double \\\\ backslash inside",
    "**bold** and *emphasis* and `code | with pipe`",
    "[a link](https://example.com) and [a trap](javascript:alert(1))",
    "&amp; &lt;b&gt; entities",
    "escaped \\* star and \\_ underscore",
    "---",
    "===",
    "[TBD]-like but [not quite]",
    "<BR>",
    "a<br>b and a <br/> c",
    "[ ]",
    "[ ] not a task box",
    "[x] nor this",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_answers_come_back_exactly(template: Template, text: str) -> None:
    draft = Draft.new(template)
    answers: dict[str, Any] = {
        "executive_summary.readiness_status": text,
        "executive_summary.risk_assessment": f"{text}\n{text}\n\nlast line",
        "security.fixes_implemented": [text, "plain", text],
        "backup.recovery_plan": [text, f"{text}\nsecond line"],
    }
    for key, value in answers.items():
        draft.set(template.field(key), value)
    row = {"priority": "High", "issue": text, "impact": "x | y", "action": text, "timeline": "Q3"}
    draft.set(template.field("risks"), [row])
    back = reimport(template, export_markdown(template, draft))
    for key, value in answers.items():
        assert back.get(template.field(key)) == value, key
    assert back.get(template.field("risks")) == [row]


def test_every_kind_comes_back(template: Template) -> None:
    draft = Draft.new(template)
    values = {
        "executive_summary.overall_health": 7,
        "executive_summary.final_recommendation": "NO-GO",
        "security.rating": "B",
        "environment.runtime_version": "LTS v20.x",
        "environment.environment_variables": ["DATABASE_URL", "JWT_SECRET"],
        "monitoring.logging": "Datadog\nkept 30 days",
    }
    for key, value in values.items():
        draft.set(template.field(key), value)
    back = reimport(template, export_markdown(template, draft))
    assert answers(back, template) == values


def test_the_seed_template_has_one_answer_and_nothing_unplaced(template: Template) -> None:
    # Everything in the seed is [TBD], [GO / NO-GO] or an example, but its B (Good).
    plan = plan_markdown_import(template, SEED.read_text(encoding="utf-8"), "seed.md")
    assert [(a.field.key, a.value) for a in plan.additions] == [("code_quality.rating", "B")]
    assert plan.skipped == ()


def test_a_hand_filled_copy_places_what_it_can(template: Template) -> None:
    plan = plan_markdown_import(template, HAND_FILLED.read_text(encoding="utf-8"), "hand.md")
    draft = apply_plan(plan, Draft.new(template))
    found = answers(draft, template)
    assert found["executive_summary.overall_health"] == 7  # written "7/10"
    assert found["executive_summary.key_strengths"] == [
        "Consistent input validation on every endpoint",
        "Good test coverage of the payment flow",
    ]
    # An answer on the label's line of a list field is one entry.
    assert found["executive_summary.critical_gaps"] == ["No automated database backups"]
    assert found["executive_summary.final_recommendation"] == "NO-GO"
    # The seed's hint before nested items is no entry; the items are.
    assert found["security.vulnerabilities_found"] == [
        "SQL injection in `/api/search` (CWE-89)",
        "Session cookie without `Secure` flag",
    ]
    assert found["security.rating"] == "C"
    assert found["reliability.system_stability"] == (
        "99.95% uptime over the last 90 days; error rate below 0.1%."
    )
    assert found["backup.recovery_plan"] == [
        "Restore the latest snapshot to a new cluster",
        "Point the service at it",
    ]
    assert found["risks"] == [
        {
            "priority": "High",
            "issue": "No database backups",
            "impact": "Data loss",
            "action": "Enable daily snapshots",
            "timeline": "Before Production",
        },
        {
            "priority": "Low",
            "issue": "Registration toggle not in DB | env",
            "impact": "Minor inconvenience",
            "timeline": "Future enhancement",
        },
    ]
    # [TBD], [GO / NO-GO] and the seed's examples count as unanswered.
    for key in (
        "executive_summary.risk_assessment",
        "security.fixes_implemented",
        "performance.expected_gains",
        "code_quality.maintainability",
        "environment.database",
        "roadmap.observability",
    ):
        assert key not in found
    assert [(s.line, s.text) for s in plan.skipped] == [
        (14, "Reviewed with the team on Monday."),
        (31, "* (measured on staging)"),
        (35, "- **Load Test Notes:** p99 of 800 ms at 200 rps"),
    ]
    assert "Load Test Notes" in plan.skipped[2].reason


def test_lines_are_numbered_in_the_file_as_given(template: Template) -> None:
    text = "# Final Backend Audit Report & Production Readiness Assessment\r\n\r\nstray\r\n"
    plan = plan_markdown_import(template, text, "crlf.md")
    assert [(s.line, s.text) for s in plan.skipped] == [(3, "stray")]


def test_a_file_in_another_layout_is_refused(template: Template) -> None:
    with pytest.raises(ImportProblem) as caught:
        plan_markdown_import(template, "# My project\n\nSome notes.\n- a list\n", "README.md")
    message = str(caught.value)
    assert message.startswith("README.md: no heading, label or table of ")
    assert "expected a report in the template's markdown layout" in message
    assert "\n" not in message


def test_a_label_under_an_unknown_heading_is_placed_when_it_is_unique(
    template: Template,
) -> None:
    text = "## 9. Appendix\n\n- **Security Rating:** A\n- **Nonsense:** x\n"
    plan = plan_markdown_import(template, text, "r.md")
    assert [(a.field.key, a.value) for a in plan.additions] == [("security.rating", "A")]
    assert [s.line for s in plan.skipped] == [1, 4]


def test_labels_headings_and_choices_are_matched_loosely(template: Template) -> None:
    text = (
        "## Executive summary\n\n"
        "- **final recommendation**: go\n"
        "- Overall System Health (1-10): 8\n"
        "### 2.1 SECURITY AUDIT SUMMARY\n"
        "- **Security Rating:** d (poor)\n"
    )
    plan = plan_markdown_import(template, text, "r.md")
    assert {a.field.key: a.value for a in plan.additions} == {
        "executive_summary.final_recommendation": "GO",
        "executive_summary.overall_health": 8,
        "security.rating": "D",
    }


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("- **Overall System Health (1-10):** 12", "12 is not from 1 to 10"),
        ("- **Overall System Health (1-10):** very good", "expected a whole number"),
        ("- **Final Recommendation:** maybe", "expected one of GO, NO-GO"),
        ("- **Security Rating:** Z", "expected one of A (Excellent)"),
    ],
)
def test_an_answer_that_does_not_fit_is_listed_not_placed(
    template: Template, line: str, reason: str
) -> None:
    text = f"## 1. Executive Summary\n\n{line}\n"
    plan = plan_markdown_import(template, text, "r.md")
    assert plan.additions == ()
    assert len(plan.skipped) == 1
    assert plan.skipped[0].line == 3
    assert reason in plan.skipped[0].reason


def test_a_second_answer_to_the_same_field_is_listed(template: Template) -> None:
    text = "## 1. Executive Summary\n\n- **Overall System Health (1-10):** 6\n\n" * 2
    plan = plan_markdown_import(template, text, "r.md")
    assert [a.value for a in plan.additions] == [6]
    assert plan.skipped[0].line == 7
    assert "already answered on line 3" in plan.skipped[0].reason


def test_a_table_with_an_extra_column_keeps_the_known_ones(template: Template) -> None:
    text = (
        "| Priority | Issue / Risk | Owner | Timeline |\n"
        "| --- | --- | --- | --- |\n"
        "| medium | Slow reports | Ana | Q3 |\n"
    )
    plan = plan_markdown_import(template, text, "r.md")
    assert [a.value for a in plan.additions] == [
        {"priority": "Medium", "issue": "Slow reports", "timeline": "Q3"}
    ]
    assert [(s.line, "'Owner'" in s.reason) for s in plan.skipped] == [(1, True)]


def test_a_table_of_something_else_is_listed_line_by_line(template: Template) -> None:
    text = "## 4. Risk Mitigation Plan\n\n| Name | Age |\n| --- | --- |\n| Bo | 3 |\n"
    plan = plan_markdown_import(template, text, "r.md")
    assert plan.additions == ()
    assert [s.line for s in plan.skipped] == [3, 4, 5]


def test_planning_against_a_draft_shows_what_changes(template: Template) -> None:
    draft = Draft.new(template)
    draft.set(template.field("security.rating"), "C")
    draft.set(template.field("executive_summary.key_strengths"), ["Validation"])
    text = (
        "## 1. Executive Summary\n\n- **Key Strengths:**\n  - Validation\n  - Tests\n"
        "### 2.1. Security Audit Summary\n- **Security Rating:** B (Good)\n"
    )
    plan = plan_markdown_import(template, text, "r.md", draft)
    assert plan.already_present == 1
    assert [(a.field.key, a.mode, a.value, a.replaces) for a in plan.additions] == [
        ("executive_summary.key_strengths", "append", "Tests", None),
        ("security.rating", "set", "B", "C"),
    ]
    assert plan.additions[1].describe() == "security.rating: B (Good) (was: C)"
    apply_plan(plan, draft)
    assert draft.get(template.field("executive_summary.key_strengths")) == ["Validation", "Tests"]
    assert draft.get(template.field("security.rating")) == "B"


def test_the_hand_filled_fixture_is_the_seed_filled_in() -> None:
    # Guard the fixture: same headings as the seed, so the test above means what it says.
    def headings(path: Path) -> list[str]:
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] == "#"]

    assert headings(HAND_FILLED) == headings(SEED)


def test_a_label_may_leave_out_what_its_heading_says(template: Template) -> None:
    text = (
        "## Part 2: Integrated Audit Results\n\n"
        "### 🔐 Security\n\n- Rating: B\n\n"
        "### Performance\n\n- **Rating** - C\n- **Gains:** 30% faster\n"
    )
    plan = plan_markdown_import(template, text, "r.md")
    assert [(a.field.key, a.value) for a in plan.additions] == [
        ("security.rating", "B"),
        ("performance.rating", "C"),
        ("performance.expected_gains", "30% faster"),
    ]
    assert plan.skipped == ()


def test_a_reference_link_comes_in_with_its_address_and_definitions_are_listed(
    template: Template,
) -> None:
    """`[text][a]` with `[a]: https://…` below: the answer keeps the link's address, and
    the definition lines are listed, never taken into the field above them."""
    text = (
        "# Final Backend Audit Report\n\n## 1. Executive Summary\n\n"
        "- **Key Strengths:** see [the audit][a] and [Runbook][]\n"
        "- **Critical Gaps:** [none][x]\n\n"
        '[a]: https://wiki.example/audit "Audit notes"\n'
        "[Runbook]: <https://wiki.example/runbook>\n"
        "[x]: javascript:alert(1)\n"
    )
    plan = plan_markdown_import(template, text, "ref.md")
    values = {a.field.key: a.value for a in plan.additions}
    assert values["executive_summary.key_strengths"] == (
        "see [the audit](https://wiki.example/audit) and [Runbook](https://wiki.example/runbook)"
    )
    assert values["executive_summary.critical_gaps"] == "[none][x]"  # not a web address
    assert [s.line for s in plan.skipped] == [8, 9, 10]
    assert all("reference definition" in s.reason for s in plan.skipped)
