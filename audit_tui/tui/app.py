"""The app: owns the session (template, draft, path, saved state) and every way of saving it.

Answers are saved about a second after the last change, on ctrl+s, before
quitting, and on SIGTERM or SIGHUP. A save never overwrites a file that changed
on disk since it was loaded or saved: the auditor is asked instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from audit_tui.core.files.lock import DraftLock, LockError, remove_temp_files
from audit_tui.core.files.session import Conflict, Session
from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.template import Template
from audit_tui.core.render.formats import formats_in_words
from audit_tui.core.render.text import display_line
from audit_tui.tui.editor import EditorScreen
from audit_tui.tui.key_order import KeyOrderedApp
from audit_tui.tui.textual_patches.batch_end import wake_screens
from audit_tui.tui.textual_patches.escape_key import read_escape_then_key
from audit_tui.tui.textual_patches.hang_up import (
    make_input_hang_up,
    make_output_forgiving,
    resume_only_after_a_stop,
    unread_input,
)
from audit_tui.tui.textual_patches.lenient_input import make_input_lenient
from audit_tui.tui.textual_patches.styles_cache import cache_colours_not_widgets

# The dialogs, the review and the importers are imported when first used, not on
# the way to the first paint.
if TYPE_CHECKING:
    from audit_tui.core.files.history import Version
    from audit_tui.core.files.settings import Settings
    from audit_tui.core.importing.plan import ImportPlan
    from audit_tui.core.render.formats import ExportFormat
    from audit_tui.tui.dialogs.conflict import ConflictChoice
    from audit_tui.tui.dialogs.import_dialog import ImportKind
    from audit_tui.tui.dialogs.review import ReviewItem
    from audit_tui.tui.dialogs.unreadable import NextStep, UnreadableDraftScreen
    from audit_tui.tui.external_editor import Edited

# Widgets that leave the screen are freed with their drawn lines (Textualize/textual#6665).
cache_colours_not_widgets()

AUTOSAVE_DELAY = 1.0
DIALOG_ACTIONS = ("save_as", "export", "review")
"""The app's keys that open a dialog: only from the editor (a second one would clash)."""
EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
KEYS_BEFORE_LEAVING = 1.0
"""Seconds a signal waits for the keys already typed to be handled, before saving."""
LEAVE_WITHIN = 1.8
"""Seconds after a signal by which the process has ended, whatever is stuck."""


class _NoTerminal(Exception):
    """The terminal closed while f4's editor ran: the app does not come back to it."""

    def __init__(self, edited: Edited) -> None:
        super().__init__()
        self.edited = edited


