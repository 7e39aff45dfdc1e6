"""Reading and writing draft files without ever leaving half a file behind."""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from itertools import chain
from typing import TYPE_CHECKING, Any

from audit_tui.core.files.safe_write import UNREAD, Unread, write_file
from audit_tui.core.model.draft import FORMAT, META, Draft, DraftError, now
from audit_tui.core.model.record import record
from audit_tui.core.model.template import Template
from audit_tui.core.model.toml_text import TomlProblem, parse_toml
from audit_tui.core.model.values import (
    describe_type,
    key_part,
    read_error,
    read_file,
)
from audit_tui.core.render.text import one_line

if TYPE_CHECKING:
    from pathlib import Path

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+\Z")  # \Z: `$` would let a final newline by
_INT64 = (-(2**63), 2**63 - 1)
_TABLE = frozenset({dict})
_TEXT = frozenset({str})
_PLAIN = frozenset({str, bool, float})  # values TOML holds whatever they are


@record
class Fingerprint:
    """What a draft file looked like on disk, to notice another writer."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, path: str | Path) -> Fingerprint | None:
        """The file's fingerprint now, or None when there is no file."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return None
        return cls(st.st_mtime_ns, st.st_size, st.st_ino)


# --------------------------------------------------------------------------
# Reading


def read_draft(path: str | Path, template: Template | None = None) -> Draft:
    """Load the draft at `path`; raise DraftError with `PATH:LINE:COL: reason` when unusable.

    With `template`, a draft written for another template is refused too.
    """
    return load_draft(path, template)[0]


def parse_draft(raw: bytes, name: str = "<draft>") -> Draft:
    """Parse draft bytes; raise DraftError naming the line and column of any fault."""
    try:
        data = parse_toml(raw)
    except TomlProblem as exc:
        raise DraftError(f"{exc.where(name)}: {exc}") from None
    meta = data.get(META)
    if meta is not None and not isinstance(meta, dict):
        raise DraftError(f"{name}: [meta] must be a table, found {describe_type(meta)}")
    if isinstance(meta, dict) and "format" in meta:
        version = meta["format"]
        if isinstance(version, bool) or not isinstance(version, int):
            raise DraftError(
                f"{name}: meta.format must be a whole number, found {describe_type(version)}"
            )
        if version > FORMAT:
            raise DraftError(
                f"{name}: draft format {version} is newer than this audit-tui understands "
                f"(format {FORMAT}); upgrade audit-tui to open it"
            )
        if version < 1:
            raise DraftError(f"{name}: meta.format {version} is not a draft format")
    return Draft(data)


def check_template(draft: Draft, template: Template, name: str) -> None:
    """Refuse a draft that names a different template than `template`, and a TOML file
    that is no draft at all (`pyproject.toml`, a `.env` that parses as TOML): no `[meta]`
    and none of the template's sections. Saving would rewrite it as a draft."""
    if META not in draft.data and draft.data:
        sections = {f.path[0] for _, f in template.fields()}
        if sections.isdisjoint(draft.data):
            found = ", ".join(sorted(draft.data)[:3]) + (", …" if len(draft.data) > 3 else "")
            raise DraftError(
                f"{name}: is not an audit-tui draft (no [meta] table and none of the "
                f"report's sections; found {one_line(found, 80)}); choose another file"
            )
    wanted = draft.data.get(META, {}).get("template")
    if wanted is not None and wanted != template.id:
        raise DraftError(
            f"{name}: draft was written for template {wanted!r}, not {template.id!r}; "
            "pass --template with that template's file"
        )


# --------------------------------------------------------------------------
# Writing


