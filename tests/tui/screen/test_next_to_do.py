"""f8 / shift+f8 go to the next / previous unanswered or invalid field, in report order."""

from __future__ import annotations

from audit_tui.core.model.template import Template
from audit_tui.tui.fields.base import FieldEditor
from audit_tui.tui.keybar import KeyBar
from tests.tui.helpers import (
    complete_draft,
    editor,
    make_app,
    press,
    show,
    wait_until,
    write_draft,
)


def focused_field(app: object) -> str:
    from audit_tui.tui.editor import field_editor_of

    field = field_editor_of(editor(app).focused)  # type: ignore[arg-type]
    assert isinstance(field, FieldEditor)
    return field.field.key


async def test_f8_walks_the_fields_left_to_answer(template: Template) -> None:
    data = complete_draft(template)
    del data["security"]["rating"]  # missing
    data["performance"]["rating"] = "Z"  # invalid
    del data["risks"][1]["timeline"]  # a row with a missing cell
    del data["roadmap"]["observability"]
    write_draft(data)
    app = make_app(template)
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, "executive_summary")

        def footer() -> str:
            bars = editor(app).query(KeyBar)
            return bars.first().text() if bars else ""

        # The footer is built after the first paint: wait for it, not for a fixed time.
        await wait_until(pilot, lambda: "f8 Next to do" in footer(), "f8 in the footer")
        visited = []
        for _ in range(5):
            await press(pilot, "f8")
            visited.append(focused_field(app))
        assert visited == [
            "security.rating",
            "performance.rating",
            "risks",
            "roadmap.observability",
            "security.rating",  # round again
        ]
        await press(pilot, "f8", "f8")  # to the risk table
        table = editor(app).form().editor("risks")
        assert table.current_row() == 1  # the row with the missing cell
        await press(pilot, "shift+f8")
        assert focused_field(app) == "performance.rating"


async def test_f8_with_nothing_left_says_so(template: Template) -> None:
    write_draft(complete_draft(template))
    app = make_app(template)
    async with app.run_test(size=(120, 40)) as pilot:
        await show(pilot, "security")
        notes: list[str] = []
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await press(pilot, "f8")
        assert notes == ["Every answer is given and valid."]
        assert editor(app).current.id == "security"
