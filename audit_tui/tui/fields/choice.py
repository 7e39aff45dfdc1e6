"""Grade and choice fields: a box showing the answer, and a menu of the template's options.

Textual's Select mounts six widgets, its option list among them, for every field
(~14 ms of the first section's paint, whose form has one). Here the closed box is
one widget, and the menu is built the first time it opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.geometry import Offset, Region
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from audit_tui.core.render.text import display_line
from audit_tui.tui.fields.base import FieldEditor, input_id, problems
from audit_tui.tui.textual_patches.paging import PagingOptionList

MENU_HEIGHT = 12
"""The most lines a menu takes, its border included; longer menus scroll."""


def choice_value(choices: tuple[str, ...], value: Any) -> str | None:
    """What the box can show for `value`: the value itself, or nothing when it is no option."""
    return value if isinstance(value, str) and value in choices else None


class ChoiceBox(Widget, can_focus=True):
    """The closed face of a choice: the chosen option (or a prompt); enter opens the menu.

    Setting `value` (the auditor choosing, or code) calls `chosen` with it; a letter
    picks the next option that starts with it.
    """

    DEFAULT_CSS = """
    ChoiceBox {
        height: 3;
        width: 1fr;
        padding: 0 2;
        border: tall $border-blurred;
        background: $surface;
        color: $foreground;
        pointer: pointer;
    }
    ChoiceBox:focus {
        border: tall $border;
        background-tint: $foreground 5%;
    }
    """

    BINDINGS = [
        Binding("enter,space", "open", "Choose", show=True),
        Binding("down", "open", "Choose", show=False),
    ]

    value: reactive[str | None] = reactive(None, init=False)

    def __init__(
        self,
        labels: dict[str, str],
        value: str | None,
        *,
        chosen: Callable[[str | None], None],
        prompt: str = "Choose…",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.labels = labels
        """Each option's value and how it shows (`A (Excellent)`), in the menu's order."""
        self.prompt = prompt
        self.chosen = chosen
        self.set_reactive(ChoiceBox.value, value)
        self._menu: ChoiceMenu | None = None

    def render(self) -> Content:
        if self.value is None:
            shown = Content.styled(self.prompt, "dim")
        else:
            shown = Content(display_line(self.labels.get(self.value, self.value)))
        # The arrow at the right edge says there is a menu, as Select's does.
        gap = max(1, self.content_size.width - shown.cell_length - 1)
        return Content.assemble(shown, " " * gap, ("▼", "dim"))

    def watch_value(self, value: str | None) -> None:
        self.chosen(value)

    async def action_open(self) -> None:
        menu = self._menu
        if menu is None or not menu.is_attached:
            # On the screen, over the form: placed by `place_menu`, below or above the box.
            menu = self._menu = ChoiceMenu(self)
            await self.screen.mount(menu)
        menu.highlighted = self._position()  # 0, the first entry, is "no answer"
        self.place_menu(menu)
        menu.display = True
        menu.focus()

    def place_menu(self, menu: ChoiceMenu) -> None:
        """Put `menu` right below the box, or above it when there is more room there.

        The menu never covers the box (nor its label), and stays inside the form's
        visible area, so that the status line and the footer stay in sight.
        """
        box = self.region
        bounds = self._bounds()
        wanted = menu.option_count + 2  # its border: a line above and below
        below = bounds.bottom - box.bottom
        above = box.y - bounds.y
        if below >= min(wanted, MENU_HEIGHT) or below >= above:
            height = max(1, min(wanted, MENU_HEIGHT, below))
            y = box.bottom
        else:
            height = max(1, min(wanted, MENU_HEIGHT, above))
            y = box.y - height
        # As wide as the box, and at least as wide as its longest option.
        widest = max((len(label) for label in self.labels.values()), default=0) + 4
        menu.styles.width = min(max(box.width, widest, 12), self.screen.size.width)
        menu.styles.height = height
        menu.absolute_offset = Offset(box.x, y)
        menu.refresh(layout=True)

    def _bounds(self) -> Region:
        """The visible region the menu must stay in: the scrolling form's (else the screen's)."""
        for node in self.ancestors:
            if isinstance(node, ScrollableContainer):
                return node.region
        return self.screen.region

    def on_unmount(self) -> None:
        menu = self._menu
        if menu is not None and menu.is_attached:
            menu.remove()

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.action_open()

    def on_key(self, event: events.Key) -> None:
        # A letter picks the next option that starts with it (`n` for NO-GO, `b` for B).
        if not event.character or not event.character.isprintable() or event.character == " ":
            return
        letter = event.character.casefold()
        values = list(self.labels)
        start = self._position()
        for value in values[start:] + values[:start]:
            if self.labels[value].casefold().startswith(letter):
                event.stop()
                self.value = value
                return

    def _position(self) -> int:
        """Where the answer is among the options, counting from 1 (0: no answer)."""
        values = list(self.labels)
        return values.index(self.value) + 1 if self.value in values else 0

    def picked(self, index: int) -> None:
        """The menu's entry `index` was chosen (0: no answer)."""
        self.close_menu()
        self.value = None if index == 0 else list(self.labels)[index - 1]

    def close_menu(self) -> None:
        menu = self._menu
        if menu is not None and menu.display:
            menu.display = False
            if menu.has_focus:
                self.focus()


class ChoiceMenu(PagingOptionList):
    """A box's options, below or above it (`ChoiceBox.place_menu`); escape or leaving closes it."""

    DEFAULT_CSS = """
    ChoiceMenu {
        overlay: screen;
        constrain: inside inside;
        border: tall $border;
        background: $surface;
    }
    ChoiceMenu > .option-list--option {
        padding: 0 1;
    }
    """

    BINDINGS = [Binding("escape", "close", "Close", show=True)]

    def __init__(self, box: ChoiceBox) -> None:
        blank = Option(Content.styled("no answer", "dim"))
        entries = [Option(Content(display_line(label))) for label in box.labels.values()]
        super().__init__(blank, *entries)
        self.box = box

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.box.picked(event.option_index)

    def action_close(self) -> None:
        self.box.close_menu()

    def on_blur(self) -> None:
        self.box.close_menu()


class ChoiceEditor(FieldEditor):
    """A `grade` or `choice` field; an invalid stored value shows blank, with the message."""

    def compose_input(self) -> ComposeResult:
        self._shown = choice_value(self.field.choices, self.value)
        yield ChoiceBox(
            {choice: self.field.display(choice) for choice in self.field.choices},
            self._shown,
            chosen=self._take,
            id=input_id(self.field),
        )

    @property
    def box(self) -> ChoiceBox:
        return self.query_one(ChoiceBox)

    def catch_up(self) -> None:
        self._take(self.box.value)

    def show_value(self, value: Any) -> None:
        self.value = value
        self._shown = choice_value(self.field.choices, value)
        self.box.value = self._shown  # watched: returns at once, as it is shown
        self.show_problems(problems(self.field, self.value))

    def _take(self, chosen: str | None) -> None:
        if chosen == self._shown:
            return
        self._shown = chosen
        self.change(chosen)
        self.show_problems(problems(self.field, self.value))
