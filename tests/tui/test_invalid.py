"""Invalid values from a hand-edited draft show with the core's message and are kept."""

from __future__ import annotations

from textual.widgets import Input

from audit_tui.core.model.template import Template
from audit_tui.tui.fields import FieldEditor
from audit_tui.tui.fields.choice import ChoiceBox
from audit_tui.tui.fields.table import TableEditor
from audit_tui.tui.section_list import INVALID_MARK, SectionList
from tests.tui.helpers import (
    SIZE,
    editor,
    make_app,
    press,
    saved,
    screen_text,
    settle,
    write_draft,
)

BAD = {
    "executive_summary": {
        "overall_health": 11,
        "key_strengths": "one string, not a list",
        "readiness_status": 5,
    },
    "security": {"rating": "Z"},
    "risks": [{"priority": "Urgent", "issue": "Backups"}, "not a row"],
}


def problem_text(widget: FieldEditor) -> str:
    return str(widget.query_one(".field-problem").render())


async def test_invalid_values_show_their_message_and_survive_saving(template: Template) -> None:
    write_draft(BAD)
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = editor(app).form()
        health = form.editor("overall_health")
        assert health.has_class("-invalid")
        assert health.query_one(Input).value == "11"
        assert "must be between 1 and 10; found 11" in problem_text(health)
        strengths = form.editor("key_strengths")
        assert "expected a list of text, found text" in problem_text(strengths)
        assert "• one string, not a list" in screen_text(app)
        status = form.editor("readiness_status")
        assert status.query_one(Input).value == "5"
        assert "expected text, found integer 5" in problem_text(status)

        section_list = editor(app).query_one(SectionList)
        entry = section_list.get_option("security").prompt
        assert INVALID_MARK in str(entry)

        await editor(app).show_section("security")
        await settle(pilot)
        rating = editor(app).form().editor("rating")
        assert rating.query_one(ChoiceBox).value is None
        assert "found 'Z'" in problem_text(rating)

        await editor(app).show_section("risks")
        await settle(pilot)
        table = editor(app).query_one(TableEditor)
        assert problem_text(table) == "row 2: expected a table, found text"
        assert table.table.get_cell_at((0, 0)).plain == "Urgent"
        assert table.table.get_cell_at((1, 1)).plain == "not a row"

        await press(pilot, "ctrl+s")
        data = saved(template)
        assert data["executive_summary"] == BAD["executive_summary"]
        assert data["security"] == BAD["security"]
        assert data["risks"] == BAD["risks"]

        # Changing a field replaces its invalid value; the others stay as they were.
        await editor(app).show_section("executive_summary")
        await settle(pilot)
        await press(pilot, "backspace", "backspace", "9", "ctrl+s")
        data = saved(template)
        assert data["executive_summary"]["overall_health"] == 9
        assert data["executive_summary"]["readiness_status"] == 5
        assert not editor(app).form().editor("overall_health").has_class("-invalid")

        # Removing the row that is not a row leaves the other row's bad cell to report.
        await editor(app).show_section("risks", "risks", row=1)
        await settle(pilot)
        await press(pilot, "delete")
        assert problem_text(table) == (
            "row 1, priority: must be one of High, Medium, Low; found 'Urgent'"
        )
        assert app.session is not None
        assert app.session.draft.data["risks"] == [{"priority": "Urgent", "issue": "Backups"}]
