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

from audit_tui.core.files.safe_write import write_file, write_numbered


def beside(draft: Path, now: datetime | None = None) -> Path:
    """`<draft>-screenshot-<date>-<time>.svg` in the draft's folder."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return draft.with_name(f"{draft.stem}-screenshot-{stamp}.svg")


def save_screenshot(app: App[Any], path: Path, *, chosen: bool) -> Path:
    """Write what the screen shows now to `path` as SVG; DraftError says why it cannot.

    A path the user typed (`chosen`) may be a link of theirs and may replace a file. A
    path audit-tui made up (`beside`) is predictable to the second, so in a shared folder
    someone could plant a link there: it never follows a link and never replaces a file
    (`-2`, `-3`... when the name is taken). Returns the path written.
    """
    payload = app.export_screenshot().encode("utf-8")
    if chosen:
        return Path(write_file(path, payload, chosen=True))
    return Path(write_numbered(path, payload))
