"""Quitting and reopening a draft shows every answer where it was, in the last section."""

from __future__ import annotations

from textual.widgets import DataTable, Input, OptionList, TextArea

from audit_tui.core.model.template import Template
from audit_tui.tui.fields import FieldEditor
from audit_tui.tui.fields.choice import ChoiceBox
from tests.tui.helpers import SIZE, editor, make_app, press, saved, settle, write_draft

ANSWERS = {
    "executive_summary": {
        "overall_health": 7,
        "key_strengths": ["Validation", "Tests"],
        "critical_gaps": ["No backups"],
        "readiness_status": "Ready after fixes",
        "risk_assessment": "Moderate.\nTwo High risks.",
        "final_recommendation": "NO-GO",
    },
    "security": {"rating": "C", "vulnerabilities_found": ["SQLi"]},
    "backup": {"recovery_plan": ["Restore", "Switch DNS"]},
    "risks": [
        {
            "priority": "High",
            "issue": "No error classes",
            "impact": "Leaks",
            "action": "Add them",
            "timeline": "Now",
        }
    ],
}


def shown(editor_widget: FieldEditor) -> object:
    """What an editor shows, read back from its widgets."""
    kind = editor_widget.field.kind
    if kind in ("text", "score"):
        return editor_widget.query_one(Input).value
    if kind == "paragraph":
        return editor_widget.query_one(TextArea).text
    if kind in ("grade", "choice"):
        return editor_widget.query_one(ChoiceBox).value
    if kind == "list":
        if not editor_widget.query(OptionList):
            return []  # an empty list has no entries widget until its first entry
        options = editor_widget.query_one(OptionList)
        return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    table = editor_widget.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_reopening_restores_every_value_and_the_last_section(template: Template) -> None:
    write_draft(ANSWERS)
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+q")
    data = saved(template)
    assert data["meta"]["last_section"] == "code_quality"
    for key in ANSWERS:
        assert data[key] == ANSWERS[key]

    again = make_app(template)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = editor(again)
        assert screen.current.id == "code_quality"
        assert again.focused is not None
        assert again.focused.id == "input-code_quality-maintainability"
        for section_id in ("executive_summary", "security", "backup", "risks"):
            await screen.show_section(section_id)
            await settle(pilot)
            form = screen.form()
            views = {f.id: shown(form.editor(f.id)) for f in form.section.fields}
            if section_id == "executive_summary":
                assert views == {
                    "overall_health": "7",
                    "key_strengths": ["• Validation", "• Tests"],
                    "critical_gaps": ["• No backups"],
                    "readiness_status": "Ready after fixes",
                    "risk_assessment": "Moderate.\nTwo High risks.",
                    "final_recommendation": "NO-GO",
                }
            elif section_id == "security":
                assert views["rating"] == "C"
                assert views["vulnerabilities_found"] == ["• SQLi"]
            elif section_id == "backup":
                assert views["recovery_plan"] == ["1. Restore", "2. Switch DNS"]
            else:
                assert views["risks"] == [["High", "No error classes", "Leaks", "Add them", "Now"]]
