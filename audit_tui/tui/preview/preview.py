"""The live preview: the exported markdown, rendered with rich, one block per section.

Each section's markdown comes from the core's `render_section` and is cached; a
change re-renders only the section it touched. Large tables are drawn by
`TablePreview`, which renders only the rows in view.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.widget import Widget

from audit_tui.core.files.session import Session
from audit_tui.core.model.template import Section, Template
from audit_tui.core.render.export import render_section
from audit_tui.tui.preview.markdown_block import MarkdownBlock
from audit_tui.tui.preview.table_preview import LARGE_TABLE, TablePreview


def block_id(section: Section) -> str:
    return f"preview-{section.id}"


def rows_id(section: Section) -> str:
    return f"preview-{section.id}-rows"


def table_rows(section: Section, session: Session) -> list[Any] | None:
    """The rows of a table section, or None for other sections."""
    if not section.is_table:
        return None
    rows = session.draft.get(section.fields[0])
    return rows if isinstance(rows, list) else None


class Preview(VerticalScroll, can_focus=False):
    """The report as it will be exported, kept up to date section by section."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.sources: dict[str, str] = {}
        """The markdown each section's block shows (not a large table's, drawn by rows)."""
        self.renders: Counter[str] = Counter()
        """How many times each section was rendered (a cheap keystroke touches one)."""
        self._current: str | None = None
        self._built = False

    @property
    def template(self) -> Template:
        return self.session.template

    def on_mount(self) -> None:
        # The first paint shows the form; the preview is built right after it.
        self.call_after_refresh(self._build)

    async def _build(self) -> None:
        blocks: list[Widget] = [MarkdownBlock(id="preview-title", classes="preview-block")]
        for index, part in enumerate(self.template.parts):
            heading = MarkdownBlock(id=f"preview-part-{index}", classes="preview-block -part")
            heading.set_class(index > 0, "-ruled")  # the export's `---` between parts
            blocks.append(heading)
            for section in part.sections:
                blocks.append(MarkdownBlock(id=block_id(section), classes="preview-block"))
                if section.is_table:
                    rows = TablePreview(section.fields[0], [], id=rows_id(section))
                    rows.display = False
                    blocks.append(rows)
        await self.mount_all(blocks)
        self._built = True
        try:
            self.render_all()
        except NoMatches:
            self._built = False  # the app closed while the blocks were mounting

    def render_all(self) -> None:
        """Render every block from the draft (once built, and after a reload)."""
        if not self._built:
            return
        self.get_child_by_id("preview-title", MarkdownBlock).update(f"# {self.template.title}")
        for index, part in enumerate(self.template.parts):
            self.get_child_by_id(f"preview-part-{index}", MarkdownBlock).update(
                f"## {part.heading}"
            )
        self.sources.clear()
        for section in self.template.sections:
            self._render_section(section, None)
        if self._current:
            self.show(self._current)

    def changed(self, section: Section, row: int | None = None) -> None:
        """Render `section` again now (only `row` of it, for a large table).

        Called while the keystroke is handled, so the block is ready before
        the frame that shows the keystroke is painted.
        """
        if not self._built:
            return  # the first render will show it
        self._render_section(section, row)

    def _render_section(self, section: Section, row: int | None) -> None:
        self.renders[section.id] += 1
        block = self.get_child_by_id(block_id(section), MarkdownBlock)
        rows = table_rows(section, self.session)
        large = rows is not None and len(rows) > LARGE_TABLE
        if section.is_table:
            table = self.get_child_by_id(rows_id(section), TablePreview)
            table.display = large
            block.display = not large
            if large:
                assert rows is not None
                table.set_rows(rows, row)
                self.sources.pop(section.id, None)
                return
            table.set_rows([])
        source = render_section(section, self.session.draft)
        self.sources[section.id] = source
        block.update(source)

    def _block(self, section: Section) -> Widget:
        """The widget that shows `section` now."""
        block = self.get_child_by_id(block_id(section))
        if section.is_table and not block.display:
            return self.get_child_by_id(rows_id(section))
        return block

    def show(self, section_id: str) -> None:
        """Scroll so that `section_id`'s block is at the top (once laid out)."""
        self._current = section_id
        if self._built:
            self.call_after_refresh(self._scroll_to_section, section_id)

    def _scroll_to_section(self, section_id: str) -> None:
        if section_id != self._current:
            return
        section = self.template.section(section_id)
        target: Widget = self._block(section)
        for index, part in enumerate(self.template.parts):
            if part.sections[0] is section:
                # The first section of a part starts under the part's heading.
                target = self.get_child_by_id(
                    "preview-title" if index == 0 else f"preview-part-{index}"
                )
        self.scroll_to_widget(target, top=True, animate=False, immediate=True)
