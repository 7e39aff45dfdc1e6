"""No command prints anything a terminal would obey, whatever the outside text it shows.

Answers, imported text, template strings and file names carry escape sequences,
C1 controls and bidi overrides here; every line each command prints is checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import tomli_w

from audit_tui.core.model.loader import builtin_template_path
from tests.cli.helpers import Result, assert_one_error, audit_tui

# What a terminal would obey or what would make text read differently than it is.
OBEYED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
HOSTILE = "A\x1b]0;owned\x07B\x1b[2JC\x9b2JD\u202eE\u2066F\x00G\u200bH\x08I"
SHOWN = "A]0;ownedB[2JC2JDEFGHI"
IN_FILES = HOSTILE.replace("\x00", "")  # a NUL makes a text file binary


def assert_clean(result: Result, *expected: str) -> None:
    """Nothing obeyable on stdout or stderr, no traceback, and each `expected` shown."""
    for stream in (result.out, result.err):
        assert not OBEYED.search(stream), repr(OBEYED.search(stream))
        assert "\r" not in stream
    assert "Traceback" not in result.err
    for text in expected:
        assert text in result.out + result.err, (text, result)


def hostile_template(folder: Path) -> Path:
    text = builtin_template_path().read_text(encoding="utf-8")
    escaped = json.dumps(HOSTILE)[1:-1]  # as a TOML basic string spells it
    text = text.replace('label = "Key Strengths"', f'label = "Key Strengths {escaped}"')
    text = text.replace('heading = "2.1. Security Audit Summary"', f'heading = "2.1. {escaped}"')
    text = text.replace('title = "Final Backend', f'title = "{escaped} Final Backend', 1)
    path = folder / "hostile-template.toml"
    path.write_text(text, encoding="utf-8")
    return path


def hostile_draft(folder: Path, name: str = "draft.toml") -> Path:
    data = {
        "executive_summary": {
            "overall_health": 11,  # invalid, so check reports it
            "key_strengths": [HOSTILE, f"two\n{HOSTILE}"],
            "readiness_status": HOSTILE,
            "final_recommendation": HOSTILE,  # not an option: its message quotes it
        },
        "risks": [{"priority": "High", "issue": HOSTILE, "timeline": HOSTILE}],
    }
    path = folder / name
    path.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    return path


def test_check_cleans_answers_and_template_strings(isolated: Path) -> None:
    template = hostile_template(isolated)
    draft = hostile_draft(isolated)
    result = audit_tui("check", draft, "--template", template)
    assert result.code == 1
    assert_clean(result, SHOWN)
    result = audit_tui("check", draft, "--template", template, "--fail-on", "no-go")
    assert_clean(result)
    result = audit_tui("check", draft, "--json", "--template", template)
    assert_clean(result)
    assert SHOWN in json.loads(result.out)["sections"][1]["title"]


def test_export_cleans_the_file_name_it_names(isolated: Path) -> None:
    draft = hostile_draft(isolated, f"d{IN_FILES}.toml")
    result = audit_tui("export", draft)
    assert result.code == 0
    assert_clean(result, "wrote ")
    assert [line.split(" ")[0] for line in result.err.splitlines()] == ["wrote", "warning:"]


def test_errors_clean_the_file_names_they_name(isolated: Path) -> None:
    name = f"missing{IN_FILES}.toml"
    for args in (
        ("export", name),
        ("check", name),
        ("diff", name, name),
        ("import", name.replace(".toml", ".md")),
        ("import-sarif", name.replace(".toml", ".sarif"), "x.toml"),
        ("import-env", name.replace(".toml", ".env"), "x.toml"),
        ("export", "x.toml", "--template", name),
    ):
        result = audit_tui(*args)
        assert result.code == 2, (args, result)
        assert_clean(result, "error: missing")


def test_import_cleans_its_plus_lines_and_the_lines_it_did_not_place(isolated: Path) -> None:
    report = isolated / "report.md"
    report.write_text(
        "# Final Backend Audit Report & Production Readiness Assessment\n\n"
        "## 1. Executive Summary\n\n"
        f"- **Production Readiness Status:** {IN_FILES}\n"
        f"- **Key Strengths:**\n  - {IN_FILES}\n"
        f"- **No Such Field {IN_FILES}:** x\n\n"
        f"Free text {IN_FILES}\n",
        encoding="utf-8",
    )
    result = audit_tui("import", report, "--dry-run")
    assert result.code == 0, result
    assert_clean(result, "+ ", "not placed", SHOWN)
    assert any(line.startswith("+ ") and SHOWN in line for line in result.out.splitlines())


def test_sarif_and_dotenv_imports_clean_what_they_print(isolated: Path) -> None:
    sarif = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": f"tool{HOSTILE}", "rules": []}},
                "results": [
                    {
                        "ruleId": f"R{HOSTILE}",
                        "level": "error",
                        "message": {"text": HOSTILE},
                        "locations": [
                            {"physicalLocation": {"artifactLocation": {"uri": f"a{HOSTILE}.py"}}}
                        ],
                    }
                ],
            }
        ],
    }
    path = isolated / "scan.sarif"
    path.write_text(json.dumps(sarif), encoding="utf-8")
    result = audit_tui("import-sarif", path, isolated / "new.toml", "--dry-run")
    assert result.code == 0, result
    assert_clean(result, "+ ")
    env = isolated / "prod.env"
    env.write_text(f"GOOD=1\nBAD{IN_FILES}=2\n", encoding="utf-8")
    result = audit_tui("import-env", env, isolated / "new.toml", "--dry-run")
    assert_clean(result)


def test_diff_cleans_answers_in_both_formats(isolated: Path) -> None:
    old = hostile_draft(isolated, "old.toml")
    new = isolated / "new.toml"
    new.write_text('[executive_summary]\nreadiness_status = "fine"\n', encoding="utf-8")
    for extra in ((), ("--format", "md")):
        result = audit_tui("diff", old, new, *extra)
        assert_clean(result, "fine")


def test_a_line_break_in_a_file_name_keeps_each_message_one_line(isolated: Path) -> None:
    """`a\\nb.toml` is named `a\\nb.toml` (a backslash and an n), never on two lines."""
    hostile_draft(isolated, "a\nb.toml")
    (isolated / "bad\nname.toml").write_text("[meta\n", encoding="utf-8")
    (isolated / "prod\n.env").write_text("GOOD=1\n", encoding="utf-8")
    bad = "error: bad\\nname.toml:1:"
    cases = [
        (("check", "bad\nname.toml"), [bad]),
        (("check", "gone\nname.toml"), ["error: gone\\nname.toml: "]),
        (("export", "a\nb.toml"), ["wrote a\\nb.md", "warning: "]),
        (("export", "bad\nname.toml"), [bad]),
        (("export", "a\nb.toml", "-o", "no\nfolder/x.md"), ["error: no\\nfolder/x.md: "]),
        (("history", "a\nb.toml"), ["a\\nb.toml: no earlier version kept yet"]),
        (("import-env", "prod\n.env", "bad\nname.toml"), [bad]),
        (("import-env", "prod\n.env", "a\nb.toml"), ["added 1 entry (4 characters) to a\\nb"]),
        (("history", "gone\nname.toml"), ["error: gone\\nname.toml: "]),
        (("history", "a\nb.toml", "--restore", "9"), ["error: a\\nb.toml: "]),
    ]
    for args, starts in cases:
        result = audit_tui(*args)
        assert_clean(result)
        lines = result.err.splitlines()
        assert len(lines) == len(starts), (args, result.err)
        for line, start in zip(lines, starts, strict=True):
            assert line.startswith(start), (args, line)
    result = audit_tui("diff", "a\nb.toml", "bad\nname.toml")
    assert_one_error(result, "bad\\nname.toml:1:")
    result = audit_tui("diff", "a\nb.toml", "a\nb.toml")
    assert result.out.splitlines()[0] == "a\\nb.toml -> a\\nb.toml"
