"""Variable names from a dotenv file (`.env.example`), for the environment variables list.

Only names are read: a value may be a secret, so values are skipped unread and
never reach the draft, a message or a preview.
"""

from __future__ import annotations

import re

from audit_tui.core.importing.plan import (
    Addition,
    ImportPlan,
    ImportProblem,
    Skipped,
    current_entries,
    decode_text,
    list_field,
)
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template

ENV_FIELD = "environment.environment_variables"
EXPECTED = "a dotenv file (NAME=value lines)"
# One assignment's start, read within one line: `export NAME=`, `NAME: ` (npm dotenv), or
# a bare `NAME` (python-dotenv). What follows `=` is a value, read only to find its end.
_KEY = re.compile(
    r"[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)[ \t]*"
    r"(?:(?P<equals>=|:(?=[ \t]))[ \t]*|(?:#.*)?$)",
    re.ASCII,
)
_QUOTES = ('"', "'", "`")
_NAME = re.compile(r"`?(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)`?(?:\s|$|[:(,—-])")
# A bare name (python-dotenv's `NAME` alone) must look like one: upper case, digits and
# `_`. A line of a secret that spilled over (a token, a base64 line) rarely does.
_BARE = re.compile(r"[A-Z_][A-Z0-9_]*", re.ASCII)
NOT_AN_ASSIGNMENT = "not NAME=value; left out (its text is not shown)"
NEVER_CLOSED = "quoted value never closed; the lines after it are left out unread"
SPILLED = "the value above goes on without quotes; these lines are left out unread"


def read_names(text: str) -> tuple[list[tuple[str, int]], list[Skipped]]:
    """Each variable's name with its line, and the lines that are not `NAME=value`.

    Quoting is read as npm dotenv and python-dotenv read it: a value in double,
    single or backtick quotes may span lines and ends at the first quote not
    escaped by a backslash; its lines are never names. A value whose quote never
    closes makes the rest of the file unreadable as names (it may all be secret).
    A bad line is reported by number only, since it may hold a secret.
    """
    names: list[tuple[str, int]] = []
    bad: list[Skipped] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    size = len(text)
    pos, number = 0, 1
    while pos < size:
        end = text.find("\n", pos)
        if end < 0:
            end = size
        match = _KEY.match(text, pos, end)
        if match is not None and not match["equals"] and not _BARE.fullmatch(match["name"]):
            match = None  # `hunter2`, `ghp_token`: not a variable's name
        if match is None:
            stripped = text[pos:end].strip()
            if stripped and not stripped.startswith("#"):
                bad.append(Skipped(NOT_AN_ASSIGNMENT, number))
        else:
            names.append((match["name"], number))
            quote = text[match.end() : match.end() + 1] if match["equals"] else ""
            if quote in _QUOTES:
                close = _closing(text, quote, match.end() + 1)
                if close < 0:
                    bad.append(Skipped(NEVER_CLOSED, number))
                    break
                number += text.count("\n", pos, close)
                end = text.find("\n", close)
                if end < 0:
                    end = size
            elif match["equals"]:
                # No quotes, yet the value goes on: a line ending in `\`, or a PEM block.
                last = _spill_end(text, match.end(), end, size)
                if last != end:
                    bad.append(Skipped(SPILLED, number + 1))
                    number += text.count("\n", end, last)
                    end = last
        pos, number = end + 1, number + 1
    return names, bad


def _spill_end(text: str, value: int, end: int, size: int) -> int:
    """Where an unquoted value that starts at `value` on a line ending at `end` really
    ends: after the lines its trailing backslashes join, or at its PEM block's `-----END`
    line; `end` when it is one line (the rest of the file, when nothing ends it)."""
    line = text[value:end].rstrip()
    if line.startswith("-----BEGIN "):
        close = text.find("-----END ", end)
        if close < 0:
            return size
        after = text.find("\n", close)
        return size if after < 0 else after
    while line.endswith("\\") and end < size:
        start = end + 1
        end = text.find("\n", start)
        if end < 0:
            end = size
        line = text[start:end].rstrip()
    return end


def _closing(text: str, quote: str, start: int) -> int:
    """Where the quote that ends a value is (one not after a backslash), or -1."""
    at = text.find(quote, start)
    while at > 0 and text[at - 1] == "\\":
        at = text.find(quote, at + 1)
    return at


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
