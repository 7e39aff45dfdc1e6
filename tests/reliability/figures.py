"""Figures the reliability tests measure, collected for `make reliability` and docs/reliability.md.

A test records a figure only once its assertions have passed, so each count is of
cases survived with nothing lost. `python -m tests.reliability.figures FILE` prints them.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

FIGURES_FILE = os.environ.get("AUDIT_TUI_FIGURES")
LONG = os.environ.get("AUDIT_TUI_LONG") == "1"
"""True under `make reliability`: run the long versions."""

LINES = (
    ("kills_survived", "SIGKILLs at random moments of a save loop, draft whole after each"),
    ("kills_mid_save", "  of which landed mid-save (a temporary file was left)"),
    ("hostile_inputs", "hostile drafts saved, loaded and exported (property tests)"),
    ("hostile_refused", "  of which refused before writing (nothing written)"),
    ("broken_files_tried", "broken drafts and templates, each through check, export, the app"),
    ("terminal_payloads", "escape sequences shown by the real app in a pty, none emitted"),
    ("key_scripts", "key scripts played slowly and as one burst, drafts equal (hypothesis)"),
    ("key_scripts_pty", "  of which also written to the real app in a pty in one write"),
    ("keys_pressed_twice", "keys bound in a screen or dialog state, each pressed twice there"),
)


def record(name: str, value: int) -> None:
    """Add `value` to the figure `name` when a figures file was asked for."""
    if not FIGURES_FILE:
        return
    path = Path(FIGURES_FILE)
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = data.get(name, 0) + value
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def report(data: dict[str, int]) -> str:
    """The figures as lines of text, in a fixed order."""
    lines = ["Reliability figures (nothing lost in any of them):"]
    for name, label in LINES:
        lines.append(f"  {data.get(name, 0):>7}  {label}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(json.loads(Path(sys.argv[1]).read_text())))
