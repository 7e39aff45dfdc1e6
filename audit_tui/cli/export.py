"""`audit-tui export DRAFT [-o OUT]`: write the finished report."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import TYPE_CHECKING

from audit_tui.cli.common import (
    EXIT_OK,
    UserError,
    add_template_argument,
    draft_from,
    template_from,
)
from audit_tui.core.files.export_target import UserFile, write_export
from audit_tui.core.files.safe_write import is_stdout
from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.values import shown_path

if TYPE_CHECKING:
    from pathlib import Path

# format -> (exporter, default suffix)
# format -> (module, function, suffix); imported only when asked for, to keep start-up light.
FORMATS = {
    "md": ("audit_tui.core.render.export", "export_markdown", ".md"),
    "html": ("audit_tui.core.render.html", "export_html", ".html"),
    "json": ("audit_tui.core.render.json_export", "export_json", ".json"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("draft", help="the draft file (TOML)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where to write the report (default: the draft's path with .md, .html or .json; "
        "- for stdout)",
    )
    parser.add_argument(
        "--format",
        choices=list(FORMATS),
        default="md",
        help="md (the template's layout), html (one self-contained page) or json (default: md)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace OUT even when it is not an earlier export of this draft",
    )
    add_template_argument(parser)


def default_output(draft: str | Path, suffix: str = ".md") -> Path:
    """The export's default path: beside the draft, same name, new suffix."""
    from pathlib import Path  # here: with -o, the command need not import pathlib

    return Path(draft).with_suffix(suffix)


def run(args: argparse.Namespace) -> int:
    template = template_from(args)
    draft = draft_from(args.draft, template)
    module, function, suffix = FORMATS[args.format]
    exporter = getattr(importlib.import_module(module), function)
    text = exporter(template, draft)
    if args.output is not None and is_stdout(args.output):
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    # Paths as strings, shown as pathlib shows them: pathlib costs ~4 ms of the start.
    out = shown_path(args.output) if args.output else str(default_output(args.draft, suffix))
    if os.path.realpath(out) == os.path.realpath(shown_path(args.draft)):
        raise UserError(f"{out}: is the draft itself; choose another output path")
    try:
        # A path the user gave may be a link they chose; the default path may not.
        write_export(
            args.draft, draft, out, text.encode("utf-8"), chosen=bool(args.output), force=args.force
        )
    except UserFile as exc:
        raise UserError(f"{exc}; pass --force to replace it") from None
    except DraftError as exc:
        raise UserError(str(exc)) from None
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK
