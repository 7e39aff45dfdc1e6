"""What `check` adds for the verdict: the suggestion, the warnings and the `--fail-on` gate."""

from __future__ import annotations

import argparse
from typing import Any

from audit_tui.core.checks.check import CheckReport
from audit_tui.core.checks.consistency import Inconsistency, consistency_warnings, contradictions
from audit_tui.core.checks.verdict import Verdict, suggest_verdict
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.record import record
from audit_tui.core.model.template import Template

CONDITIONS = ("incomplete", "no-go", "warnings")


def conditions(text: str) -> list[str]:
    """Parse `incomplete,no-go` into a list; argparse shows the error on an unknown name."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError(f"name at least one of {', '.join(CONDITIONS)}")
    for name in names:
        if name not in CONDITIONS:
            raise argparse.ArgumentTypeError(
                f"unknown condition {name!r} (expected {', '.join(CONDITIONS)})"
            )
    return names


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail-on",
        metavar="CONDITIONS",
        type=conditions,
        action="extend",
        help="exit 1 only when one of these holds (comma-separated): incomplete (a missing "
        "or invalid answer), no-go (the report's recommendation is NO-GO, or the suggestion "
        "is when it is unanswered), warnings (a consistency warning or a contradiction)",
    )


@record
class Assessment:
    """The suggested verdict of a draft and what contradicts what."""

    has_rules: bool
    verdict: Verdict
    warnings: tuple[Inconsistency, ...]
    contradictions: tuple[Inconsistency, ...]
    recommendation: str | None
    no_go: str | None

    @property
    def is_no_go(self) -> bool:
        """The report's own recommendation is NO-GO; when unanswered, the suggestion is."""
        if self.no_go is None:
            return False
        decided = self.recommendation or self.verdict.recommendation
        return decided == self.no_go


def assess(template: Template, draft: Draft) -> Assessment:
    """Work out the suggestion, warnings and contradictions of `draft`."""
    rules = template.rules
    verdict = suggest_verdict(template, draft)
    answer = None
    if rules is not None:
        f = template.field(rules.recommendation_field)
        value = draft.get(f)
        if f.is_answered(value) and f.validate(value) is None:
            answer = value
    return Assessment(
        has_rules=rules is not None,
        verdict=verdict,
        warnings=tuple(consistency_warnings(template, draft)),
        contradictions=tuple(contradictions(template, draft, verdict)),
        recommendation=answer,
        no_go=rules.no_go if rules is not None else None,
    )


def held(assessment: Assessment, report: CheckReport, names: list[str]) -> list[str]:
    """Which of the named conditions hold, in the order named."""
    holds = {
        "incomplete": not report.ok,
        "no-go": assessment.is_no_go,
        "warnings": bool(assessment.warnings or assessment.contradictions),
    }
    return [name for name in dict.fromkeys(names) if holds[name]]


def to_json(assessment: Assessment) -> dict[str, Any]:
    """The keys `check --json` gains: verdict (null without rules), warnings, contradictions."""
    return {
        "verdict": assessment.verdict.to_json() if assessment.has_rules else None,
        "warnings": [w.to_json() for w in assessment.warnings],
        "contradictions": [c.to_json() for c in assessment.contradictions],
    }


def format_assessment(assessment: Assessment) -> str:
    """The suggestion with its reasons, then contradictions and warnings, as text."""
    if not assessment.has_rules:
        return ""
    verdict = assessment.verdict
    lines = ["Suggested verdict (the auditor's answers win; the export is unchanged):"]
    for name, value, reasons in (
        ("health", verdict.health, verdict.health_reasons),
        ("recommendation", verdict.recommendation, verdict.recommendation_reasons),
    ):
        lines.append(f"  {name}: {'none' if value is None else value}")
        lines.extend(f"    - {reason}" for reason in reasons)
    for contradiction in assessment.contradictions:
        lines.append(f"Your answer contradicts the suggestion: {contradiction.message}")
    if assessment.warnings:
        lines.append("")
        lines.append(f"Warnings ({len(assessment.warnings)}):")
        lines.extend(f"  {warning}" for warning in assessment.warnings)
    return "\n".join(lines)


def format_gate(names: list[str], failed: list[str]) -> str:
    if failed:
        return f"--fail-on {','.join(names)}: failed ({', '.join(failed)})"
    return f"--fail-on {','.join(names)}: passed"
