"""`audit-tui import-env .env.example DRAFT`: variable names (never values) into the draft."""

from __future__ import annotations

import argparse

from audit_tui.cli.common import UserError, template_from
from audit_tui.cli.import_sarif import (
    add_import_options,
    draft_lock,
    finish,
    load_or_new,
    not_the_source,
)
from audit_tui.core.importing.dotenv import ENV_FIELD, EXPECTED, plan_env_import
from audit_tui.core.importing.plan import ImportProblem, read_source


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("env", help="a dotenv file, e.g. .env.example (values are never read)")
    parser.add_argument("draft", help="the draft to add to (TOML; made when missing)")
    add_import_options(parser)


def run(args: argparse.Namespace) -> int:
    template = template_from(args)
    not_the_source(args.env, args.draft)
    with draft_lock(args.draft, take=not args.dry_run):
        draft, new, raw = load_or_new(args.draft, template)
        try:
            data = read_source(args.env, EXPECTED)
            plan = plan_env_import(template, draft, data, args.env, ENV_FIELD)
        except ImportProblem as exc:
            raise UserError(str(exc)) from None
        return finish(args, plan, draft, template, new, raw)
