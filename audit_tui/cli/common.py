"""What the headless commands share: loading, error reporting, writing output."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from audit_tui.core.files.storage import read_draft
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template, TemplateError
from audit_tui.core.model.values import shown_path
from audit_tui.core.render.text import clean_text, message_line

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2


class UserError(Exception):
    """A mistake in what the user asked for; each of `lines` shown as `error: ...`, exit 2."""

    def __init__(self, *lines: str) -> None:
        super().__init__(*lines)
        self.lines = lines


def say(text: str, file: TextIO | None = None) -> None:
    """Print `text` as one line (to stdout, or `file`), with nothing a terminal would obey.

    Every message a command prints that holds outside text (answers, imported text,
    template strings, file names) goes through here; a line break inside it (a file
    name may hold one) is shown as `\\n`, so that one message is one line.
    """
    print(message_line(text), file=sys.stdout if file is None else file)


def say_lines(text: str, file: TextIO | None = None) -> None:
    """Print a block the command laid out in lines (a report), cleaned as `say` cleans."""
    print(clean_text(text), file=sys.stdout if file is None else file)


def fail(*lines: str) -> int:
    """Print each of `lines` as one `error: ...` line and return exit status 2."""
    for line in lines:
        say(f"error: {line}", file=sys.stderr)
    return EXIT_ERROR


def add_template_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--template", metavar="PATH", help="template file (default: the built-in backend audit)"
    )


def template_from(args: argparse.Namespace) -> Template:
    """The template the user named, or the built-in one; UserError listing every problem."""
    try:
        return load_template(args.template)
    except TemplateError as exc:
        raise UserError(*(str(problem) for problem in exc.problems)) from None


def draft_from(path: str, template: Template) -> Draft:
    """Read the draft at `path` for `template`; UserError with the reason when unusable."""
    try:
        return read_draft(shown_path(path), template)
    except DraftError as exc:
        raise UserError(str(exc)) from None
