"""`audit-tui diff OLD NEW` as a command: its three formats, its refusals, its exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from audit_tui.core.model.draft import Draft
from tests.verdict.helpers import cli, draft, risk, write_draft


@pytest.fixture
def pair() -> tuple[str, str]:
    old = draft(
        {"security": "C", "performance": "B", "code_quality": "B", "reliability": "B"},
        [
            risk("High", "SQL injection", "Before Production"),
            risk("Medium", "Hardcoded config", "Post-launch v1.1"),
        ],
        health=5,
        recommendation="NO-GO",
        executive_summary={"key_strengths": ["Validation", "Logging"]},
    )
    new = draft(
        {"security": "B", "performance": "B", "code_quality": "B", "reliability": "B"},
        [
            risk("Low", "Registration toggle", "Future"),
            risk("Medium", "SQL injection", "Q3"),
        ],
        health=7,
        recommendation="GO",
        executive_summary={"key_strengths": ["Validation", "Tests"]},
    )
    return str(write_draft(Path("old.toml"), old)), str(write_draft(Path("new.toml"), new))


def test_text_shows_each_change(pair: tuple[str, str]) -> None:
    done = cli("diff", *pair, process=True)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("old.toml -> new.toml\n")
    assert "  Overall System Health (1-10): 5 -> 7 (up 2)" in out
    assert "  Key Strengths: + Tests" in out
    assert "  Key Strengths: - Logging" in out
    assert "  Final Recommendation: NO-GO -> GO" in out
    assert "  Security Rating: C (Fair) -> B (Good) (up)" in out
    assert "  + added: Priority: Low; Issue / Risk: Registration toggle;" in out
    assert "  - closed: Priority: Medium; Issue / Risk: Hardcoded config;" in out
    assert "  ~ changed: SQL injection" in out
    assert "Priority High -> Medium; Timeline Before Production -> Q3" in out
    assert "Suggested verdict\n  health: 5 -> 7\n  recommendation: NO-GO -> GO" in out
    assert done.stderr == ""


def test_identical_drafts_say_no_changes(pair: tuple[str, str]) -> None:
    done = cli("diff", pair[0], pair[0])
    assert done.returncode == 0
    assert "no changes" in done.stdout
    assert "  recommendation: NO-GO (unchanged)" in done.stdout


def test_markdown_is_a_section_escaped_like_the_export() -> None:
    old = draft(risks=[risk("High", "Pipe | in <b>issue</b>", "Before Production")])
    new = draft(risks=[risk("High", "Pipe | in <b>issue</b>", "Q3")])
    new.data["executive_summary"] = {"readiness_status": "# not a heading [x](javascript:alert)"}
    write_draft(Path("old.toml"), old)
    write_draft(Path("new.toml"), new)
    done = cli("diff", "old.toml", "new.toml", "--format", "md")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("## Changes Since the Previous Audit\n\n**Suggested verdict:** ")
    assert "- **Production Readiness Status:** answered: \\# not a heading" in out
    assert "\\[x\\](javascript\\:alert)" in out
    assert "<a " not in MarkdownIt("commonmark").render(out)
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h2", "h3", "h3"]
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 2  # the header and one changed risk
    assert "| changed | **High** | Pipe \\| in \\<b\\>issue\\</b\\> |" in out
    assert "Pipe \\| in \\<b\\>issue\\</b\\>" in out
    assert "Before Production → Q3" in out


def test_json_for_tools(pair: tuple[str, str]) -> None:
    done = cli("diff", *pair, "--json")
    assert done.returncode == 0
    payload = json.loads(done.stdout)
    assert payload["template"] == "backend-audit"
    assert payload["changed"] is True
    moved = {f["key"]: f for f in payload["fields"]}
    assert moved["security.rating"]["direction"] == "up"
    assert moved["executive_summary.overall_health"]["delta"] == 2
    [table] = payload["tables"]
    assert [r["issue"] for r in table["added"]] == ["Registration toggle"]
    assert [r["issue"] for r in table["closed"]] == ["Hardcoded config"]
    assert [c["column"] for c in table["changed"][0]["cells"]] == ["priority", "timeline"]
    assert payload["verdict"]["before"]["recommendation"] == "NO-GO"
    assert payload["verdict"]["after"]["recommendation"] == "GO"
    assert cli("diff", *pair, "--format", "json").stdout == done.stdout


def test_json_and_another_format_conflict(pair: tuple[str, str]) -> None:
    done = cli("diff", *pair, "--json", "--format", "md")
    assert done.returncode == 2
    assert done.stderr == "error: --json and --format md cannot be used together\n"


def test_drafts_of_different_templates_are_refused(pair: tuple[str, str]) -> None:
    other = Draft({"meta": {"format": 1, "template": "frontend-audit"}})
    write_draft(Path("other.toml"), other)
    done = cli("diff", pair[0], "other.toml")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "error: old.toml was written for template 'backend-audit' and other.toml for "
        "'frontend-audit'; diff compares two drafts of the same template\n"
    )


def test_drafts_of_another_template_than_the_one_given_are_refused() -> None:
    other = Draft({"meta": {"format": 1, "template": "frontend-audit"}})
    write_draft(Path("a.toml"), other)
    write_draft(Path("b.toml"), other)
    done = cli("diff", "a.toml", "b.toml")
    assert done.returncode == 2
    assert "a.toml: draft was written for template 'frontend-audit'" in done.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "error: missing.toml: no such file"),
        (b"[meta\n", "error: missing.toml:1:"),
        (b"\xff\xfe", "error: missing.toml:1:1: is not UTF-8 text"),
    ],
)
def test_unreadable_draft_is_a_one_line_error(
    pair: tuple[str, str], content: bytes | None, message: str
) -> None:
    if content is not None:
        Path("missing.toml").write_bytes(content)
    done = cli("diff", pair[0], "missing.toml")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(message)
    assert len(done.stderr.splitlines()) == 1


def test_unknown_format_is_a_usage_error(pair: tuple[str, str]) -> None:
    done = cli("diff", *pair, "--format", "html")
    assert done.returncode == 2
    assert "invalid choice: 'html'" in done.stderr


def test_control_characters_never_reach_the_terminal() -> None:
    old = draft(executive_summary={"key_strengths": ["Fine"]})
    new = draft(executive_summary={"key_strengths": ["Fine", "Evil\x1b[2J\x1b]0;x\x07\u202eend"]})
    write_draft(Path("old.toml"), old)
    write_draft(Path("new.toml"), new)
    for fmt in ("text", "md"):
        done = cli("diff", "old.toml", "new.toml", "--format", fmt)
        assert done.returncode == 0
        assert "Evil[2J]0;xend" in done.stdout.replace("\\", "")  # md escapes brackets
        for bad in ("\x1b", "\x07", "\u202e"):
            assert bad not in done.stdout


def test_diff_is_listed_in_help() -> None:
    done = cli("--help")
    assert "diff      compare two drafts" in done.stdout
