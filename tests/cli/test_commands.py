"""`export` and `check` as the user runs them: outputs, exit codes, --json, --template."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

from tests.cli.helpers import audit_tui
from tests.conftest import DATA

SMALL = DATA / "templates" / "small.toml"
SMALL_DRAFT = """\
[meta]
format = 1
template = "small"

[answers]
name = "Small one"
notes = "Two\\nlines"
items = ["first", "second"]
score = 0
grade = "C"
verdict = "YES"

[[things]]
what = "Disk"
level = "Up"
"""


def test_check_exits_0_when_complete_and_valid(isolated: Path) -> None:
    result = audit_tui("check", DATA / "full.toml", cwd=isolated, process=True)
    assert result.code == 0, result.err
    assert (
        "Overall                         35/35 fields answered (100%); complete and valid"
        in result.out
    )
    assert result.err == ""


def test_check_exits_1_and_lists_problems_as_key_path_message(isolated: Path) -> None:
    result = audit_tui("check", DATA / "invalid-values.toml", cwd=isolated, process=True)
    assert result.code == 1
    lines = result.out.splitlines()
    assert "executive_summary.overall_health: must be between 1 and 10; found 11" in lines
    assert "risks[0].priority: must be one of High, Medium, Low; found 'Urgent'" in lines
    assert "executive_summary.critical_gaps: missing answer" in lines
    assert any(line.startswith("Security Audit Summary ") for line in lines)
    assert any(
        line.startswith("Overall ") and "8/35 fields answered (22%)" in line for line in lines
    )


def test_check_warns_about_unknown_keys_without_failing_on_them(isolated: Path) -> None:
    draft = isolated / "d.toml"
    full = (DATA / "full.toml").read_text(encoding="utf-8")
    draft.write_text(full + '\n[appendix]\nnote = "kept"\n', encoding="utf-8")
    result = audit_tui("check", draft, cwd=isolated)
    assert result.code == 0
    assert "appendix: unknown key; kept as it is, not exported (warning)" in result.out


def test_check_of_an_empty_draft(isolated: Path) -> None:
    result = audit_tui("check", DATA / "empty.toml", cwd=isolated)
    assert result.code == 1
    assert result.out.count(": missing answer") == 35


ONE_RISK = """[meta]
format = 1
template = "backend-audit"
[executive_summary]
overall_health = 5
[[risks]]
priority = "Urgent"
issue = "x"
"""


def test_check_counts_fields_values_and_cells_each_by_its_name(isolated: Path) -> None:
    """33 fields unanswered, 1 invalid cell, 3 empty cells: never "36 missing ... 2/35"."""
    (isolated / "d.toml").write_text(ONE_RISK, encoding="utf-8")
    result = audit_tui("check", "d.toml", cwd=isolated)
    assert result.code == 1
    [overall] = [line for line in result.out.splitlines() if line.startswith("Overall ")]
    assert overall.split(None, 1)[1] == (
        "2/35 fields answered (5%); 1 invalid value; 3 empty table cells; not complete or not valid"
    )
    report = json.loads(audit_tui("check", "d.toml", "--json", cwd=isolated).out)
    assert (report["answered"], report["total"]) == (2, 35)
    assert (report["invalid"], report["empty_cells"]) == (1, 3)
    severities = [p["severity"] for p in report["problems"]]
    assert (severities.count("missing"), severities.count("invalid")) == (33 + 3, 1)
    [risks] = [s for s in report["sections"] if s["id"] == "risks"]
    assert (risks["answered"], risks["total"], risks["invalid"], risks["empty_cells"]) == (
        1,
        1,
        1,
        3,
    )
    result = audit_tui("export", "d.toml", "-o", "-", cwd=isolated)
    assert result.err.splitlines() == [
        "warning: the report is not finished: 33 of 35 fields unanswered, 1 invalid value, "
        "3 empty table cells (audit-tui check lists them)"
    ]


def test_check_json_shape(isolated: Path) -> None:
    result = audit_tui("check", DATA / "invalid-values.toml", "--json", cwd=isolated)
    assert result.code == 1
    report = json.loads(result.out)
    assert report["ok"] is False
    assert (report["answered"], report["total"]) == (8, 35)
    assert [s["id"] for s in report["sections"]][:2] == ["executive_summary", "security"]
    assert set(report["sections"][0]) >= {"id", "title", "answered", "total", "invalid"}
    assert report["sections"][0]["invalid"] == 4
    problem = report["problems"][0]
    assert problem == {
        "path": "executive_summary.overall_health",
        "message": "must be between 1 and 10; found 11",
        "severity": "invalid",
        "section": "executive_summary",
    }
    assert {p["severity"] for p in report["problems"]} == {"invalid", "missing"}
    ok = json.loads(audit_tui("check", DATA / "full.toml", "--json", cwd=isolated).out)
    assert ok["ok"] is True and ok["problems"] == [] and ok["answered"] == ok["total"] == 35


def test_export_to_stdout(isolated: Path) -> None:
    result = audit_tui("export", DATA / "full.toml", "-o", "-", cwd=isolated)
    assert result.code == 0
    assert result.out == (DATA / "full.md").read_text(encoding="utf-8")
    assert list(isolated.iterdir()) == []


def test_export_default_output_is_beside_the_draft_with_md(isolated: Path) -> None:
    (isolated / "reports").mkdir()
    shutil.copyfile(DATA / "full.toml", isolated / "reports" / "q3.toml")
    result = audit_tui("export", "reports/q3.toml", cwd=isolated, process=True)
    assert result.code == 0
    out = isolated / "reports" / "q3.md"
    assert result.err == f"wrote {Path('reports/q3.md')}\n"
    assert out.read_text(encoding="utf-8") == (DATA / "full.md").read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # the report lists vulnerabilities too
    assert sorted(p.name for p in (isolated / "reports").iterdir()) == ["q3.md", "q3.toml"]


def test_export_replaces_an_existing_report(isolated: Path) -> None:
    shutil.copyfile(DATA / "empty.toml", isolated / "d.toml")
    (isolated / "out.md").write_text("old report\n")
    (isolated / "out.md").chmod(0o644)
    # Not an earlier export of d.toml: replaced only when asked (--force).
    assert audit_tui("export", "d.toml", "-o", "out.md", cwd=isolated).code == 2
    assert (isolated / "out.md").read_text() == "old report\n"
    assert audit_tui("export", "d.toml", "-o", "out.md", "--force", cwd=isolated).code == 0
    assert (isolated / "out.md").read_text() == (DATA / "empty.md").read_text()
    assert stat.S_IMODE((isolated / "out.md").stat().st_mode) == 0o644
    # Its own earlier export is replaced without asking.
    (isolated / "d.toml").write_text((DATA / "full.toml").read_text())
    assert audit_tui("export", "d.toml", "-o", "out.md", cwd=isolated).code == 0
    assert (isolated / "out.md").read_text() == (DATA / "full.md").read_text()


def test_template_option_for_export_and_check(isolated: Path) -> None:
    (isolated / "small.toml").write_text(SMALL_DRAFT, encoding="utf-8")
    result = audit_tui("export", "small.toml", "--template", SMALL, "-o", "-", cwd=isolated)
    assert result.code == 0, result.err
    assert result.out.startswith("# Small Report\n\n## 1. Answers\n\n- **Name:** Small one\n")
    assert "- **Steps:**\n  1. first\n  2. second\n" in result.out
    assert "- **Grade:** C (Fair)\n- **Verdict:** **YES**\n" in result.out
    assert "| Disk | Up |" in result.out
    result = audit_tui("check", "small.toml", "--template", SMALL, cwd=isolated)
    assert result.code == 0, result.out + result.err
    assert "7/7 fields answered (100%); complete and valid" in result.out
    refused = audit_tui("check", "small.toml", cwd=isolated)
    assert refused.code == 2
    assert "written for template 'small', not 'backend-audit'" in refused.err


def test_python_dash_m_and_version(isolated: Path) -> None:
    result = audit_tui("--version", cwd=isolated, process=True)
    assert result.code == 0 and result.out.startswith("audit-tui ")
    result = audit_tui("--help", cwd=isolated, process=True)
    assert result.code == 0
    assert "export" in result.out and "check" in result.out


def test_headless_commands_never_write_the_draft(isolated: Path) -> None:
    shutil.copyfile(DATA / "unknown-keys.toml", isolated / "d.toml")
    before = (isolated / "d.toml").stat()
    for args in (["check", "d.toml"], ["check", "d.toml", "--json"], ["export", "d.toml"]):
        assert audit_tui(*args, cwd=isolated).code in (0, 1)
    after = (isolated / "d.toml").stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
