"""The suggested verdict beside the two fields it suggests, and the consistency warnings.

Working these out reads the whole draft (a few ms at 200 risk rows), so the editor
does it after a pause in typing, never on the keystroke itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.content import Content
from textual.widgets import Static

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.rules import Rules
from audit_tui.core.model.template import Field, Template
from audit_tui.core.render.text import display_line

if TYPE_CHECKING:  # imported by `assess`, after the first paint
    from audit_tui.core.checks.assessment import Assessment
    from audit_tui.core.checks.verdict import Verdict

About = Literal["health", "recommendation"]
USE_KEY = "ctrl+g"
SHOWN_WARNINGS = 5
"""Warnings shown on one field; a table with many incomplete rows says how many more."""


def assess(template: Template, draft: Draft) -> Assessment | None:
    """The assessment `check` prints too; None when the template has no rules (nothing to show)."""
    if template.rules is None:
        return None
    from audit_tui.core.checks.assessment import assess as assess_draft

    return assess_draft(template, draft)


def warning_lines(assessment: Assessment, field: Field) -> list[str]:
    """The warnings that involve `field`, as safe lines (the first few, then a count)."""
    found = [w for w in assessment.inconsistencies if field.key in w.fields]
    lines = [display_line(w.message) for w in found[:SHOWN_WARNINGS]]
    if len(found) > SHOWN_WARNINGS:
        lines.append(f"and {len(found) - SHOWN_WARNINGS} more (ctrl+r lists them all)")
    return lines


def suggested_about(rules: Rules, field: Field) -> About | None:
    """Whether the rules suggest this field's answer: the health score or the recommendation."""
    if field.key == rules.health_field:
        return "health"
    if field.key == rules.recommendation_field:
        return "recommendation"
    return None


def suggested_value(verdict: Verdict, about: About) -> int | str | None:
    return verdict.health if about == "health" else verdict.recommendation


def verdict_content(verdict: Verdict, about: About, *, key_hint: bool = True) -> Content:
    """`Suggested: NO-GO (ctrl+g uses it)` and the reasons, one per line, as plain text."""
    value = suggested_value(verdict, about)
    reasons = verdict.health_reasons if about == "health" else verdict.recommendation_reasons
    shown = "none yet" if value is None else str(value)
    parts: list[Content | str | tuple[str, str]] = [("Suggested: ", "bold"), (shown, "bold")]
    if key_hint and value is not None:
        parts.append((f"  ({USE_KEY} uses it)", "dim"))
    for reason in reasons:
        parts.extend(["\n", ("· ", "dim"), display_line(reason.text)])
    return Content.assemble(*parts)


def verdict_summary(verdict: Verdict) -> Content:
    """Both suggestions and all their reasons, for the review screen."""
    health = "none yet" if verdict.health is None else str(verdict.health)
    recommendation = verdict.recommendation or "none yet"
    parts: list[Content | str | tuple[str, str]] = [
        ("Suggested verdict: ", "bold"),
        f"health {health}, {recommendation}",
        ("  (your answers win; the export is unchanged)", "dim"),
    ]
    for reason in verdict.reasons:
        parts.extend(["\n", ("· ", "dim"), display_line(reason.text)])
    return Content.assemble(*parts)


class VerdictHint(Static):
    """What the rules suggest for one field, and why; shown just below that field."""

    def __init__(self, field: Field, about: About) -> None:
        super().__init__("", id=f"suggest-{about}", classes="verdict-hint")
        self.field = field
        self.about = about
        self.value: int | str | None = None

    def show(self, verdict: Verdict) -> None:
        self.value = suggested_value(verdict, self.about)
        self.update(verdict_content(verdict, self.about))
