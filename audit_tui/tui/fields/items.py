"""A `list` field: entries added, edited, removed and moved with the keyboard alone.

Typing in the entry box adds (or edits) an entry at once, so nothing typed is
lost; enter finishes the entry. In the list above it, enter edits the entry,
delete removes it and shift+up / shift+down move it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from audit_tui.core.model.kinds import items_of
from audit_tui.core.render.text import display_line, one_line
from audit_tui.tui.fields.base import FieldEditor, input_id, problems
from audit_tui.tui.fields.line_input import LineInput
from audit_tui.tui.textual_patches.paging import PagingOptionList

ADD_HINT = "enter: next entry · shift+tab: the list (enter edit, del remove, shift+↑↓ move)"
EDIT_HINT = "editing entry {n}: enter to finish, escape to undo"


class EntryList(PagingOptionList):
    """The entries of a list field: an OptionList whose height is counted only up to its
    max-height (`.field OptionList` in app.tcss).

    OptionList measures every entry on each layout to find its height, which the
    max-height then cuts to a dozen lines: with 100,000 entries, every layout of the
    form measured them all.
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        limit = self.styles.max_height
        cells = None if limit is None else limit.cells
        if cells is None:
            return super().get_content_height(container, viewport, width)
        rules = cast(RulesMap, self.styles)
        inner = width - self.get_component_styles("option-list--option").padding.width
        options = self.options
        height = 0
        for index, option in enumerate(options):
            divider = 1 if option._divider and index < len(options) - 1 else 0
            height += self._get_visual(option).get_height(rules, inner) + divider
            if height > cells:
                break  # taller than the max-height, which is what it will be
        return height


