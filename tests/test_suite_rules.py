"""Rules the test suite keeps so that it can run in parallel and on a busy machine."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
FIXED_WAIT = re.compile(r"\bpause\(\s*[^)\s]|\bsleep\(")
POLLS = ("await pilot.pause(0.01)", "await asyncio.sleep(0 if polls < FAST_POLLS else 0.001)")
"""The helpers' polls (wait_until's and settle's, tests/tui/helpers.py): each is a short
yield between two looks at a condition, not a wait of its own."""


def test_app_tests_wait_for_conditions_not_for_fixed_times() -> None:
    # A fixed pause is too long on a quiet machine and too short on a busy one; the
    # helpers poll for a condition (their short polls are the ones allowed). The e2e tests
    # drive the real app in a pty, where a delay after a key is what some of them test.
    found = [
        f"{path.relative_to(TESTS)}:{number}: {line.strip()}"
        for path in sorted((TESTS / "tui").rglob("*.py"))
        if "pytestmark = pytest.mark.e2e" not in path.read_text(encoding="utf-8")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if FIXED_WAIT.search(line) and not any(poll in line for poll in POLLS)
    ]
    assert found == []
