"""One-line text, multi-line paragraph and 1-10 score editors."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from audit_tui.core.render.text import clean_text, display_line, one_line
from audit_tui.tui.fields.base import FieldEditor, input_id, problems
from audit_tui.tui.fields.line_input import LineInput

if TYPE_CHECKING:
    from textual.widgets import TextArea

AREA_MODULE = "audit_tui.tui.fields.paragraph_area"


def shown_text(value: Any) -> str:
    """A stored value as a paragraph shows it (anything but text as one line)."""
    if isinstance(value, str):
        return clean_text(value)
    return one_line(value)


class _OneLineEditor(FieldEditor):
    """A field typed into one `Input`; subclasses decide what the text means (`_take`)."""

    def placeholder(self) -> str:
        return self.field.placeholder

    def compose_input(self) -> ComposeResult:
        self._shown = one_line(self.value)
        yield LineInput(
            self._shown,
            placeholder=self.placeholder(),
            id=input_id(self.field),
            select_on_focus=False,
        )

    def on_mount(self) -> None:  # FieldEditor.on_mount runs too (Textual walks the MRO)
        # Watched, not messaged: the answer is taken inside the keystroke's handler.
        self.watch(self.query_one(Input), "value", self._take, init=False)

    def catch_up(self) -> None:
        self._take(self.query_one(Input).value)

    def _take(self, text: str) -> None:
        raise NotImplementedError


class TextEditor(_OneLineEditor):
    """A `text` field: one line."""

    def _take(self, text: str) -> None:
        if text == self._shown:
            return
        safe = display_line(text)
        self._shown = safe
        if safe != text:
            # Pasted controls or line breaks: keep only what can be shown and saved.
            self.query_one(Input).value = safe  # watched: returns at once, as it is shown
        self.change(safe if safe.strip() else None)
        self.show_problems(problems(self.field, self.value))


class ParagraphView(Static):
    """A paragraph field as it looks before its TextArea is built (the first paint only)."""

    DEFAULT_CSS = """
    ParagraphView {
        min-height: 4;
        max-height: 12;
        padding: 0 1;
        border: tall $border-blurred;
        background: $surface;
    }
    """


class ParagraphEditor(FieldEditor):
    """A `paragraph` field: several lines, in a TextArea (f4: in the auditor's $EDITOR).

    TextArea takes ~13 ms to import. Until it has been, the field shows its text
    in a ParagraphView and builds the TextArea right after the first paint; every
    later paragraph field (and this one, recomposed) builds it straight away.
    """

    BINDINGS = [Binding("f4", "external_editor", "Edit in $EDITOR")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "external_editor":
            area = self._area()
            return area is not None and area.has_focus
        return True

    def action_external_editor(self) -> None:
        """Edit the answer in $EDITOR while the app is suspended; survive an editor that fails."""
        from textual.app import SuspendNotSupported

        from audit_tui.tui.external_editor import Edited, EditorHost, edit_text, file_name

        area = self._area()
        if area is None:
            return
        self.catch_up()
        name = file_name(self.field.id)
        if isinstance(self.app, EditorHost):  # the app: saves first, leaves on a signal
            edited = self.app.edit_externally(area.text, name)
        else:
            try:
                with self.app.suspend():
                    edited = edit_text(area.text, name=name)
            except SuspendNotSupported:
                edited = Edited(problem="this terminal cannot hand itself to an editor")
        if edited.signum is not None:
            return  # the app is leaving, with the answer it had
        if edited.text is None:
            self.notify(
                display_line(edited.problem or "not edited"),
                title="Editor",
                severity="warning",
                markup=False,
            )
            return
        if edited.text != area.text:
            # An edit like a paste: undoable, and taken as the answer at once.
            area.replace(edited.text, (0, 0), area.document.end)
        area.focus()

    def compose_input(self) -> ComposeResult:
        self._shown = shown_text(self.value)
        self._focus_when_built = False
        if AREA_MODULE in sys.modules:
            yield self._new_area()
        else:
            shown = Content(self._shown) if self._shown else Content.styled(self.placeholder, "dim")
            yield ParagraphView(shown)
            self.call_after_refresh(self._build_area)

    @property
    def placeholder(self) -> str:
        return self.field.placeholder

    def _new_area(self) -> Widget:
        from audit_tui.tui.fields.paragraph_area import ParagraphArea

        return ParagraphArea(
            self._shown,
            edited=self._take,
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=self.field.placeholder,
            id=input_id(self.field),
        )

    def _area(self) -> TextArea | None:
        """The TextArea, once built (found by name: looking needs no import of TextArea)."""
        return cast("TextArea | None", next(iter(self.query_children("ParagraphArea")), None))

    async def _build_area(self) -> None:
        view = next(iter(self.query_children(ParagraphView).results(ParagraphView)), None)
        if view is None or not view.is_attached:
            return  # built already, or the app is closing
        area = self._new_area()
        await self.mount(area, before=view)
        await view.remove()
        if self._focus_when_built:
            area.focus()

    def focus_input(self, row: int | None = None) -> None:
        area = self._area()
        if area is None:
            self._focus_when_built = True  # a moment after the first paint
        else:
            area.focus()

    def catch_up(self) -> None:
        area = self._area()
        if area is not None:
            self._take(area.text)

    def _take(self, text: str) -> None:
        if text == self._shown:
            return
        safe = clean_text(text)
        self._shown = safe
        if safe != text:
            # Pasted controls: keep only what can be shown and saved.
            area = self._area()
            assert area is not None
            area.load_text(safe)
        self.change(safe if safe.strip() else None)
        self.show_problems(problems(self.field, self.value))


class ScoreEditor(_OneLineEditor):
    """A `score` field: a whole number in the field's range; anything else is refused.

    Refused text never leaves a prefix of itself behind: typing `11` passes
    through `1`, so while the text is refused the draft holds the answer the
    field had when the auditor came to it, and the problem line says which.
    """

    def placeholder(self) -> str:
        return f"{self.field.min}-{self.field.max}"

    def on_mount(self) -> None:
        self._kept: Any = self.value
        """The answer when the auditor came to the field: what refused text leaves in the draft."""

    def on_descendant_focus(self) -> None:
        if self._refused is None:
            self._kept = self.value

    _refused: str | None = None
    """Why the text shown is refused, or None when it is the answer."""

    def _take(self, text: str) -> None:
        if text == self._shown:
            return
        self._shown = text
        try:
            value = self.field.parse(text)
        except ValueError as exc:
            self._refused = str(exc)
            if self.value != self._kept:
                self.change(self._kept)
            kept = "no answer" if self._kept is None else one_line(self._kept)
            self.show_problems(
                problems(self.field, self.value),
                note=display_line(f"not saved: {exc}; the draft keeps {kept}"),
            )
            return
        self._refused = None
        self.change(value)
        self.show_problems(problems(self.field, self.value))

    def show_value(self, value: Any) -> None:
        self.value = self._kept = value
        self._refused = None
        self._shown = one_line(value)
        self.query_one(Input).value = self._shown  # watched: returns at once, as it is shown
        self.show_problems(problems(self.field, self.value))
