"""TOML bytes read the one way templates and drafts are: UTF-8 without BOM, then TOML.

Each fault says where it is (line and column, from 1) and why, in one line.
"""

from __future__ import annotations

import tomllib
from typing import Any

from audit_tui.core.model.values import TOO_MANY_DIGITS, byte_position, toml_error_where

BOM = b"\xef\xbb\xbf"


class TomlProblem(ValueError):
    """Why bytes are not a TOML document, and where (`line`/`col` None: the whole file)."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.col = col

    def where(self, name: str) -> str:
        """`name:LINE:COL`, or `name` when the fault has no place."""
        return name if self.line is None else f"{name}:{self.line}:{self.col}"


def parse_toml(raw: bytes) -> dict[str, Any]:
    """The TOML document in `raw`; TomlProblem when it has a BOM, is not UTF-8 or not TOML."""
    if raw.startswith(BOM):
        raise TomlProblem(
            "starts with a byte order mark (BOM); save the file as UTF-8 without BOM", 1, 1
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = byte_position(raw, exc.start)
        raise TomlProblem(f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})", line, col) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col, reason = toml_error_where(text, str(exc))
        raise TomlProblem(f"not valid TOML: {reason}", line, col) from None
    except RecursionError:
        raise TomlProblem("not valid TOML: nested too deeply") from None
    except ValueError:  # int() refuses a whole number past Python's digit limit
        raise TomlProblem(TOO_MANY_DIGITS) from None