def serialise(draft: Draft, template: Template) -> bytes:
    """The draft as TOML bytes in template order; raise DraftError naming a bad value."""
    meta = draft.data.get(META)
    version = meta.get("format") if isinstance(meta, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT:
        raise DraftError(
            f"draft format {version} is newer than this audit-tui writes (format {FORMAT})"
        )
    data = draft.ordered(template)
    if _suspect(data):
        _refuse_unsaveable(data)
    try:
        return _dumps(data).encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        _refuse_unsaveable(data)  # names the field when it can
        raise DraftError(f"draft cannot be saved: {exc}") from None


def _refuse_unsaveable(data: dict[str, Any]) -> None:
    """Raise DraftError naming the first value or key TOML cannot hold, if any."""
    for key, value in _walk(data):
        problem = _unsaveable(value)
        if problem:
            raise DraftError(f"{key}: cannot be saved: {problem}")


def _suspect(data: dict[str, Any]) -> bool:
    """A quick scan for what tomli_w would write but TOML cannot hold.

    Text needs no check here (a lone surrogate fails the final encode), so the
    common draft costs one pass without building a key path per value; tables
    and rows of text alone (the risk table) are passed over in one step each.
    """
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str or kind is bool or kind is float:
            continue
        if kind is dict:
            if not _TEXT.issuperset(map(type, value)):
                return True
            if not _PLAIN.issuperset(map(type, value.values())):
                stack.extend(value.values())
        elif kind is list:
            if not _are_plain_rows(value, keys=True):
                stack.extend(value)
        elif kind is int:
            if not _INT64[0] <= value <= _INT64[1]:
                return True
        elif kind is datetime.date:
            continue
        elif kind in (datetime.datetime, datetime.time):
            if value.utcoffset() is not None and (
                kind is datetime.time or value.utcoffset() % datetime.timedelta(minutes=1)
            ):
                return True
        else:
            return True
    return False


def _dumps(data: dict[str, Any]) -> str:
    """TOML with the top-level tables in the order of `data`, and rows as `[[name]]` tables.

    tomli_w alone would write short rows as an inline array before every table;
    top-level values that are not tables must come first in any case.
    """
    import tomli_w  # only a save needs it: not the app's start, nor export or check

    literals: dict[str, Any] = {}
    chunks: list[str] = []
    for name, value in data.items():
        if isinstance(value, dict):
            chunks.append(tomli_w.dumps({name: value}))
        elif _BARE_KEY.match(name) and _are_flat_rows(value):
            chunk = tomli_w.dumps({name: value})
            if not chunk.startswith("[["):  # short rows: tomli_w chose an inline array
                chunk = "\n".join(f"[[{name}]]\n" + tomli_w.dumps(row) for row in value)
            chunks.append(chunk)
        else:
            literals[name] = value
    if literals:
        chunks.insert(0, tomli_w.dumps(literals))
    return "\n".join(chunks)


def _are_flat_rows(value: Any) -> bool:
    """True for a non-empty list of tables holding no tables themselves."""
    if not isinstance(value, list) or not value:
        return False
    if _are_plain_rows(value, keys=False):
        return True
    for row in value:
        if not isinstance(row, dict):
            return False
        if any(isinstance(v, dict) or _holds_tables(v) for v in row.values()):
            return False
    return True


def _are_plain_rows(rows: list[Any], *, keys: bool) -> bool:
    """True when every row is a table of text, booleans or floats (and, with `keys`,
    every key is text): the risk table, checked at C speed rather than per cell."""
    if not _TABLE.issuperset(map(type, rows)):
        return False
    if keys and not _TEXT.issuperset(map(type, chain.from_iterable(rows))):
        return False
    return _PLAIN.issuperset(map(type, chain.from_iterable(map(dict.values, rows))))


def _holds_tables(value: Any) -> bool:
    return isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value)


def stamp_and_serialise(draft: Draft, template: Template) -> bytes:
    """Stamp `meta.updated` (and `meta.created` on a new draft) and serialise; DraftError if
    a value cannot be saved (the stamps are then as they were)."""
    meta = draft.meta
    meta.setdefault("format", FORMAT)
    meta.setdefault("template", template.id)
    stamp = now()
    meta.setdefault("created", stamp)
    previous = meta.get("updated")
    meta["updated"] = stamp
    try:
        return serialise(draft, template)
    except DraftError:
        if previous is None:
            meta.pop("updated", None)
        else:
            meta["updated"] = previous
        raise


