"""Running code in a fresh interpreter, where nothing the test session imported hides imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_fresh(code: str, cwd: Path, *, lines: int = 1) -> str:
    """Run `code` with `python -c` in `cwd`; the last `lines` lines it printed."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return "\n".join(done.stdout.splitlines()[-lines:])
