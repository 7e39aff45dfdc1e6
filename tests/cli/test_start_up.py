"""The headless commands start light: what they do not need, they do not import.

Issue 5 holds `export` and `check` of a small draft to twice a bare script, and
at that size the time is the interpreter's start and the imports. Each command
runs in a fresh interpreter, so that nothing the test session imported can hide
an import (as tests/test_import_hygiene.py does for textual).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.fresh import run_fresh

# What each costs a command's start (medians on the project's 2-core VM): dataclasses
# brings inspect and ast (~8 ms, and ~0.6 ms per class); pathlib brings urllib and
# ipaddress (~4 ms); argparse brings shutil (with bz2 and lzma) only for the help
# width (~2 ms); json (~1.5 ms) is needed for --json alone; copy only to copy a draft;
# tomli_w only to save one.
LAZY = ("dataclasses", "inspect", "pathlib", "shutil", "json", "copy", "tomli_w")


def loaded_after(args: list[str], cwd: Path) -> list[str]:
    """Run the command `args` in a fresh interpreter; which of LAZY it left in sys.modules."""
    probe = (
        "import contextlib, io, sys\n"
        "from audit_tui.cli import main\n"
        "quiet = io.StringIO()\n"
        "with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):\n"
        f"    status = main({args!r})\n"
        f"print(status, sorted(set({LAZY!r}) & set(sys.modules)))"
    )
    out = run_fresh(probe, cwd)
    status, _, loaded = out.strip().partition(" ")
    assert status in ("0", "1"), out  # the command ran; 2 would be an error
    return [name.strip("'") for name in loaded.strip("[]").split(", ") if name]


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(DATA / "full.toml")],
        ["check", str(DATA / "invalid-values.toml"), "--fail-on", "no-go,warnings"],
        ["export", str(DATA / "full.toml"), "-o", "report.md"],
        ["export", str(DATA / "full.toml"), "-o", "-"],
    ],
    ids=lambda args: " ".join(a if "/" not in a else Path(a).name for a in args),
)
def test_headless_commands_leave_out_what_they_do_not_need(args: list[str], isolated: Path) -> None:
    assert loaded_after(args, isolated) == []


def test_the_probe_sees_json_when_the_command_needs_it(isolated: Path) -> None:
    assert loaded_after(["check", str(DATA / "full.toml"), "--json"], isolated) == ["json"]