class AuditApp(KeyOrderedApp[int]):
    """Write the audit report; `session` holds everything the auditor typed."""

    CSS_PATH = "app.tcss"
    TITLE = "audit-tui"
    # Each screen is `-short` on a terminal of 24 lines or fewer: dialogs drop their margins.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (25, "-tall")]
    # and `-thin` below 80 columns: a dialog's buttons go two to a row (the editor has its own).
    HORIZONTAL_BREAKPOINTS = [(0, "-thin"), (80, "-broad")]

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+f", "export", "Export", priority=True),
        Binding("ctrl+r", "review", "Review", priority=True),
        Binding("ctrl+o", "save_as", "Save as", show=False, priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # Not a priority: typed into a text box, `?` is a question mark (f1 works there).
        Binding("question_mark,f1", "help", "Keys"),
    ]

    def __init__(
        self, template: Template, draft_path: str | Path, *, autosave_delay: float = AUTOSAVE_DELAY
    ) -> None:
        super().__init__()
        self.template = template
        self.draft_path = Path(draft_path)
        self.autosave_delay = autosave_delay
        self.session: Session | None = None
        self.lock: DraftLock | None = None
        self.save_error: str | None = None
        self._autosave: Timer | None = None
        self._asking = False
        self._quitting = False
        self._signals: list[signal.Signals] = []
        self._leaving: int | None = None
        self._watchdog_armed = False
        self._saving_for_exit = threading.Lock()
        self._ended: threading.Event | None = None
        """Set when `run_app` returns; the signal's watchdog waits for it (real runs only)."""
        self._problem: UnreadableDraftScreen | None = None
        self._leave_unsaved = False
        self._settings_problem: str | None = None
        self._load_settings()

    def _end_batch(self) -> None:
        # Textual prompts only the app when a batch ends (textual_patches/batch_end.py).
        super()._end_batch()
        if not self._batch_count:
            wake_screens(self)

    # -- opening ----------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        # The editor is the first screen when the draft opens: one screen to build and paint.
        opened = self._open(self.draft_path)
        if not isinstance(opened, Session):
            self._problem = opened  # shown once the app is mounted
            return Screen()
        return self._editor_for(opened)

    # -- settings ---------------------------------------------------------
    def _load_settings(self) -> None:
        from audit_tui.core.files.settings import Settings, SettingsProblem, load_settings

        try:
            self.settings = load_settings()
        except SettingsProblem as exc:
            self.settings = Settings()
            self._settings_problem = str(exc)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    def _theme_chosen(self, theme: str) -> None:
        if theme != self.settings.theme:
            self._save_settings(self.settings.with_theme(theme))

    def _preview_chosen(self, shown: bool) -> None:
        if shown != self.settings.preview:
            self._save_settings(self.settings.with_preview(shown))

    def _save_settings(self, settings: Settings) -> None:
        """Keep `settings` for the next start (not when the file there could not be read)."""
        from audit_tui.core.files.settings import save_settings

        self.settings = settings
        if self._settings_problem is not None:
            return  # the auditor's file is left as it is
        try:
            save_settings(settings)
        except DraftError as exc:
            self.notify(
                display_line(str(exc)), title="Settings not saved", severity="warning", markup=False
            )

    def on_mount(self) -> None:
        if self._settings_problem is not None:
            self.notify(
                f"{display_line(self._settings_problem)}\nThe defaults are used; the file is "
                "left as it is.",
                title="Settings not read",
                severity="warning",
                markup=False,
            )
        self.watch(self, "theme", self._theme_chosen, init=False)
        self._install_signal_handlers()
        self.call_after_refresh(self._collect_from_now)
        if self._problem is not None:
            self.push_screen(self._problem, self._next_step)

    @staticmethod
    def _collect_from_now() -> None:
        """After the first paint: the collector runs again (see prepare_process)."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def open_draft(self, path: Path, *, anyway: bool = False) -> None:
        """Open the draft at `path`, or explain why it cannot be opened."""
        opened = self._open(path, anyway=anyway)
        if not isinstance(opened, Session):
            self.push_screen(opened, self._next_step)
        else:
            self.push_screen(self._editor_for(opened))

    def _editor_for(self, session: Session) -> EditorScreen:
        return EditorScreen(
            session,
            width=self.size.width,
            changed=self.answers_changed,
            save_error=lambda: self.save_error,
            preview=self.settings.preview,
            preview_shown=self._preview_chosen,
        )

    def _open(self, path: Path, *, anyway: bool = False) -> Session | UnreadableDraftScreen:
        """The session of the draft at `path`, or the screen that says why it cannot be had."""
        lock = DraftLock(path)
        read_only: str | None = None
        try:
            owner = lock.acquire(force=anyway)
        except LockError as exc:
            if not exc.no_space:
                from audit_tui.tui.dialogs.unreadable import UnreadableDraftScreen

                return UnreadableDraftScreen(str(path), str(exc))
            owner = None
            read_only = f"{exc}; the draft opens read-only (free some space, then open it again)"
        if owner is not None:
            from audit_tui.tui.dialogs.unreadable import UnreadableDraftScreen

            message = f"{path} is open in another copy of audit-tui: {owner.describe()}."
            return UnreadableDraftScreen(str(path), message, locked=True)
        try:
            session = Session.open(self.template, path)
        except DraftError as exc:
            from audit_tui.tui.dialogs.unreadable import UnreadableDraftScreen

            lock.release()
            return UnreadableDraftScreen(str(path), str(exc))
        if read_only is None:
            remove_temp_files(path)  # what killed saves left; safe while we hold the lock
        else:
            session.read_only = read_only
            self.save_error = read_only
            self.call_later(self._say_read_only, read_only)
        self.release_lock()
        self.lock, self.session = lock, session
        return session

    def _say_read_only(self, message: str) -> None:
        self.notify(
            display_line(message),
            title="Opened read-only",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def _next_step(self, step: NextStep | None) -> None:
        if step is None or step.action == "quit":
            self.exit(0)
        else:
            self.open_draft(Path(step.path), anyway=step.action == "anyway")

    def release_lock(self) -> None:
        """Let other copies of the app open the draft again."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    @property
    def editor(self) -> EditorScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen):
                return screen
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.session is not None  # nothing to act on before a draft is open
        if action in DIALOG_ACTIONS:
            return self._over_the_editor(self.screen)
        return True

    def _over_the_editor(self, screen: Screen[Any]) -> bool:
        """Whether a dialog may open over `screen`: only over the editor, never over a dialog."""
        return self.session is not None and screen is self.editor

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Show `screen`; one that is open already is not opened twice (its id would clash)."""
        if isinstance(screen, Screen) and screen.id is not None:
            if any(shown.id == screen.id for shown in self.screen_stack):
                shown_already: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                shown_already.set_result(None)
                return shown_already
        return super().push_screen(screen, *args, **kwargs)

    # -- changes and autosave --------------------------------------------
    def answers_changed(self) -> None:
        """The draft changed: save it once the auditor pauses."""
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(self.autosave_delay, self._autosave_now, name="autosave")
        self.show_status()

    def _autosave_now(self) -> None:
        self._autosave = None
        if self.session is not None and self.session.dirty and not self._asking:
            self.save()

    def show_status(self) -> None:
        editor = self.editor
        if editor is not None:
            editor.show_status(self.save_error)

    # -- saving -----------------------------------------------------------
    def save(self, *, overwrite: bool = False) -> bool:
        """Save now; on a conflict ask what to do, on an error say so. True when saved."""
        session = self.session
        if session is None:
            return False
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        try:
            session.save(overwrite=overwrite)
        except Conflict:
            self._ask_about_conflict()
            return False
        except DraftError as exc:
            self._save_failed(str(exc))
            return False
        self.save_error = None
        self.show_status()
        self._say_comments_dropped()
        return True

    def _say_comments_dropped(self) -> None:
        """Once per draft: the comments of the file went into its history, not the save."""
        session = self.session
        if session is None or not session.comments_dropped:
            return
        session.comments_dropped = False
        self.notify(
            f"The comments in {display_line(str(session.path))} are not kept by a save. "
            "The version with them is in its history (palette: Restore an earlier version…).",
            title="Comments",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def _save_failed(self, message: str) -> None:
        session = self.session
        if session is not None and session.read_only is not None and self.save_error == message:
            self.show_status()  # said when opened and shown in the status line: not again
            return
        self.save_error = message
        self.show_status()
        self.notify(
            f"{display_line(message)}\nYour answers are still here: ctrl+o saves them elsewhere.",
            title="Not saved",
            severity="error",
            timeout=10,
            markup=False,
        )

    def action_save(self) -> None:
        if self.save():
            self.notify("Saved.", timeout=2, markup=False)

    def _ask_about_conflict(self) -> None:
        if self._asking or self.session is None:
            return
        self._asking = True
        from audit_tui.tui.dialogs.conflict import ConflictDialog, compare_with_disk

        session = self.session
        differences = compare_with_disk(session.template, session.draft, Path(session.path))
        self.push_screen(ConflictDialog(str(session.path), differences), self._conflict_answered)

    async def _conflict_answered(self, choice: ConflictChoice | None) -> None:
        # While the auditor names a file to save as, an autosave must not ask again.
        self._asking = choice == "save_as"
        session = self.session
        if session is None:
            return
        if choice == "overwrite":
            if self.save(overwrite=True) and self._quitting:
                self.exit(0)
        elif choice == "reload":
            try:
                session.reload()
            except DraftError as exc:
                self.notify(
                    display_line(str(exc)), title="Cannot reload", severity="error", markup=False
                )
                return
            self.save_error = None
            editor = self.editor
            if editor is not None:
                await editor.reload()
            self.show_status()
            self.notify("Reloaded the draft from disk.", markup=False)
            if self._quitting:
                self.exit(0)
        elif choice == "save_as":
            self.action_save_as()
        else:
            self._quitting = False

    def action_save_as(self) -> None:
        if self.session is None:
            return
        from audit_tui.tui.dialogs.path_prompt import PathPrompt, suggest

        self.push_screen(
            PathPrompt("Save the draft as", suggest(str(self.session.path))), self._save_as
        )

    def _save_as(self, path: str | None) -> None:
        self._asking = False
        session = self.session
        if path is None or session is None:
            self._quitting = False
            return
        lock = DraftLock(path)
        if lock.acquire() is not None:
            self._save_failed(f"{path}: is open in another copy of audit-tui")
            return
        try:
            session.save_as(path)
        except DraftError as exc:
            lock.release()
            self._save_failed(str(exc))
            return
        self.release_lock()
        self.lock = lock
        self.save_error = None
        self.show_status()
        self.notify(f"Saved as {display_line(path)}", markup=False)
        if self._quitting:
            self.exit(0)

    # -- export, review, navigation ---------------------------------------
    def action_export(self) -> None:
        from audit_tui.tui.dialogs.export_dialog import ExportDialog

        if self.session is None or isinstance(self.screen, ExportDialog):
            return
        self.push_screen(ExportDialog(self.session.path), self._export)

    def _export(
        self, chosen: ExportFormat | None, *, force: bool = False, made: bytes | None = None
    ) -> None:
        """Export as `chosen` (`made`: its bytes, made already, as the PDF's are)."""
        if self.session is None or chosen is None:
            return
        from audit_tui.core.files.export_target import UserFile
        from audit_tui.core.render.formats import PDF

        if chosen is PDF and made is None:
            self._export_pdf()
            return
        try:
            if made is not None:
                out = self.session.write_export(chosen, made, force=force)
            else:
                out = self.session.export(chosen, force=force)
        except UserFile as exc:
            from audit_tui.tui.dialogs.confirm import ConfirmDialog

            self.push_screen(
                ConfirmDialog("Replace this file?", f"{exc}.", "Replace it"),
                lambda yes: self._export(chosen, force=True, made=made) if yes else None,
            )
            return
        except DraftError as exc:
            self.notify(
                display_line(str(exc)), title="Not exported", severity="error", markup=False
            )
            return
        self.notify(f"Exported the report to {display_line(str(out))}", markup=False)
        from audit_tui.core.render.formats import export_warning

        warning = export_warning(self.session.template, self.session.draft)
        if warning:
            self.notify(
                display_line(warning), title="Not finished", severity="warning", markup=False
            )

    def _export_pdf(self) -> None:
        """Lay the PDF out in a process of its own (escape stops it), then write it."""
        session = self.session
        if session is None:
            return
        from audit_tui.core.render.formats import PDF, check_target
        from audit_tui.core.render.html import export_html
        from audit_tui.tui.dialogs.pdf_progress import PdfProgress

        target = PDF.path(session.path)
        try:
            check_target(target, session.path)  # refused before the seconds of layout
        except DraftError as exc:
            self.notify(
                display_line(str(exc)), title="Not exported", severity="error", markup=False
            )
            return
        page = export_html(session.template, session.draft)
        self.push_screen(
            PdfProgress(page, target), lambda made: self._export(PDF, made=made) if made else None
        )

    def action_review(self) -> None:
        if self.session is None or self.editor is None:
            return
        from audit_tui.core.checks.check import check_draft
        from audit_tui.tui.dialogs.review import ReviewScreen

        report = check_draft(self.session.template, self.session.draft)
        self.editor.refresh_checks()
        assessment = self.editor.assessment
        self.push_screen(ReviewScreen(self.session.template, report, assessment), self._reviewed)

    async def _reviewed(self, item: ReviewItem | None) -> None:
        editor = self.editor
        if item is None or editor is None:
            return
        from audit_tui.core.checks.consistency import Inconsistency
        from audit_tui.tui.dialogs.review import field_key, row_in

        if isinstance(item, Inconsistency):
            field = self.template.field(item.fields[0])
            await editor.show_section(field.path[0], field.id, row_in(item.paths[0]))
            return
        if item.section is None:
            return
        section = self.template.section(item.section)
        key = field_key(item)
        field_id = next((f.id for f in section.fields if f.key == key), None)
        await editor.show_section(section.id, field_id, row_in(item.path))

    # -- history ----------------------------------------------------------
    async def restore_version(self) -> None:
        """Ask which kept version to put back (what is on screen is saved first)."""
        session = self.session
        if session is None:
            return
        await self.flush_edits()
        if session.dirty and not self.save():
            return  # the conflict or the error is being shown
        from audit_tui.core.files.history import versions
        from audit_tui.tui.dialogs.restore import RestoreDialog

        try:
            kept = versions(session.path)
        except DraftError as exc:
            self.notify(display_line(str(exc)), title="No history", severity="error", markup=False)
            return
        self.push_screen(RestoreDialog(session.template, session.raw, kept), self._restore)

    async def _restore(self, version: Version | None) -> None:
        session, editor = self.session, self.editor
        if version is None or session is None:
            return
        try:
            session.restore(version)
        except Conflict:
            self._ask_about_conflict()
            return
        except DraftError as exc:
            self.notify(
                display_line(str(exc)), title="Not restored", severity="error", markup=False
            )
            return
        if editor is not None:
            await editor.reload()
        self.show_status()
        self.notify(
            f"Restored version {version.number}; the draft it replaced is now version 1.",
            markup=False,
        )

    def action_help(self) -> None:
        """Show every key of the screen and of the focused widget (or close that list)."""
        from audit_tui.tui.dialogs.help import HelpScreen
        from audit_tui.tui.keybar import keys_of

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss(None)
            return
        # Named for where the focus is, when the screen can tell (the editor's fields).
        place = getattr(screen, "help_title", None)
        title = place() if callable(place) else getattr(screen, "HELP_TITLE", "this screen")
        self.push_screen(HelpScreen(keys_of(screen), title))

    # -- imports ----------------------------------------------------------
    def start_import(self, kind: ImportKind) -> None:
        """Ask for the file to import, then show what it would add."""
        if self.session is None:
            return
        from audit_tui.tui.dialogs.path_prompt import PathPrompt

        prompt = PathPrompt(
            f"{kind.command.rstrip('…')}: which file?", existing=True, placeholder=kind.example
        )
        self.push_screen(prompt, partial(self._import_from, kind))

    def _import_from(self, kind: ImportKind, path: str | None) -> None:
        session = self.session
        if path is None or session is None:
            return
        from audit_tui.tui.dialogs.import_dialog import ImportPreview

        # The dialog reads the file in a worker and says why when it cannot be imported.
        preview = ImportPreview(kind, path, session.template, session.draft)
        self.push_screen(preview, self._apply_import)

    async def _apply_import(self, plan: ImportPlan | None) -> None:
        session, editor = self.session, self.editor
        if plan is None or session is None or editor is None or plan.empty:
            return
        await self.flush_edits()
        from audit_tui.core.importing.plan import apply_plan

        apply_plan(plan, session.draft)
        session.dirty = True
        # Only the sections the import changed are shown afresh: a long list elsewhere
        # is neither rendered again nor its form rebuilt.
        touched = {a.field.path[0] for a in plan.additions}
        await editor.reload_sections([s for s in session.template.sections if s.id in touched])
        self.answers_changed()
        count = len(plan.additions)
        self.notify(
            f"Imported {count} addition{'' if count == 1 else 's'} from "
            f"{display_line(plan.source)}",
            markup=False,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            # Ours instead: the keys of this screen (`?`), screenshots beside the draft.
            if command.title not in ("Keys", "Screenshot"):
                yield command
        yield SystemCommand(
            "Keys", "List every key of this screen and of the focused widget (?)", self.action_help
        )
        yield SystemCommand(
            "Screenshot",
            "Save an SVG picture of the screen beside the draft",
            lambda: self.set_timer(0.1, self.take_screenshot),
        )
        yield SystemCommand(
            "Screenshot as…", "Save an SVG picture of the screen where you say", self.screenshot_as
        )
        if self.session is not None:
            yield SystemCommand("Save", "Save the draft now (ctrl+s)", self.action_save)
        if self._over_the_editor(screen):  # no dialog over a dialog (review, then review)
            yield SystemCommand(
                "Save as…", "Save the draft under another name (ctrl+o)", self.action_save_as
            )
            yield SystemCommand(
                "Export…",
                f"Write the report as {formats_in_words()} beside the draft (ctrl+f)",
                self.action_export,
            )
            yield SystemCommand(
                "Review", "List every missing and invalid answer (ctrl+r)", self.action_review
            )
            yield SystemCommand(
                "Restore an earlier version…",
                "Every save keeps the version it replaces: see one's changes, put it back",
                self.restore_version,
            )
            from audit_tui.tui.dialogs.import_dialog import IMPORTS

            for kind in IMPORTS:
                yield SystemCommand(kind.command, kind.help, partial(self.start_import, kind))

    # -- screenshots ------------------------------------------------------
    def take_screenshot(self, path: str | Path | None = None) -> Path | None:
        """Save the screen as SVG (beside the draft unless `path`); say where, or why not."""
        from audit_tui.tui.screenshot import beside, save_screenshot

        target = Path(path) if path is not None else beside(self.draft_path.absolute())
        try:
            target = save_screenshot(self, target, chosen=path is not None)
        except DraftError as exc:
            self.notify(
                display_line(str(exc)), title="Screenshot not saved", severity="error", markup=False
            )
            return None
        self.notify(f"Saved a screenshot to {display_line(str(target))}", markup=False)
        return target

    def screenshot_as(self) -> None:
        """Ask where to save a screenshot, then save it there."""
        from audit_tui.tui.dialogs.path_prompt import PathPrompt
        from audit_tui.tui.screenshot import beside

        def chosen(path: str | None) -> None:
            if path is not None:
                self.set_timer(0.1, partial(self.take_screenshot, path))

        suggestion = str(beside(self.draft_path.absolute()))
        self.push_screen(PathPrompt("Save a screenshot as", suggestion), chosen)

    # -- the auditor's own editor (f4) -------------------------------------
    def edit_externally(self, text: str, name: str) -> Edited:
        """Save, step aside for $EDITOR on `text`, come back; a signal meanwhile ends the app.

        The draft is saved first, so nothing typed waits in memory while the editor
        runs. The event loop waits for the editor (Textual's suspend), so the editor's
        wait passes SIGHUP/SIGTERM/SIGINT on and arms the watchdog itself.
        """
        from textual.app import SuspendNotSupported

        from audit_tui.tui.external_editor import Edited, edit_text, terminal_gone

        editor = self.editor
        if editor is not None:
            editor.flush_edits()
        session = self.session
        if session is not None and session.dirty and not session.read_only:
            self.save()
            if self._asking:  # the draft changed on disk: that question comes first
                return Edited(problem="answer the question about the draft, then press f4 again")
        try:
            with self.suspend():
                edited = edit_text(text, name=name, on_signal=self._arm_watchdog)
                if edited.signum is not None and terminal_gone():
                    # Leaving Textual's suspend by an exception skips its resume: on a
                    # closed terminal the new input thread would spin on end-of-file.
                    raise _NoTerminal(edited)
        except SuspendNotSupported:
            return Edited(problem="this terminal cannot hand itself to an editor")
        except _NoTerminal as gone:
            edited = gone.edited
        if edited.signum is not None:
            self._exit_on_signal(edited.signum)
        return edited

    # -- quitting ---------------------------------------------------------
    async def action_quit(self) -> None:
        await self.flush_edits()
        session = self.session
        if session is None or not session.dirty:
            self.exit(0)
            return
        if self._quitting and self.save_error:
            # Asked twice after a failed save: the auditor chose to leave without it,
            # so nothing is saved on the way out either.
            self._leave_unsaved = True
            self.exit(return_code=1)
            return
        self._quitting = True
        if self.save():
            self.exit(0)
        elif self.save_error:
            self.notify(
                "Press ctrl+q again to quit without saving, or ctrl+o to save elsewhere.",
                severity="warning",
                markup=False,
            )

    async def flush_edits(self) -> None:
        """Take in keystrokes that have not reached the draft yet.

        Keys typed just before ctrl+q (or a signal) may still wait in the focused
        widget's queue, and their messages on the way to the editor: let the
        widget handle its keys, then have each editor read its widgets.
        """
        focused = self.focused
        if focused is not None:
            handled = asyncio.Event()
            focused.call_later(handled.set)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(handled.wait(), timeout=1)
        editor = self.editor
        if editor is not None:
            editor.flush_edits()

    def save_for_exit(self) -> None:
        """Save whatever is unsaved, asking no one (signals, crashes)."""
        if self.session is None or self._leave_unsaved or self.session.read_only:
            return
        with self._saving_for_exit, contextlib.suppress(DraftError):
            self.session.save_for_exit()

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in EXIT_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._exit_on_signal, signum)
                self._signals.append(signum)
                # The loop runs _exit_on_signal once it gets to it, which on a loaded
                # machine can be half a second after the signal (a paint in progress):
                # the clock starts at the signal itself, in Python's own handler.
                signal.signal(signum, self._start_the_clock)

    def _start_the_clock(self, signum: int, frame: object) -> None:
        self._arm_watchdog(signum)

    def _exit_on_signal(self, signum: int) -> None:
        if self._leaving is not None:
            return  # already on the way out (a closed terminal sends SIGHUP and ends input)
        self._leaving = signum
        self._arm_watchdog(signum)
        self.run_worker(self._leave_on_signal(signum), group="leaving")

    def _arm_watchdog(self, signum: int) -> None:
        """Start the clock: the process ends LEAVE_WITHIN seconds after the signal at most.

        Also called while f4's editor runs (the event loop waits for it then).
        """
        if self._ended is None or self._watchdog_armed:  # a test's app, or armed already
            return
        self._watchdog_armed = True
        threading.Thread(
            target=self._end_anyway, args=(signum,), name="leave-within", daemon=True
        ).start()

    async def _leave_on_signal(self, signum: int) -> None:
        try:
            # The keys typed before the signal first: some may not even be read yet.
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._typed_before_leaving(), KEYS_BEFORE_LEAVING)
            await self.flush_edits()
        finally:  # whatever happened there, save and go
            self.save_for_exit()
            self.exit(return_code=128 + signum)

    async def _typed_before_leaving(self) -> None:
        """Wait until the keys typed before a signal are read from the terminal and handled."""
        driver = self._driver
        fd = getattr(driver, "fileno", None)
        if isinstance(fd, int):
            while unread_input(fd):
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.05)  # from the driver's thread into the app's queue
        await self.keys_handled()

    def _end_anyway(self, signum: int) -> None:
        """The last resort, in its own thread: end the process in time even if the app hangs."""
        assert self._ended is not None
        if self._ended.wait(LEAVE_WITHIN):
            return  # the app ended in time, and run_app is finishing
        # Saved already, unless the app is stuck; never two saves at once.
        if self._saving_for_exit.acquire(timeout=0.1):
            self._saving_for_exit.release()
            with contextlib.suppress(Exception):
                self.save_for_exit()
        with contextlib.suppress(Exception):
            self.release_lock()
        os._exit(128 + signum)

    def on_unmount(self) -> None:
        self.release_lock()
        loop = asyncio.get_running_loop()
        for signum in self._signals:
            with contextlib.suppress(RuntimeError, ValueError):
                loop.remove_signal_handler(signum)


