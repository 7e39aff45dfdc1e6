"""The review screen lists every missing and invalid answer and jumps to the one chosen."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from audit_tui.cli.check import format_report
from audit_tui.core.checks.check import check_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.review import ReviewScreen
from tests.tui.helpers import (
    SIZE,
    complete_draft,
    editor,
    make_app,
    press,
    screen_text,
    settle,
    write_draft,
)


async def test_review_lists_findings_and_goes_to_a_table_cell(template: Template) -> None:
    write_draft(
        {
            "security": {"rating": "Z"},
            "risks": [{"priority": "High", "issue": "a"}, {"priority": "Low", "issue": "b"}],
        }
    )
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+r")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert app.session is not None
        expected = [
            f for f in check_draft(template, app.session.draft).findings if f.severity != "unknown"
        ]
        assert screen.findings == expected
        # The counts as `check` says them, each in its own unit (not "answers given").
        report = check_draft(template, app.session.draft)
        summary = str(screen.query_one("#review-summary", Static).content)
        assert summary.startswith(" · ".join(report.overall()))
        assert f"{report.answered}/{report.total} fields answered" in format_report(report)
        assert "1 invalid value" in summary and "answers given" not in summary
        options = screen.query_one(OptionList)
        # Then the consistency warnings (rows without an action or a timeline here).
        warned = len(screen.contradictions) + len(screen.warnings)
        assert warned == 2
        assert options.option_count == len(expected) + warned
        target = next(i for i, f in enumerate(expected) if f.path == "risks[1].action")
        options.highlighted = target
        await press(pilot, "enter")
        assert not isinstance(app.screen, ReviewScreen)
        assert editor(app).current.id == "risks"
        table = editor(app).form().editor("risks")
        assert app.focused is table.query_one("DataTable")
        assert table.query_one("DataTable").cursor_row == 1  # type: ignore[attr-defined]


def test_review_of_a_new_draft_lists_every_field() -> None:
    template = load_template()
    screen = ReviewScreen(template, check_draft(template, Draft.new(template)))
    assert len(screen.findings) == sum(len(s.fields) for s in template.sections)
    assert {f.severity for f in screen.findings} == {"missing"}


async def test_review_of_a_finished_report_says_so(template: Template) -> None:
    write_draft(complete_draft(template))
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+r")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.findings == []
        assert "Every answer is given and valid" in screen_text(app)
        await press(pilot, "escape")
        assert not isinstance(app.screen, ReviewScreen)
