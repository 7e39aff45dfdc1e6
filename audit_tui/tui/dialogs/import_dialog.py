"""Imports from the app: what a markdown report, a SARIF log or a dotenv file would add.

The plan is shown before anything changes; Apply makes it on the draft in memory.
A markdown report fills only the unanswered fields of an open draft (and adds the
list entries and risk rows it lacks): the auditor's own answers are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from audit_tui.core.importing.plan import (
    ImportPlan,
    Skipped,
    decode_text,
    read_source,
)
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.display import display_line

Planner = Callable[[Template, Draft, bytes, str], ImportPlan]


# The importers are imported when used: markdown-it and json need not slow the app's start.
def plan_markdown(template: Template, draft: Draft, data: bytes, source: str) -> ImportPlan:
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


def plan_sarif(template: Template, draft: Draft, data: bytes, source: str) -> ImportPlan:
    from audit_tui.core.importing.sarif import plan_sarif_import

    return plan_sarif_import(template, draft, data, source)


def plan_env(template: Template, draft: Draft, data: bytes, source: str) -> ImportPlan:
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

    def plan(self, template: Template, draft: Draft, path: str) -> ImportPlan:
        """The plan for the file at `path`; ImportProblem (one line, naming it) if it is unfit."""
        return self.planner(template, draft, read_source(path, self.expected), path)


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


def plan_lines(plan: ImportPlan) -> Content:
    """The plan's additions and skipped items, one per line, as plain text."""
    parts: list[Content | str | tuple[str, str]] = []
    for addition in plan.additions:
        where = f"line {addition.line}: " if addition.line is not None else ""
        parts.extend([("+ ", "$text-success"), (where, "dim"), display_line(addition.describe())])
        parts.append("\n")
    for skipped in plan.skipped:
        parts.extend([("- not added: ", "$text-warning"), display_line(str(skipped)), "\n"])
    return Content.assemble(*parts[:-1]) if parts else Content("")


def plan_summary(plan: ImportPlan) -> str:
    count = len(plan.additions)
    words = [f"{count} addition{'' if count == 1 else 's'}"]
    if plan.already_present:
        words.append(f"{plan.already_present} already in the draft")
    if plan.skipped:
        words.append(f"{len(plan.skipped)} not added")
    if not count:
        return "Nothing to add: " + ", ".join(words[1:] or ["the file adds nothing new"]) + "."
    return ", ".join(words) + ". Apply adds them to the draft."


class ImportPreview(ModalScreen[bool]):
    """Shows what an import would add; returns True when the auditor applies it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]

    def __init__(self, kind: ImportKind, plan: ImportPlan) -> None:
        super().__init__(id="import-preview")
        self.kind = kind
        self.plan = plan

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-box"):
            title = f"{self.kind.command.rstrip('…')} from {self.plan.source}"
            yield Static(Content(display_line(title)), classes="dialog-title")
            yield Static(Content(plan_summary(self.plan)), id="import-summary")
            with VerticalScroll(id="import-items"):
                yield Static(plan_lines(self.plan), id="import-lines")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", id="apply", disabled=self.plan.empty)
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel" if self.plan.empty else "#apply", Button).focus()

    @on(Button.Pressed, "#apply")
    def apply(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)
