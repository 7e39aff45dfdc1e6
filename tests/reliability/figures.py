"""Figures the reliability tests measure, collected for `make reliability` and the README."""

from __future__ import annotations

import json
import os
from pathlib import Path

FIGURES_FILE = os.environ.get("AUDIT_TUI_FIGURES")


def record(name: str, value: int) -> None:
    """Add `value` to the figure `name` when a figures file was asked for."""
    if not FIGURES_FILE:
        return
    path = Path(FIGURES_FILE)
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = data.get(name, 0) + value
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
