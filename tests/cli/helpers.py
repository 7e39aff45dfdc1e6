"""Running `audit-tui` as the user would: a separate process, its output and exit status."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Result:
    code: int
    out: str
    err: str


def audit_tui(*args: str | Path, cwd: Path | None = None, obey_modes: bool = False) -> Result:
    """Run `python -m audit_tui ARGS` in a process of its own.

    With `obey_modes`, a root user runs it without the capabilities that let root
    ignore file modes, so that a file of mode 000 is unreadable as for anyone else.
    """
    prefix: list[str] = []
    if obey_modes and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: every file is readable and writable")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "audit_tui", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return Result(done.returncode, done.stdout, done.stderr)


def assert_one_error(result: Result, *parts: str) -> str:
    """Exit 2 with exactly one `error: ...` line on stderr that names every part; no traceback."""
    assert result.code == 2, result
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("error: ")
    for part in parts:
        assert part in lines[0], (part, lines[0])
    return lines[0]
