"""The main screen: section list, the current section's form, and the live preview."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, OptionList

from audit_tui.core.checks.check import section_completeness, section_findings
from audit_tui.core.files.session import Session
from audit_tui.core.model.template import Field, Section
from audit_tui.core.render.text import display_line
from audit_tui.tui.fields import FieldEditor
from audit_tui.tui.fields.base import BIG_TABLE, RECHECK_DELAY
from audit_tui.tui.fields.row_form import RowForm
from audit_tui.tui.form import SectionForm, form_id
from audit_tui.tui.preview.preview import Preview
from audit_tui.tui.section_list import SectionList
from audit_tui.tui.status import StatusLine
from audit_tui.tui.textual_patches.first_show import FirstShowKeepsStyles
from audit_tui.tui.verdict_panel import VerdictHint, assess, suggested_about, warning_lines

if TYPE_CHECKING:  # worked out after the first paint
    from audit_tui.core.checks.assessment import Assessment

NARROW = 100
SMALL = 72
"""Below this many columns the section list starts hidden (ctrl+l shows it)."""
UNDO_LEVELS = 50
"""How many removed entries and rows ctrl+z can put back."""


@dataclass(frozen=True)
class Removed:
    """A list entry or table row the auditor removed, and where it was."""

    field: Field
    index: int
    item: Any


CHECKS_DELAY = 0.3
"""Seconds of pause in typing before the suggestion and the warnings are worked out again."""
BIG_CHECKS_DELAY = 1.0
"""The same after a change to a huge table: working them out then takes ~0.2 s at 10,000 rows."""


def field_editor_of(widget: Widget | None) -> FieldEditor | None:
    """The field editor `widget` belongs to, if any."""
    node = widget
    while node is not None and not isinstance(node, FieldEditor):
        parent = node.parent
        node = parent if isinstance(parent, Widget) else None
    return node


def breakpoint_class(width: int) -> str:
    """The class Textual gives the editor screen at `width` (HORIZONTAL_BREAKPOINTS)."""
    return "-wide" if width >= NARROW else "-narrow"


class GoToSection(Provider):
    """Palette commands of the editor: one per section (`Go to: Risk Mitigation Plan`)
    and, when searched, one per field (`Go to: Security Audit Summary › Security Rating`)."""

    def _targets(self, *, fields: bool) -> list[tuple[str, str, str | None]]:
        """(text, section id, field id) of every section (and of every field)."""
        screen = self.screen
        if not isinstance(screen, EditorScreen):
            return []
        targets: list[tuple[str, str, str | None]] = []
        for section in screen.sections:
            targets.append((f"Go to: {section.title}", section.id, None))
            if fields and len(section.fields) > 1:
                for field in section.fields:
                    text = f"Go to: {section.title} › {field.label}"
                    targets.append((text, section.id, field.id))
        return targets

    async def discover(self) -> Hits:
        for text, section_id, field_id in self._targets(fields=False):
            go = partial(self._go_to, section_id, field_id)
            yield DiscoveryHit(Content(text), go, text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, section_id, field_id in self._targets(fields=True):
            score = matcher.match(text)
            if score > 0:
                go = partial(self._go_to, section_id, field_id)
                yield Hit(score, matcher.highlight(text), go, text=text)

    async def _go_to(self, section_id: str, field_id: str | None = None) -> None:
        screen = self.screen
        if isinstance(screen, EditorScreen):
            await screen.show_section(section_id, field_id)


class EditorScreen(FirstShowKeepsStyles, Screen[None]):
    """Walks the auditor through the report one section at a time.

    The app installs two callbacks: `changed`, called whenever the draft changed
    (the app saves once the auditor pauses), and `save_error`, the last save's
    error to show in the status line.
    """

    COMMANDS = {GoToSection}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]
    HELP_TITLE = "the report's sections"

    BINDINGS = [
        Binding("ctrl+n", "next_section", "Next section", priority=True),
        Binding("ctrl+b", "previous_section", "Previous section", priority=True),
        Binding("ctrl+t", "toggle_preview", "Preview", priority=True),
        Binding("ctrl+g", "use_suggestion", "Use suggestion", priority=True),
        Binding("f8", "next_to_do(1)", "Next to do", priority=True),
        Binding("shift+f8", "next_to_do(-1)", "Previous", key_display="⇧f8", priority=True),
        Binding("ctrl+l", "toggle_sections", "Sections", priority=True),
        Binding("f6", "next_pane", "Next pane", show=False, priority=True),
        # Not a priority: in a paragraph, ctrl+z is the text's own undo.
        Binding("ctrl+z", "undo_remove", "Undo remove"),
    ]

    def __init__(
        self,
        session: Session,
        *,
        width: int,
        changed: Callable[[], None],
        save_error: Callable[[], str | None],
        preview: bool = True,
        preview_shown: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__(id="editor")
        self.changed = changed
        self.save_error = save_error
        self.preview_shown = preview_shown
        """Called with whether the preview is shown when ctrl+t changes it on a wide terminal."""
        if not preview and width >= NARROW:
            self.add_class("-preview-toggled", update=False)  # the auditor hid it last time
        # The breakpoint class from the start (`width`: the terminal's): set on the
        # first resize, it would restyle every widget just before the first paint.
        self.add_class(breakpoint_class(width), update=False)
        self.set_class(width < SMALL, "-small", update=False)
        self.session = session
        self.sections = session.template.sections
        self.current: Section = self._first_section()
        self._removed: list[Removed] = []
        self._last_in_form: Widget | None = None
        """The form's widget that had the focus last (f6 and Tab come back to it)."""
        self._recount: Timer | None = None
        self._checks: Timer | None = None
        self.assessment: Assessment | None = None
        # One section change at a time: a form is in the DOM before it is composed, so a
        # second change (an import's reload while the first form is built) would find
        # a form with no fields, or remove the one the first change is about to focus.
        self._showing = asyncio.Lock()

    def _first_section(self) -> Section:
        wanted = self.session.last_section
        for section in self.sections:
            if section.id == wanted:
                return section
        return self.sections[0]

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield SectionList(self.session.template, id="sections")
            with Horizontal(id="work"):
                # The first form is composed with the screen: no second mount before first paint.
                with ContentSwitcher(id="forms", initial=form_id(self.current)):
                    yield SectionForm(self.current, self.session.draft, self.session.template.rules)
                yield Preview(self.session, id="preview")
        yield StatusLine(id="status")
        # The footer's line, filled right after the first paint: Footer shows no keys
        # before the screen's bindings are ready anyway, and building it (~8 ms) would
        # only delay the first paint.
        yield Container(id="keys")

    def help_title(self) -> str:
        """Where the help's keys act: the focused field (and row cell), the section list or
        the preview; the screen's name when nothing has the focus."""
        focused = self.focused
        if focused is None:
            return self.HELP_TITLE
        editor = field_editor_of(focused)
        if editor is not None:
            title = f"the field {display_line(editor.field.label)}"
            for rows in focused.ancestors_with_self:
                if isinstance(rows, RowForm):
                    column = rows.column_of(focused)
                    if column is not None:
                        title += f", a row's {display_line(column.label)}"
                    break
            return title
        if isinstance(focused, SectionList):
            return "the section list"
        if isinstance(focused, Preview):
            return "the preview"
        return self.HELP_TITLE

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < SMALL, "-small")

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # (FirstShowKeepsStyles's handler runs after this one and marks the first showing.)
        if self._shown_before:
            # Back from a dialog or the palette (which may have gone to a field while
            # the form could not be laid out): the focused field in view.
            self.call_after_refresh(self._reveal_focus)

    def _reveal_focus(self) -> None:
        editor = field_editor_of(self.focused)
        if editor is not None and editor.is_attached:
            self.form().reveal(editor)

    async def on_mount(self) -> None:
        self.show_status(self.save_error())
        self.refresh_completeness()
        await self.show_section(self.current.id)
        # After the first paint: the suggestion reads the whole draft.
        self.call_after_refresh(self.refresh_checks)
        self.call_after_refresh(self._mount_footer)

    async def _mount_footer(self) -> None:
        from audit_tui.tui.keybar import KeyBar

        keys = self.get_child_by_id("keys", Container)
        if keys.is_attached and not keys.children:  # not when the app is already closing
            await keys.mount(KeyBar())

    # -- navigation -------------------------------------------------------
    async def show_section(
        self, section_id: str, field_id: str | None = None, row: int | None = None
    ) -> None:
        """Show a section's form (building it the first time) and focus a field."""
        async with self._showing:
            await self._show_section(section_id, field_id, row)

    async def _show_section(
        self, section_id: str, field_id: str | None = None, row: int | None = None
    ) -> None:
        section = self.session.template.section(section_id)
        switcher = self.query_one("#forms", ContentSwitcher)
        existing = switcher.query(f"#{form_id(section)}").results(SectionForm)
        form = next(iter(existing), None)
        if form is None:
            form = SectionForm(section, self.session.draft, self.session.template.rules)
            await switcher.mount(form)
            self._show_checks(form)
        switcher.current = form.id
        self.current = section
        self.query_one(SectionList).select_section(section.id)
        self.query_one(Preview).show(section.id)
        opening_default = self.session.last_section is None and section is self.sections[0]
        if self.session.last_section != section.id and not opening_default:
            # Where the auditor is counts as a change, so a resumed draft opens here.
            self.session.visit(section)
            self.changed()
        self.refresh_bindings()  # ctrl+g shows only where there is a suggestion
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

    async def action_next_to_do(self, step: int) -> None:
        """Go to the next (`step` 1) or previous (-1) unanswered or invalid field."""
        from audit_tui.tui.todo import Stop, next_stop, stops

        self.flush_edits()
        template = self.session.template
        section = self.sections.index(self.current)
        editor = field_editor_of(self.focused)
        if editor is not None and editor.field in self.current.fields:
            field = self.current.fields.index(editor.field)
            here = Stop(section, field, editor.current_row())
        else:
            here = Stop(section, -1, None)
        found = next_stop(stops(template, self.session.draft), here, step)
        if found is None:
            self.notify("Every answer is given and valid.", timeout=3, markup=False)
            return
        target = self.sections[found.section]
        await self.show_section(target.id, target.fields[found.field].id, found.row)

    def action_toggle_sections(self) -> None:
        """Show or hide the list of sections (hidden at first on small terminals)."""
        self.toggle_class("-sections-toggled")
        self.query_one(Preview).refollow()
        self.call_after_refresh(self._refocus_if_hidden)

    def action_toggle_preview(self) -> None:
        self.toggle_class("-preview-toggled")
        self.query_one(Preview).refollow()
        if self.has_class("-wide") and self.preview_shown is not None:
            self.preview_shown(not self.has_class("-preview-toggled"))
        self.call_after_refresh(self._refocus_if_hidden)

    def _refocus_if_hidden(self) -> None:
        """A pane hidden while it had the focus hands it back to the form, where it was."""
        if self.focused is None or self.focused not in self.focus_chain:
            form = self._form_chain()
            if form:
                self.set_focus(self._form_entry(form))

    # -- focus: tab in the form, f6 between the panes --------------------------
    # The section list and the preview show or hide with the terminal's size, so Tab
    # never leaves the form for them: the same keys do the same at every size.
    def focus_next(self, selector: str | type[Any] = "*") -> Widget | None:
        return self._tab(1) or super().focus_next(selector)

    def focus_previous(self, selector: str | type[Any] = "*") -> Widget | None:
        return self._tab(-1) or super().focus_previous(selector)

    def _form_chain(self) -> list[Widget]:
        forms = self.query_one("#forms")
        return [w for w in self.focus_chain if forms in w.ancestors]

    def _tab(self, direction: int) -> Widget | None:
        """Move among the current form's widgets, round from the last to the first; from
        the section list or the preview, back into the form."""
        chain = self._form_chain()
        if not chain:
            return None
        focused = self.focused
        if focused in chain:
            target = chain[(chain.index(focused) + direction) % len(chain)]
        else:
            target = self._form_entry(chain)
        self.set_focus(target)
        return target

    def _form_entry(self, chain: list[Widget]) -> Widget:
        """Where the focus goes back into the form: where it was last, else its first widget."""
        last = self._last_in_form
        return last if last in chain else chain[0]

    def action_next_pane(self) -> None:
        """The next pane shown: the section list, the form, the preview."""
        panes: list[Widget | None] = [self.query_one(SectionList), None, self.query_one(Preview)]
        chain = self.focus_chain
        shown = [p for p in panes if p is None or p in chain]
        focused = self.focused
        now = next((p for p in shown if p is not None and p is focused), None)
        target = shown[(shown.index(now) + 1) % len(shown)]
        if target is None:
            form = self._form_chain()
            if form:
                self.set_focus(self._form_entry(form))
        else:
            self.set_focus(target)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The preview follows the field that has the focus."""
        editor = field_editor_of(event.widget)
        if editor is not None:
            self._last_in_form = event.widget
            self.query_one(Preview).follow(editor.field, editor.current_row())

    @on(OptionList.OptionSelected, "#sections")
    async def section_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            await self.show_section(event.option.id)

    def on_table_editor_moved(self, event: Message) -> None:
        """The table's cursor moved: the preview shows that row (TableEditor.Moved)."""
        editor = getattr(event, "editor", None)
        if isinstance(editor, FieldEditor):
            self.query_one(Preview).follow(editor.field, getattr(event, "row", None))

    # -- undoing removals -------------------------------------------------
    def keep_removed(self, editor: FieldEditor, index: int, item: Any) -> None:
        """Keep a removed list entry or table row, for ctrl+z to put back where it was."""
        self._removed.append(Removed(editor.field, index, item))
        del self._removed[:-UNDO_LEVELS]
        self.refresh_bindings()  # the footer shows ctrl+z now
        what = "row" if editor.field.kind == "table" else "entry"
        self.notify(
            f"Removed {what} {index + 1} of {editor.field.label}: ctrl+z puts it back.",
            timeout=4,
            markup=False,
        )

    async def action_undo_remove(self) -> None:
        """Put back the last removed entry or row, in its place (several levels)."""
        if not self._removed:
            return
        removed = self._removed.pop()
        self.refresh_bindings()
        section_id = removed.field.path[0]
        if self.current.id != section_id:
            await self.show_section(section_id, removed.field.id)
        self.form().editor(removed.field.id).put_back(removed.index, removed.item)

    # -- answers ----------------------------------------------------------
    def take_answer(self, event: FieldEditor.Changed) -> None:
        """An answer was typed: store it, and show it in the preview in the same frame."""
        self.session.set(event.field, event.value)
        section = self.session.template.section(event.field.path[0])
        preview = self.query_one(Preview)
        preview.changed(section, event.row)
        preview.follow(event.field, event.row, end=True)
        self.changed()
        if isinstance(event.value, list) and len(event.value) > BIG_TABLE:
            # Counting a huge table's cells waits for a pause in typing.
            if self._recount is not None:
                self._recount.stop()
            self._recount = self.set_timer(RECHECK_DELAY, partial(self._recount_now, section))
            self.schedule_checks(BIG_CHECKS_DELAY)
        else:
            self.refresh_completeness(section)
            self.schedule_checks()

    def _recount_now(self, section: Section) -> None:
        self._recount = None
        self.refresh_completeness(section)

    # -- suggestion and consistency warnings --------------------------------
    def schedule_checks(self, delay: float = CHECKS_DELAY) -> None:
        """Work out the suggestion and the warnings again once the auditor pauses."""
        if self.session.template.rules is None:
            return
        if self._checks is not None:
            self._checks.stop()
        self._checks = self.set_timer(delay, self.refresh_checks)

    def refresh_checks(self) -> None:
        """Work out the suggestion and the warnings now, and show them on every built form."""
        if self._checks is not None:
            self._checks.stop()
            self._checks = None
        self.assessment = assess(self.session.template, self.session.draft)
        self._show_checks(self)

    def _show_checks(self, root: Widget) -> None:
        assessment = self.assessment
        if assessment is None:
            return
        for hint in root.query(VerdictHint).results(VerdictHint):
            hint.show(assessment.verdict)
        for editor in root.query(FieldEditor).results(FieldEditor):
            editor.show_warnings(warning_lines(assessment, editor.field))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_remove":
            return bool(self._removed)
        if action == "use_suggestion":
            rules = self.session.template.rules
            return rules is not None and any(suggested_about(rules, f) for f in self.current.fields)
        return True

    async def action_use_suggestion(self) -> None:
        """Copy the suggestion into the focused field (elsewhere in the section: both fields)."""
        rules = self.session.template.rules
        if rules is None:
            return
        form = self.form()
        editors = [
            e
            for e in form.query(FieldEditor).results(FieldEditor)
            if suggested_about(rules, e.field)
        ]
        focused = [e for e in editors if self.focused is not None and self._within(e)]
        self.refresh_checks()
        assert self.assessment is not None
        verdict = self.assessment.verdict
        used: list[str] = []
        for editor in focused or editors:
            about = suggested_about(rules, editor.field)
            value = verdict.health if about == "health" else verdict.recommendation
            if value is None:
                self.notify(
                    f"No suggestion for {editor.field.label} yet: see the reasons below it.",
                    severity="warning",
                    markup=False,
                )
                continue
            self.session.set(editor.field, value)
            editor.show_value(value)
            used.append(f"{editor.field.label}: {value}")
        if not used:
            return
        self.query_one(Preview).changed(self.current, None)
        self.refresh_completeness(self.current)
        self.changed()
        self.refresh_checks()
        self.notify("Used the suggestion: " + "; ".join(used), markup=False)

    def _within(self, editor: FieldEditor) -> bool:
        node = self.focused
        while node is not None:
            if node is editor:
                return True
            node = node.parent  # type: ignore[assignment]
        return False

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
        async with self._showing:
            switcher = self.query_one("#forms", ContentSwitcher)
            await switcher.remove_children()
            self.refresh_completeness()
            self.query_one(Preview).render_all()
            await self._show_section(self.current.id)
        self.refresh_checks()

    async def reload_sections(self, sections: list[Section]) -> None:
        """Show `sections` afresh (an import changed their answers); the others, their
        forms and their preview blocks are left as they are."""
        async with self._showing:
            switcher = self.query_one("#forms", ContentSwitcher)
            for section in sections:
                for form in switcher.query(f"#{form_id(section)}").results(SectionForm):
                    await form.remove()  # built again when next shown
            preview = self.query_one(Preview)
            for section in sections:
                self.refresh_completeness(section)
                preview.changed(section)
            if self.current in sections:
                await self._show_section(self.current.id)
            else:
                preview.refollow()  # the sections above may have grown
        self.refresh_checks()

    def show_status(self, error: str | None) -> None:
        try:
            # A child of the screen, found by id without walking the DOM (once per key).
            status = self.get_child_by_id("status", StatusLine)
        except NoMatches:
            return  # not composed yet: on_mount shows it
        status.show(
            str(self.session.path),
            dirty=self.session.dirty,
            exists=self.session.exists,
            error=error,
        )
