"""The issue's bad-input table: a clear one-line error, exit 2, and nothing lost or half-written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import assert_one_error, audit_tui
from tests.conftest import DATA

COMMANDS = [["export"], ["check"], ["check", "--json"], ["export", "-o", "-"]]


@pytest.mark.parametrize(
    ("name", "where", "reason"),
    [
        ("not-toml.toml", ":5:18: ", "not valid TOML: Invalid value"),
        ("not-utf8.toml", ":2:24: ", "is not UTF-8 text (byte 0xe9)"),
        ("bom.toml", ":1:1: ", "starts with a byte order mark (BOM)"),
    ],
)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_unreadable_draft_says_where_and_why(
    isolated: Path, name: str, where: str, reason: str, command: list[str]
) -> None:
    draft = isolated / name
    shutil.copyfile(DATA / name, draft)
    before = draft.read_bytes()
    result = audit_tui(command[0], name, *command[1:], cwd=isolated)
    line = assert_one_error(result)
    assert line.startswith(f"error: {name}{where}{reason}")
    assert result.out == ""
    assert draft.read_bytes() == before
    assert sorted(p.name for p in isolated.iterdir()) == [name]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_draft_that_is_a_folder_or_missing(isolated: Path, command: list[str]) -> None:
    (isolated / "folder.toml").mkdir()
    result = audit_tui(command[0], "folder.toml", *command[1:], cwd=isolated)
    assert_one_error(result, "folder.toml", "is a folder")
    result = audit_tui(command[0], "missing.toml", *command[1:], cwd=isolated)
    assert_one_error(result, "missing.toml", "no such file")
    (isolated / "dangling.toml").symlink_to("nowhere.toml")
    result = audit_tui(command[0], "dangling.toml", *command[1:], cwd=isolated)
    assert_one_error(result, "dangling.toml", "no such file")
    (isolated / "afile").write_text("")
    result = audit_tui(command[0], "afile/draft.toml", *command[1:], cwd=isolated)
    assert_one_error(result, "afile/draft.toml", "cannot be read")
    assert sorted(p.name for p in isolated.iterdir()) == ["afile", "dangling.toml", "folder.toml"]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_draft_without_read_permission(isolated: Path, command: list[str]) -> None:
    draft = isolated / "secret.toml"
    shutil.copyfile(DATA / "full.toml", draft)
    draft.chmod(0o000)
    result = audit_tui(command[0], "secret.toml", *command[1:], cwd=isolated, obey_modes=True)
    assert_one_error(result, "secret.toml", "permission denied")
    assert sorted(p.name for p in isolated.iterdir()) == ["secret.toml"]


TEMPLATE_PROBLEMS = {
    "unknown-keys.toml": 4,
    "duplicate-ids.toml": 3,
    "unknown-kind.toml": 2,
    "missing-labels.toml": 3,
    "bad-options.toml": 7,
    "many-problems.toml": 8,
    "not-toml.toml": 1,
    "not-utf8.toml": 1,
}


@pytest.mark.parametrize(("name", "count"), TEMPLATE_PROBLEMS.items())
@pytest.mark.parametrize("command", ["export", "check"])
def test_template_with_problems_lists_every_problem(
    isolated: Path, name: str, count: int, command: str
) -> None:
    template = DATA / "templates" / name
    result = audit_tui(command, DATA / "empty.toml", "--template", template, cwd=isolated)
    assert result.code == 2 and "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == count
    for line in lines:
        assert line.startswith(f"error: {template}")
        assert line.count(": ") >= 2  # FILE: key: message (or FILE:LINE:COL: message)
    assert list(isolated.iterdir()) == []


def test_output_folder_missing(isolated: Path) -> None:
    shutil.copyfile(DATA / "full.toml", isolated / "d.toml")
    result = audit_tui("export", "d.toml", "-o", "nope/report.md", cwd=isolated)
    assert_one_error(result, "nope/report.md", "cannot be written", "does not exist")
    assert sorted(p.name for p in isolated.iterdir()) == ["d.toml"]


def test_output_path_inside_a_file(isolated: Path) -> None:
    shutil.copyfile(DATA / "full.toml", isolated / "d.toml")
    result = audit_tui("export", "d.toml", "-o", "d.toml/report.md", cwd=isolated)
    assert_one_error(result, "d.toml/report.md", "cannot be written")


def test_output_folder_not_writable(isolated: Path) -> None:
    shutil.copyfile(DATA / "full.toml", isolated / "d.toml")
    (isolated / "out").mkdir()
    (isolated / "out").chmod(0o555)
    try:
        result = audit_tui("export", "d.toml", "-o", "out/d.md", cwd=isolated, obey_modes=True)
    finally:
        (isolated / "out").chmod(0o755)
    assert_one_error(result, "out/d.md", "cannot be written", "Permission denied")
    assert list((isolated / "out").iterdir()) == []


def test_output_is_the_draft_itself(isolated: Path) -> None:
    shutil.copyfile(DATA / "full.toml", isolated / "d.toml")
    before = (isolated / "d.toml").read_bytes()
    result = audit_tui("export", "d.toml", "-o", "./d.toml", cwd=isolated)
    assert_one_error(result, "is the draft itself")
    assert (isolated / "d.toml").read_bytes() == before


def test_newer_format_is_refused_by_every_command(isolated: Path) -> None:
    shutil.copyfile(DATA / "newer-format.toml", isolated / "d.toml")
    before = (isolated / "d.toml").read_bytes()
    for command in COMMANDS:
        result = audit_tui(command[0], "d.toml", *command[1:], cwd=isolated, process=True)
        assert_one_error(result, "d.toml", "format 2 is newer than this audit-tui")
    assert (isolated / "d.toml").read_bytes() == before
    assert sorted(p.name for p in isolated.iterdir()) == ["d.toml"]


def test_usage_errors_exit_2_without_traceback(isolated: Path) -> None:
    for args in (["export"], ["check", "a", "b"], ["export", "x.toml", "--format", "docx"]):
        result = audit_tui(*args, cwd=isolated, process=True)
        assert result.code == 2
        assert "Traceback" not in result.err and "usage: audit-tui" in result.err


def test_reader_closing_the_pipe_early_is_no_traceback(isolated: Path) -> None:
    rows = "".join(f'[[risks]]\npriority = "High"\nissue = "Issue {n}"\n\n' for n in range(3000))
    (isolated / "big.toml").write_text(rows, encoding="utf-8")
    for command in (["check", "--json"], ["export", "-o", "-"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "audit_tui", command[0], "big.toml", *command[1:]],
            cwd=isolated,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(1) in (b"{", b"#")
        process.stdout.close()  # like `| head -c 1`
        err = process.stderr.read().decode()
        code = process.wait(timeout=120)
        assert "Traceback" not in err
        assert all(
            line.startswith("warning: the report is not finished") for line in err.splitlines()
        )
        assert code in (0, 141)  # 0 when everything fitted in the pipe before it closed


NOT_A_DRAFT = {
    "pyproject.toml": b'# my project\n[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n',
    "secrets.env": b'DB_PASSWORD = "hunter2"\nAPI_KEY = "sk_live_123"\n',
}


@pytest.mark.parametrize("name", sorted(NOT_A_DRAFT))
@pytest.mark.parametrize(
    "command",
    [["check"], ["export", "-o", "-"], ["import-env", "names.env"], ["history"]],
    ids=" ".join,
)
def test_a_toml_file_that_is_no_draft_is_refused_and_left_alone(
    isolated: Path, name: str, command: list[str]
) -> None:
    """`import-env .env.example pyproject.toml` made pyproject.toml an audit draft (its
    comments gone); any TOML file without [meta] and without the report's sections is
    refused instead."""
    path = isolated / name
    path.write_bytes(NOT_A_DRAFT[name])
    (isolated / "names.env").write_text("A=1\n", encoding="utf-8")
    before = sorted(p.name for p in isolated.iterdir())
    if command[0] == "import-env":
        args = [command[0], command[1], name]
    else:
        args = [command[0], name, *command[1:]]
    result = audit_tui(*args, cwd=isolated)
    if command[0] == "history":  # lists versions only; it never reads the draft as one
        assert path.read_bytes() == NOT_A_DRAFT[name]
        return
    line = assert_one_error(result)
    assert f"{name}: is not an audit-tui draft (no [meta] table" in line
    assert result.out == ""
    assert path.read_bytes() == NOT_A_DRAFT[name]
    assert sorted(p.name for p in isolated.iterdir()) == before


def test_a_file_imported_into_itself_is_refused(isolated: Path) -> None:
    env = isolated / ".env"
    env.write_bytes(b"A=1\n")
    result = audit_tui("import-env", ".env", ".env", cwd=isolated)
    assert ".env: is the file being imported; choose another draft" in assert_one_error(result)
    assert env.read_bytes() == b"A=1\n"


def test_a_draft_without_meta_but_with_the_reports_sections_is_still_read(
    isolated: Path,
) -> None:
    (isolated / "d.toml").write_text("[executive_summary]\noverall_health = 7\n")
    result = audit_tui("export", "d.toml", "-o", "-", cwd=isolated)
    assert result.code == 0 and "Health (1-10):** 7" in result.out, result.err
