"""Imports from the app: what a markdown report, a SARIF log or a dotenv file would add.

The file is read and planned in a worker thread, with a progress indicator, so
the app stays responsive however big the file. The plan is then shown: each
addition can be unticked before Apply (space; `a` ticks or unticks them all), in
a list drawn a screen at a time, so that 100,000 additions open as fast as ten.
Apply makes the ticked ones on the draft in memory; what is left out or changed
is listed beneath. A SARIF import offers the lowest level to keep, as
`--min-level` does. A markdown report fills only the unanswered fields of an
open draft (and adds the list entries and risk rows it lacks): the auditor's own
answers are kept."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, LoadingIndicator, Select, Static
from textual.worker import get_current_worker

from audit_tui.core.importing.plan import (
    Addition,
    ImportPlan,
    ImportProblem,
    Skipped,
    decode_text,
    read_source,
)
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.record import replace
from audit_tui.core.model.template import Template
from audit_tui.core.render.text import display_line
from audit_tui.tui.dialogs.tick_list import TickList
from audit_tui.tui.keybar import HELP, KeyBar

Planner = Callable[[Template, Draft, bytes, str, str], ImportPlan]
LEVELS = ("note", "warning", "error")  # SARIF's --min-level choices, lowest first


# The importers are imported when used: they need not slow the app's start.
def plan_markdown(
    template: Template, draft: Draft, data: bytes, source: str, min_level: str = "note"
) -> ImportPlan:
    """A report's answers for the fields still unanswered; the auditor's answers are kept."""
    from audit_tui.core.importing.markdown import EXPECTED, plan_markdown_import

    text = decode_text(data, source, EXPECTED)
    plan = plan_markdown_import(template, text, source, draft)
    kept = [a for a in plan.additions if a.mode == "set" and a.replaces is not None]
    if not kept:
        return plan
    return replace(
        plan,
        additions=tuple(a for a in plan.additions if a not in kept),
        skipped=plan.skipped
        + tuple(Skipped("kept your answer to", a.line, a.field.label) for a in kept),
    )


def plan_sarif(
    template: Template, draft: Draft, data: bytes, source: str, min_level: str = "note"
) -> ImportPlan:
    from audit_tui.core.importing.sarif import plan_sarif_import

    return plan_sarif_import(template, draft, data, source, min_level)


def plan_env(
    template: Template, draft: Draft, data: bytes, source: str, min_level: str = "note"
) -> ImportPlan:
    from audit_tui.core.importing.dotenv import plan_env_import

    return plan_env_import(template, draft, data, source)


@dataclass(frozen=True)
class ImportKind:
    """One kind of import the app offers: its palette entry, what it expects, its planner."""

    id: str
    command: str
    help: str
    expected: str
    example: str
    planner: Planner
    levels: bool = False  # offers the lowest level to keep (SARIF)

    def plan(
        self, template: Template, draft: Draft, path: str, min_level: str = "note"
    ) -> ImportPlan:
        """The plan for the file at `path`; ImportProblem (one line, naming it) if it is unfit."""
        data = read_source(path, self.expected)
        return self.planner(template, draft, data, path, min_level)


IMPORTS = (
    ImportKind(
        "markdown",
        "Import markdown report…",
        "Fill the unanswered fields from a report in the template's layout",
        "a report in the template's markdown layout",
        "e.g. audit-report.md",
        plan_markdown,
    ),
    ImportKind(
        "sarif",
        "Import SARIF findings…",
        "Add a scanner's SARIF results to Vulnerabilities Found",
        "a SARIF 2.1.0 log",
        "e.g. results.sarif",
        plan_sarif,
        levels=True,
    ),
    ImportKind(
        "env",
        "Import .env variable names…",
        "Add a dotenv file's variable names (never values) to Environment Variables",
        "a dotenv file (NAME=value lines)",
        "e.g. .env.example",
        plan_env,
    ),
)


def addition_line(addition: Addition) -> Content:
    """One addition as the preview lists it, as plain text."""
    where = f"line {addition.line}: " if addition.line is not None else ""
    return Content.assemble((where, "dim"), display_line(addition.describe()))


def notes_lines(plan: ImportPlan) -> Content:
    """What the plan leaves out and what it changed, one per line, as plain text."""
    parts: list[Content | str | tuple[str, str]] = []
    for skipped in plan.skipped:
        parts.extend([("- not added: ", "$text-warning"), display_line(str(skipped)), "\n"])
    for changed in plan.changed:
        parts.extend([("~ changed: ", "$text-accent"), display_line(str(changed)), "\n"])
    return Content.assemble(*parts[:-1]) if parts else Content("")


def plan_summary(plan: ImportPlan, chosen: int | None = None) -> str:
    count = len(plan.additions)
    chosen = count if chosen is None else chosen
    words = [f"{count} addition{'' if count == 1 else 's'}"]
    if chosen != count:
        words[0] += f" ({chosen} ticked)"
    if plan.already_present:
        words.append(f"{plan.already_present} already in the draft")
    if plan.skipped:
        words.append(f"{len(plan.skipped)} not added")
    if plan.changed:
        words.append(f"{len(plan.changed)} changed")
    if not count:
        return "Nothing to add: " + ", ".join(words[1:] or ["the file adds nothing new"]) + "."
    return ", ".join(words) + (
        ". Untick any to leave out (space; a: all or none); Apply adds the ticked ones."
    )


class ImportPreview(ModalScreen[ImportPlan | None]):
    """Reads the file in a worker, then shows what it would add; returns what to apply."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True), HELP]
    HELP_TITLE = "import"
    KEY_HINTS = (("enter", "Press the button"), ("tab", "Next button"))

    def __init__(self, kind: ImportKind, path: str, template: Template, draft: Draft) -> None:
        super().__init__(id="import-preview")
        self.kind = kind
        self.path = path
        self.template = template
        # The worker reads a copy: the draft may change while the file is read.
        self.draft = Draft(copy.deepcopy(draft.data))
        self.plan: ImportPlan | None = None
        self.min_level = "note"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-box"):
            title = f"{self.kind.command.rstrip('…')} from {self.path}"
            yield Static(Content(display_line(title)), classes="dialog-title")
            if self.kind.levels:
                yield Select(
                    [(f"Keep results from level {level} up", level) for level in LEVELS],
                    value=self.min_level,
                    allow_blank=False,
                    id="import-level",
                )
            yield Static(Content(f"Reading {display_line(self.path)}…"), id="import-summary")
            yield LoadingIndicator(id="import-progress")
            yield TickList(id="import-entries")
            with VerticalScroll(id="import-items"):
                yield Static(Content(""), id="import-lines")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", id="apply", disabled=True)
                yield Button("Cancel", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#import-entries").display = False
        self.query_one("#cancel", Button).focus()
        self.read_file()

    @work(thread=True, exclusive=True, group="import")
    def read_file(self) -> None:
        """Plan the import away from the screen's thread; show it when done."""
        worker = get_current_worker()
        try:
            plan = self.kind.plan(self.template, self.draft, self.path, self.min_level)
        except ImportProblem as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.refuse, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_plan, plan)

    def refuse(self, message: str) -> None:
        self.app.notify(display_line(message), title="Not imported", severity="error", markup=False)
        self.dismiss(None)

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.query_one("#import-progress").display = False
        entries = self.query_one("#import-entries", TickList)
        additions = plan.additions
        entries.show(len(additions), lambda index: addition_line(additions[index]))
        entries.display = not plan.empty
        self.query_one("#import-lines", Static).update(notes_lines(plan))
        self.query_one("#import-items").display = bool(plan.skipped or plan.changed)
        self.query_one("#import-summary", Static).update(Content(plan_summary(plan)))
        apply = self.query_one("#apply", Button)
        apply.disabled = plan.empty
        (self.query_one("#cancel", Button) if plan.empty else apply).focus()

    @on(Select.Changed, "#import-level")
    def change_level(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.min_level:
            self.min_level = event.value
            self.plan = None
            self.query_one("#apply", Button).disabled = True
            self.query_one("#import-progress").display = True
            self.read_file()

    @on(TickList.Changed, "#import-entries")
    def count_ticked(self, event: TickList.Changed) -> None:
        event.stop()
        if self.plan is not None:
            chosen = event.ticked
            self.query_one("#import-summary", Static).update(
                Content(plan_summary(self.plan, chosen))
            )
            self.query_one("#apply", Button).disabled = chosen == 0

    def chosen(self) -> ImportPlan | None:
        """The plan with only the ticked additions, or None when none is."""
        if self.plan is None:
            return None
        entries = self.query_one("#import-entries", TickList)
        additions = tuple(self.plan.additions[i] for i in entries.ticked_indices())
        return replace(self.plan, additions=additions) if additions else None

    @on(Button.Pressed, "#apply")
    def apply(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#cancel")
    def cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "import")
        self.dismiss(None)
