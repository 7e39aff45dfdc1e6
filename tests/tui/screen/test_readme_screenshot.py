"""The README's screenshot is taken from the app (`make screenshot`) and is the current one."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.tui.screen.readme_screenshot import take_screenshot

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_the_screenshot_is_taken_from_the_app(isolated: Path) -> None:
    out = take_screenshot(isolated / "shot.svg")
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert "Security&#160;Rating" in svg and "B&#160;(Good)" in svg


def test_the_readme_shows_todays_footer() -> None:
    svg = (DOCS / "screenshot.svg").read_text(encoding="utf-8")
    # Keys the app gained with the footer of issue 16: an older picture lacks them.
    assert "Next&#160;to&#160;do" in svg and "Sections" in svg
    # The export key as bound today (it moved off ctrl+e, which text inputs keep).
    from audit_tui.tui.app import AuditApp

    (export,) = [b for b in AuditApp.BINDINGS if getattr(b, "action", None) == "export"]
    key = export.key.replace("ctrl+", "^")  # type: ignore[union-attr]
    shown = html.unescape("".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg)))
    assert f"{key}\xa0Export" in shown
