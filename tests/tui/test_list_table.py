"""List and table fields edited with the keyboard alone."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from audit_tui.core.model.template import Template
from audit_tui.tui.fields.table import Cell, TableEditor
from audit_tui.tui.textual_patches.row_table import RowTable
from tests.tui.helpers import (
    SIZE,
    editor,
    make_app,
    paste,
    press,
    preview_source,
    settle,
    show,
    write_draft,
)


async def test_a_burst_of_keys_keeps_entries_apart(template: Template) -> None:
    # Keys typed while the app is busy arrive together; the enter between two entries
    # must end the first before the next keys land in the box.
    app = make_app(template)
    field = template.field("executive_summary.key_strengths")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "executive_summary", "key_strengths")
        for key in [*"Fast", "enter", *"Safe", "enter", *"Small"]:
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        await settle(pilot)  # every key handled, and what each set going
        assert app.session is not None
        assert app.session.draft.get(field) == ["Fast", "Safe", "Small"]


async def test_list_entries_added_edited_moved_and_removed_by_keyboard(
    template: Template,
) -> None:
    app = make_app(template)
    field = template.field("executive_summary.key_strengths")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "executive_summary", "key_strengths")
        await press(pilot, *"Validation", "enter", *"Tests", "enter", *"Logs")
        assert app.session is not None
        assert app.session.draft.get(field) == ["Validation", "Tests", "Logs"]
        await press(pilot, "enter", "shift+tab")  # into the list, on the last entry
        assert app.focused is not None and app.focused.id == "items-executive_summary-key_strengths"
        await press(pilot, "shift+up")  # move "Logs" above "Tests"
        assert app.session.draft.get(field) == ["Validation", "Logs", "Tests"]
        await press(pilot, "up", "delete")  # remove "Validation"
        assert app.session.draft.get(field) == ["Logs", "Tests"]
        await press(pilot, "down", "enter")  # edit "Tests" in the entry box
        assert app.focused is not None and app.focused.id == "input-executive_summary-key_strengths"
        await press(pilot, "end", *" pass", "enter")
        assert app.session.draft.get(field) == ["Logs", "Tests pass"]
        assert "  - Logs\n  - Tests pass" in preview_source(app, "executive_summary")
        await press(pilot, "shift+tab", "enter", "ctrl+u", "enter")  # emptied entry goes
        assert app.session.draft.get(field) == ["Logs"]


async def test_list_edit_can_be_undone_with_escape(template: Template) -> None:
    write_draft({"security": {"fixes_implemented": ["Parameterised queries"]}})
    app = make_app(template)
    field = template.field("security.fixes_implemented")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "security", "fixes_implemented")
        await press(pilot, "shift+tab", "enter", "ctrl+u", *"oops")
        assert app.session is not None
        assert app.session.draft.get(field) == ["oops"]
        await press(pilot, "escape")
        assert app.session.draft.get(field) == ["Parameterised queries"]


async def test_ordered_list_numbers_entries_in_the_preview(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "backup", "recovery_plan")
        await paste(pilot, "Restore snapshot")
        await press(pilot, "enter")
        await paste(pilot, "Switch DNS")
        await press(pilot, "enter")
        assert "  1. Restore snapshot\n  2. Switch DNS" in preview_source(app, "backup")


async def test_table_rows_added_edited_moved_and_deleted_by_keyboard(
    template: Template,
) -> None:
    app = make_app(template)
    field = template.field("risks")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "risks")
        table_editor = editor(app).query_one(TableEditor)
        assert app.focused is table_editor.table
        # Add a row: the form opens on it with the priority select focused.
        await press(pilot, "a")
        await press(pilot, "enter", "down", "enter")  # priority: High
        for text in ("No error classes", "Info leaks", "Add classes", "Before launch"):
            await press(pilot, "tab")
            await paste(pilot, text)
        await press(pilot, "enter")
        assert app.focused is table_editor.table
        assert app.session is not None
        assert app.session.draft.get(field) == [
            {
                "priority": "High",
                "issue": "No error classes",
                "impact": "Info leaks",
                "action": "Add classes",
                "timeline": "Before launch",
            }
        ]
        assert (
            "| **High** | No error classes | Info leaks | Add classes | Before launch |"
            in preview_source(app, "risks")
        )
        # A second row, then move it to the top.
        await press(pilot, "a", "tab")
        await paste(pilot, "Slow reports")
        await press(pilot, "enter")
        await press(pilot, "shift+up")
        rows = app.session.draft.get(field)
        assert [r.get("issue") for r in rows] == ["Slow reports", "No error classes"]
        assert table_editor.table.cursor_row == 0
        # Edit the top row's issue from the table: enter opens the form on it.
        await press(pilot, "enter", "tab", "ctrl+u")
        await paste(pilot, "Slow PDF reports")
        await press(pilot, "escape")
        assert app.session.draft.get(field)[0]["issue"] == "Slow PDF reports"
        assert table_editor.table.get_cell_at((0, 1)).plain == "Slow PDF reports"
        # Delete it.
        await press(pilot, "delete")
        assert [r["issue"] for r in app.session.draft.get(field)] == ["No error classes"]
        await press(pilot, "delete")
        assert app.session.draft.get(field) is None
        assert "| \\[TBD\\] | \\[TBD\\] |" in preview_source(app, "risks")


async def test_typing_in_an_empty_tables_form_adds_the_first_row(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "risks")
        await press(pilot, "tab", "tab", *"Backups")  # past the table and the priority
        assert app.session is not None
        assert app.session.draft.get(template.field("risks")) == [{"issue": "Backups"}]


async def test_pasted_lines_become_entries_and_join_elsewhere(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "executive_summary", "critical_gaps")
        await paste(pilot, "No backups\n\nSecrets in git\r\nNo rate limits\n")
        field = template.field("executive_summary.critical_gaps")
        assert app.session is not None
        assert app.session.draft.get(field) == ["No backups", "Secrets in git", "No rate limits"]
        await show(pilot, "executive_summary", "readiness_status")
        await paste(pilot, "Ready after\nthe High risks")
        status = template.field("executive_summary.readiness_status")
        assert app.session.draft.get(status) == "Ready after the High risks"


class TwoTables(App[None]):
    def compose(self) -> ComposeResult:
        yield RowTable(id="one-by-one", cursor_type="row")
        yield RowTable(id="at-once", cursor_type="row")


async def test_load_rows_leaves_the_table_as_add_row_does() -> None:
    rows = [(f"r{i}", [Cell(f"issue {i}"), Cell("High", "bold")]) for i in range(5)]
    app = TwoTables()
    async with app.run_test() as pilot:
        one, once = app.query_one("#one-by-one", RowTable), app.query_one("#at-once", RowTable)
        for table in (one, once):
            table.add_column("Issue", key="issue")
            table.add_column("Priority", key="priority")
        for key, cells in rows:
            one.add_row(*cells, key=key)
        assert [k.value for k in once.load_rows(rows)] == [key for key, _ in rows]
        await settle(pilot)
        for table in (one, once):
            table.move_cursor(row=3)
            table.remove_row("r1")
            table.update_cell("r4", "priority", Cell("Low"))
        await settle(pilot)

        def state(table: RowTable) -> object:
            cells = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
            return cells, table.cursor_coordinate, table.get_row_index("r4")

        assert state(once) == state(one)
        assert state(once)[0][-1] == ["issue 4", "Low"]
