"""Small helpers about answer values, shared by the template, the draft and the checks."""

from __future__ import annotations

import datetime
import errno
import os
import re
import stat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (bool, "true/false"),
    (int, "integer"),
    (float, "number"),
    (str, "text"),
    (list, "list"),
    (dict, "table"),
    (datetime.datetime, "date-time"),
    (datetime.date, "date"),
    (datetime.time, "time"),
)


def describe_type(value: Any) -> str:
    """Name the type of a TOML value in the auditor's words, with the value when short."""
    for kind, name in _TYPE_NAMES:
        if isinstance(value, kind):
            if kind in (bool, int, float):
                return f"{name} {value!r}".replace("True", "true").replace("False", "false")
            return name
    return type(value).__name__


# Python refuses to turn more than 4300 digits into a whole number (int_max_str_digits).
TOO_MANY_DIGITS = "holds a whole number of more than 4300 digits, which audit-tui cannot read"

_TOML_POSITION = re.compile(r"^(?P<reason>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_END = re.compile(r"^(?P<reason>.*) \(at end of document\)$")


def toml_error_where(text: str, message: str) -> tuple[int, int, str]:
    """Line, column and reason of a tomllib error message (the end of `text` when it names none)."""
    match = _TOML_POSITION.match(message)
    if match:
        return int(match["line"]), int(match["col"]), match["reason"]
    end = _TOML_END.match(message)
    line = text.count("\n") + 1
    col = len(text) - (text.rfind("\n") + 1) + 1
    return line, col, end["reason"] if end else message


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1, in characters) of the byte at `offset`."""
    before = raw[:offset]
    start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[start:].decode("utf-8", "replace")) + 1


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+\Z")  # \Z: `$` would let a final newline by


def key_part(name: str) -> str:
    """A key as it may be shown in a dotted path: bare when TOML allows, else quoted on one line."""
    if _BARE_KEY.match(name):
        return name
    shown = "".join(_escape_char(ch) for ch in name.replace("\\", "\\\\").replace('"', '\\"'))
    return f'"{shown}"'


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in _INVISIBLE:
        return f"\\u{code:04x}"
    return ch


# Line and paragraph separators, and bidi marks, overrides and isolates.
_INVISIBLE = {0x2028, 0x2029, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def shown_path(path: str) -> str:
    """`path` as `str(Path(path))` shows it (`./a//b/` as `a/b`).

    pathlib costs the headless commands ~4 ms of their start, so it is imported
    only for a path that is not already in that form.
    """
    parts = path.split("/")
    if os.name == "posix" and path and "." not in parts and all(parts[1:]):
        return path
    from pathlib import Path

    return str(Path(path))


def read_file(path: str | Path) -> bytes:
    """The bytes of the regular file at `path`, never blocking on a pipe or reading a device.

    Raises OSError as `Path.read_bytes` does; a pipe, socket or device raises one whose
    strerror says it is not a regular file.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, socket or device)", str(path))
        os.set_blocking(fd, True)
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def read_error(exc: OSError, kind: str) -> str:
    """Why a file could not be read, in one line; `kind` names what it should have been."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return f"is a folder, not {kind}"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot be read: {exc.strerror or exc}"
