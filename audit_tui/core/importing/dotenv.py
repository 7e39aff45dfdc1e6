"""Variable names from a dotenv file (`.env.example`), for the environment variables list.

Only names are read: a value may be a secret, so values are skipped unread and
never reach the draft, a message or a preview.
"""

from __future__ import annotations

import re

from audit_tui.core.draft import Draft
from audit_tui.core.importing.plan import (
    Addition,
    ImportPlan,
    ImportProblem,
    Skipped,
    current_entries,
    decode_text,
    list_field,
)
from audit_tui.core.template import Template

ENV_FIELD = "environment.environment_variables"
EXPECTED = "a dotenv file (NAME=value lines)"
_ASSIGNMENT = re.compile(
    r"^(?:export\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)\s*(?:(?P<equals>=)\s*(?P<rest>.*))?$"
)
_NAME = re.compile(r"`?(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)`?(?:\s|$|[:(,—-])")


def read_names(text: str) -> tuple[list[tuple[str, int]], list[Skipped]]:
    """Each variable's name with its line, and the lines that are not `NAME=value`.

    Handles comments, blank lines, `export ` and quoted values over several lines.
    A bad line is reported by number only, since it may hold a secret.
    """
    names: list[tuple[str, int]] = []
    bad: list[Skipped] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = 0
    while index < len(lines):
        number = index + 1
        stripped = lines[index].strip()
        index += 1
        if not stripped or stripped.startswith("#"):
            continue
        match = _ASSIGNMENT.match(stripped)
        if match is None:
            bad.append(Skipped("not NAME=value; left out (its text is not shown)", number))
            continue
        names.append((match["name"], number))
        rest = match["rest"] or ""
        quote = rest[:1]
        if quote in ("'", '"') and not _closes(rest[1:], quote):
            # A quoted value over several lines: skip to its closing quote.
            while index < len(lines) and not _closes(lines[index], quote):
                index += 1
            if index == len(lines):
                bad.append(Skipped("quoted value never closed", number))
            index += 1
    return names, bad


def _closes(text: str, quote: str) -> bool:
    """True when `text` holds the quote that ends a value (not an escaped one)."""
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\" and quote == '"':
            escaped = True
        elif char == quote:
            return True
    return False


def plan_env_import(
    template: Template,
    draft: Draft,
    data: bytes,
    source: str = "<dotenv>",
    field_key: str = ENV_FIELD,
) -> ImportPlan:
    """The variable names a dotenv file would add to `draft`, leaving out those already there.

    ImportProblem, naming `source`, when the file is not text or has no
    `NAME=value` line but does have other lines.
    """
    target = list_field(template, field_key)
    existing = current_entries(draft, target)
    text = decode_text(data, source, EXPECTED)
    names, bad = read_names(text)
    if bad and not names:
        raise ImportProblem(
            f"{source}: no NAME=value line found (line {bad[0].line} is not one); "
            f"expected {EXPECTED}"
        )
    seen = {_entry_name(e) for e in existing if isinstance(e, str)}
    additions: list[Addition] = []
    present = 0
    for name, line in names:
        if name in seen:
            present += 1
            continue
        seen.add(name)
        additions.append(Addition(target, name, line=line))
    return ImportPlan(source, tuple(additions), tuple(bad), present)


def _entry_name(entry: str) -> str:
    """The variable an entry names: `DATABASE_URL`, `` `DATABASE_URL` `` or `DATABASE_URL (db)`."""
    match = _NAME.match(entry.strip() + " ")
    return match["name"] if match else entry.strip()
