"""The `audit-tui` command line: the app by default, headless subcommands by name.

`audit-tui [DRAFT]` opens the app; `audit-tui COMMAND ...` runs a headless
command. Headless commands never import textual.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from audit_tui import __version__
from audit_tui.cli.common import UserError, fail
from audit_tui.core.render.formats import formats_in_words

EXIT_BROKEN_PIPE = 141  # as a shell reports a process ended by SIGPIPE

# name -> (module, one-line summary). Each module has add_arguments(parser) and run(args).
COMMANDS: dict[str, tuple[str, str]] = {
    "export": ("audit_tui.cli.export", f"write the report ({formats_in_words()}) from a draft"),
    "check": ("audit_tui.cli.check", "list missing and invalid answers; exit 1 if any"),
    "diff": ("audit_tui.cli.diff", "compare two drafts of a report, for a re-audit"),
    "import": ("audit_tui.cli.import_md", "read a report in markdown back into a new draft"),
    "import-sarif": ("audit_tui.cli.import_sarif", "add scanners' SARIF findings to a draft"),
    "import-env": ("audit_tui.cli.import_env", "add a dotenv file's variable names to a draft"),
    "history": ("audit_tui.cli.history", "list the versions a draft's saves kept; restore one"),
}


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's layout at the width argparse would choose, found as shutil finds it.

    argparse imports shutil (with bz2 and lzma) for that width each time a parser is
    made, which costs a headless command ~2 ms of its start; help is rarely shown.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    # shutil.get_terminal_size().columns: $COLUMNS, else the terminal's, else 80.
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no stdout, closed, or not a terminal
        return 80


def _app_parser() -> argparse.ArgumentParser:
    # Names longer than the column (import-sarif) keep two spaces before their summary.
    commands = "\n".join(
        f"  {name:<10}{summary}" if len(name) < 10 else f"  {name}  {summary}"
        for name, (_, summary) in COMMANDS.items()
    )
    parser = argparse.ArgumentParser(
        prog="audit-tui",
        description="Write the Final Backend Audit Report & Production Readiness Assessment.",
        epilog=f"commands (audit-tui COMMAND --help for more):\n{commands}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "draft",
        nargs="?",
        default="audit-report.toml",
        help="the draft to open or create (default: ./audit-report.toml)",
    )
    parser.add_argument("--template", metavar="PATH", help="use this template file")
    parser.add_argument("--version", action="version", version=f"audit-tui {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Importing the command's modules allocates a great many objects that live as
    # long as the process; the cyclic collector's passes over them cost ~15 ms of
    # the app's start. A headless command is short-lived and the app turns the
    # collector back on once it has frozen what the imports left (prepare_process).
    collecting = gc.isenabled()
    gc.disable()
    try:
        if args_list and args_list[0] in COMMANDS:
            name = args_list[0]
            module = importlib.import_module(COMMANDS[name][0])
            parser = argparse.ArgumentParser(
                prog=f"audit-tui {name}",
                description=COMMANDS[name][1],
                formatter_class=_HelpFormatter,
            )
            module.add_arguments(parser)
            args = parser.parse_args(args_list[1:])
            return int(module.run(args))
        args = _app_parser().parse_args(args_list)
        from audit_tui.cli.app import run_app

        return run_app(args)
    except UserError as exc:
        return fail(*exc.lines)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`audit-tui check --json | head`): stop quietly, and
        # point stdout at devnull so that Python's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    finally:
        if collecting:
            gc.enable()
