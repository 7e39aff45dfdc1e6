"""The live preview: the exported markdown, rendered with rich, one block per section.

Each section's markdown comes from the core's `render_section` and is cached; a
change re-renders only the section it touched. Large tables are drawn by
`TablePreview`, which renders only the rows in view.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.geometry import Region
from textual.widget import Widget

from audit_tui.core.files.session import Session
from audit_tui.core.model.template import Field, Section, Template
from audit_tui.core.render.export import render_section
from audit_tui.tui.preview.markdown_block import RULES, MarkdownBlock
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


class Target(NamedTuple):
    """The field the auditor is at: the preview keeps its lines in view."""

    field: Field
    row: int | None
    end: bool
    """Changed rather than just focused: a field taller than the view shows its end."""


def field_lines(texts: list[str], label: str) -> tuple[int, int] | None:
    """The lines (start, end) of the field labelled `label` in a section's drawn lines.

    A field is a top-level bullet (`• Label: answer`) and every line under it down
    to the next top-level bullet; a label may wrap, so its first line is a prefix.
    """
    bullets = [(i, t) for i, t in enumerate(texts) if t.lstrip().startswith("• ")]
    if not bullets:
        return None
    indent = min(len(t) - len(t.lstrip()) for _, t in bullets)
    tops = [i for i, t in bullets if len(t) - len(t.lstrip()) == indent]
    whole = label + ":"
    for number, index in enumerate(tops):
        shown = texts[index].strip()[2:].rstrip()
        if shown.startswith(whole) or (len(shown) > 2 and whole.startswith(shown)):
            end = tops[number + 1] if number + 1 < len(tops) else len(texts)
            while end > index + 1 and not texts[end - 1].strip():
                end -= 1
            return index, end
    return None


def row_lines(texts: list[str], row: int) -> tuple[int, int] | None:
    """The lines of a table's row `row`, its rows parted by rule lines (`show_lines`)."""
    rules = [i for i, t in enumerate(texts) if t.strip() and not t.strip().strip(RULES)]
    if row >= len(rules):
        return None
    if row + 1 < len(rules):
        return rules[row] + 1, rules[row + 1]
    end = len(texts)  # the last row: down to the last line drawn
    while end > rules[row] + 1 and not texts[end - 1].strip():
        end -= 1
    return rules[row] + 1, end


class Preview(VerticalScroll):
    """The report as it will be exported, kept up to date section by section.

    Tab reaches it (after the form) to scroll it with the arrows and page keys.
    """

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.sources: dict[str, str] = {}
        """The markdown each section's block shows (not a large table's, drawn by rows)."""
        self.renders: Counter[str] = Counter()
        """How many times each section was rendered (a cheap keystroke touches one)."""
        self._current: str | None = None
        self._target: Target | None = None
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
        if self._target is not None and self._target.field.path[0] != section_id:
            self._target = None
        if self._built:
            self.call_after_refresh(self._scroll_to_section, section_id)

    def follow(self, field: Field, row: int | None = None, *, end: bool = False) -> None:
        """Keep `field` (a table's `row`) in view, now and after every resize."""
        self._target = Target(field, row, end)
        self._current = field.path[0]
        if self._built:
            self.call_after_refresh(self._scroll_to_target)

    def refollow(self) -> None:
        """Scroll to the field (or section) followed again (its lines moved: a resize)."""
        if self._built and self._current is not None:
            self.call_after_refresh(self._scroll_to_section, self._current)

    def on_resize(self) -> None:
        self.refollow()

    def target_lines(self) -> Region | None:
        """Where the followed field's lines are, in the preview's scrolled space."""
        target = self._target
        if target is None or not self._built:
            return None
        section = self.template.section(target.field.path[0])
        block = self._block(section)
        if isinstance(block, TablePreview):
            found: tuple[int, int] | None = (
                (0, 2) if target.row is None else (target.row + 2, target.row + 3)
            )
        elif isinstance(block, MarkdownBlock):
            texts = block.texts()
            if section.is_table:
                found = None if target.row is None else row_lines(texts, target.row)
            else:
                found = field_lines(texts, target.field.label)
        else:
            found = None
        if found is None:
            return None
        top = block.virtual_region.y
        start, end = found
        return Region(0, top + start, 1, max(1, end - start))

    def _scroll_to_target(self) -> None:
        lines = self.target_lines()
        if lines is None:
            return
        assert self._target is not None
        height = self.scrollable_content_region.height
        if lines.height > height > 0:
            # Taller than the view: its first lines when focused, its last when changed.
            y = lines.bottom - height if self._target.end else lines.y
            lines = Region(0, y, 1, height)
        self.scroll_to_region(lines, animate=False, immediate=True, force=True)

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
        if self._target is not None and self._target.field.path[0] == section_id:
            self._scroll_to_target()
