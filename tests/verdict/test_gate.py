"""`audit-tui check --fail-on ...` as a CI gate, and what check says about the verdict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w

from audit_tui.core.checks.assessment import assess
from audit_tui.core.checks.check import check_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from tests.verdict.helpers import builtin_data, cli, complete_draft, risk, write_draft

ALL = "incomplete,no-go,warnings"


@pytest.fixture
def complete(template: Template) -> Draft:
    value = complete_draft(template)
    assert check_draft(template, value).ok
    return value


def edited(template: Template, value: Draft, key: str, answer: object) -> Draft:
    changed = value.copy()
    changed.set(template.field(key), answer)
    return changed


def test_complete_consistent_go_passes_every_condition(complete: Draft) -> None:
    path = write_draft(Path("report.toml"), complete)
    done = cli("check", str(path), "--fail-on", ALL)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith(f"--fail-on {ALL}: passed")
    assert "  recommendation: GO" in done.stdout


def test_incomplete_draft_fails_only_when_incomplete_is_named(
    template: Template, complete: Draft
) -> None:
    path = write_draft(Path("report.toml"), edited(template, complete, "roadmap.scalability", None))
    # In a process of its own: the status a CI step sees.
    failed = cli("check", str(path), "--fail-on", "incomplete", process=True)
    assert failed.returncode == 1
    assert "--fail-on incomplete: failed (incomplete)" in failed.stdout
    assert cli("check", str(path), "--fail-on", "no-go,warnings", process=True).returncode == 0
    assert cli("check", str(path)).returncode == 1  # without --fail-on, as before


def test_no_go_answer_fails_the_no_go_gate(template: Template, complete: Draft) -> None:
    value = edited(template, complete, "executive_summary.final_recommendation", "NO-GO")
    path = write_draft(Path("report.toml"), value)
    assert cli("check", str(path), "--fail-on", "no-go").returncode == 1
    assert cli("check", str(path), "--fail-on", "incomplete").returncode == 0


@pytest.mark.parametrize("written", ["no-go", "NO GO", "NO-GO\u200b", " NO-GO ", "\u202eNO-GO"])
def test_a_no_go_written_loosely_is_no_go_for_the_gate(
    template: Template, complete: Draft, written: str
) -> None:
    """Every export shows these as NO-GO: the gate must not read them as a pass."""
    value = edited(template, complete, "executive_summary.final_recommendation", written)
    assessment = assess(template, value)
    assert assessment.recommendation == "NO-GO" and assessment.is_no_go


@pytest.mark.parametrize("written", ["maybe", "GO?!-NO", "Conditional GO"])
def test_a_recommendation_that_is_no_option_fails_the_no_go_gate_closed(
    template: Template, complete: Draft, written: str
) -> None:
    value = edited(template, complete, "executive_summary.final_recommendation", written)
    assert assess(template, value).is_no_go


def test_the_gate_fails_on_a_loose_no_go_from_the_command_line(
    template: Template, complete: Draft
) -> None:
    value = edited(template, complete, "executive_summary.final_recommendation", "no go")
    path = write_draft(Path("report.toml"), value)
    done = cli("check", str(path), "--fail-on", "no-go", "--json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert json.loads(done.stdout)["gate"]["failed"] == ["no-go"]


@pytest.mark.parametrize("priority", ["HIGH", "high", " High\u200b"])
def test_a_blocking_risk_written_loosely_still_blocks_a_go(
    template: Template, complete: Draft, priority: str
) -> None:
    value = complete.copy()
    value.set(template.field("risks"), [risk(priority, "SQL injection", "Before Production")])
    assessment = assess(template, value)
    assert assessment.verdict.recommendation == "NO-GO"
    assert any("1 High risk is due Before Production" in w.message for w in assessment.warnings)


def test_unanswered_recommendation_falls_back_on_the_suggestion(
    template: Template, complete: Draft
) -> None:
    value = edited(template, complete, "executive_summary.final_recommendation", None)
    value.set(template.field("risks"), [risk("High", "SQL injection", "Before Production")])
    path = write_draft(Path("report.toml"), value)
    done = cli("check", str(path), "--fail-on", "no-go")
    assert done.returncode == 1
    assert "--fail-on no-go: failed (no-go)" in done.stdout


def test_auditors_go_wins_over_a_suggested_no_go_but_is_a_warning(
    template: Template, complete: Draft
) -> None:
    value = complete.copy()
    value.set(template.field("risks"), [risk("High", "SQL injection", "Before Production")])
    value.set(template.field("executive_summary.overall_health"), 8)
    path = write_draft(Path("report.toml"), value)
    assert cli("check", str(path), "--fail-on", "no-go").returncode == 0
    done = cli("check", str(path), "--fail-on", "warnings")
    assert done.returncode == 1
    assert (
        "Your answer contradicts the suggestion: "
        "Final Recommendation is GO but the rules suggest NO-GO"
    ) in done.stdout
    assert "Final Recommendation is GO but 1 High risk is due Before Production" in done.stdout
    assert "    - NO-GO: 1 High risk due Before Production" in done.stdout


def test_warning_alone_fails_the_warnings_gate(template: Template, complete: Draft) -> None:
    value = complete.copy()
    value.set(template.field("risks"), [risk("Low", "Toggle", action="")])
    path = write_draft(Path("report.toml"), value)
    done = cli("check", str(path), "--fail-on", "warnings")
    assert done.returncode == 1
    assert "risks[0].action: risk 1 (Toggle) has no Recommended Action" in done.stdout
    assert cli("check", str(path), "--fail-on", "no-go").returncode == 0


def test_fail_on_may_be_repeated(template: Template, complete: Draft) -> None:
    value = edited(template, complete, "executive_summary.final_recommendation", "NO-GO")
    path = write_draft(Path("report.toml"), value)
    done = cli("check", str(path), "--fail-on", "incomplete", "--fail-on", "no-go")
    assert done.returncode == 1
    assert "--fail-on incomplete,no-go: failed (no-go)" in done.stdout


@pytest.mark.parametrize("names", ["incomplete,later", "", " , "])
def test_unknown_or_empty_condition_is_a_usage_error(complete: Draft, names: str) -> None:
    path = write_draft(Path("report.toml"), complete)
    done = cli("check", str(path), "--fail-on", names)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "usage: audit-tui check" in done.stderr
    assert "argument --fail-on:" in done.stderr
    assert "Traceback" not in done.stderr


def test_unreadable_draft_is_an_error_not_a_gate_result() -> None:
    Path("broken.toml").write_text("[meta\n", encoding="utf-8")
    done = cli("check", "broken.toml", "--fail-on", ALL)
    assert done.returncode == 2
    assert done.stderr.startswith("error: broken.toml:1:")
    assert len(done.stderr.splitlines()) == 1


def test_json_has_verdict_warnings_and_gate(template: Template, complete: Draft) -> None:
    value = complete.copy()
    value.set(template.field("risks"), [risk("High", "SQL injection", "Before Production")])
    path = write_draft(Path("report.toml"), value)
    done = cli("check", str(path), "--json", "--fail-on", "no-go,warnings")
    assert done.returncode == 1
    payload = json.loads(done.stdout)
    assert payload["ok"] is True
    assert payload["verdict"] == {
        "health": 8,
        "recommendation": "NO-GO",
        "reasons": [
            "health 10 from the mean of 4 grades (A, A, A, A)",
            "health -2 for open risks: 1 High (-2)",
            "NO-GO: 1 High risk due Before Production",
        ],
    }
    assert [w["fields"] for w in payload["warnings"]] == [
        ["executive_summary.final_recommendation", "risks"],
        ["executive_summary.overall_health", "risks"],
    ]
    assert [c["paths"] for c in payload["contradictions"]] == [
        ["executive_summary.final_recommendation"]
    ]
    assert payload["gate"] == {"fail_on": ["no-go", "warnings"], "failed": ["warnings"]}


def test_json_without_fail_on_has_no_gate(complete: Draft) -> None:
    path = write_draft(Path("report.toml"), complete)
    done = cli("check", str(path), "--json")
    assert done.returncode == 0
    payload = json.loads(done.stdout)
    assert "gate" not in payload
    assert payload["verdict"]["recommendation"] == "GO"
    assert payload["warnings"] == [] and payload["contradictions"] == []


def test_user_text_reaches_the_terminal_without_escapes(
    template: Template, complete: Draft
) -> None:
    value = complete.copy()
    value.set(
        template.field("risks"),
        [risk("High", "Evil\x1b]0;title\x07\x1b[2J\u202eissue", "Before Production\x1b[31m")],
    )
    path = write_draft(Path("report.toml"), value)
    done = cli("check", str(path))
    assert "NO-GO: 1 High risk due Before Production[31m" in done.stdout
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in done.stdout


def test_verdict_gate_and_diff_modules_never_import_textual_or_rich() -> None:
    code = (
        "import sys, audit_tui.core.checks.verdict, audit_tui.core.checks.consistency, "
        "audit_tui.core.checks.diff, audit_tui.core.model.rules, "
        "audit_tui.cli.gate, audit_tui.cli.diff; "
        "print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_template_without_rules_has_no_verdict_and_no_go_never_holds(
    template: Template, complete: Draft
) -> None:
    data = builtin_data()
    del data["rules"]
    Path("plain.toml").write_bytes(tomli_w.dumps(data).encode("utf-8"))
    value = edited(template, complete, "executive_summary.final_recommendation", "NO-GO")
    path = write_draft(Path("report.toml"), value)
    done = cli("check", str(path), "--template", "plain.toml", "--fail-on", "no-go,warnings")
    assert done.returncode == 0, done.stderr
    assert "Suggested verdict" not in done.stdout
    payload = json.loads(cli("check", str(path), "--template", "plain.toml", "--json").stdout)
    assert (payload["verdict"], payload["warnings"]) == (None, [])


def test_bad_rules_in_a_template_are_reported_on_one_line_each(complete: Draft) -> None:
    data = builtin_data()
    data["rules"]["no_go_below"] = "five"
    data["rules"]["go"] = "SHIP"
    Path("bad.toml").write_bytes(tomli_w.dumps(data).encode("utf-8"))
    path = write_draft(Path("report.toml"), complete)
    done = cli("check", str(path), "--template", "bad.toml")
    assert done.returncode == 2
    assert done.stderr == (
        "error: bad.toml: rules.no_go_below: expected a whole number, found text\n"
    )
