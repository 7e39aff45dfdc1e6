"""Small helpers about answer values, shared by the template, the draft and the checks."""

from __future__ import annotations

import datetime
from typing import Any

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
