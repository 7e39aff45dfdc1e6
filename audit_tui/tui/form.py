"""One section's form: its heading and an editor per field, built from the template."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.rules import Rules
from audit_tui.core.model.template import Section
from audit_tui.tui.fields import FieldEditor, editor_for, editor_id
from audit_tui.tui.verdict_panel import VerdictHint, suggested_about


def form_id(section: Section) -> str:
    return f"form-{section.id}"


def section_label(section: Section) -> str:
    """How the app names a section: its numbered heading, or its part's."""
    return section.heading or section.part


class SectionForm(VerticalScroll, can_focus=False):
    """The editors of one section, in template order; a suggested field has its hint below."""

    def __init__(self, section: Section, draft: Draft, rules: Rules | None = None) -> None:
        super().__init__(id=form_id(section), classes="section-form")
        self.section = section
        self.draft = draft
        self.rules = rules
        self._to_reveal: FieldEditor | None = None
        """The editor to scroll to once the form is laid out."""

    def compose(self) -> ComposeResult:
        yield Static(Content(section_label(self.section)), classes="form-title")
        for field in self.section.fields:
            editor = editor_for(field, self.draft.get(field))
            about = suggested_about(self.rules, field) if self.rules else None
            if about is None:
                yield editor
            else:
                editor.add_class("-suggested")
                yield editor
                yield VerdictHint(field, about)

    def editor(self, field_id: str) -> FieldEditor:
        field = self.section.field(field_id)
        return self.query_one(f"#{editor_id(field)}", FieldEditor)

    def focus_field(self, field_id: str | None = None, row: int | None = None) -> None:
        """Focus a field's input (the first field's when none is named)."""
        target = field_id or self.section.fields[0].id
        editor = self.editor(target)
        editor.focus_input(row)
        # Once laid out (a form just built has no layout yet): the field in view.
        self.call_after_refresh(self.reveal, editor)

    def reveal(self, editor: FieldEditor) -> None:
        """Scroll so that `editor` shows, its label and the focused widget at least.

        A form not laid out yet (just built, or shown while a dialog or the palette was
        on top) does it when its layout arrives (`on_resize`), not on some later frame.
        """
        if not editor.is_attached:
            return
        if not self.size.area or not editor.virtual_region.area:
            self._to_reveal = editor
            return
        self._to_reveal = None
        self.scroll_to_widget(editor, animate=False, immediate=True)
        focused = self.screen.focused
        if focused is not None and editor in focused.ancestors:
            self.scroll_to_widget(focused, animate=False, immediate=True)

    def on_resize(self) -> None:
        # Laid out (Textual sends Resize to a widget laid out anew or shown again).
        editor, self._to_reveal = self._to_reveal, None
        if editor is not None:
            self.reveal(editor)
