"""`audit-tui import`, `import-sarif`, `import-env` and `export --format html|json` as commands."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from audit_tui.cli import main
from audit_tui.core.files.lock import DraftLock
from audit_tui.core.files.storage import read_draft, save_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.export import export_markdown
from tests.conftest import DATA, answers

HAND_FILLED = DATA / "import" / "hand-filled.md"
SARIF = DATA / "sarif"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def saved(template: Template, path: str = "d.toml", **answers: object) -> Path:
    draft = Draft.new(template)
    for key, value in answers.items():
        draft.set(template.field(key.replace("__", ".")), value)
    save_draft(path, draft, template)
    return Path(path)


# -- import REPORT.md ---------------------------------------------------------


def test_import_writes_a_new_private_draft(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "import", str(HAND_FILLED), "-o", "draft.toml")
    assert code == 0, err
    assert "+ executive_summary.overall_health: 7\n" in out
    assert f"{HAND_FILLED}:35: not placed: no field labelled 'Load Test Notes' here:" in err
    assert f"{HAND_FILLED}:5: changed: Overall System Health (1-10): '7/10' read as 7" in err
    assert err.splitlines()[-1] == (
        "wrote draft.toml: 17 field(s) answered; 3 line(s) not placed; 1 value(s) changed"
    )
    assert stat.S_IMODE(os.stat("draft.toml").st_mode) == 0o600
    draft = read_draft("draft.toml", template)
    assert draft.get(template.field("security.rating")) == "C"


def test_export_import_export_through_the_commands(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    saved(
        template,
        "first.toml",
        executive_summary__risk_assessment="Two <High> risks | one *blocking*\nsee below",
        security__vulnerabilities_found=["# not a heading", "a trailing \\"],
        risks=[{"priority": "High", "issue": "a | b", "timeline": "Q3"}],
    )
    assert run(capsys, "export", "first.toml", "-o", "first.md")[0] == 0
    assert run(capsys, "import", "first.md", "-o", "second.toml")[0] == 0
    assert run(capsys, "export", "second.toml", "-o", "second.md")[0] == 0
    assert Path("second.md").read_bytes() == Path("first.md").read_bytes()


def test_import_never_overwrites_without_force(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    before = saved(template, "d.toml", security__rating="A").read_bytes()
    code, out, err = run(capsys, "import", str(HAND_FILLED), "-o", "d.toml")
    assert (code, out) == (2, "")
    assert err == "error: d.toml: already exists; pass --force to replace it\n"
    assert Path("d.toml").read_bytes() == before
    code, _, err = run(capsys, "import", str(HAND_FILLED), "-o", "d.toml", "--force")
    assert code == 0, err
    assert read_draft("d.toml", template).get(template.field("security.rating")) == "C"


def test_import_defaults_to_the_report_name_and_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("report.md").write_bytes(HAND_FILLED.read_bytes())
    code, out, err = run(capsys, "import", "report.md", "--dry-run")
    assert code == 0 and out.count("\n+ ") > 10
    assert "nothing written (--dry-run)" in err
    assert not Path("report.toml").exists()
    assert run(capsys, "import", "report.md")[0] == 0
    assert Path("report.toml").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"# Notes\n\nnothing of the report\n", "no heading, label or table of"),
        (b"\xff\xfe# x\n", "is not UTF-8 text (byte 0xff on line 1)"),
    ],
)
def test_import_refuses_a_file_in_another_layout(
    capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    Path("notes.md").write_bytes(content)
    code, out, err = run(capsys, "import", "notes.md", "-o", "d.toml")
    assert (code, out) == (2, "")
    assert err.startswith("error: notes.md: ") and expected in err
    assert err.count("\n") == 1
    assert not Path("d.toml").exists()


def test_import_of_a_missing_file_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "gone.md", "-o", "d.toml")
    assert code == 2
    assert err.startswith("error: gone.md: no such file; expected a report")


# -- import-sarif ---------------------------------------------------------------


def test_import_sarif_adds_then_adds_nothing(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved(template, "d.toml", security__vulnerabilities_found=["Found by hand"])
    bandit = str(SARIF / "bandit-1.9.4.sarif")
    code, out, err = run(capsys, "import-sarif", bandit, "d.toml", "--min-level", "warning")
    assert code == 0, err
    assert out.splitlines()[0] == (
        "+ security.vulnerabilities_found: [Bandit] B602 (error): "
        "subprocess call with shell=True identified, security issue. — app.py:13"
    )
    assert err.splitlines() == [
        f"{bandit}: 4 result(s) below level warning",
        "added 3 entries (342 characters) to d.toml",
    ]
    entries = read_draft(path, template).get(template.field("security.vulnerabilities_found"))
    assert len(entries) == 4 and entries[0] == "Found by hand"
    before = path.read_bytes()
    code, out, err = run(capsys, "import-sarif", bandit, "d.toml", "--min-level", "warning")
    assert (code, out) == (0, "")
    assert err.splitlines()[-1] == "nothing new to add (3 already there); d.toml not changed"
    assert path.read_bytes() == before


def test_import_sarif_makes_a_missing_draft(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import-sarif", str(SARIF / "ruff-0.17.6.sarif"), "new.toml")
    assert code == 0, err
    assert err.splitlines()[-1] == "added 6 entries (639 characters) to new.toml (new draft)"
    assert len(answers(read_draft("new.toml", template), template)) == 1


@pytest.mark.parametrize(
    "name", ["bad-not-json.sarif", "bad-package-json.sarif", "bad-no-tool-name.sarif"]
)
def test_import_sarif_refuses_bad_input_and_leaves_the_draft(
    template: Template, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = saved(template, "d.toml", security__rating="B")
    before = path.read_bytes()
    code, out, err = run(capsys, "import-sarif", str(SARIF / name), "d.toml")
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {SARIF / name}: ")
    assert "SARIF 2.1.0" in err and err.count("\n") == 1
    assert path.read_bytes() == before


def test_import_sarif_refuses_a_broken_draft(capsys: pytest.CaptureFixture[str]) -> None:
    Path("d.toml").write_bytes(b"[security\n")
    code, _, err = run(capsys, "import-sarif", str(SARIF / "ruff-0.17.6.sarif"), "d.toml")
    assert code == 2 and err.startswith("error: d.toml:1:")
    assert Path("d.toml").read_bytes() == b"[security\n"


def test_import_refuses_to_write_under_an_open_app(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved(template)
    before = path.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = DraftLock(path)
        lock.path.write_text(
            json.dumps({"pid": holder.pid, "host": os.uname().nodename, "since": 0}),
            encoding="utf-8",
        )
        code, _, err = run(capsys, "import-env", str(write_env()), "d.toml")
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
    assert f"is open in audit-tui (process {holder.pid}" in err
    assert path.read_bytes() == before


# -- import-env ---------------------------------------------------------------


def write_env() -> Path:
    path = Path(".env.example")
    path.write_text("DATABASE_URL=postgres://u:hunter2@db/x\nexport API_KEY='hunter2'\nbad line\n")
    return path


def test_import_env_adds_names_and_never_values(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved(template)
    code, out, err = run(capsys, "import-env", str(write_env()), "d.toml")
    assert code == 0, err
    assert out == (
        "+ environment.environment_variables: DATABASE_URL\n"
        "+ environment.environment_variables: API_KEY\n"
    )
    assert err.splitlines() == [
        ".env.example: line 3: not NAME=value; left out (its text is not shown)",
        "added 2 entries (19 characters) to d.toml",
    ]
    assert b"hunter2" not in path.read_bytes() and "hunter2" not in out + err
    code, _, err = run(capsys, "import-env", ".env.example", "d.toml", "--dry-run")
    assert code == 0 and "would add 0 entries (2 already there)" in err


def test_import_env_refuses_a_file_that_is_not_dotenv(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved(template)
    before = path.read_bytes()
    Path("config.json").write_text('{"DATABASE_URL": "x"}\n')
    code, _, err = run(capsys, "import-env", "config.json", "d.toml")
    assert code == 2
    assert err == (
        "error: config.json: no NAME=value line found (line 1 is not one); "
        "expected a dotenv file (NAME=value lines)\n"
    )
    assert path.read_bytes() == before


def test_import_env_secret_corpus_reaches_no_output_draft_or_export(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = DATA / "dotenv" / "secrets.env"
    markers = re.findall(r"SECRET[A-Z]+_[a-z]{2}\d", corpus.read_text(encoding="utf-8"))
    assert len(markers) == 31
    seen = ""
    for extra in (["--dry-run"], []):
        code, out, err = run(capsys, "import-env", str(corpus), "d.toml", *extra)
        assert code == 0, err
        seen += out + err
    assert out.count("+ environment.environment_variables: NAME_") == 23
    seen += Path("d.toml").read_text(encoding="utf-8")
    for fmt in ("md", "html", "json"):
        code, out, err = run(capsys, "export", "d.toml", "--format", fmt, "-o", "-")
        assert code == 0, err
        assert "NAME_23" in out
        seen += out + err
    for marker in markers:
        assert marker not in seen


# -- export --format html|json ------------------------------------------------------


@pytest.mark.parametrize(("fmt", "start"), [("html", "<!DOCTYPE html>"), ("json", "{")])
def test_export_formats_default_to_their_suffix(
    template: Template, capsys: pytest.CaptureFixture[str], fmt: str, start: str
) -> None:
    saved(template, "d.toml", security__rating="B")
    code, _, err = run(capsys, "export", "d.toml", "--format", fmt)
    assert code == 0 and err.splitlines()[0] == f"wrote d.{fmt}"
    assert err.splitlines()[1:] == [line for line in err.splitlines() if "not finished" in line]
    assert Path(f"d.{fmt}").read_text(encoding="utf-8").startswith(start)
    code, out, _ = run(capsys, "export", "d.toml", "--format", fmt, "-o", "-")
    assert code == 0 and out == Path(f"d.{fmt}").read_text(encoding="utf-8")


def test_export_json_to_stdout_is_the_documented_shape(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    saved(template, "d.toml", security__rating="B")
    code, out, _ = run(capsys, "export", "d.toml", "--format", "json", "-o", "-")
    report = json.loads(out)
    assert code == 0
    assert (report["format"], report["version"]) == ("audit-tui-report", 2)
    assert report["answers"]["security"]["rating"] == "B"


def test_export_md_is_unchanged_by_the_new_formats(
    template: Template, capsys: pytest.CaptureFixture[str]
) -> None:
    saved(template, "d.toml", security__rating="B")
    assert run(capsys, "export", "d.toml")[0] == 0
    expected = export_markdown(template, read_draft("d.toml", template))
    assert Path("d.md").read_text(encoding="utf-8") == expected


def test_the_commands_run_headless_without_a_traceback() -> None:
    # A fresh interpreter: the import commands never load textual, and a bad file
    # gives one error line and exit 2.
    Path("bad.sarif").write_text("{")
    script = (
        "import sys; from audit_tui.cli import main; "
        "code = main(['import-sarif', 'bad.sarif', 'd.toml']); "
        "print('textual' in sys.modules, code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.stdout == "False 2\n"
    assert done.stderr.startswith("error: bad.sarif: is not JSON")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not Path("d.toml").exists()
