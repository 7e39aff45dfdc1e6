"""`audit-tui import REPORT.md -o DRAFT`: a report in the template's layout back into a draft."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from audit_tui.cli.common import EXIT_OK, UserError, add_template_argument, say, template_from
from audit_tui.cli.import_sarif import draft_lock, save
from audit_tui.core.files.export_target import IMPORTED_FROM, imported_from
from audit_tui.core.files.safe_write import UNREAD
from audit_tui.core.importing.markdown import EXPECTED, plan_markdown_import
from audit_tui.core.importing.plan import ImportProblem, apply_plan, decode_text, read_source
from audit_tui.core.model.draft import Draft
from audit_tui.core.render.text import one_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("report", help="the report in markdown (an export, or the seed filled in)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="DRAFT",
        help="the draft to write (default: the report's path with .toml)",
    )
    parser.add_argument("--force", action="store_true", help="replace DRAFT if it exists")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    add_template_argument(parser)


def run(args: argparse.Namespace) -> int:
    template = template_from(args)
    out = Path(args.output) if args.output else Path(args.report).with_suffix(".toml")
    if out.resolve() == Path(args.report).resolve():
        raise UserError(f"{out}: is the report itself; choose another draft path with -o")
    if not args.dry_run and (out.exists() or out.is_symlink()) and not args.force:
        raise UserError(f"{out}: already exists; pass --force to replace it")
    try:
        text = decode_text(read_source(args.report, EXPECTED), args.report, EXPECTED)
        plan = plan_markdown_import(template, text, args.report)
    except ImportProblem as exc:
        raise UserError(str(exc)) from None
    for addition in plan.additions:
        say(f"+ {one_line(addition.describe())}")
    for skipped in plan.skipped:
        say(
            f"{args.report}:{skipped.line}: not placed: {skipped.reason}: {one_line(skipped.text)}",
            file=sys.stderr,
        )
    for changed in plan.changed:
        say(f"{args.report}:{changed.line}: changed: {changed.reason}", file=sys.stderr)
    fields = len({a.field.key for a in plan.additions})
    unplaced = f"; {len(plan.skipped)} line(s) not placed" if plan.skipped else ""
    if plan.changed:
        unplaced += f"; {len(plan.changed)} value(s) changed"
    if args.dry_run:
        say(
            f"would answer {fields} field(s){unplaced}; nothing written (--dry-run)",
            file=sys.stderr,
        )
        return EXIT_OK
    draft = apply_plan(plan, Draft.new(template))
    # Remembered so that an export never writes over the report the auditor wrote.
    draft.meta[IMPORTED_FROM] = imported_from(out, args.report)
    with draft_lock(str(out)):
        save(str(out), draft, template, expected=UNREAD if args.force else None)
    say(f"wrote {out}: {fields} field(s) answered{unplaced}", file=sys.stderr)
    return EXIT_OK
