"""A list of entries to tick or untick, drawn a screen at a time: any number of entries.

Textual's SelectionList builds every entry when it is filled (a minute for 100,000
import additions); this list keeps only one byte per entry and asks for an entry's
text when its line is drawn, so that opening it takes the same time for ten
entries or a hundred thousand.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Label = Callable[[int], Content]
_TICKED = Content("[x] ")
_UNTICKED = Content("[ ] ")


class TickList(ScrollView, can_focus=True):
    """Entries 0..count-1, each ticked or not; `label(i)` gives entry i's text as plain text."""

    BINDINGS = [
        Binding("space", "tick", "Tick/untick"),
        Binding("a", "tick_all", "Tick/untick all"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
    ]
    COMPONENT_CLASSES = {"tick-list--entry", "tick-list--cursor"}
    DEFAULT_CSS = """
    TickList {
        height: auto;
        max-height: 100%;
        min-height: 3;
        overflow-x: hidden;
        border: round $panel;
    }
    TickList:focus {
        border: round $border;
    }
    TickList > .tick-list--cursor {
        background: $block-cursor-blurred-background;
    }
    TickList:focus > .tick-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    cursor: reactive[int] = reactive(0, init=False)

    class Changed(Message):
        """The number of ticked entries changed."""

        def __init__(self, tick_list: TickList, ticked: int) -> None:
            super().__init__()
            self.tick_list = tick_list
            self.ticked = ticked

        @property
        def control(self) -> TickList:
            return self.tick_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label: Label = lambda index: Content("")
        self.count = 0
        self.marks = bytearray()  # 1: ticked
        self.ticked = 0

    def show(self, count: int, label: Label) -> None:
        """List `count` entries, all ticked, entry i reading `label(i)`."""
        self.label = label
        self.count = count
        self.marks = bytearray(b"\x01") * count
        self.ticked = count
        self.cursor = 0
        self.scroll_to(0, 0, animate=False)
        self.virtual_size = Size(self.size.width, count)
        self.refresh(layout=True)

    def is_ticked(self, index: int) -> bool:
        return bool(self.marks[index])

    def ticked_indices(self) -> list[int]:
        """The indices of the ticked entries, in order."""
        if self.ticked == self.count:
            return list(range(self.count))
        return [i for i, mark in enumerate(self.marks) if mark]

    # -- drawing -------------------------------------------------------------
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.count

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.count)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= self.count:
            return Strip.blank(width, self.get_visual_style("tick-list--entry").rich_style)
        if index == self.cursor:
            style = self.get_visual_style("tick-list--entry", "tick-list--cursor")
        else:
            style = self.get_visual_style("tick-list--entry")
        line = Content.assemble(_TICKED if self.marks[index] else _UNTICKED, self.label(index))
        return Strip(line.render_segments(style)).crop_extend(0, width, style.rich_style)

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)
        self.refresh()

    # -- keys and clicks -----------------------------------------------------
    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, self.count - 1))

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_move_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else self.count - 1

    def action_tick(self) -> None:
        if self.count:
            self.set_tick(self.cursor, not self.marks[self.cursor])

    def action_tick_all(self) -> None:
        """Untick all when all are ticked; else tick all."""
        if not self.count:
            return
        mark = 0 if self.ticked == self.count else 1
        self.marks = bytearray([mark]) * self.count
        self.ticked = self.count * mark
        self.refresh()
        self.post_message(self.Changed(self, self.ticked))

    def set_tick(self, index: int, ticked: bool) -> None:
        if bool(self.marks[index]) == ticked:
            return
        self.marks[index] = 1 if ticked else 0
        self.ticked += 1 if ticked else -1
        self.refresh()
        self.post_message(self.Changed(self, self.ticked))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if 0 <= index < self.count:
            self.cursor = index
            self.set_tick(index, not self.marks[index])
