"""`export` of an unfinished draft: it writes, and says so in one line; `--strict` refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.helpers import audit_tui
from tests.conftest import DATA


def counts(draft: Path) -> tuple[int, int]:
    """Unanswered fields and invalid values, as `check --json` counts them."""
    report = json.loads(audit_tui("check", draft, "--json").out)
    return report["total"] - report["answered"], report["invalid"]


def test_an_unfinished_draft_is_written_with_one_warning_line(isolated: Path) -> None:
    shutil.copy(DATA / "invalid-values.toml", isolated / "d.toml")
    missing, invalid = counts(isolated / "d.toml")
    assert missing and invalid
    for fmt in ("md", "html", "json"):
        result = audit_tui("export", "d.toml", "--format", fmt, cwd=isolated)
        assert result.code == 0, result
        assert (isolated / f"d.{fmt}").exists()
        warnings = [line for line in result.err.splitlines() if line.startswith("warning:")]
        assert len(warnings) == 1
        assert warnings[0].startswith(
            f"warning: the report is not finished: {missing} of 35 fields unanswered, "
            f"{invalid} invalid values"
        )
    result = audit_tui("export", "d.toml", "-o", "-", cwd=isolated)
    assert result.code == 0 and result.out.startswith("# ")
    assert len([line for line in result.err.splitlines() if line.startswith("warning:")]) == 1


def test_strict_exits_1_and_writes_nothing(isolated: Path) -> None:
    shutil.copy(DATA / "invalid-values.toml", isolated / "d.toml")
    result = audit_tui("export", "d.toml", "--strict", cwd=isolated, process=True)
    assert result.code == 1
    assert result.err.startswith("error: the report is not finished: ")
    assert "nothing written (--strict)" in result.err
    assert sorted(p.name for p in isolated.iterdir()) == ["d.toml"]


def test_a_finished_draft_exports_without_a_warning(isolated: Path) -> None:
    shutil.copy(DATA / "full.toml", isolated / "d.toml")
    assert counts(isolated / "d.toml") == (0, 0)
    result = audit_tui("export", "d.toml", "--strict", cwd=isolated)
    assert result.code == 0
    assert result.err.splitlines() == ["wrote d.md"]
