"""Reports written by hand, the way different people and tools write them.

Each `tests/data/reports/NAME.md` has a sidecar `NAME.json`: the answers it should
yield, the lines it should list as not placed, and the lines whose value it
should list as changed. No line of any of them may vanish without a report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_tui.core.importing import apply_plan
from audit_tui.core.importing.markdown import read_report
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template
from tests.conftest import DATA, answers

REPORTS = sorted((DATA / "reports").glob("*.md"))
REPORTS = [r for r in REPORTS if r.name != "README.md"]


def expected(report: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    return data


def read(template: Template, report: Path) -> tuple[Any, Any, list[str]]:
    text = report.read_bytes().decode("utf-8")
    reader = read_report(template, text, report.name)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return reader, reader.plan(report.name, None), lines


def test_the_corpus_is_twenty_reports_or_more_each_with_its_expectations() -> None:
    assert len(REPORTS) >= 20
    for report in REPORTS:
        assert report.with_suffix(".json").exists(), report.name
        assert expected(report)["written_as"]


@pytest.mark.parametrize("report", REPORTS, ids=[r.stem for r in REPORTS])
def test_each_report_yields_the_answers_a_person_would_expect(
    template: Template, report: Path
) -> None:
    want = expected(report)
    _, plan, _ = read(template, report)
    found = answers(apply_plan(plan, Draft.new(template)), template)
    assert found == want["answers"]
    assert sorted({s.line for s in plan.skipped}) == want["not_placed"]
    assert sorted({c.line for c in plan.changed}) == want["changed"]


@pytest.mark.parametrize("report", REPORTS, ids=[r.stem for r in REPORTS])
def test_no_line_vanishes_without_a_report(template: Template, report: Path) -> None:
    reader, plan, lines = read(template, report)
    listed = {s.line for s in plan.skipped}
    for number, line in enumerate(lines, start=1):
        if line.strip():
            assert number in reader.placed | reader.hints | listed, (number, line)
    for skipped in plan.skipped:
        # Listed with its number, its reason and its text as written.
        assert skipped.reason and skipped.line is not None
        assert skipped.text == lines[skipped.line - 1].strip()
    for changed in plan.changed:
        assert changed.line is not None
        assert " read as " in changed.reason or "kept as written" in changed.reason


def test_the_windows_report_really_has_windows_line_ends() -> None:
    raw = (DATA / "reports" / "windows-hints.md").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 30


def test_the_three_reports_of_the_issue(template: Template) -> None:
    folder = DATA / "reports"
    _, wiki, _ = read(template, folder / "wiki-bullets.md")
    values = {a.field.key: a.value for a in wiki.additions if a.mode == "set"}
    assert values["executive_summary.final_recommendation"] == "NO-GO"  # from `❌ NO-GO`
    entries = [(a.field.key, a.value) for a in wiki.additions if a.mode == "append"]
    assert ("security.fixes_implemented", "Helmet headers") in entries
    assert ("security.vulnerabilities_found", "Missing rate limiting on /login") in entries

    _, emoji, _ = read(template, folder / "emoji-british.md")
    draft = apply_plan(emoji, Draft.new(template))
    risks = draft.get(template.field("risks"))
    assert [r["priority"] for r in risks] == ["High", "Medium", "Low"]
    assert all("action" in r for r in risks)
    assert "\n\n" in draft.get(template.field("executive_summary.risk_assessment"))
    owner = [s for s in emoji.skipped if "'Owner'" in s.reason]
    assert len(owner) == 1  # named once, not once per row
    assert any("'B+' read as B" in c.reason for c in emoji.changed)

    _, windows, _ = read(template, folder / "windows-hints.md")
    draft = apply_plan(windows, Draft.new(template))
    assert draft.get(template.field("executive_summary.key_strengths")) == [
        "Fast builds",
        "Typed code",
        "Small services",
    ]
    assert "<br>" not in json.dumps(draft.data)
    assert draft.get(template.field("environment.load_balancing")) == "[Nginx]"


FRAGMENTS = [
    "# Backend audit",
    "## 1. Executive Summary",
    "### 🔐 Security",
    "## Appendix",
    "**Risks**",
    "- **Overall System Health (1-10):** 7/10",
    "- **Key Strengths:**",
    "  - Typed code",
    "  * nested <br> entry",
    "    - too deep",
    "+ **Security Rating**: B+",
    "**Final Recommendation** ❌ NO-GO",
    "Final Recommendation: maybe",
    "Node.js Version - 20 LTS",
    "**Audit Team:** Kim",
    "1) Restore the snapshot",
    "3. Replay the queue",
    "• a bullet Slack wrote",
    "A paragraph of plain text.",
    "[Nginx]",
    "[List of vulnerabilities from security audit]",
    "<!-- a comment -->",
    "<div>html</div>",
    "> a quote",
    "```",
    "    indented code",
    "---",
    "===",
    "| Priority | Issue/Risk | Owner |",
    "| --- | --- | --- |",
    "| 🔴 High | Leaked key | Sam | extra |",
    "| **Overall System Health** | 6 / 10 |",
    "Label: value",
    "[r]: https://example.com",
    "**bold** text",
    "",
    "",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40))
def test_no_line_of_any_mix_vanishes_without_a_report(lines: list[str]) -> None:
    template = load_template()
    text = "\n".join(["## 1. Executive Summary", *lines])
    reader = read_report(template, text, "mix.md")
    plan = reader.plan("mix.md", None)
    listed = {s.line for s in plan.skipped}
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            assert number in reader.placed | reader.hints | listed, (number, line, text)
