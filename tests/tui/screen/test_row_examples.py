"""The risk row form's empty cells show the seed's example for the row's priority."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Input

from audit_tui.core.model.loader import parse_template
from audit_tui.core.model.template import Template, TemplateError
from audit_tui.tui.fields.choice import ChoiceBox
from audit_tui.tui.fields.table import RowTable
from tests.conftest import SEED
from tests.tui.helpers import NO_AUTOSAVE, editor, make_app, press, show, write_draft

TEXT_COLUMNS = ("issue", "impact", "action", "timeline")


def seed_rows() -> dict[str, dict[str, str]]:
    """The seed's section 4 table: for each priority, its example in each column."""
    text = SEED.read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].strip("* ") in ("High", "Medium", "Low"):
            examples = [re.sub(r"^\[e\.g\.,?\s*(.*)\]$", r"\1", c) for c in cells[1:]]
            rows[cells[0].strip("* ")] = dict(zip(TEXT_COLUMNS, examples, strict=True))
    return rows


def test_each_priority_has_the_seeds_examples(template: Template) -> None:
    rows = seed_rows()
    assert set(rows) == {"High", "Medium", "Low"}
    columns = {c.id: c for c in template.field("risks").columns}
    for priority, examples in rows.items():
        for column_id, example in examples.items():
            shown = columns[column_id].placeholder_for([priority])
            assert shown == f"e.g. {example}", (priority, column_id, shown)
    # With no priority picked, all three.
    assert "(Medium)" in columns["issue"].placeholder_for([None])


def test_examples_must_name_an_option_of_the_table() -> None:
    data = {
        "id": "t",
        "title": "T",
        "parts": [
            {
                "heading": "P",
                "sections": [
                    {
                        "id": "risks",
                        "title": "Risks",
                        "fields": [
                            {
                                "id": "risks",
                                "kind": "table",
                                "label": "Risks",
                                "columns": [
                                    {"id": "p", "label": "P", "kind": "choice", "options": ["Hi"]},
                                    {
                                        "id": "i",
                                        "label": "I",
                                        "examples": {"Hi": "e.g. x", "Urgent": "e.g. y", "Lo": 3},
                                    },
                                ],
                            }
                        ],
                    }
                ],
            }
        ],
    }
    with pytest.raises(TemplateError) as caught:
        parse_template(data, "t.toml")
    problems = str(caught.value)
    assert "'Urgent' is no option of a choice column" in problems
    assert "examples.Lo: expected non-empty text" in problems
    assert "Hi" not in problems.replace("'Hi'", "")  # the good one is no problem


def placeholders(app: object) -> dict[str, str]:
    screen = editor(app)  # type: ignore[arg-type]
    return {c: screen.query_one(f"#cell-{c}", Input).placeholder for c in TEXT_COLUMNS}


async def test_picking_a_priority_shows_its_examples(template: Template) -> None:
    rows = seed_rows()
    write_draft({"risks": [{"priority": "High"}, {"priority": "Low"}, {"issue": "No priority"}]})
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=(140, 45)) as pilot:
        await show(pilot, "risks")
        assert placeholders(app) == {c: f"e.g. {rows['High'][c]}" for c in TEXT_COLUMNS}
        table = editor(app).query_one(RowTable)
        table.focus()
        await press(pilot, "down")
        assert placeholders(app) == {c: f"e.g. {rows['Low'][c]}" for c in TEXT_COLUMNS}
        await press(pilot, "down")
        assert "(High)" in placeholders(app)["impact"]  # no priority yet: all three
        # The auditor picks Medium in the form: the other cells follow.
        editor(app).query_one("#cell-priority", ChoiceBox).focus()
        await press(pilot, "m")
        assert editor(app).query_one("#cell-priority", ChoiceBox).value == "Medium"
        assert placeholders(app) == {c: f"e.g. {rows['Medium'][c]}" for c in TEXT_COLUMNS}
