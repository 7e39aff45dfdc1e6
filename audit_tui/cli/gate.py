"""How `check` reads `--fail-on` and prints the assessment (core/checks/assessment.py)."""

from __future__ import annotations

import argparse

from audit_tui.core.checks.assessment import CONDITIONS, Assessment, Condition


def conditions(text: str) -> list[Condition]:
    """Parse `incomplete,no-go` into a list; argparse shows the error on an unknown name."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError(f"name at least one of {', '.join(CONDITIONS)}")
    for name in names:
        if name not in CONDITIONS:
            raise argparse.ArgumentTypeError(
                f"unknown condition {name!r} (expected {', '.join(CONDITIONS)})"
            )
    return [condition for name in names for condition in CONDITIONS if condition == name]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail-on",
        metavar="CONDITIONS",
        type=conditions,
        action="extend",
        help="exit 1 only when one of these holds (comma-separated): incomplete (a missing "
        "or invalid answer), no-go (the report's recommendation is NO-GO or none of the "
        "options, or the suggestion is NO-GO when it is unanswered), warnings (a "
        "consistency warning or a contradiction)",
    )


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


def format_gate(names: list[Condition], failed: list[Condition]) -> str:
    if failed:
        return f"--fail-on {','.join(names)}: failed ({', '.join(failed)})"
    return f"--fail-on {','.join(names)}: passed"
