"""The footer of every screen and dialog: its own keys, and `?` for the rest.

Textual's Footer shows the keys of the screen it sits on: under a dialog, the
editor's footer went on telling keys that do nothing there. Each screen here has
its own `KeyBar`. When the line is too short, the keys that matter most stay
(save and quit, a dialog's enter and escape, `?`) and the others are left to the
help overlay (`?`), which lists every key of the focused widget and the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import DataTable, Footer, OptionList, TextArea
from textual.widgets._footer import FooterKey

HELP = Binding("question_mark,f1", "app.help", "Keys", show=True)
"""The help key: on every screen (a dialog's keys do not reach the app's)."""
ESSENTIAL_ACTIONS = frozenset({"save", "quit", "help", "next_to_do(1)", "toggle_sections"})
"""Kept on the line however narrow it is: save, quit, `?`, the next field to answer, and
the key that shows the section list (hidden on small terminals)."""
DIALOG_KEYS = frozenset({"enter", "escape"})
"""A dialog's confirm and cancel keys, kept too."""
PALETTE_WIDTH = 14
"""The columns the command palette's key takes at the right (`▏^p palette`)."""


@dataclass(frozen=True)
class Key:
    """A key as the footer and the help overlay tell it."""

    key: str
    display: str
    description: str
    action: str
    where: str
    """`widget` (the focused one or a field around it), `screen` or `app`."""
    enabled: bool = True
    shown: bool = True
    """Whether the footer may show it (else only the help overlay lists it)."""
    essential: bool = False

    @property
    def width(self) -> int:
        """Columns it takes in the footer: ` key description `."""
        return len(self.display) + len(self.description) + 3


class KeyHints:
    """Keys a screen's widgets take (enter in a list) that its footer should tell.

    A widget's own binding for such a key is hidden (OptionList's enter), and it
    hides the screen's; the screen names the key here instead.
    """

    KEY_HINTS: ClassVar[tuple[tuple[str, str], ...]] = ()


def ours(node: DOMNode, binding: Binding) -> bool:
    """Whether `binding` was declared by one of our classes (not inherited from Textual's).

    Textual's widgets bring dozens of keys (a text area's `shift+ctrl+←`, a scrolled
    box's `Scroll Left`, the screen's `Focus Next`); the help overlay tells the few
    that matter in our own words instead (`built_in_keys`).
    """
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("audit_tui."):
            continue
        for declared in cls.__dict__.get("BINDINGS", ()):
            if isinstance(declared, Binding) and declared.action == binding.action:
                return True
    return False


def built_in_keys(screen: Screen[object]) -> list[tuple[str, str, str, str]]:
    """Textual's keys that do something for the auditor here: (key, display, words, where).

    In the words of docs/keys.md (a test holds them to it).
    """
    found: list[tuple[str, str, str, str]] = []
    focused = screen.focused
    if isinstance(focused, DataTable):
        found += [
            ("right", "← →", "Show the previous / next column", "widget"),
            ("end", "home end", "Show the first / last column", "widget"),
        ]
    elif isinstance(focused, OptionList):
        found.append(("down", "↑ ↓", "Move in the list", "widget"))
    elif isinstance(focused, TextArea):
        found.append(("ctrl+z", "^z", "Undo the typing", "widget"))
    elif isinstance(focused, ScrollableContainer) and not isinstance(focused, ScrollView):
        # (a text box is a ScrollView too: its keys move the cursor)
        found.append(("pagedown", "↑ ↓ pgup pgdn", "Scroll", "widget"))
    if not isinstance(screen, ModalScreen):
        found.append(("tab", "tab ⇧tab", "Next / previous field", "screen"))
    if screen.app.ENABLE_COMMAND_PALETTE:
        found.append(("ctrl+p", "^p", "Command palette", "app"))
    return found


def _where(node: DOMNode, screen: Screen[object]) -> str:
    if node is screen:
        return "screen"
    return "widget" if isinstance(node, Widget) else "app"


