"""A key in a list of many entries costs one entry's work, not the list's.

The preview rendered the whole section's markdown on each change and the list field
built all its entries again for a new one: with 3,000 entries a key took a second,
and closing the app waited for it. Now a long list is rendered in pieces of
`PIECE` entries, kept, and a new entry adds one option.
"""

from __future__ import annotations

from typing import Any

from textual.strip import Strip

from audit_tui.core.model.template import Template
from audit_tui.tui.fields.items import ListEditor
from audit_tui.tui.preview.markdown_block import _CONTINUED, PIECE, MarkdownBlock, pieces
from audit_tui.tui.preview.preview import Preview
from tests.tui.helpers import SIZE, editor, make_app, show, wait_until, write_draft

ENTRIES = 1000


def counted(widget: Any, method: str) -> list[Any]:
    """The calls of `widget.method` from now on (their first argument)."""
    calls: list[Any] = []
    original = getattr(widget, method)

    def count(*args: Any) -> Any:
        calls.append(args[0] if args else None)
        return original(*args)

    setattr(widget, method, count)
    return calls


def segments(strips: list[Strip]) -> list[list[Any]]:
    return [list(strip) for strip in strips]


def test_a_long_unordered_list_is_cut_between_entries_and_an_ordered_one_never() -> None:
    entries = "\n".join(f"  - VAR_{i}" for i in range(ENTRIES))
    source = f"### Section\n- **Names:**\n{entries}\n- **Next:** x"
    found = pieces(source)
    assert len(found) == ENTRIES // PIECE
    assert all(p.startswith(_CONTINUED + "\n  - ") for p in found[1:])
    rejoined = [found[0], *(p.removeprefix(_CONTINUED + "\n") for p in found[1:])]
    assert "\n".join(rejoined) == source
    ordered = "\n".join(f"  {i}. step" for i in range(1, ENTRIES))
    assert pieces(f"- **Plan:**\n{ordered}") == [f"- **Plan:**\n{ordered}"]
    assert pieces("- **A:** short") == ["- **A:** short"]


async def test_a_key_in_a_long_list_renders_one_piece_and_one_entry(template: Template) -> None:
    names = [f"VAR_{i} " + "long words " * (i % 13) for i in range(ENTRIES)]
    names[5] = "`code` *em* [link](https://example.com) " * 3
    write_draft({"environment": {"environment_variables": names}})
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.editor is not None, "the editor")
        await show(pilot, "environment", "environment_variables")
        preview = editor(app).query_one(Preview)
        await wait_until(pilot, lambda: "environment" in preview.sources, "the preview built")
        block = preview.query_one("#preview-environment", MarkdownBlock)
        assert len(block.texts()) > ENTRIES  # rendered at its width (long entries wrap)
        rendered = counted(block, "_render_piece")
        prompts = counted(editor(app).form().query_one(ListEditor), "_prompt")
        await pilot.press("x")
        await pilot.pause()
        assert preview.sources["environment"].endswith("  - x")
        # The last piece only, not the section's 1,000 entries.
        assert len(rendered) == 1 and rendered[0].endswith("  - x")
        assert rendered[0].count("\n") <= PIECE
        assert len(prompts) == 1  # the new entry's option only
        # In pieces, the lines are those of the whole markdown rendered at once.
        width = block.content_size.width
        assert segments(block._lines) == segments(block._render_piece(block.source, width))
