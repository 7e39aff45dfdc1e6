"""Apply shows afresh only the sections an import changed (their preview blocks, their forms).

Apply used to render every section of the preview again and rebuild the form on screen:
a draft with a long list elsewhere paid for that list on every import.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button

from audit_tui.core.model.template import Template
from audit_tui.tui.app import AuditApp
from audit_tui.tui.fields.items import EntryList
from audit_tui.tui.preview.preview import Preview
from tests.tui.helpers import SIZE, editor, make_app, show, wait_until, write_draft
from tests.tui.test_import import imported, start

NAMES = "ALPHA=1\nBRAVO=2\nCHARLIE=3\n"


def draft_with_a_long_list() -> None:
    write_draft(
        {
            "security": {"vulnerabilities_found": [f"Finding {i}" for i in range(300)]},
            "environment": {"environment_variables": ["PORT"]},
        }
    )


async def apply_three_names(app: AuditApp, pilot: Pilot[Any], on_screen: str) -> Any:
    """Import three.env into a draft with a long list elsewhere, `on_screen` shown; check
    that the preview rendered the environment section again and nothing else. Return the
    form that was on screen before."""
    await wait_until(pilot, lambda: app.editor is not None, "the editor")
    preview = editor(app).query_one(Preview)
    await wait_until(pilot, lambda: preview.sources, "the preview built")
    await show(pilot, on_screen)
    form = editor(app).form()
    before = Counter(preview.renders)
    await start(pilot, "env", "three.env")
    app.screen.query_one("#apply", Button).press()
    await wait_until(pilot, lambda: imported(app), "imported")
    assert Counter(preview.renders) - before == Counter({"environment": 1})
    return form


async def test_apply_renders_only_the_section_it_changed(template: Template) -> None:
    draft_with_a_long_list()
    Path("three.env").write_text(NAMES, encoding="utf-8")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        form = await apply_three_names(app, pilot, "security")
        assert editor(app).form() is form  # the form on screen was not built again
        assert "CHARLIE" in editor(app).query_one(Preview).sources["environment"]
        assert app.session is not None
        names = app.session.draft.data["environment"]["environment_variables"]
        assert names == ["PORT", "ALPHA", "BRAVO", "CHARLIE"]
        await show(pilot, "environment")  # its form is built from the new answers
        assert editor(app).form().query_one(EntryList).option_count == 4


async def test_apply_rebuilds_the_form_on_screen_when_it_changed(template: Template) -> None:
    draft_with_a_long_list()
    Path("three.env").write_text(NAMES, encoding="utf-8")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        form = await apply_three_names(app, pilot, "environment")
        shown = editor(app).form()
        assert shown is not form and shown.id == form.id
        assert shown.query_one(EntryList).option_count == 4
