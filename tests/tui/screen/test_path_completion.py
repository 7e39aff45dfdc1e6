"""Tab completes file names in the file prompts (save as, imports, screenshots)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.path_prompt import PathPrompt, complete_path
from tests.tui.helpers import make_app, press, settle


def test_complete_path(isolated: Path) -> None:
    (isolated / "reports").mkdir()
    (isolated / "reports" / "q3-audit.toml").write_text("")
    (isolated / "reports" / "q3-findings.md").write_text("")
    (isolated / "reports" / ".hidden.toml").write_text("")
    (isolated / "readme.txt").write_text("")
    assert complete_path("rep") == ("reports/", [])  # a folder: with its slash
    assert complete_path("reports/q3-a") == ("reports/q3-audit.toml", [])
    assert complete_path("reports/q") == ("reports/q3-", ["q3-audit.toml", "q3-findings.md"])
    assert complete_path("reports/.h") == ("reports/.hidden.toml", [])
    assert complete_path("reports/x") == ("reports/x", [])  # nothing matches: as typed
    assert complete_path("missing/a") == ("missing/a", [])
    home = Path.home()
    (home / "drafts").mkdir()
    assert complete_path("~/dra") == ("~/drafts/", [])


async def test_tab_completes_in_the_prompt(template: Template, isolated: Path) -> None:
    (isolated / "reports").mkdir()
    (isolated / "reports" / "q3-audit.toml").write_text("")
    (isolated / "reports" / "q3-findings.md").write_text("")
    app = make_app(template)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, PathPrompt)
        box = app.screen.query_one(Input)
        box.value = "rep"
        await press(pilot, "tab")
        assert box.value == "reports/" and box.has_focus  # tab completed, focus stayed
        await press(pilot, "q", "tab")
        assert box.value == "reports/q3-"
        hint = str(app.screen.query_one(".field-keys", Static).render())
        assert "q3-audit.toml" in hint and "q3-findings.md" in hint
        await press(pilot, "a", "tab")
        assert box.value == "reports/q3-audit.toml"


async def test_a_problem_with_the_name_goes_once_the_name_changes(
    template: Template, isolated: Path
) -> None:
    (isolated / "taken.toml").write_text("")
    app = make_app(template)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, PathPrompt)
        box = app.screen.query_one(Input)
        box.value = "taken.toml"
        await press(pilot, "enter")
        problem = app.screen.query_one(".field-problem", Static)
        assert "taken.toml already exists" in str(problem.render())
        await press(pilot, "backspace", "backspace", "backspace", "backspace", "m", "d")
        assert str(problem.render()).strip() == ""
        assert isinstance(app.screen, PathPrompt)  # nothing was submitted