def keys_of(screen: Screen[object]) -> list[Key]:
    """Every key that acts on `screen` now, nearest the focus first, each action once."""
    app = screen.app
    chosen: dict[str, tuple[DOMNode, Binding, bool]] = {}
    order: dict[int, tuple[int, int]] = {}
    for depth, (node, bindings) in enumerate(screen._modal_binding_chain):
        for number, (key, binding) in enumerate(bindings):
            order[id(binding)] = (depth, number)
            state = app._check_action_state(binding.action, node)
            if state is False:
                continue
            existing = chosen.get(key)
            if (
                existing is None
                or (binding.priority and not existing[1].priority)
                # A widget's hidden binding (OptionList's enter) leaves the key to the
                # shown one of a field around it (the list's "enter Edit").
                or (binding.show and not existing[1].show and binding.description)
            ):
                chosen[key] = (node, binding, bool(state))
    found: list[Key] = []
    seen: set[str] = set()
    modal = isinstance(screen, ModalScreen)
    # In the order the bindings are declared, the focused widget's first.
    ranked = sorted(chosen.values(), key=lambda c: order[id(c[1])])
    for node, binding, enabled in ranked:
        if not binding.description or not ours(node, binding):
            continue
        action = binding.action.removeprefix("app.")
        if action in seen:
            continue  # one action, several keys: the nearest tells it
        seen.add(action)
        where = _where(node, screen)
        essential = action in ESSENTIAL_ACTIONS or (
            modal and where == "screen" and binding.key in DIALOG_KEYS
        )
        found.append(
            Key(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                action,
                where,
                enabled,
                binding.show,
                essential,
            )
        )
    hints = getattr(screen, "KEY_HINTS", ())
    for key, description in hints:
        display = app.get_key_display(Binding(key, "", description))
        found.append(
            Key(key, display, description, f"hint:{key}", "screen", essential=key in DIALOG_KEYS)
        )
    told = {k.key for k in found}
    for key, display, description, where in built_in_keys(screen):
        if key not in told:  # (the path prompt's tab completes: its hint says so)
            found.append(Key(key, display, description, f"built-in:{key}", where, shown=False))
    # The help key last, where the eye looks for "more".
    found.sort(key=lambda k: k.action == "help")
    return found


def fit(keys: list[Key], width: int) -> list[Key]:
    """The keys that fit in `width` columns: the essential ones first, then in order."""
    shown = [k for k in keys if k.shown]
    room = width
    kept: set[int] = set()
    for index, key in sorted(enumerate(shown), key=lambda pair: not pair[1].essential):
        if key.width <= room:
            kept.add(index)
            room -= key.width
    return [k for i, k in enumerate(shown) if i in kept]


class KeyBar(Footer):
    """A footer that shows its screen's keys, as many as fit, the essential ones always.

    Textual's Footer builds its keys afresh whenever the screen's bindings may have
    changed (every move of the focus); this one only when the line would differ.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: list[Key] = []
        """The keys on the line now."""
        self._line: tuple[tuple[Key, ...], bool, int] | None = None
        """What the line was built from: the keys, the palette's key, the width."""

    def _wanted(self) -> tuple[list[Key], bool, int]:
        """The keys that fit now, whether the palette's key does too, and the width."""
        width = self.size.width or self.app.size.width
        keys = keys_of(self.screen)
        shown = fit(keys, width)
        # The palette's key (listed by `?` too) only when every key has its place.
        used = sum(k.width for k in shown)
        palette = self.show_command_palette and len(shown) == len([k for k in keys if k.shown])
        return shown, palette and used + PALETTE_WIDTH <= width, width

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown, palette, width = self._wanted()
        self.shown = shown
        self._line = (tuple(shown), palette, width)
        for key in self.shown:
            footer_key = FooterKey(
                key.key, key.display, key.description, key.action, disabled=not key.enabled
            )
            # Set before mounting, not bound to the footer's `compact` (never set here):
            # bound, each key was restyled twice as it mounted (~1 ms a key).
            footer_key.set_reactive(FooterKey.compact, False)
            yield footer_key
        if palette and self.app.ENABLE_COMMAND_PALETTE:
            active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if active is not None:
                binding = active.binding
                palette_key = FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette -compact",
                )
                palette_key.set_reactive(FooterKey.compact, True)  # as Textual's footer has it
                yield palette_key

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._update_line)

    async def _update_line(self) -> None:
        """Build the line again, when it would show other keys than it does."""
        if not self.is_attached:
            return
        shown, palette, width = self._wanted()
        if (tuple(shown), palette, width) != self._line:
            await self.recompose()

    def on_resize(self) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self._update_line)

    def text(self) -> str:
        """The line as read: `^s Save  ^q Quit  ? Keys`."""
        return "  ".join(f"{k.display} {k.description}" for k in self.shown)
