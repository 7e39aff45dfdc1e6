"""The live preview: the exported markdown, rendered with rich, one block per section.

Each section's markdown comes from the core's `render_section` and is cached; a
change re-renders only the section it touched. Large tables are drawn by
`TablePreview`, which renders only the rows in view. `document()` assembles the
cached blocks exactly as the export does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll

from audit_tui.core.export import join_parts, render_section
from audit_tui.core.session import Session
from audit_tui.core.template import Section
from audit_tui.tui.markdown_block import MarkdownBlock
from audit_tui.tui.table_preview import LARGE_TABLE, TablePreview


def block_id(section: Section) -> str:
    return f"preview-{section.id}"


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
        self.renders: Counter[str] = Counter()
        """How many times each section was rendered (a cheap keystroke touches one)."""
        self._pending: dict[str, int | None] = {}
        self._current: str | None = None

    @property
    def template(self) -> Any:
        return self.session.template

    def compose(self) -> ComposeResult:
        yield MarkdownBlock(classes="preview-block", id="preview-title")
        for index, part in enumerate(self.template.parts):
            if index:
                yield MarkdownBlock(classes="preview-block preview-rule")
            yield MarkdownBlock(classes="preview-block", id=f"preview-part-{index}")
            for section in part.sections:
                with Vertical(classes="preview-section", id=block_id(section)):
                    yield MarkdownBlock(classes="preview-block")

    def on_mount(self) -> None:
        # The first paint shows the form; the preview fills in right after it.
        self.call_after_refresh(self.render_all)

    def render_all(self) -> None:
        """Render every block from the draft (on start, and after a reload)."""
        self.query_one("#preview-title", MarkdownBlock).update(f"# {self.template.title}")
        for index, part in enumerate(self.template.parts):
            self.query_one(f"#preview-part-{index}", MarkdownBlock).update(f"## {part.heading}")
        for rule in self.query(".preview-rule").results(MarkdownBlock):
            rule.update("---")
        self.sources.clear()
        self._pending.clear()
        for section in self.template.sections:
            self._render_section(section, None)
        if self._current:
            self.show(self._current)

    def changed(self, section: Section, row: int | None = None) -> None:
        """Note that `section` changed (only `row` of it, for a table); render it soon."""
        if section.id in self._pending and self._pending[section.id] != row:
            self._pending[section.id] = None
        else:
            self._pending[section.id] = row
        if len(self._pending) == 1:
            self.call_later(self._flush)

    def _flush(self) -> None:
        pending, self._pending = self._pending, {}
        for section_id, row in pending.items():
            self._render_section(self.template.section(section_id), row)

    def _render_section(self, section: Section, row: int | None) -> None:
        self.renders[section.id] += 1
        rows = table_rows(section, self.session)
        holder = self.query_one(f"#{block_id(section)}", Vertical)
        current = holder.children[0] if holder.children else None
        if rows is not None and len(rows) > LARGE_TABLE:
            self.sources.pop(section.id, None)
            if isinstance(current, TablePreview):
                current.set_rows(rows, row)
            else:
                holder.remove_children()
                holder.mount(TablePreview(section.fields[0], rows))
            return
        source = render_section(section, self.session.draft)
        if not isinstance(current, MarkdownBlock):
            holder.remove_children()
            current = MarkdownBlock(classes="preview-block")
            holder.mount(current)
        self.sources[section.id] = source
        current.update(source)

    def show(self, section_id: str) -> None:
        """Scroll so that `section_id`'s block is at the top (once laid out)."""
        self._current = section_id
        self.call_after_refresh(self._scroll_to_section, section_id)

    def _scroll_to_section(self, section_id: str) -> None:
        if section_id != self._current:
            return
        section = self.template.section(section_id)
        for index, part in enumerate(self.template.parts):
            if part.sections[0] is section:
                # The first section of a part starts under the part's heading.
                selector = "#preview-title" if index == 0 else f"#preview-part-{index}"
                break
        else:
            selector = f"#{block_id(section)}"
        self.scroll_to_widget(self.query_one(selector), top=True, animate=False, immediate=True)

    def document(self) -> str:
        """The markdown the preview shows, assembled as the export assembles it."""
        parts = []
        for part in self.template.parts:
            sections = [self._source(section) for section in part.sections]
            parts.append(f"## {part.heading}\n\n" + "\n\n".join(sections))
        return join_parts(self.template, parts)

    def _source(self, section: Section) -> str:
        if section.id in self.sources:
            return self.sources[section.id]
        return render_section(section, self.session.draft)

    def sections_rendered(self, ids: Iterable[str] | None = None) -> int:
        """How many section renders happened in all (or for `ids`)."""
        if ids is None:
            return sum(self.renders.values())
        return sum(self.renders[i] for i in ids)
