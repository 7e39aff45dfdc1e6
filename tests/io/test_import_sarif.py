"""Scanners' SARIF logs into the vulnerabilities list: real outputs, SARIF features, bad files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from audit_tui.core.importing import ImportProblem, apply_plan
from audit_tui.core.importing.sarif import CUT, MAX_ENTRY, SARIF_FIELD, plan_sarif_import
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from tests.conftest import DATA

SARIF = DATA / "sarif"
BANDIT = SARIF / "bandit-1.9.4.sarif"
RUFF = SARIF / "ruff-0.17.6.sarif"


def entries(template: Template, path: Path, min_level: str = "note") -> list[str]:
    plan = plan_sarif_import(template, Draft.new(template), path.read_bytes(), path.name, min_level)
    return [a.value for a in plan.additions]


def test_bandit_results_become_one_line_entries(template: Template) -> None:
    found = entries(template, BANDIT)
    assert len(found) == 7
    assert found[3] == (
        "[Bandit] B602 (error): subprocess call with shell=True identified, security issue."
        " — app.py:13"
    )
    # Bandit leaves `level` out for medium severity: SARIF's default is warning.
    assert found[4].startswith("[Bandit] B301 (warning): Pickle and modules")
    assert found[4].endswith(" — app.py:17")


def test_ruff_results_name_the_file_from_its_uri(template: Template) -> None:
    found = entries(template, RUFF)
    assert len(found) == 6
    assert found[0] == "[ruff] F401 (error): `os` imported but unused — /tmp/sarif-sample/app.py:3"
    assert all(" (error): " in entry for entry in found)


@pytest.mark.parametrize(("level", "count"), [("note", 7), ("warning", 3), ("error", 2)])
def test_min_level_leaves_out_lower_results(template: Template, level: str, count: int) -> None:
    plan = plan_sarif_import(template, Draft.new(template), BANDIT.read_bytes(), "b", level)
    assert len(plan.additions) == count
    if count < 7:
        assert plan.skipped[0].reason == f"{7 - count} result(s) below level {level}"


def test_importing_again_adds_nothing(template: Template) -> None:
    draft = Draft.new(template)
    for path in (BANDIT, RUFF):
        apply_plan(plan_sarif_import(template, draft, path.read_bytes(), path.name), draft)
    field = template.field(SARIF_FIELD)
    assert len(draft.get(field)) == 13
    for path in (BANDIT, RUFF):
        again = plan_sarif_import(template, draft, path.read_bytes(), path.name)
        assert again.empty
        assert again.already_present == (7 if path == BANDIT else 6)


def test_entries_already_written_by_the_auditor_are_kept_first(template: Template) -> None:
    draft = Draft.new(template)
    field = template.field(SARIF_FIELD)
    draft.set(field, ["SQL injection in /api/search"])
    apply_plan(plan_sarif_import(template, draft, RUFF.read_bytes(), "ruff"), draft)
    assert draft.get(field)[0] == "SQL injection in /api/search"
    assert len(draft.get(field)) == 7


def test_sarif_features_beyond_the_two_scanners(template: Template) -> None:
    path = SARIF / "handwritten-features.sarif"
    plan = plan_sarif_import(template, Draft.new(template), path.read_bytes(), path.name)
    assert [a.value for a in plan.additions] == [
        # Message by id and arguments; level from the rule; a percent-encoded path.
        "[HandLint] HL001 (error): Secret API_KEY committed in config.js"
        " — src/config files/config.js:4",
        # No location; whitespace of a multi-line message folded.
        "[HandLint] HL002 (note): Consider a shorter function",
    ]
    # The `kind: pass` result has level none: below every --min-level.
    assert plan.skipped[0].reason == "1 result(s) below level note"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad-not-json.sarif", "is not JSON (Expecting value at line 1, column 1)"),
        ("bad-package-json.sarif", 'is not a SARIF log (no "runs" list)'),
        ("bad-array.sarif", "is not a SARIF log (a JSON array)"),
        ("bad-old-version.sarif", "SARIF version '2.0.0' is not supported"),
        ("bad-no-tool-name.sarif", "runs[0].tool.driver.name: expected the scanner's name"),
        ("bad-result-without-message.sarif", "runs[0].results[0].message: expected an object"),
        ("sample-app.py.txt", "is not JSON"),
    ],
)
def test_a_file_that_is_not_sarif_is_refused_by_name(
    template: Template, name: str, expected: str
) -> None:
    with pytest.raises(ImportProblem) as caught:
        plan_sarif_import(template, Draft.new(template), (SARIF / name).read_bytes(), name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert expected in message
    assert "SARIF 2.1.0" in message
    assert "\n" not in message


def test_binary_data_is_refused(template: Template) -> None:
    with pytest.raises(ImportProblem, match=r"^x.sarif: is not UTF-8 text \(byte 0xff on line 1\)"):
        plan_sarif_import(template, Draft.new(template), b"\xff\xfe\x00", "x.sarif")


def test_a_draft_whose_list_is_not_a_list_is_refused(template: Template) -> None:
    draft = Draft({"security": {"vulnerabilities_found": "see the audit"}})
    with pytest.raises(ImportProblem, match="security.vulnerabilities_found in the draft is text"):
        plan_sarif_import(template, draft, RUFF.read_bytes(), "ruff")


def _ruff() -> str | None:
    beside = Path(sys.executable).parent / "ruff"
    return str(beside) if beside.exists() else shutil.which("ruff")


@pytest.mark.skipif(_ruff() is None, reason="ruff is not installed")
def test_a_log_ruff_writes_now_imports(template: Template, tmp_path: Path) -> None:
    # The shipped logs could go stale; this one is written by the ruff installed today.
    sample = tmp_path / "app.py"
    sample.write_text((SARIF / "sample-app.py.txt").read_text(encoding="utf-8"), encoding="utf-8")
    ruff = _ruff()
    assert ruff is not None
    done = subprocess.run(
        [ruff, "check", "--isolated", "--select", "S,F", "--output-format", "sarif", str(sample)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # findings found
    plan = plan_sarif_import(template, Draft.new(template), done.stdout, "live.sarif")
    assert len(plan.additions) == 6
    assert all(entry.value.startswith("[ruff] ") for entry in plan.additions)
    assert any(f"{sample}:13" in entry.value for entry in plan.additions)


def log_with(message: dict[str, Any], results: int = 1) -> bytes:
    result = {"ruleId": "R1", "level": "error", "message": message}
    run = {"tool": {"driver": {"name": "Big"}}, "results": [result] * results}
    return json.dumps({"version": "2.1.0", "runs": [run]}).encode()


def test_a_repeated_placeholder_builds_no_more_than_one_bounded_entry(
    template: Template,
) -> None:
    # Expanded whole, this message would be 100 MB; the entry is cut at MAX_ENTRY.
    data = log_with({"text": "{0}" * 20_000, "arguments": ["x" * 5_000]})
    tracemalloc.start()
    try:
        plan = plan_sarif_import(template, Draft.new(template), data, "big.sarif")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000
    (entry,) = [a.value for a in plan.additions]
    assert len(entry) == MAX_ENTRY
    assert entry.startswith("[Big] R1 (error): xxx") and entry.endswith(CUT)
    assert [str(c) for c in plan.changed] == ["runs[0].results[0]: cut to 2,000 characters"]


def test_a_cut_entry_with_a_location_is_listed_too(template: Template) -> None:
    """The location follows the cut mark (`… […cut…] — a.py:3`): still listed as cut."""
    where = [
        {"physicalLocation": {"artifactLocation": {"uri": "a.py"}, "region": {"startLine": 3}}}
    ]
    result = {"ruleId": "R", "level": "error", "message": {"text": "B" * 5000}, "locations": where}
    run = {"tool": {"driver": {"name": "T"}}, "results": [result]}
    data = json.dumps({"version": "2.1.0", "runs": [run]}).encode()
    plan = plan_sarif_import(template, Draft.new(template), data, "long.sarif")
    (entry,) = [a.value for a in plan.additions]
    assert entry.endswith(" — a.py:3") and CUT in entry and len(entry) <= MAX_ENTRY
    assert [str(c) for c in plan.changed] == ["runs[0].results[0]: cut to 2,000 characters"]


def test_each_of_many_results_is_bounded_and_the_total_is_known(template: Template) -> None:
    data = log_with({"text": "{0} at {1}", "arguments": ["y" * 100_000, "z"]}, results=300)
    plan = plan_sarif_import(template, Draft.new(template), data, "big.sarif")
    # The same cut message each time: one entry, as the same finding always reads the same.
    assert len(plan.additions) == 1 and len(plan.additions[0].value) == MAX_ENTRY
    assert plan.size == MAX_ENTRY


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # An argument's own placeholder is not expanded again.
        ({"text": "a {0} b", "arguments": ["{0}{0}"]}, "a {0}{0} b"),
        ({"text": "{{0}} is {0}", "arguments": ["x"]}, "{0} is x"),
        ({"text": "{1} of {0}", "arguments": ["x"]}, "{1} of x"),
        ({"text": "{99999999999999999999} {0}", "arguments": ["x"]}, "{99999999999999999999} x"),
        ({"text": "{0} {1}", "arguments": [{"deep": ["x"] * 1000}, True]}, "{0} {1}"),
        ({"text": "n = {0}", "arguments": [3]}, "n = 3"),
    ],
)
def test_placeholders_expand_once_and_safely(
    template: Template, message: dict[str, Any], expected: str
) -> None:
    plan = plan_sarif_import(template, Draft.new(template), log_with(message), "p.sarif")
    assert [a.value for a in plan.additions] == [f"[Big] R1 (error): {expected}"]
    assert plan.changed == ()


def test_a_long_path_tool_and_rule_are_cut_too(template: Template) -> None:
    result = {
        "ruleId": "R" * 10_000,
        "message": {"text": "m"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "src/" + "d/" * 50_000 + "f.py"},
                    "region": {"startLine": 10**40},
                }
            }
        ],
    }
    run = {"tool": {"driver": {"name": "T" * 10_000}}, "results": [result]}
    data = json.dumps({"version": "2.1.0", "runs": [run]}).encode()
    (entry,) = plan_sarif_import(template, Draft.new(template), data, "l.sarif").additions
    assert len(entry.value) <= MAX_ENTRY
    assert "(warning): m — src/d/d/" in entry.value
