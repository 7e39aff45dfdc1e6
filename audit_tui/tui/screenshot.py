"""Screenshots of the app (palette: "Screenshot"): an SVG beside the draft, or where asked.

Textual's own command saves into ~/Downloads, which is often missing (over SSH), and
then says only "Failed to save screenshot". Here the file goes beside the draft and
a failure says why.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App

from audit_tui.core.files.storage import write_atomic


def beside(draft: Path, now: datetime | None = None) -> Path:
    """`<draft>-screenshot-<date>-<time>.svg` in the draft's folder."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return draft.with_name(f"{draft.stem}-screenshot-{stamp}.svg")


def save_screenshot(app: App[Any], path: Path) -> Path:
    """Write what the screen shows now to `path` as SVG; DraftError says why it cannot."""
    write_atomic(path, app.export_screenshot().encode("utf-8"))
    return path
