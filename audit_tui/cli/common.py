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
from audit_tui.core.render.text import clean_text

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2


class UserError(Exception):
    """A mistake in what the user asked for; shown as `error: ...`, exit 2."""


def say(text: str, file: TextIO | None = None) -> None:
    """Print `text` (to stdout, or `file`) with nothing in it that a terminal would obey.

    Every line a command prints that holds outside text (answers, imported text,
    template strings, file names) goes through here.
    """
    print(clean_text(text), file=sys.stdout if file is None else file)


def fail(message: str) -> int:
    """Print each line of `message` as an error and return exit status 2."""
    for line in clean_text(message).split("\n"):
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
        raise UserError(str(exc)) from None


def draft_from(path: str, template: Template) -> Draft:
    """Read the draft at `path` for `template`; UserError with the reason when unusable."""
    try:
        return read_draft(shown_path(path), template)
    except DraftError as exc:
        raise UserError(str(exc)) from None
