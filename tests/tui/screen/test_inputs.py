"""One-line inputs: the start of the text shows when the input is left; pastes stay words."""

from __future__ import annotations

from textual.widgets import Input

from audit_tui.core.model.template import Template
from tests.tui.helpers import editor, make_app, paste, press, show, write_draft

LONG = "PostgreSQL 15.4 on AWS RDS, multi-AZ, with two read replicas in other regions " * 2


async def test_unfocused_input_shows_the_start_of_its_text(template: Template) -> None:
    write_draft({"environment": {"database": LONG.strip()}})
    app = make_app(template)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, "environment", "database")
        box = editor(app).query_one("#input-environment-database", Input)
        assert box.has_focus
        await press(pilot, "end")
        assert box.scroll_x > 0  # focused: the cursor, at the end, is in view
        await press(pilot, "tab")
        assert not box.has_focus
        assert box.scroll_x == 0
        assert "PostgreSQL 15.4" in str(box.render_line(0).text)
        await press(pilot, "shift+tab")
        assert box.has_focus and box.scroll_x > 0  # back where the cursor is


async def test_row_form_cells_show_the_start_of_their_text(template: Template) -> None:
    write_draft({"risks": [{"priority": "High", "issue": LONG.strip()}]})
    app = make_app(template)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, "risks")
        cell = editor(app).query_one("#cell-issue", Input)
        assert not cell.has_focus
        assert cell.scroll_x == 0


async def test_pasted_lines_keep_a_space_from_the_text_around(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, "environment", "database")
        await press(pilot, *"PostgreSQL")
        await paste(pilot, "15.4\non RDS")
        box = editor(app).query_one("#input-environment-database", Input)
        assert box.value == "PostgreSQL 15.4 on RDS"
        await press(pilot, "home")
        await paste(pilot, "Managed\n")
        assert box.value == "Managed PostgreSQL 15.4 on RDS"
        field = template.field("environment.database")
        assert app.session is not None
        assert app.session.draft.get(field) == "Managed PostgreSQL 15.4 on RDS"