def autosave_delay() -> float:
    """The pause before an autosave: `AUDIT_TUI_AUTOSAVE` seconds if set (tests), else 1."""
    try:
        delay = float(os.environ.get("AUDIT_TUI_AUTOSAVE", AUTOSAVE_DELAY))
    except ValueError:
        return AUTOSAVE_DELAY
    return delay if 0 < delay < 3600 else AUTOSAVE_DELAY


def run(template: Template, draft_path: str) -> int:
    """Run the app on `draft_path`; return the exit status."""
    prepare_process()
    return run_app(AuditApp(template, draft_path, autosave_delay=autosave_delay()))


def prepare_process() -> None:
    """Set up this process to run the app (the benchmarks' probes call it too)."""
    make_input_lenient()
    read_escape_then_key()
    make_input_hang_up()
    resume_only_after_a_stop()
    make_output_forgiving()
    # What is alive now (every module, the template) lives as long as the app:
    # moved out of the collector's sight, it is never re-scanned, neither while the
    # first screen is built nor while the auditor types. The collector (which the
    # command line turned off while importing) stays off until the first paint,
    # when AuditApp freezes what the start built and turns it on (~30 ms in all).
    gc.freeze()
    gc.disable()


def run_app(app: AuditApp, **options: Any) -> int:
    """Run `app` (with App.run's `options`); whatever ends it, unsaved answers are saved."""
    app._ended = threading.Event()  # a signal's watchdog now ends the process if it hangs
    try:
        app.run(**options)
    finally:
        # A crash (or anything else that ended the app early) must not lose answers.
        app.save_for_exit()
        app.release_lock()
        app._ended.set()
    return app.return_code or 0
