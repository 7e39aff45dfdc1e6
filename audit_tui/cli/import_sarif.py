"""`audit-tui import-sarif RESULTS.sarif DRAFT`: scanners' findings into the draft."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from audit_tui.cli.common import EXIT_OK, UserError, add_template_argument, say, template_from
from audit_tui.core.files.lock import DraftLock, LockError
from audit_tui.core.files.safe_write import UNREAD, ChangedOnDisk, Unread, write_numbered
from audit_tui.core.files.storage import (
    has_comments,
    load_draft,
    save_draft,
    stamp_and_serialise,
)
from audit_tui.core.importing.plan import ImportPlan, ImportProblem, apply_plan, read_source
from audit_tui.core.importing.sarif import EXPECTED, LEVELS, SARIF_FIELD, plan_sarif_import
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.template import Template
from audit_tui.core.model.values import shown_path
from audit_tui.core.render.text import one_line


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


@contextlib.contextmanager
def draft_lock(
    path: str, *, take: bool = True, advice: str = "close it first, then import again"
) -> Iterator[None]:
    """Hold the draft's lock (unless not `take`): before it is read, until it is saved.

    Taken before anything is printed, so that a draft open in the app is refused
    at once rather than after a list of entries that will not be added.
    """
    if not take:
        yield
        return
    lock = DraftLock(path)
    try:
        owner = lock.acquire()
    except LockError as exc:
        raise UserError(f"{exc}; {path} not changed") from None
    if owner is not None:
        raise UserError(f"{path}: is open in audit-tui ({owner.describe()}); {advice}")
    try:
        yield
    finally:
        lock.release()


def not_the_source(source: str, draft: str) -> None:
    """Refuse to add a file's entries into that file itself (`import-env .env .env`)."""
    if os.path.realpath(source) == os.path.realpath(draft):
        raise UserError(f"{draft}: is the file being imported; choose another draft")


def load_or_new(path: str, template: Template) -> tuple[Draft, bool, bytes | None]:
    """The draft at `path` and its bytes, or a new one when there is no file; True when new."""
    if not os.path.lexists(path):
        return Draft.new(template), True, None
    try:
        draft, raw = load_draft(shown_path(path), template)
    except DraftError as exc:
        raise UserError(str(exc)) from None
    return draft, False, raw


def finish(
    args: argparse.Namespace,
    plan: ImportPlan,
    draft: Draft,
    template: Template,
    new: bool,
    raw: bytes | None,
) -> int:
    """Print the plan, apply it and save the draft (unless --dry-run or nothing is new).

    The `+` lines on stdout are what was added: printed once the draft is saved, so that
    a script reading them never sees additions that a failed save did not make.
    """
    for skipped in plan.skipped:
        say(f"{plan.source}: {skipped}", file=sys.stderr)
    for changed in plan.changed:
        say(f"{plan.source}: {changed}", file=sys.stderr)
    count = len(plan.additions)
    entries = f"{count} entr{'y' if count == 1 else 'ies'}"
    if count:
        entries += f" ({plan.size:,} characters)"
    present = f" ({plan.already_present} already there)" if plan.already_present else ""
    if args.dry_run:
        print_additions(plan)
        say(
            f"would add {entries}{present}; {args.draft} not changed (--dry-run)",
            file=sys.stderr,
        )
        return EXIT_OK
    if plan.empty:
        say(f"nothing new to add{present}; {args.draft} not changed", file=sys.stderr)
        return EXIT_OK
    save(args.draft, apply_plan(plan, draft), template, expected=raw)
    print_additions(plan)
    made = " (new draft)" if new else ""
    say(f"added {entries} to {args.draft}{made}{present}", file=sys.stderr)
    return EXIT_OK


def print_additions(plan: ImportPlan) -> None:
    for addition in plan.additions:
        say(f"+ {one_line(addition.describe())}")


def save(
    path: str, draft: Draft, template: Template, *, expected: bytes | None | Unread = UNREAD
) -> None:
    """Save (the caller holds the lock) unless the file is no longer the bytes read.

    If another writer saved meanwhile, both are kept: theirs stays, ours goes to a
    numbered recovery file beside it, and the user is told (exit 2).
    """
    try:
        save_draft(path, draft, template, expected=expected)
    except ChangedOnDisk:
        from audit_tui.core.files.session import recovery_path

        try:
            kept = write_numbered(recovery_path(Path(path)), stamp_and_serialise(draft, template))
        except DraftError as exc:
            raise UserError(f"{path}: changed on disk meanwhile; not overwritten ({exc})") from None
        raise UserError(
            f"{path}: changed on disk while importing; not overwritten; "
            f"the draft with the import is in {kept}"
        ) from None
    except DraftError as exc:
        raise UserError(str(exc)) from None
    if isinstance(expected, bytes) and has_comments(expected):
        say(
            f"note: the comments in {path} are not kept by a save; the version with them "
            f"is in its history (audit-tui history {path})",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    template = template_from(args)
    not_the_source(args.results, args.draft)
    with draft_lock(args.draft, take=not args.dry_run):
        draft, new, raw = load_or_new(args.draft, template)
        try:
            data = read_source(args.results, EXPECTED)
            plan = plan_sarif_import(
                template, draft, data, args.results, args.min_level, SARIF_FIELD
            )
        except ImportProblem as exc:
            raise UserError(str(exc)) from None
        return finish(args, plan, draft, template, new, raw)
