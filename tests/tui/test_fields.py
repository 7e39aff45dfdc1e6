"""Each field kind: a value typed in the widget reaches the draft and the preview."""

from __future__ import annotations

from audit_tui.core.model.template import Template
from audit_tui.tui.fields.base import FieldEditor
from tests.tui.helpers import (
    SIZE,
    editor,
    make_app,
    paste,
    press,
    preview_source,
    saved,
    settle,
    show,
    write_draft,
)


async def test_text_field_reaches_draft_and_preview(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "executive_summary", "readiness_status")
        await paste(pilot, "Ready after fixes")
        field = template.field("executive_summary.readiness_status")
        assert app.session is not None
        assert app.session.draft.get(field) == "Ready after fixes"
        assert "**Production Readiness Status:** Ready after fixes" in preview_source(
            app, "executive_summary"
        )


async def test_paragraph_field_keeps_lines(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "executive_summary", "risk_assessment")
        await paste(pilot, "Low risk\nTwo fixes left")
        field = template.field("executive_summary.risk_assessment")
        assert app.session is not None
        assert app.session.draft.get(field) == "Low risk\nTwo fixes left"
        assert "Low risk\\\n  Two fixes left" in preview_source(app, "executive_summary")


async def test_score_field_takes_numbers_in_range_and_refuses_others(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = template.field("executive_summary.overall_health")
        assert app.session is not None
        assert app.focused is not None
        assert app.focused.id == "input-executive_summary-overall_health"
        await press(pilot, "8")
        assert app.session.draft.get(field) == 8
        assert "**Overall System Health (1-10):** 8" in preview_source(app, "executive_summary")
        score = editor(app).query_one("#field-executive_summary-overall_health", FieldEditor)
        await press(pilot, "0")  # 80: out of range; 8 was only on the way to it
        await settle(pilot)
        assert app.session.draft.get(field) is None  # as when the field was entered
        assert score.has_class("-invalid")
        assert "enter a whole number from 1 to 10; the draft keeps no answer" in str(
            score.query_one(".field-problem").render()
        )
        await press(pilot, "backspace", "x")  # 8x: not a number
        await settle(pilot)
        assert app.session.draft.get(field) is None
        assert score.has_class("-invalid")
        await press(pilot, "backspace", "backspace")  # cleared: unanswered
        await settle(pilot)
        assert app.session.draft.get(field) is None
        await press(pilot, "1", "0")
        assert app.session.draft.get(field) == 10
        assert not score.has_class("-invalid")


async def test_a_refused_score_never_leaves_a_prefix_of_itself(template: Template) -> None:
    # Health 3; clear it and type 11: `1` was on the way, and must not be what is saved.
    write_draft({"executive_summary": {"overall_health": 3}})
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "backspace", "1", "1")
        field = template.field("executive_summary.overall_health")
        assert app.session is not None
        assert app.session.draft.get(field) == 3
        score = editor(app).query_one("#field-executive_summary-overall_health", FieldEditor)
        assert "; the draft keeps 3" in str(score.query_one(".field-problem").render())
        await press(pilot, "ctrl+q")
    assert saved(template)["executive_summary"] == {"overall_health": 3}


async def test_grade_select_shows_words_and_stores_letter(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "security", "rating")
        await press(pilot, "enter")  # open the list
        await press(pilot, "down", "down", "enter")  # blank, A, B
        await settle(pilot)
        field = template.field("security.rating")
        assert app.session is not None
        assert app.session.draft.get(field) == "B"
        assert "**Security Rating:** B (Good)" in preview_source(app, "security")


async def test_choice_letters_pick_escape_closes_and_no_answer_clears(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "executive_summary", "final_recommendation")
        field = template.field("executive_summary.final_recommendation")
        box = app.focused
        assert app.session is not None and box is not None
        await press(pilot, "n")  # the first option starting with n
        await settle(pilot)
        assert app.session.draft.get(field) == "NO-GO"
        await press(pilot, "g")
        assert app.session.draft.get(field) == "GO"
        await press(pilot, "enter")  # open: the answer is highlighted
        await settle(pilot)
        assert app.focused is not box
        await press(pilot, "escape")  # closed, nothing changed, back on the box
        await settle(pilot)
        assert app.focused is box
        assert app.session.draft.get(field) == "GO"
        await press(pilot, "enter", "up", "enter")  # "no answer", above GO
        await settle(pilot)
        assert app.focused is box
        assert app.session.draft.get(field) is None
        shown = preview_source(app, "executive_summary")
        assert "**Final Recommendation:** **\\[GO / NO-GO\\]**" in shown


async def test_choice_select_stores_option(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "executive_summary", "final_recommendation")
        await press(pilot, "enter", "down", "down", "enter")  # blank, GO, NO-GO
        await settle(pilot)
        field = template.field("executive_summary.final_recommendation")
        assert app.session is not None
        assert app.session.draft.get(field) == "NO-GO"
        assert "**Final Recommendation:** **NO-GO**" in preview_source(app, "executive_summary")
