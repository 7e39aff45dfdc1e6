"""`audit-tui check DRAFT`: every missing, invalid or unknown answer, and completeness."""

from __future__ import annotations

import argparse
import sys

from audit_tui.cli import gate
from audit_tui.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    add_template_argument,
    draft_from,
    say_lines,
    template_from,
)
from audit_tui.core.checks.assessment import assess
from audit_tui.core.checks.check import CheckReport, check_draft


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("draft", help="the draft file (TOML)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    gate.add_arguments(parser)
    add_template_argument(parser)


def format_report(report: CheckReport) -> str:
    """The report as text: problems first, then completeness per section and overall."""
    lines = [str(f) if f.severity != "unknown" else f"{f} (warning)" for f in report.findings]
    if lines:
        lines.append("")
    width = max(len(s.title) for s in report.sections) if report.sections else 0
    for s in report.sections:
        mark = "ok" if s.done else ("invalid" if s.invalid else "incomplete")
        lines.append(f"{s.title:<{width}}  {s.answered:>2}/{s.total:<2}  {mark}")
    overall = report.overall()
    overall.append("complete and valid" if report.ok else "not complete or not valid")
    lines.append(f"{'Overall':<{width}}  {'; '.join(overall)}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    template = template_from(args)
    draft = draft_from(args.draft, template)
    report = check_draft(template, draft)
    assessment = assess(template, draft)
    failed = assessment.held(report, args.fail_on or [])
    if args.json:
        import json  # only here: it costs the plain `check` ~1.5 ms of its start

        payload = {**report.to_json(), **assessment.to_json()}
        if args.fail_on:
            payload["gate"] = {"fail_on": args.fail_on, "failed": failed}
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        say_lines(format_report(report))
        extra = gate.format_assessment(assessment)
        if extra:
            say_lines(f"\n{extra}")
        if args.fail_on:
            say_lines(gate.format_gate(args.fail_on, failed))
    if args.fail_on:
        return EXIT_FAILED if failed else EXIT_OK
    return EXIT_OK if report.ok else EXIT_FAILED
