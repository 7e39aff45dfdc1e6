"""`audit-tui history DRAFT [--restore N]`: the versions each save kept, and putting one back."""

from __future__ import annotations

import argparse
import os
import sys

from audit_tui.cli.common import EXIT_OK, UserError, add_template_argument, say, template_from
from audit_tui.cli.import_sarif import draft_lock
from audit_tui.core.files.history import history_folder, versions
from audit_tui.core.files.restore import change_summary, restore
from audit_tui.core.files.safe_write import ChangedOnDisk, read_current
from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.values import shown_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("draft", help="the draft file (TOML)")
    parser.add_argument(
        "--restore",
        metavar="N",
        type=int,
        help="put version N back as the draft (the draft now becomes version 1)",
    )
    add_template_argument(parser)


def run(args: argparse.Namespace) -> int:
    path = shown_path(args.draft)
    template = template_from(args)
    try:
        kept = versions(path)
        current = read_current(os.path.realpath(path))
    except (DraftError, OSError) as exc:
        raise UserError(str(exc)) from None
    if args.restore is None:
        if not kept and current is None:
            # A typo in a CI step must not look like "no history yet". (A deleted draft whose
            # versions are kept is listed below, so that one can be put back.)
            raise UserError(f"{path}: no such file, and no version of it kept")
        if not kept:
            say(f"{path}: no earlier version kept yet ({history_folder(path)})", file=sys.stderr)
            return EXIT_OK
        newer = current
        for version in kept:
            try:
                older = version.read()
                summary = change_summary(template, older, newer)
            except OSError as exc:
                older, summary = None, f"cannot be read: {exc.strerror or exc}"
            say(f"{version.number:>3}  {version.replaced:%Y-%m-%d %H:%M:%S}  {summary}")
            newer = older
        return EXIT_OK
    chosen = next((v for v in kept if v.number == args.restore), None)
    if chosen is None:
        count = f"1 to {len(kept)}" if kept else "none kept yet"
        raise UserError(f"{path}: no version {args.restore} ({count})")
    # Under the lock: a draft open in the app is refused (restore it from the app's palette).
    with draft_lock(path, advice="restore it from the app's palette, or close it first"):
        current = read_current(os.path.realpath(path))
        try:
            restore(path, chosen, current)
        except ChangedOnDisk as exc:
            raise UserError(str(exc)) from None
        except DraftError as exc:
            raise UserError(str(exc)) from None
    say(
        f"restored version {args.restore} of {path}; the draft it replaced is version 1",
        file=sys.stderr,
    )
    return EXIT_OK
