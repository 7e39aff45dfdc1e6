"""ctrl+z puts back removed list entries and risk rows, in their places, several levels deep."""

from __future__ import annotations

from audit_tui.core.model.template import Template
from tests.tui.helpers import SIZE, editor, make_app, show, write_draft
from tests.tui.keys import play_slowly

ROWS = [{"priority": "High", "issue": f"issue {i}"} for i in range(1, 5)]


def footer_keys(app: object) -> list[str]:
    return [b.binding.action for b in app.active_bindings.values() if b.enabled]  # type: ignore[attr-defined]


async def test_removed_entries_come_back_in_place_one_level_at_a_time(template: Template) -> None:
    write_draft({"executive_summary": {"key_strengths": ["one", "two", "three", "four"]}})
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, "executive_summary", "key_strengths")
        assert "undo_remove" not in footer_keys(app)
        # The list (shift+tab from the box); the last entry is highlighted: up twice to "two".
        await play_slowly(pilot, ["shift+tab", "up", "up", "backspace", "delete"])
        field = template.field("executive_summary.key_strengths")
        assert app.session is not None
        assert app.session.draft.get(field) == ["one", "four"]
        assert "undo_remove" in footer_keys(app)
        assert any("ctrl+z puts it back" in str(n.message) for n in app._notifications)
        await play_slowly(pilot, ["ctrl+z"])
        assert app.session.draft.get(field) == ["one", "three", "four"]
        await play_slowly(pilot, ["ctrl+z"])
        assert app.session.draft.get(field) == ["one", "two", "three", "four"]
        assert "undo_remove" not in footer_keys(app)
        await play_slowly(pilot, ["ctrl+z"])  # nothing left to put back: nothing happens
        assert app.session.draft.get(field) == ["one", "two", "three", "four"]


async def test_removed_risk_rows_come_back_in_place_even_from_another_section(
    template: Template,
) -> None:
    write_draft({"risks": ROWS})
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, "risks", "risks")
        await play_slowly(pilot, ["down", "delete", "delete"])  # rows 2 and 3
        field = template.field("risks")
        assert app.session is not None
        assert app.session.draft.get(field) == [ROWS[0], ROWS[3]]
        await play_slowly(pilot, ["ctrl+n", "ctrl+z"])  # from the next section (a list first)
        assert editor(app).current.id == "risks"
        assert app.session.draft.get(field) == [ROWS[0], ROWS[2], ROWS[3]]
        await play_slowly(pilot, ["ctrl+z"])
        assert app.session.draft.get(field) == ROWS
        row = editor(app).form().query_one("RowTable").get_row_at(1)  # type: ignore[attr-defined]
        assert "issue 2" in [cell.plain for cell in row]


async def test_ctrl_z_in_a_paragraph_undoes_its_typing_not_a_removal(template: Template) -> None:
    write_draft({"executive_summary": {"key_strengths": ["one", "two"]}})
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, "executive_summary", "key_strengths")
        await play_slowly(pilot, ["shift+tab", "delete"])
        await show(pilot, "executive_summary", "risk_assessment")
        await play_slowly(pilot, [*"abc", "ctrl+z"])
        assert app.session is not None
        strengths = template.field("executive_summary.key_strengths")
        assert app.session.draft.get(strengths) == ["one"]  # the removal stays
        area = template.field("executive_summary.risk_assessment")
        assert app.session.draft.get(area) != "abc"  # the typing was undone
