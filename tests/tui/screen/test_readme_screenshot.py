"""The README's screenshot is taken from the app (`make screenshot`) and is the current one."""

from __future__ import annotations

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
