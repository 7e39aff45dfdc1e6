"""The report template as data: parts, sections and fields.

`core/model/loader.py` reads a template file into these classes, validating it
eagerly: every problem in the file is collected as a `Problem` and reported together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from audit_tui.core.model.record import field, record
from audit_tui.core.model.rules import Rules
from audit_tui.core.model.values import describe_type

BUILTIN_TEMPLATE = "backend-audit"

KINDS = ("text", "paragraph", "list", "score", "grade", "choice", "table")
COLUMN_KINDS = ("text", "choice")
GRADES: dict[str, str] = {
    "A": "Excellent",
    "B": "Good",
    "C": "Fair",
    "D": "Poor",
    "F": "Failing",
}
DEFAULT_UNANSWERED = "[TBD]"


@record
class Problem:
    """One thing wrong with a file, at a key path inside it."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.key}: {self.message}"
            if self.key
            else f"{self.file}: {self.message}"
        )


class TemplateError(Exception):
    """A template file could not be used; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@record
class Column:
    """One named column of a table field."""

    id: str
    label: str
    kind: str = "text"
    options: tuple[str, ...] = ()
    strong: bool = False
    help: str = ""
    placeholder: str = ""
    aliases: tuple[str, ...] = ()  # other names a hand-written report may use (import)

    def validate(self, value: Any) -> str | None:
        """Return why `value` is not a valid answer for this column, or None."""
        if not isinstance(value, str):
            return f"expected text, found {describe_type(value)}"
        if self.kind == "choice" and value not in self.options:
            return f"must be one of {', '.join(self.options)}; found {value!r}"
        return None


@record
class Field:
    """One question of the report, with the rules for its answer."""

    id: str
    kind: str
    label: str
    path: tuple[str, ...]
    help: str = ""
    placeholder: str = ""
    options: tuple[str, ...] = ()
    min: int = 1
    max: int = 10
    ordered: bool = False
    strong: bool = False
    unanswered: str = DEFAULT_UNANSWERED
    columns: tuple[Column, ...] = ()
    aliases: tuple[str, ...] = ()  # other names a hand-written report may use (import)

    @property
    def key(self) -> str:
        """The field's dotted path in a draft, e.g. `security.rating`."""
        return ".".join(self.path)

    @property
    def choices(self) -> tuple[str, ...]:
        """The allowed values of a grade or choice field."""
        return tuple(GRADES) if self.kind == "grade" else self.options

    def is_answered(self, value: Any) -> bool:
        """True when `value` counts as an answer (absent, blank text and empty lists do not)."""
        if value is None:
            return False
        if isinstance(value, str):
            return value.strip() != ""
        if isinstance(value, list):
            if self.kind == "list":
                return any(not isinstance(v, str) or v.strip() for v in value)
            return len(value) > 0
        return True

    def validate(self, value: Any) -> str | None:
        """Return why an answered `value` is invalid for this field, or None."""
        kind = self.kind
        if kind in ("text", "paragraph"):
            if not isinstance(value, str):
                return f"expected text, found {describe_type(value)}"
            if kind == "text" and ("\n" in value.strip() or "\r" in value.strip()):
                return "must be a single line"
            return None
        if kind == "list":
            if not isinstance(value, list):
                return f"expected a list of text, found {describe_type(value)}"
            for index, item in enumerate(value, start=1):
                if not isinstance(item, str):
                    return f"entry {index}: expected text, found {describe_type(item)}"
            return None
        if kind == "score":
            if isinstance(value, bool) or not isinstance(value, int):
                return f"expected a whole number, found {describe_type(value)}"
            if not self.min <= value <= self.max:
                return f"must be between {self.min} and {self.max}; found {value}"
            return None
        if kind in ("grade", "choice"):
            if not isinstance(value, str):
                return f"expected one of {', '.join(self.choices)}, found {describe_type(value)}"
            if value not in self.choices:
                return f"must be one of {', '.join(self.choices)}; found {value!r}"
            return None
        if kind == "table":
            if not isinstance(value, list):
                return f"expected rows of a table, found {describe_type(value)}"
            for index, row in enumerate(value):
                if not isinstance(row, dict):
                    return f"row {index + 1}: expected a table, found {describe_type(row)}"
            return None
        return None  # pragma: no cover - kinds are checked when loading

    def parse(self, text: str) -> Any:
        """Turn what the user typed into a value for this field.

        Raises ValueError with a message for the user when `text` cannot be one.
        """
        if self.kind == "score":
            stripped = text.strip()
            if not stripped:
                return None
            try:
                number = int(stripped)
            except ValueError:
                raise ValueError(f"enter a whole number from {self.min} to {self.max}") from None
            if not self.min <= number <= self.max:
                raise ValueError(f"enter a whole number from {self.min} to {self.max}")
            return number
        if self.kind in ("grade", "choice"):
            stripped = text.strip()
            if not stripped:
                return None
            for choice in self.choices:
                if stripped in (choice, self.display(choice)):
                    return choice
            raise ValueError(f"choose one of {', '.join(self.choices)}")
        return text

    def display(self, value: Any) -> str:
        """The value as the report shows it: a grade as `B (Good)`, a number as digits."""
        if self.kind == "grade" and isinstance(value, str) and value in GRADES:
            return f"{value} ({GRADES[value]})"
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)


@record
class Section:
    """One form of the report: a draft table and the fields stored in it."""

    id: str
    title: str
    heading: str | None
    part: str
    fields: tuple[Field, ...]

    def field(self, field_id: str) -> Field:
        for candidate in self.fields:
            if candidate.id == field_id:
                return candidate
        raise KeyError(field_id)

    @property
    def is_table(self) -> bool:
        """True when the section's answer is a top-level array of rows (`[[risks]]`)."""
        return len(self.fields) == 1 and self.fields[0].path == (self.id,)


@record
class Part:
    """A numbered `##` part of the report, holding one or more sections."""

    heading: str
    sections: tuple[Section, ...]


@record
class Template:
    """A whole report template."""

    id: str
    title: str
    parts: tuple[Part, ...]
    source: str = field(default="", compare=False)
    rules: Rules | None = None

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for p in self.parts for s in p.sections)

    def section(self, section_id: str) -> Section:
        for candidate in self.sections:
            if candidate.id == section_id:
                return candidate
        raise KeyError(section_id)

    def fields(self) -> Iterator[tuple[Section, Field]]:
        for section in self.sections:
            for f in section.fields:
                yield section, f

    def field(self, key: str) -> Field:
        """The field at a dotted key such as `security.rating`."""
        for _, f in self.fields():
            if f.key == key:
                return f
        raise KeyError(key)
