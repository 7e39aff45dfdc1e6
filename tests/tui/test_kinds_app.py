"""The app counts and previews edge values as check and the exports do: unanswered.

(The engine's side is tests/core/test_kinds.py.)
"""

from __future__ import annotations

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.export import render_section
from audit_tui.tui.preview.preview import Preview
from audit_tui.tui.section_list import SectionList
from tests.core.test_kinds import EDGES, REAL
from tests.tui.helpers import SIZE, editor, make_app, preview_source, settle, write_draft


def draft_data(values: dict[str, object]) -> dict[str, object]:
    data: dict[str, dict[str, object]] = {}
    for key, value in values.items():
        section, name = key.split(".")
        data.setdefault(section, {})[name] = value
    return dict(data)


async def shown(template: Template, values: dict[str, object]) -> tuple[int, str]:
    """The section list's answered count of the executive summary, and its preview."""
    write_draft(draft_data(values))
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        counts = editor(app).query_one(SectionList).completeness
        for _ in range(200):  # the preview is built right after the first paint
            if "executive_summary" in editor(app).query_one(Preview).sources:
                break
            await settle(pilot)
        return counts["executive_summary"].answered, preview_source(app, "executive_summary")


async def test_the_app_counts_and_previews_edge_values_as_unanswered(template: Template) -> None:
    section = template.section("executive_summary")
    answered, preview = await shown(template, EDGES)
    assert answered == 0
    assert preview == render_section(section, Draft.new(template))
    answered, preview = await shown(template, REAL)
    assert answered == 4
    assert preview != render_section(section, Draft.new(template))
