"""`audit-tui import-sarif RESULTS.sarif DRAFT`: scanners' findings into the draft."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from audit_tui.cli.common import (
    EXIT_OK,
    UserError,
    add_template_argument,
    draft_from,
    template_from,
)
from audit_tui.core.files.lock import DraftLock
from audit_tui.core.files.storage import save_draft
from audit_tui.core.importing.plan import ImportPlan, ImportProblem, apply_plan, read_source
from audit_tui.core.importing.sarif import EXPECTED, LEVELS, SARIF_FIELD, plan_sarif_import
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.template import Template


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", help="a SARIF 2.1.0 log written by a scanner")
    parser.add_argument("draft", help="the draft to add to (TOML; made when missing)")
    parser.add_argument(
        "--min-level",
        choices=[level for level in reversed(LEVELS) if level != "none"],
        default="note",
        help="leave out results below this level (default: note, i.e. keep all)",
    )
    add_import_options(parser)


def add_import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be added; change nothing"
    )
    add_template_argument(parser)


def load_or_new(path: str, template: Template) -> tuple[Draft, bool]:
    """The draft at `path`, or a new one when there is no file; True when new."""
    if not Path(path).exists() and not Path(path).is_symlink():
        return Draft.new(template), True
    return draft_from(path, template), False


def finish(
    args: argparse.Namespace, plan: ImportPlan, draft: Draft, template: Template, new: bool
) -> int:
    """Print the plan, then (unless --dry-run or nothing is new) apply it and save the draft."""
    for addition in plan.additions:
        print(f"+ {addition.describe()}")
    for skipped in plan.skipped:
        print(f"{plan.source}: {skipped}", file=sys.stderr)
    for changed in plan.changed:
        print(f"{plan.source}: {changed}", file=sys.stderr)
    count = len(plan.additions)
    entries = f"{count} entr{'y' if count == 1 else 'ies'}"
    if count:
        entries += f" ({plan.size:,} characters)"
    present = f" ({plan.already_present} already there)" if plan.already_present else ""
    if args.dry_run:
        print(
            f"would add {entries}{present}; {args.draft} not changed (--dry-run)",
            file=sys.stderr,
        )
        return EXIT_OK
    if plan.empty:
        print(f"nothing new to add{present}; {args.draft} not changed", file=sys.stderr)
        return EXIT_OK
    save(args.draft, apply_plan(plan, draft), template)
    made = " (new draft)" if new else ""
    print(f"added {entries} to {args.draft}{made}{present}", file=sys.stderr)
    return EXIT_OK


def save(path: str, draft: Draft, template: Template) -> None:
    """Save under the draft's lock, so as not to write under an open app."""
    lock = DraftLock(path)
    owner = lock.acquire()
    if owner is not None:
        raise UserError(
            f"{path}: is open in audit-tui ({owner.describe()}); close it first, then import again"
        )
    try:
        save_draft(path, draft, template)
    except DraftError as exc:
        raise UserError(str(exc)) from None
    finally:
        lock.release()


def run(args: argparse.Namespace) -> int:
    template = template_from(args)
    draft, new = load_or_new(args.draft, template)
    try:
        data = read_source(args.results, EXPECTED)
        plan = plan_sarif_import(template, draft, data, args.results, args.min_level, SARIF_FIELD)
    except ImportProblem as exc:
        raise UserError(str(exc)) from None
    return finish(args, plan, draft, template, new)
