"""The suggested verdict beside its fields, ctrl+g, warnings on fields and in the review."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from audit_tui.core.model.template import Template
from audit_tui.tui import editor as editor_module
from audit_tui.tui.dialogs.review import ReviewScreen
from audit_tui.tui.fields.choice import ChoiceBox
from audit_tui.tui.verdict_panel import SHOWN_WARNINGS, VerdictHint, assess
from tests.tui.helpers import (
    SIZE,
    editor,
    make_app,
    press,
    saved,
    screen_text,
    settle,
    show,
    wait_until,
    write_draft,
)

HOSTILE = "[@click=app.quit]x[/]"


def go_with_a_high_risk() -> dict[str, Any]:
    """GO and 9 while a High risk (with hostile text) is due before production."""
    return {
        "executive_summary": {"final_recommendation": "GO", "overall_health": 9},
        "security": {"rating": "B"},
        "performance": {"rating": "A"},
        "code_quality": {"rating": "B"},
        "reliability": {"rating": "B"},
        "risks": [{"priority": "High", "issue": HOSTILE, "timeline": "Before Production"}],
    }


def hint_text(app: Any, about: str) -> str:
    return str(editor(app).query_one(f"#suggest-{about}", VerdictHint).render())


def warning_text(app: Any, section: str, field: str) -> str:
    form = editor(app).query_one(f"#form-{section}")
    found = form.query_one(f"#field-{field.replace('.', '-')} .field-warning", Static)
    return str(found.render()) if found.has_class("-shown") else ""


async def test_suggestion_and_reasons_show_beside_the_two_fields(template: Template) -> None:
    write_draft(go_with_a_high_risk())
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        health = hint_text(app, "health")
        recommendation = hint_text(app, "recommendation")
        assert health.startswith("Suggested: 5  (ctrl+g uses it)")
        assert "health capped at 5" in health
        assert recommendation.startswith("Suggested: NO-GO")
        assert "NO-GO: 1 High risk due Before Production" in recommendation
        # The auditor's answers are untouched by the suggestion.
        assert app.session is not None
        assert app.session.draft.data["executive_summary"]["final_recommendation"] == "GO"
        assert not app.session.dirty
        assert "ctrl+g" in app.screen.active_bindings  # and so in the footer


async def test_suggestion_follows_answers_after_a_pause(
    template: Template, monkeypatch: pytest.MonkeyPatch
) -> None:
    worked_out: list[int] = []

    def counted_assess(*args: Any) -> Any:
        worked_out.append(1)
        return assess(*args)

    monkeypatch.setattr(editor_module, "assess", counted_assess)
    write_draft(go_with_a_high_risk())
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = editor(app).assessment
        await show(pilot, "security", "rating")
        select = editor(app).form().editor("rating").query_one(ChoiceBox)
        count = len(worked_out)
        select.value = "F"  # the answer is taken at once, in this very call
        assert app.session is not None and app.session.draft.data["security"]["rating"] == "F"
        # Worked out after a pause in typing, not on the change itself.
        assert len(worked_out) == count and editor(app).assessment is before
        await wait_until(pilot, lambda: editor(app).assessment is not before, "re-assessed")
        assessment = editor(app).assessment
        assert assessment is not None and assessment is not before
        assert assessment.verdict.health == 3
        await show(pilot, "executive_summary", "overall_health")
        assert "health capped at 3: Security graded F" in hint_text(app, "health")
        assert "NO-GO: Security graded F" in hint_text(app, "recommendation")


async def test_ctrl_g_copies_the_suggestion_into_the_focused_field(template: Template) -> None:
    write_draft(go_with_a_high_risk())
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "executive_summary", "final_recommendation")
        await press(pilot, "ctrl+g")
        assert app.session is not None
        answers = app.session.draft.data["executive_summary"]
        assert answers["final_recommendation"] == "NO-GO"
        assert answers["overall_health"] == 9  # only the focused field
        form = editor(app).form()
        assert form.editor("final_recommendation").query_one(ChoiceBox).value == "NO-GO"
        # The other field: its own key press.
        await show(pilot, "executive_summary", "overall_health")
        await press(pilot, "ctrl+g")
        assert answers["overall_health"] == 5
        assert form.editor("overall_health").query_one(Input).value == "5"
        await wait_until(pilot, lambda: not app.session.dirty, "the autosave")  # type: ignore[union-attr]
        assert saved(template)["executive_summary"]["overall_health"] == 5
        assert "Final Recommendation is GO" not in warning_text(
            app, "executive_summary", "executive_summary.final_recommendation"
        )


async def test_ctrl_g_is_offered_only_in_the_executive_summary(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert editor(app).check_action("use_suggestion", ())
        await show(pilot, "security", "rating")
        assert not editor(app).check_action("use_suggestion", ())
        assert "ctrl+g" not in app.screen.active_bindings
        await press(pilot, "ctrl+g")
        assert app.session is not None
        assert "executive_summary" not in app.session.draft.data


async def test_without_enough_answers_ctrl_g_changes_nothing(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert hint_text(app, "health").startswith("Suggested: none yet")
        await show(pilot, "executive_summary", "overall_health")
        await press(pilot, "ctrl+g")
        assert app.session is not None
        assert "executive_summary" not in app.session.draft.data
        assert not app.session.dirty


async def test_warnings_show_on_the_fields_involved(template: Template) -> None:
    write_draft(go_with_a_high_risk())
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        recommendation = warning_text(
            app, "executive_summary", "executive_summary.final_recommendation"
        )
        assert "warning: Final Recommendation is GO but the rules suggest NO-GO" in recommendation
        assert "but Recovery Plan is empty" in recommendation
        field = editor(app).form().editor("final_recommendation")
        assert field.has_class("-warned") and not field.has_class("-invalid")
        # The key strengths have no warning and no warning line at all.
        assert not editor(app).form().editor("key_strengths").query(".field-warning")
        await show(pilot, "risks")
        risks = warning_text(app, "risks", "risks")
        assert f"risk 1 ({HOSTILE}) has no Recommended Action" in risks
        assert HOSTILE in screen_text(app)
        # Fixing the answer takes the warning away after a pause.
        await show(pilot, "executive_summary", "final_recommendation")
        editor(app).form().editor("final_recommendation").query_one(ChoiceBox).value = "NO-GO"

        def warned() -> str:
            return warning_text(app, "executive_summary", "executive_summary.final_recommendation")

        await wait_until(pilot, lambda: "Final Recommendation is GO" not in warned(), "no warning")


async def test_review_lists_verdict_and_warnings_and_jumps_to_the_field(
    template: Template,
) -> None:
    write_draft(go_with_a_high_risk())
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "security", "rating")
        await press(pilot, "ctrl+r")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert [c.message for c in screen.contradictions][0] == (
            "Final Recommendation is GO but the rules suggest NO-GO"
        )
        assert any("has no Recommended Action" in w.message for w in screen.warnings)
        text = screen_text(app)
        assert "Suggested verdict: health 5, NO-GO" in text
        options = screen.query_one(OptionList)
        first = options.get_option_at_index(len(screen.findings)).prompt
        assert str(first).startswith("verdict 1. Executive Summary › Final Recommendation: ")
        hostile = options.get_option_at_index(options.option_count - 2).prompt
        assert str(hostile).startswith("warning ")
        assert f": risk 1 ({HOSTILE}) has no Recommended Action" in str(hostile)
        assert options.option_count == len(screen.findings) + 6
        target = next(
            i
            for i, item in enumerate(screen.items)
            if "has no Recommended Action" in getattr(item, "message", "")
            and item in screen.warnings
        )
        options.highlighted = target
        await press(pilot, "enter")
        assert not isinstance(app.screen, ReviewScreen)
        assert editor(app).current.id == "risks"
        table = editor(app).form().editor("risks")
        assert app.focused is table.query_one("DataTable")
        # A contradiction goes to the recommendation.
        await press(pilot, "ctrl+r")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.query_one(OptionList).highlighted = len(screen.findings)
        await press(pilot, "enter")
        assert editor(app).current.id == "executive_summary"
        recommendation = editor(app).form().editor("final_recommendation")
        assert app.focused is recommendation.query_one(ChoiceBox)


async def test_a_table_with_many_warnings_shows_a_few_and_a_count(template: Template) -> None:
    rows = [{"priority": "Low", "issue": f"risk {i}"} for i in range(12)]
    write_draft({"risks": rows})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "risks")
        text = warning_text(app, "risks", "risks")
        assert text.count("warning: ") == SHOWN_WARNINGS + 1
        assert text.endswith(f"and {12 - SHOWN_WARNINGS} more (ctrl+r lists them all)")
