"""Starting the terminal app (the only command path that imports textual)."""

from __future__ import annotations

import argparse

from audit_tui.cli.common import template_from


def run_app(args: argparse.Namespace) -> int:
    template = template_from(args)
    from audit_tui.tui.app import run

    return run(template, args.draft)
