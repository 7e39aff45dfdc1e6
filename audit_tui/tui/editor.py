"""The main screen: section list, the current section's form, and the live preview."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, OptionList

from audit_tui.core.check import section_completeness, section_findings
from audit_tui.core.session import Session
from audit_tui.core.template import Section
from audit_tui.tui.fields import FieldEditor
from audit_tui.tui.fields.table import BIG_TABLE, RECHECK_DELAY
from audit_tui.tui.form import SectionForm, form_id
from audit_tui.tui.preview import Preview
from audit_tui.tui.section_list import SectionList
from audit_tui.tui.status import StatusLine

if TYPE_CHECKING:
    from audit_tui.tui.app import AuditApp

NARROW = 100


class EditorScreen(Screen[None]):
    """Walks the auditor through the report one section at a time."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]

    BINDINGS = [
        Binding("ctrl+n", "next_section", "Next section", priority=True),
        Binding("ctrl+b", "previous_section", "Previous section", priority=True),
        Binding("ctrl+t", "toggle_preview", "Preview", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(id="editor")
        self.session = session
        self.sections = session.template.sections
        self.current: Section = self._first_section()
        self._recount: Timer | None = None

    def _first_section(self) -> Section:
        wanted = self.session.last_section
        for section in self.sections:
            if section.id == wanted:
                return section
        return self.sections[0]

    @property
    def audit_app(self) -> AuditApp:
        return cast("AuditApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield SectionList(self.session.template, id="sections")
            with Horizontal(id="work"):
                # The first form is composed with the screen: no second mount before first paint.
                with ContentSwitcher(id="forms", initial=form_id(self.current)):
                    yield SectionForm(self.current, self.session.draft)
                yield Preview(self.session, id="preview")
        yield StatusLine(id="status")
        yield Footer()

    async def on_mount(self) -> None:
        self.show_status(self.audit_app.save_error)
        self.refresh_completeness()
        await self.show_section(self.current.id)

    # -- navigation -------------------------------------------------------
    async def show_section(
        self, section_id: str, field_id: str | None = None, row: int | None = None
    ) -> None:
        """Show a section's form (building it the first time) and focus a field."""
        section = self.session.template.section(section_id)
        switcher = self.query_one("#forms", ContentSwitcher)
        existing = switcher.query(f"#{form_id(section)}").results(SectionForm)
        form = next(iter(existing), None)
        if form is None:
            form = SectionForm(section, self.session.draft)
            await switcher.mount(form)
        switcher.current = form.id
        self.current = section
        self.query_one(SectionList).select_section(section.id)
        self.query_one(Preview).show(section.id)
        opening_default = self.session.last_section is None and section is self.sections[0]
        if self.session.last_section != section.id and not opening_default:
            # Where the auditor is counts as a change, so a resumed draft opens here.
            self.session.visit(section)
            self.audit_app.answers_changed()
        form.focus_field(field_id, row)

    def form(self) -> SectionForm:
        return self.query_one(f"#{form_id(self.current)}", SectionForm)

    async def action_next_section(self) -> None:
        index = self.sections.index(self.current)
        if index + 1 < len(self.sections):
            await self.show_section(self.sections[index + 1].id)

    async def action_previous_section(self) -> None:
        index = self.sections.index(self.current)
        if index > 0:
            await self.show_section(self.sections[index - 1].id)

    def action_toggle_preview(self) -> None:
        self.toggle_class("-preview-toggled")

    @on(OptionList.OptionSelected, "#sections")
    async def section_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            await self.show_section(event.option.id)

    # -- answers ----------------------------------------------------------
    @on(FieldEditor.Changed)
    def answer_changed(self, event: FieldEditor.Changed) -> None:
        event.stop()
        self.session.set(event.field, event.value)
        section = self.session.template.section(event.field.path[0])
        self.query_one(Preview).changed(section, event.row)
        self.audit_app.answers_changed()
        if isinstance(event.value, list) and len(event.value) > BIG_TABLE:
            # Counting a huge table's cells waits for a pause in typing.
            if self._recount is not None:
                self._recount.stop()
            self._recount = self.set_timer(RECHECK_DELAY, partial(self._recount_now, section))
        else:
            self.refresh_completeness(section)

    def _recount_now(self, section: Section) -> None:
        self._recount = None
        self.refresh_completeness(section)

    def flush_edits(self) -> None:
        """Take in every edit still on its way from a widget (before saving to leave)."""
        for editor in self.query(FieldEditor).results(FieldEditor):
            editor.catch_up()
            if editor.value != self.session.draft.get(editor.field):
                self.session.set(editor.field, editor.value)

    def refresh_completeness(self, section: Section | None = None) -> None:
        """Update the section list's counts and marks (of one section, or all)."""
        section_list = self.query_one(SectionList)
        for each in [section] if section else self.sections:
            found = section_findings(each, self.session.draft)
            section_list.show_completeness(section_completeness(each, self.session.draft, found))

    async def reload(self) -> None:
        """Show the session's draft afresh (after it was reloaded from disk)."""
        switcher = self.query_one("#forms", ContentSwitcher)
        await switcher.remove_children()
        self.refresh_completeness()
        self.query_one(Preview).render_all()
        await self.show_section(self.current.id)

    def show_status(self, error: str | None) -> None:
        status = self.query(StatusLine)
        if not status:
            return  # not composed yet: on_mount shows it
        status.first().show(
            str(self.session.path),
            dirty=self.session.dirty,
            exists=self.session.exists,
            error=error,
        )
