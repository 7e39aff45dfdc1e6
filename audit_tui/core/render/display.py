"""Answer text made safe to show in a terminal: nothing in it is obeyed, only shown.

The export's `clean_text` drops what a report must not carry (ESC, C0 and C1
controls, bidi overrides); on screen we also replace lone surrogates, which no
terminal encoding can write, and flatten lines where one line is all there is.
"""

from __future__ import annotations

import re
from typing import Any

from audit_tui.core.render.export import clean_text

_SURROGATE = re.compile("[\ud800-\udfff]")
_BLANKS = re.compile(r"[\t\n]+")
REPLACEMENT = "\ufffd"


def display_text(text: str) -> str:
    """`text` without controls the terminal would obey; newlines and tabs kept."""
    if text.isprintable():
        return text  # the common case, checked in C: no controls, no surrogates
    return _SURROGATE.sub(REPLACEMENT, clean_text(text))


def display_line(text: str) -> str:
    """`text` on one line: controls dropped, newlines and tabs shown as single spaces."""
    if text.isprintable():
        return text
    return _BLANKS.sub(" ", display_text(text))


def display_value(value: Any) -> str:
    """Any stored value as one safe line (numbers as digits, booleans as true/false)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return display_line(value).strip()
    return display_line(str(value)).strip()
