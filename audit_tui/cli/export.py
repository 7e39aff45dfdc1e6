"""`audit-tui export DRAFT [-o OUT]`: write the finished report."""

from __future__ import annotations

import argparse
import sys

from audit_tui.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    UserError,
    add_template_argument,
    draft_from,
    say,
    template_from,
)
from audit_tui.core.files.export_target import UserFile, write_export
from audit_tui.core.files.safe_write import is_null_sink, is_stdout
from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.values import shown_path
from audit_tui.core.render.formats import BY_NAME, FORMATS, MARKDOWN, check_target, export_warning


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("draft", help="the draft file (TOML)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where to write the report (default: the draft's path with "
        f"{', '.join(f.suffix for f in FORMATS)}; - for stdout; /dev/null to discard it)",
    )
    parser.add_argument(
        "--format",
        choices=list(BY_NAME),
        default=MARKDOWN.name,
        help="; ".join(f"{f.name}: {f.title}" for f in FORMATS) + f" (default: {MARKDOWN.name})",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="write nothing and exit 1 when answers are missing or invalid",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace OUT even when it is not an earlier export of this draft",
    )
    add_template_argument(parser)


def run(args: argparse.Namespace) -> int:
    template = template_from(args)
    draft = draft_from(args.draft, template)
    chosen = BY_NAME[args.format]
    warning = export_warning(template, draft)
    if warning and args.strict:
        say(f"error: {warning}; nothing written (--strict)", file=sys.stderr)
        return EXIT_FAILED
    try:
        payload = chosen.write(template, draft)
    except DraftError as exc:
        raise UserError(str(exc)) from None
    if args.output is not None and is_stdout(args.output):
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)  # none when stdout is a text buffer
        if binary is None:
            sys.stdout.write(payload.decode("utf-8", "replace"))
        else:
            binary.write(payload)
            binary.flush()
        if warning:
            say(f"warning: {warning}", file=sys.stderr)
        return EXIT_OK
    if args.output is not None and is_null_sink(args.output):
        # Made and discarded: a CI step that wants only the status (and --strict's).
        if warning:
            say(f"warning: {warning}", file=sys.stderr)
        return EXIT_OK
    # Paths as strings, shown as pathlib shows them: pathlib costs ~4 ms of the start.
    out = shown_path(args.output) if args.output else chosen.path(shown_path(args.draft))
    try:
        # A path the user gave may be a link they chose; the default path may not.
        check_target(out, shown_path(args.draft))
        write_export(args.draft, draft, out, payload, chosen=bool(args.output), force=args.force)
    except UserFile as exc:
        raise UserError(f"{exc}; pass --force to replace it") from None
    except DraftError as exc:
        raise UserError(str(exc)) from None
    say(f"wrote {out}", file=sys.stderr)
    if warning:
        say(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK
