"""Every field kind in one place: what counts as an answer, how one is checked and shown.

A kind is one of `KINDS`. For each, this module says
- what counts as answered (`is_answered`): text counts only when something of it
  is left once cleaned as a report cleans it, so an answer of control or bidi
  characters alone, or of blanks, is no answer; a list needs one such entry;
- how an answered value is validated (`validate`) and typed text parsed (`parse`);
- how a value is shown on one line (`display`), and a list's entries (`shown_entries`);
- how a stored list or table is read as items (`items_of`).

Code that treats kinds differently switches with `match field.kind:` and ends in
`case _: assert_never(kind)`, so that mypy names every such place when a kind is
added (CONTRIBUTING.md lists them). check, the exports, diff, import and the app
all ask this module whether a field is answered, so they agree.
"""

from __future__ import annotations

import re
from typing import Any, Literal, Protocol, assert_never, get_args

from audit_tui.core.model.values import describe_type
from audit_tui.core.render.text import toml_like, visible

Kind = Literal["text", "paragraph", "list", "score", "grade", "choice", "table"]
KINDS: tuple[Kind, ...] = get_args(Kind)
ColumnKind = Literal["text", "choice"]
COLUMN_KINDS: tuple[ColumnKind, ...] = get_args(ColumnKind)
GRADES: dict[str, str] = {
    "A": "Excellent",
    "B": "Good",
    "C": "Fair",
    "D": "Poor",
    "F": "Failing",
}


class Question(Protocol):
    """What a kind needs to know of its field (a template `Field` is one)."""

    @property
    def kind(self) -> Kind: ...
    @property
    def min(self) -> int: ...
    @property
    def max(self) -> int: ...
    @property
    def choices(self) -> tuple[str, ...]: ...


def kind_named(name: str) -> Kind | None:
    """The kind called `name`, or None when there is none."""
    for kind in KINDS:
        if kind == name:
            return kind
    return None


def column_kind_named(name: str) -> ColumnKind | None:
    """The column kind called `name`, or None when there is none."""
    for kind in COLUMN_KINDS:
        if kind == name:
            return kind
    return None


def items_of(value: Any) -> list[Any]:
    """The entries of a stored list or the rows of a stored table, as a new list.

    Any other stored value is one item (so an editor shows it, to be fixed); None is none.
    """
    if isinstance(value, list):
        return list(value)
    return [] if value is None else [value]


def is_answered(field: Question, value: Any) -> bool:
    """True when `value` is an answer to `field`, valid or not.

    Absent values, text with nothing left once cleaned, lists with no such entry
    and tables without rows are not.
    """
    if value is None:
        return False
    kind = field.kind
    match kind:
        case "list":
            if isinstance(value, list):
                return bool(shown_entries(field, value))
            return visible(display(field, value)) != ""
        case "table":
            if isinstance(value, list):
                return len(value) > 0
            return visible(display(field, value)) != ""
        case "text" | "paragraph" | "score" | "grade" | "choice":
            return visible(display(field, value)) != ""
        case _:
            assert_never(kind)


def shown_entries(field: Question, value: list[Any]) -> list[str]:
    """The entries of a list answer as a report shows them, cleaned; empty ones left out."""
    shown = (visible(display(field, entry)) for entry in value)
    return [entry for entry in shown if entry]


def validate(field: Question, value: Any) -> str | None:
    """Why an answered `value` is invalid for `field`, or None."""
    kind = field.kind
    match kind:
        case "text" | "paragraph":
            if not isinstance(value, str):
                return f"expected text, found {describe_type(value)}"
            if kind == "text" and ("\n" in value.strip() or "\r" in value.strip()):
                return "must be a single line"
            return None
        case "list":
            if not isinstance(value, list):
                return f"expected a list of text, found {describe_type(value)}"
            for index, item in enumerate(value, start=1):
                if not isinstance(item, str):
                    return f"entry {index}: expected text, found {describe_type(item)}"
            return None
        case "score":
            if isinstance(value, bool) or not isinstance(value, int):
                return f"expected a whole number, found {describe_type(value)}"
            if not field.min <= value <= field.max:
                return f"must be between {field.min} and {field.max}; found {value}"
            return None
        case "grade" | "choice":
            choices = field.choices
            if not isinstance(value, str):
                return f"expected one of {', '.join(choices)}, found {describe_type(value)}"
            if value not in choices:
                return f"must be one of {', '.join(choices)}; found {value!r}"
            return None
        case "table":
            if not isinstance(value, list):
                return f"expected rows of a table, found {describe_type(value)}"
            for index, row in enumerate(value):
                if not isinstance(row, dict):
                    return f"row {index + 1}: expected a table, found {describe_type(row)}"
            return None
        case _:
            assert_never(kind)


_WORD = re.compile(r"[^\W_]+")


def meant_option(value: Any, options: tuple[str, ...]) -> str | None:
    """The option an invalid answer plainly means, or None: `no-go`, `NO GO`, `HIGH` and
    `NO-GO` with a zero-width space in it all show as an option in the report, so the
    verdict and the gate must read them as that option too (case, spacing, punctuation
    and invisible characters aside)."""
    if not isinstance(value, str):
        return None
    if value in options:
        return value
    compact = "".join(_WORD.findall(visible(value))).casefold()
    if not compact:
        return None
    for option in options:
        if compact == "".join(_WORD.findall(option)).casefold():
            return option
    return None


def parse(field: Question, text: str) -> Any:
    """Turn what the auditor typed into a value for `field` (None: no answer).

    Raises ValueError with a message for the auditor when `text` cannot be one.
    """
    kind = field.kind
    match kind:
        case "score":
            stripped = text.strip()
            if not stripped:
                return None
            # ASCII digits only: int() also takes `1_0`, `+9`, `٣` and `７`, which the box
            # would show while the report says 10, 9, 3 and 7.
            digits = stripped.removeprefix("-")
            if not (digits.isascii() and digits.isdigit() and len(digits) <= 18):
                raise ValueError(f"enter a whole number from {field.min} to {field.max}")
            number = int(stripped)
            if not field.min <= number <= field.max:
                raise ValueError(f"enter a whole number from {field.min} to {field.max}")
            return number
        case "grade" | "choice":
            stripped = text.strip()
            if not stripped:
                return None
            for choice in field.choices:
                if stripped in (choice, display(field, choice)):
                    return choice
            raise ValueError(f"choose one of {', '.join(field.choices)}")
        case "text" | "paragraph" | "list" | "table":
            return text
        case _:
            assert_never(kind)


def display(field: Question, value: Any) -> str:
    """A value as the report shows it, before cleaning: a grade as `B (Good)`, a number as
    digits, a list (where none belongs) comma-separated, any other value of a wrong type
    as TOML writes it (`true`, `nan`, `{a = 1}`: `toml_like`)."""
    if isinstance(value, str) and field.kind == "grade" and value in GRADES:
        return f"{value} ({GRADES[value]})"
    return toml_like(value)
