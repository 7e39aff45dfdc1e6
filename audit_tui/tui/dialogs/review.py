"""The review screen: every missing and invalid answer, the suggested verdict and the warnings.

Choose a finding or a warning to go to its field.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from audit_tui.core.checks.assessment import Assessment
from audit_tui.core.checks.check import CheckReport, Finding, counted
from audit_tui.core.checks.consistency import Inconsistency
from audit_tui.core.model.template import Template
from audit_tui.core.render.text import display_line
from audit_tui.tui.form import section_label
from audit_tui.tui.keybar import HELP, KeyBar
from audit_tui.tui.verdict_panel import verdict_summary

ReviewItem = Finding | Inconsistency


def field_key(finding: Finding) -> str:
    """The dotted field key of a finding's path: `risks[2].priority` -> `risks`."""
    return finding.path.split("[", 1)[0]


def row_of(finding: Finding) -> int | None:
    """The table row a finding points at, if any."""
    return row_in(finding.path)


def row_in(path: str) -> int | None:
    """The table row a path such as `risks[2].action` points at, if any."""
    if "[" not in path:
        return None
    return int(path.split("[", 1)[1].split("]", 1)[0])


def describe_warning(template: Template, found: Inconsistency, kind: str) -> Content:
    """`warning  Section › Field: message` (or `contradicts`), every part as plain text."""
    labels = []
    where = ""
    for key in found.fields:
        try:
            field = template.field(key)
        except KeyError:
            labels.append(key)
            continue
        labels.append(field.label)
        if not where:
            where = section_label(template.section(field.path[0]))
    return Content.assemble(
        (f"{kind:<8}", "$text-warning"),
        (display_line(where), "bold"),
        " › ",
        display_line(", ".join(labels)),
        ": ",
        display_line(found.message),
    )


def describe(template: Template, finding: Finding) -> Content:
    """`Section › Field: message`, every part shown as plain text."""
    section = template.section(finding.section) if finding.section else None
    where = section_label(section) if section else finding.path
    label = finding.path
    if section is not None:
        key = field_key(finding)
        for field in section.fields:
            if field.key == key:
                label = field.label
                row = row_of(finding)
                if row is not None:
                    column = finding.path.rpartition(".")[2]
                    label = f"{field.label}, row {row + 1}, {column}"
    style = "$text-error" if finding.severity == "invalid" else "$text-warning"
    return Content.assemble(
        (f"{finding.severity:<8}", style),
        (display_line(where), "bold"),
        " › ",
        display_line(label),
        ": ",
        display_line(finding.message),
    )


class ReviewScreen(ModalScreen[ReviewItem | None]):
    """Lists `report`'s missing and invalid answers, then the warnings; returns the one chosen."""

    BINDINGS = [Binding("escape", "dismiss_review", "Close", show=True), HELP]
    HELP_TITLE = "the review"
    AUTO_FOCUS = "#review-list"
    KEY_HINTS = (("enter", "Go to field"),)

    def __init__(
        self, template: Template, report: CheckReport, assessment: Assessment | None = None
    ) -> None:
        super().__init__(id="review")
        self.template = template
        self.findings = [f for f in report.findings if f.severity != "unknown"]
        self.report = report
        self.assessment = assessment
        self.contradictions = list(assessment.contradictions) if assessment else []
        self.warnings = list(assessment.warnings) if assessment else []
        self.items: list[ReviewItem] = [*self.findings, *self.contradictions, *self.warnings]

    def compose(self) -> ComposeResult:
        with Vertical(id="review-box"):
            yield Static(Content("Review: what is left to do"), classes="dialog-title")
            if self.findings:
                # The counts as `check` says them, each in its unit (fields, values, cells).
                summary = " · ".join([*self.report.overall(), "enter goes to the field"])
            else:
                summary = "Every answer is given and valid: the report is ready to export."
            warned = len(self.contradictions) + len(self.warnings)
            if warned:
                summary += (
                    f" · {counted(warned, 'warning')} about answers that contradict each other"
                )
            # The summary and verdict scroll in their own share: the list keeps its lines.
            # (Focusable, after the list: on a small terminal its text is read by scrolling.)
            with VerticalScroll(id="review-head"):
                yield Static(Content(summary), id="review-summary")
                if self.assessment is not None:
                    yield Static(verdict_summary(self.assessment.verdict), id="review-verdict")
            options = [
                Option(describe(self.template, f), id=f"finding-{i}")
                for i, f in enumerate(self.findings)
            ]
            options += [
                Option(describe_warning(self.template, c, "verdict"), id=f"contradiction-{i}")
                for i, c in enumerate(self.contradictions)
            ]
            options += [
                Option(describe_warning(self.template, w, "warning"), id=f"warning-{i}")
                for i, w in enumerate(self.warnings)
            ]
            yield OptionList(*options, id="review-list")
        yield KeyBar()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.items[event.option_index])

    def action_dismiss_review(self) -> None:
        self.dismiss(None)