class ListEditor(FieldEditor):
    """A `list` field."""

    BINDINGS = [
        Binding("enter", "edit_entry", "Edit", show=True),
        Binding("delete,backspace", "remove_entry", "Remove", show=True),
        Binding("shift+up,ctrl+up", "move_entry(-1)", "Move up", show=True),
        Binding("shift+down,ctrl+down", "move_entry(1)", "Move down", show=True),
        Binding("escape", "undo_entry", "Undo edit", show=False),
    ]

    def compose_input(self) -> ComposeResult:
        self.items = items_of(self.value)
        self.target: int | None = None
        self.adding = False
        self.original: Any = None
        self._quiet = False
        if self.items:  # an empty list's entries are made with its first entry
            yield self._new_list()
        yield LineInput(
            placeholder=self.field.placeholder or "New entry",
            id=input_id(self.field),
            select_on_focus=False,
            split_lines=True,
            submitted=self.finish_entry,
        )
        yield Static(Content(ADD_HINT), classes="field-keys")

    def _new_list(self) -> OptionList:
        return EntryList(*self._options(), id=f"items-{'-'.join(self.field.path)}")

    @property
    def entry_list(self) -> OptionList:
        """The list of entries (made, above the entry box, when first needed)."""
        found = self._entry_list()
        if found is None:
            found = self._new_list()
            self.mount(found, before=self.entry_box)
        return found

    def _entry_list(self) -> OptionList | None:
        return next(iter(self.query_children(OptionList).results(OptionList)), None)

    @property
    def entry_box(self) -> Input:
        return self.query_one(Input)

    def on_mount(self) -> None:
        # (FieldEditor.on_mount runs too: Textual calls each class's handler.)
        # Typing and enter are taken inside the keys' handling, in their order: a
        # burst of keys (typed while the app was busy) cannot merge two entries.
        self.watch(self.entry_box, "value", self._typed, init=False)
        if self.items:
            self._show_list()
            self.entry_list.highlighted = len(self.items) - 1

    def on_descendant_focus(self) -> None:
        self.add_class("-active")

    def on_descendant_blur(self) -> None:
        self.remove_class("-active")

    def _show_list(self) -> None:
        entry_list = self.entry_list
        entry_list.can_focus = bool(self.items)
        entry_list.set_class(not self.items, "-empty")

    # -- showing ----------------------------------------------------------
    def _prompt(self, index: int) -> Content:
        marker = f"{index + 1}." if self.field.ordered else "•"
        return Content.assemble((marker, "dim"), " ", one_line(self.items[index]))

    def _options(self) -> list[Option]:
        return [Option(self._prompt(i)) for i in range(len(self.items))]

    def _rebuild(self, highlight: int | None = None) -> None:
        """Show the entries again, highlighting `highlight` (or the last one)."""
        entry_list = self.entry_list
        if highlight is None:
            highlight = len(self.items) - 1
        entry_list.clear_options()
        entry_list.add_options(self._options())
        self._show_list()
        if self.items:
            entry_list.highlighted = max(0, min(highlight, len(self.items) - 1))

    def _publish(self) -> None:
        self.change(list(self.items) if self.items else None)
        self.show_problems(problems(self.field, self.value))

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Change the entry box from here without taking the change as typing."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _set_box(self, text: str, hint: str) -> None:
        with self._quietly():
            self.entry_box.value = text
        self.entry_box.cursor_position = len(text)
        self.query_one(".field-keys", Static).update(Content(hint))

    # -- typing in the entry box -----------------------------------------
    def _typed(self, value: str) -> None:
        if not self._quiet:
            self._take_text(value)

    def catch_up(self) -> None:
        box = self.entry_box.value
        current = "" if self.target is None else one_line(self.items[self.target])
        if display_line(box) != current:
            self._take_text(box)

    def _take_text(self, value: str) -> None:
        """The entry box now holds `value`: add, change or drop the entry it edits."""
        text = display_line(value)
        if text != value:
            with self._quietly():
                self.entry_box.value = text
        if self.target is None:
            if not text.strip():
                return
            shown = self._entry_list()
            self.items.append(text)
            self.target, self.adding = len(self.items) - 1, True
            if shown is None:
                self._rebuild()  # the list is made, with this entry
            else:
                # One option more, not the whole list again (a long list, one key).
                shown.add_option(Option(self._prompt(self.target)))
                self._show_list()
                shown.highlighted = self.target
        elif self.adding and not text.strip():
            del self.items[self.target]
            self.target, self.adding = None, False
            self._rebuild()
        else:
            self.items[self.target] = text
            self.entry_list.replace_option_prompt_at_index(self.target, self._prompt(self.target))
        self._publish()

    @on(LineInput.Lines)
    def pasted_lines(self, event: LineInput.Lines) -> None:
        """Several pasted lines: the first goes where the cursor is, each other is an entry."""
        event.stop()
        first, *others = [display_line(line) for line in event.lines]
        box = self.entry_box
        with self._quietly():
            box.insert_text_at_cursor(first)
        self._take_text(box.value)
        self.items.extend(others)
        self.target, self.adding = None, False
        self._set_box("", ADD_HINT)
        self._rebuild()
        self._publish()

    def finish_entry(self, value: str) -> None:
        """Enter in the entry box: the entry is done (an edited entry left blank goes)."""
        target = self.target
        if target is not None and not self.adding and not value.strip():
            del self.items[target]
            self._rebuild(target)
            self._publish()
        self.target, self.adding = None, False
        self._set_box("", ADD_HINT)

    # -- the list of entries ----------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_entry", "remove_entry", "move_entry"):
            entry_list = self._entry_list()
            return entry_list is not None and entry_list.has_focus and bool(self.items)
        if action == "undo_entry":
            return self.entry_box.has_focus and self.target is not None
        return True

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_entry()

    def action_edit_entry(self) -> None:
        index = self.entry_list.highlighted
        if index is None or not self.items:
            return
        self.target, self.adding, self.original = index, False, self.items[index]
        self._set_box(one_line(self.items[index]), EDIT_HINT.format(n=index + 1))
        self.entry_box.focus()

    def action_remove_entry(self) -> None:
        index = self.entry_list.highlighted
        if index is None or not self.items:
            return
        removed = self.items.pop(index)
        self.target, self.adding = None, False
        self._rebuild(index)
        self._publish()
        self.removed(index, removed)
        if not self.items:
            self.entry_box.focus()

    def put_back(self, index: int, item: Any) -> None:
        index = max(0, min(index, len(self.items)))
        self.items.insert(index, item)
        if self.target is not None and self.target >= index:
            self.target += 1  # the entry being typed stays the one being typed
        self._rebuild(index)
        self._publish()
        self.entry_list.focus()

    def action_move_entry(self, step: int) -> None:
        index = self.entry_list.highlighted
        if index is None:
            return
        other = index + step
        if not 0 <= other < len(self.items):
            return
        self.items[index], self.items[other] = self.items[other], self.items[index]
        self._rebuild(other)
        self._publish()

    def action_undo_entry(self) -> None:
        target = self.target
        if target is None:
            return
        if self.adding:
            del self.items[target]
        else:
            self.items[target] = self.original
        self.target, self.adding = None, False
        self._rebuild(target)
        self._set_box("", ADD_HINT)
        self._publish()

    def focus_input(self, row: int | None = None) -> None:
        self.entry_box.focus()
