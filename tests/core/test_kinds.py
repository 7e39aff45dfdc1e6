"""One meaning of "answered" for every kind: check, exports, diff, import and the app agree.

Text with nothing left once cleaned (control characters, bidi marks, blanks) is no
answer, and a list whose entries are all such text is none either (core/model/kinds.py).
"""

from __future__ import annotations

import typing
from typing import Any

import pytest

from audit_tui.core.checks.check import check_draft, section_completeness, section_findings
from audit_tui.core.checks.diff import diff_drafts
from audit_tui.core.importing.markdown import plan_markdown_import
from audit_tui.core.model import kinds
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Field, Template
from audit_tui.core.render import export, html, json_export

# Edge values that look like answers to a careless check and show nothing in a report.
EDGES: dict[str, Any] = {
    "executive_summary.key_strengths": ["\u0007"],  # a control character alone
    "executive_summary.critical_gaps": ["   ", "\u202e"],  # blank and bidi-only entries
    "executive_summary.readiness_status": "\u200f\u0000",  # a bidi mark and NUL
    "executive_summary.risk_assessment": " \t\n  ",  # whitespace only
    "security.fixes_implemented": ["\u200b", "\u2066\u2069", "\ufeff"],  # zero-width, isolate, BOM
}
# Answers a check must still count (the edges' neighbours).
REAL: dict[str, Any] = {
    "executive_summary.key_strengths": ["\u0007Fast deploys"],
    "executive_summary.critical_gaps": ["   ", "No backups"],
    "executive_summary.readiness_status": "\u200fReady",
    "executive_summary.risk_assessment": "Low",
    "security.fixes_implemented": ["0"],
}


def draft_with(template: Template, values: dict[str, Any]) -> Draft:
    draft = Draft.new(template)
    for key, value in values.items():
        draft.set(template.field(key), value)
    return draft


def field_of(template: Template, key: str) -> Field:
    return template.field(key)


@pytest.mark.parametrize("key", EDGES)
def test_edge_values_are_no_answer(template: Template, key: str) -> None:
    f = field_of(template, key)
    assert not kinds.is_answered(f, EDGES[key])
    assert kinds.is_answered(f, REAL[key])


@pytest.mark.parametrize("key", EDGES)
def test_check_calls_an_edge_value_missing(template: Template, key: str) -> None:
    draft = draft_with(template, EDGES)
    findings = {f.path: f.severity for f in check_draft(template, draft).findings}
    assert findings[key] == "missing"
    real = {f.path for f in check_draft(template, draft_with(template, REAL)).findings}
    assert key not in real


def test_the_section_count_leaves_edge_values_out(template: Template) -> None:
    section = template.section("executive_summary")
    for values, answered in ((EDGES, 0), (REAL, 4)):
        draft = draft_with(template, values)
        done = section_completeness(section, draft, section_findings(section, draft))
        assert done.answered == answered


@pytest.mark.parametrize("key", EDGES)
def test_markdown_and_html_show_an_edge_value_as_unanswered(template: Template, key: str) -> None:
    f = field_of(template, key)
    assert export.render_field(f, EDGES[key]) == export.render_field(f, None)
    assert html.render_value(f, EDGES[key]) == html.render_value(f, None)
    assert export.render_field(f, REAL[key]) != export.render_field(f, None)
    assert html.render_value(f, REAL[key]) != html.render_value(f, None)


@pytest.mark.parametrize("key", EDGES)
def test_json_has_null_for_an_edge_value(template: Template, key: str) -> None:
    section, name = key.split(".")
    assert json_export.answers_json(template, draft_with(template, EDGES))[section][name] is None
    assert json_export.answers_json(template, draft_with(template, REAL))[section][name]


def test_diff_sees_no_change_from_nothing_to_an_edge_value(template: Template) -> None:
    changed = diff_drafts(template, Draft.new(template), draft_with(template, EDGES))
    assert [c.key for c in changed.fields] == []
    answered = diff_drafts(template, draft_with(template, EDGES), draft_with(template, REAL))
    assert {c.key: c.change for c in answered.fields} == dict.fromkeys(REAL, "answered")


def test_import_reads_no_answer_from_an_edge_value_and_replaces_none(template: Template) -> None:
    report = "\n".join(
        [
            "## 1. Executive Summary",
            "- **Readiness Status:** \u200f",
            "- **Key Strengths:**",
            "  - \u0007",
            "- **Critical Gaps:** \u202e",
            "- **Risk Assessment:** Low",
        ]
    )
    plan = plan_markdown_import(template, report, "edges.md", draft_with(template, EDGES))
    added = {a.field.key: a for a in plan.additions}
    assert set(added) == {"executive_summary.risk_assessment"}
    # What the draft held there was no answer, so the import replaces none.
    assert added["executive_summary.risk_assessment"].replaces is None


def test_every_kind_has_its_meaning_in_the_kinds_module() -> None:
    assert kinds.KINDS == typing.get_args(kinds.Kind)
    assert set(kinds.KINDS) == {"text", "paragraph", "list", "score", "grade", "choice", "table"}
    assert typing.get_type_hints(Field)["kind"] == kinds.Kind


@pytest.mark.parametrize(
    "typed", ["1_0", "+9", "\u0663", "\uff17", "7.0", "1e1", "\u00b2", "9" * 5000]
)
def test_a_score_is_ascii_digits_only(template: Template, typed: str) -> None:
    """int() takes `1_0`, `+9`, Arabic-Indic and full-width digits: the box would show
    them while the draft and the report said 10, 9, 3 and 7."""
    score = template.field("executive_summary.overall_health")
    with pytest.raises(ValueError, match="whole number from 1 to 10"):
        kinds.parse(score, typed)


@pytest.mark.parametrize(("typed", "value"), [("7", 7), (" 10 ", 10), ("01", 1), ("", None)])
def test_a_score_in_digits_is_taken(template: Template, typed: str, value: int | None) -> None:
    assert kinds.parse(template.field("executive_summary.overall_health"), typed) == value