def save_draft(
    path: str | Path,
    draft: Draft,
    template: Template,
    *,
    expected: bytes | None | Unread = UNREAD,
    history: bool = True,
) -> Fingerprint:
    """Save `draft` atomically: the old file or the new one, whole, whatever happens.

    Stamps `meta.updated` (and `meta.created` on a new draft). A new file is made
    readable by its owner alone; an existing file keeps its mode. With `expected`
    (the bytes read), a file that changed meanwhile is not overwritten
    (ChangedOnDisk). With `history`, the replaced version is kept (core.history).
    """
    return write_draft_bytes(
        path, stamp_and_serialise(draft, template), expected=expected, history=history
    )


def write_draft_bytes(
    path: str | Path,
    payload: bytes,
    *,
    expected: bytes | None | Unread = UNREAD,
    history: bool = True,
) -> Fingerprint:
    """Write a draft's bytes by the writer rules, keeping the replaced version in history."""
    keep = None
    if history:
        from audit_tui.core.files.history import keep_version

        keep = keep_version
    target = write_file(
        path, payload, chosen=True, expected=expected, keep=keep
    )  # the user's draft
    fingerprint = Fingerprint.of(target)
    assert fingerprint is not None
    return fingerprint


def load_draft(path: str | Path, template: Template | None = None) -> tuple[Draft, bytes]:
    """The draft at `path` and the bytes it was read from (to notice a change before saving)."""
    name = str(path)
    try:
        raw = read_file(path)
    except OSError as exc:
        raise DraftError(f"{name}: {read_error(exc, 'a draft file')}") from None
    draft = parse_draft(raw, name)
    if template is not None:
        check_template(draft, template, name)
    return draft, raw


# A TOML string of any of the four kinds, or a `#` outside them (a comment).
_STRING_OR_COMMENT = re.compile(
    r'"""[\s\S]*?"""(?:"{1,2}(?!"))?'
    r"|'''[\s\S]*?'''(?:'{1,2}(?!'))?"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#"
)


def has_comments(raw: bytes) -> bool:
    """True when the TOML in `raw` holds a comment (a `#` outside any string)."""
    if b"#" not in raw:
        return False
    text = raw.decode("utf-8", "replace")
    return any(match.group() == "#" for match in _STRING_OR_COMMENT.finditer(text))


def write_atomic(path: str | Path, payload: bytes, *, chosen: bool) -> None:
    """Write `payload` to `path` through a synced temporary file and a rename.

    Raises DraftError with a one-line reason when the file cannot be written
    (see core.safe_write for the rules: no links it did not choose, no devices...).
    """
    write_file(path, payload, chosen=chosen)


@record
class _BadKey:
    name: Any


def _walk(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for name, inner in value.items():
            if not isinstance(name, str) or _unsaveable(name):
                yield key or "draft", _BadKey(name)
                continue
            part = key_part(name)
            yield from _walk(inner, f"{key}.{part}" if key else part)
    elif isinstance(value, list | tuple):
        for index, inner in enumerate(value):
            yield from _walk(inner, f"{key}[{index}]")
    else:
        yield key, value


def _unsaveable(value: Any) -> str | None:
    """Why TOML cannot hold `value`, or None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "text contains a lone surrogate character that UTF-8 cannot hold"
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            return "whole number too large for TOML (64-bit)"
        return None
    if isinstance(value, datetime.datetime):
        offset = value.utcoffset()
        if offset is not None and offset % datetime.timedelta(minutes=1):
            return "a time zone offset with seconds, which TOML cannot hold"
        return None
    if isinstance(value, datetime.time) and value.utcoffset() is not None:
        return "a time of day with a time zone offset, which TOML cannot hold"
    if isinstance(value, float | datetime.date | datetime.time):
        return None
    if isinstance(value, _BadKey):
        if isinstance(value.name, str):
            shown = key_part(value.name)
            return f"key {shown} contains a lone surrogate character that UTF-8 cannot hold"
        return f"key {value.name!r} is not text"
    if value is None:
        return "no value (TOML has no null)"
    return f"{type(value).__name__} is not a TOML value"
