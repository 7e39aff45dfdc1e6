"""A save killed at any instant leaves the old draft or the new one, whole."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from audit_tui.core.files.lock import remove_temp_files, temp_files
from audit_tui.core.files.storage import read_draft
from audit_tui.core.model.template import Template
from tests.reliability import figures
from tests.reliability.saver import version

SAVER = Path(__file__).with_name("saver.py")
KILLS = int(os.environ.get("AUDIT_TUI_KILLS", "40"))


def _start_savers() -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return subprocess.Popen(
        [sys.executable, str(SAVER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )


def test_sigkill_mid_save_never_leaves_a_broken_draft(tmp_path: Path, template: Template) -> None:
    draft = tmp_path / "draft.toml"
    rng = random.Random(20261126)
    mid_save = 0
    savers = _start_savers()
    assert savers.stdin is not None and savers.stdout is not None
    try:
        for kill in range(KILLS):
            savers.stdin.write(f"{draft}\n")
            savers.stdin.flush()
            ready, pid = savers.stdout.readline().split()
            assert ready == "ready"
            time.sleep(rng.uniform(0, 0.08))
            os.kill(int(pid), signal.SIGKILL)
            assert savers.stdout.readline() == "gone\n"  # the saver has died
            mid_save += bool(temp_files(draft))
            loaded = read_draft(draft, template)
            status = loaded.data["executive_summary"]["readiness_status"]
            n = int(status.removeprefix("version "))
            expected = version(template.id, n).data["executive_summary"]
            assert loaded.data["executive_summary"] == expected, f"kill {kill}: version {n} differs"
            remove_temp_files(draft)
            assert temp_files(draft) == []
    finally:
        savers.kill()
        savers.wait()
    # Some kills must land inside a save, or the test proves nothing.
    assert mid_save > 0
    figures.record("kills_survived", KILLS)
    figures.record("kills_mid_save", mid_save)
