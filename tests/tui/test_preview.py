"""The preview shows exactly the export, re-renders only what changed, and keeps links safe."""

from __future__ import annotations

import pytest
from rich.console import Console
from textual.strip import Strip

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.export import export_markdown
from audit_tui.tui.preview import markdown_block
from audit_tui.tui.preview.markdown_block import MarkdownBlock, SafeMarkdown
from audit_tui.tui.preview.preview import Preview
from audit_tui.tui.preview.table_preview import LARGE_TABLE, TablePreview
from tests.tui.helpers import (
    SIZE,
    complete_draft,
    editor,
    make_app,
    paste,
    press,
    preview_document,
    settle,
    show,
    wait_until,
    write_draft,
)


def preview(app: object) -> Preview:
    return editor(app).query_one(Preview)  # type: ignore[arg-type]


async def test_preview_document_is_the_export(template: Template) -> None:
    write_draft(complete_draft(template))
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "executive_summary", "readiness_status")
        await press(pilot, "ctrl+u")
        await paste(pilot, "Changed `here` <b>x</b> | [a](javascript:x)")
        await show(pilot, "risks")
        await press(pilot, "delete")
        assert app.session is not None
        assert preview_document(app) == export_markdown(template, app.session.draft)
        blocks = [b.source for b in preview(app).query(MarkdownBlock) if b.source]
        assert "".join(blocks).count("Changed `here`") == 1


async def test_a_keystroke_renders_only_its_own_section(template: Template) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert preview_document(app) == export_markdown(template, Draft.new(template))
        blocks = list(preview(app).query(MarkdownBlock))
        before = {id(b): b.renders for b in blocks}
        sections_before = sum(preview(app).renders.values())
        await press(pilot, "5")
        assert sum(preview(app).renders.values()) - sections_before == 1
        assert preview(app).renders["executive_summary"] == 2  # on start, then the key
        changed = [b for b in blocks if b.renders != before[id(b)]]
        assert len(changed) == 1
        assert "**Overall System Health (1-10):** 5" in changed[0].source


async def test_a_keystroke_and_its_preview_are_painted_in_one_frame(template: Template) -> None:
    # The answer reaches the preview inside the key's handler (FieldEditor.change),
    # so the first frame that shows the key shows the preview too, not a frame or two later.
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        frames: list[set[str]] = []
        paint = screen._compositor_refresh

        def recorded() -> None:
            frames.append({type(widget).__name__ for widget in screen._dirty_widgets})
            paint()

        screen._compositor_refresh = recorded  # type: ignore[method-assign]
        for field, key in [
            ("readiness_status", "x"),
            ("risk_assessment", "y"),
            ("overall_health", "7"),
        ]:
            await show(pilot, "executive_summary", field)
            focused = app.focused
            assert focused is not None
            focused.cursor_blink = False  # type: ignore[attr-defined]  # no frame of its own
            await settle(pilot)
            frames.clear()
            before = preview(app).renders["executive_summary"]
            await press(pilot, key)
            assert preview(app).renders["executive_summary"] == before + 1
            assert frames, f"{field}: nothing painted after the key"
            assert type(focused).__name__ in frames[0], f"{field}: {frames}"
            assert "MarkdownBlock" in frames[0], f"{field}: the preview came later: {frames}"


@pytest.mark.paints
async def test_a_large_table_draws_only_rows_in_view(template: Template) -> None:
    rows = LARGE_TABLE * 10
    write_draft(complete_draft(template, rows=rows))
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show(pilot, "risks")
        table = preview(app).query_one(TablePreview)
        assert len(table.rows) == rows
        await wait_until(pilot, lambda: table.drawn > 0, "the table's first paint")
        assert table.drawn <= SIZE[1]
        drawn = table.drawn
        await press(pilot, "enter", "tab")
        await paste(pilot, "x")
        await wait_until(pilot, lambda: table.drawn > drawn, "the edited row drawn")
        assert table.drawn - drawn == 1  # the edited row, and nothing else
        editor_table = editor(app).form().editor("risks").query_one("DataTable")
        assert editor_table.row_count == rows  # type: ignore[attr-defined]
        assert "risks" not in preview(app).sources  # never rendered as a whole


def test_links_other_than_http_lose_their_link() -> None:
    console = Console(width=80, color_system="truecolor")
    markup = "[web](https://example.com) [mail](mailto:a@b.c) [site](http://x.org)"
    links = {
        segment.style.link
        for segment in console.render(SafeMarkdown(markup))
        if segment.style is not None and segment.style.link
    }
    assert links == {"https://example.com", "http://x.org"}


async def test_a_pane_hidden_and_shown_again_renders_no_markdown_again(
    template: Template, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_draft(complete_draft(template))
    rendered: list[tuple[str, int]] = []
    render = markdown_block.render_markdown

    def counted(console: Console, source: str, width: int) -> list[Strip]:
        rendered.append((source, width))
        return render(console, source, width)

    monkeypatch.setattr(markdown_block, "render_markdown", counted)
    monkeypatch.setattr(markdown_block, "_rendered", {})  # none kept from other tests
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: preview(app).sources, "the preview built")
        blocks = list(preview(app).query(MarkdownBlock))
        wide = {b.id: b.texts() for b in blocks}
        at_start = len(rendered)
        await press(pilot, "ctrl+l")  # the section list hidden: the preview is wider
        assert len(rendered) > at_start  # each block rendered at the new width
        assert {b.id: b.texts() for b in blocks} != wide
        await press(pilot, "ctrl+l")
        assert {b.id: b.texts() for b in blocks} == wide
        widths = {width for _, width in rendered}
        assert len(widths) == 2 and len(rendered) == len(set(rendered))  # none twice
