"""The report template as data: parts, sections and fields.

`core/model/loader.py` reads a template file into these classes, validating it
eagerly: every problem in the file is collected as a `Problem` and reported together.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any, assert_never

from audit_tui.core.model import kinds
from audit_tui.core.model.kinds import GRADES, ColumnKind, Kind
from audit_tui.core.model.record import field, record
from audit_tui.core.model.rules import Rules
from audit_tui.core.model.values import describe_type

BUILTIN_TEMPLATE = "backend-audit"

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
    kind: ColumnKind = "text"
    options: tuple[str, ...] = ()
    strong: bool = False
    help: str = ""
    placeholder: str = ""
    aliases: tuple[str, ...] = ()  # other names a hand-written report may use (import)
    examples: tuple[tuple[str, str], ...] = ()
    """(option, example): the example for a row whose choice column holds that option."""

    def placeholder_for(self, chosen: Collection[str | None]) -> str:
        """The example for this column's empty cell in a row whose choice cells hold `chosen`
        (the High row's example once High is picked), else the general placeholder."""
        for option, example in self.examples:
            if option in chosen:
                return example
        return self.placeholder

    def validate(self, value: Any) -> str | None:
        """Return why `value` is not a valid answer for this column, or None."""
        if not isinstance(value, str):
            return f"expected text, found {describe_type(value)}"
        kind = self.kind
        match kind:
            case "choice":
                if value not in self.options:
                    return f"must be one of {', '.join(self.options)}; found {value!r}"
                return None
            case "text":
                return None
            case _:
                assert_never(kind)


@record
class Field:
    """One question of the report, with the rules for its answer."""

    id: str
    kind: Kind
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

    # What the answer means lives with the kind: core/model/kinds.py.
    def is_answered(self, value: Any) -> bool:
        """True when `value` counts as an answer (see `kinds.is_answered`)."""
        return kinds.is_answered(self, value)

    def validate(self, value: Any) -> str | None:
        """Return why an answered `value` is invalid for this field, or None."""
        return kinds.validate(self, value)

    def parse(self, text: str) -> Any:
        """Turn what the user typed into a value for this field (ValueError: why not)."""
        return kinds.parse(self, text)

    def display(self, value: Any) -> str:
        """The value as the report shows it on one line: a grade as `B (Good)`."""
        return kinds.display(self, value)


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
