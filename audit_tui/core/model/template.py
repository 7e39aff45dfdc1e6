"""The report template as data: parts, sections and fields loaded from a TOML file.

A template is parsed once into frozen dataclasses and validated eagerly: every
problem in the file is collected as a `Problem` and reported together.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from audit_tui.core.model.record import field, record
from audit_tui.core.model.rules import Rules, read_rules
from audit_tui.core.model.values import (
    byte_position,
    describe_type,
    key_part,
    read_error,
    read_file,
    shown_path,
    toml_error_where,
)

if TYPE_CHECKING:
    from pathlib import Path

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

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


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


# --------------------------------------------------------------------------
# Loading


def builtin_template_path(name: str = BUILTIN_TEMPLATE) -> Path:
    """Where the built-in template lives: inside the wheel, or in the checkout."""
    from pathlib import Path

    return Path(_builtin_template_file(name))


def _builtin_template_file(name: str = BUILTIN_TEMPLATE) -> str:
    # os.path rather than pathlib, which the headless commands need not import.
    # this file is audit_tui/core/model/template.py; the package is three folders up
    package = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    packaged = os.path.join(package, "questions", f"{name}.toml")  # where the wheel puts it
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(package), "questions", f"{name}.toml")


def load_template(path: str | Path | None = None) -> Template:
    """Load and validate a template file (the built-in one when `path` is None).

    Raises TemplateError listing every problem found.
    """
    file = shown_path(os.fspath(path)) if path is not None else _builtin_template_file()
    name = file
    try:
        raw = read_file(file)
    except OSError as exc:
        raise TemplateError([Problem(name, "", read_error(exc, "a template file"))]) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        problem = "starts with a byte order mark (BOM); save the file as UTF-8 without BOM"
        raise TemplateError([Problem(f"{name}:1:1", "", problem)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = byte_position(raw, exc.start)
        problem = f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})"
        raise TemplateError([Problem(f"{name}:{line}:{col}", "", problem)]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col, reason = toml_error_where(text, str(exc))
        problem = f"not valid TOML: {reason}"
        raise TemplateError([Problem(f"{name}:{line}:{col}", "", problem)]) from None
    except RecursionError:
        raise TemplateError([Problem(name, "", "not valid TOML: nested too deeply")]) from None
    return parse_template(data, name)


def parse_template(data: Mapping[str, Any], source: str = "<template>") -> Template:
    """Build a Template from already-parsed TOML, collecting every problem."""
    reader = _Reader(source)
    template = reader.template(data)
    if reader.problems or template is None:
        raise TemplateError(reader.problems)
    return template


_TEMPLATE_KEYS = {"id", "title", "parts", "rules"}
_PART_KEYS = {"heading", "sections"}
_SECTION_KEYS = {"id", "title", "heading", "fields"}
_FIELD_KEYS = {
    "id",
    "kind",
    "label",
    "help",
    "placeholder",
    "options",
    "min",
    "max",
    "ordered",
    "strong",
    "unanswered",
    "columns",
}
_KIND_ONLY_KEYS = {
    "options": ("choice",),
    "min": ("score",),
    "max": ("score",),
    "ordered": ("list",),
    "columns": ("table",),
}
_COLUMN_KEYS = {"id", "label", "kind", "options", "strong", "help", "placeholder"}


class _Reader:
    """Walks parsed template TOML, building dataclasses and noting every problem."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.source, key, message))

    def unknown_keys(self, key: str, table: Mapping[str, Any], allowed: set[str]) -> None:
        for name in table:
            if name not in allowed:
                where = f"{key}.{key_part(name)}" if key else key_part(name)
                self.problem(where, f"unknown key (expected one of {', '.join(sorted(allowed))})")

    def string(
        self, key: str, table: Mapping[str, Any], name: str, *, required: bool = False
    ) -> str:
        where = f"{key}.{name}" if key else name
        if name not in table:
            if required:
                self.problem(where, "missing")
            return ""
        value = table[name]
        if not isinstance(value, str):
            self.problem(where, f"expected text, found {describe_type(value)}")
            return ""
        if required and not value.strip():
            self.problem(where, "must not be empty")
        return value

    def identifier(self, key: str, table: Mapping[str, Any]) -> str:
        value = self.string(key, table, "id", required=True)
        if value and not _ID.match(value):
            self.problem(f"{key}.id", f"{value!r} is not an id (lower-case letters, digits, _)")
        return value

    def boolean(self, key: str, table: Mapping[str, Any], name: str) -> bool:
        value = table.get(name, False)
        if not isinstance(value, bool):
            self.problem(f"{key}.{name}", f"expected true or false, found {describe_type(value)}")
            return False
        return value

    def tables(self, key: str, table: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
        where = f"{key}.{name}" if key else name
        value = table.get(name)
        if value is None:
            self.problem(where, "missing")
            return []
        if not isinstance(value, list) or not value:
            self.problem(where, "expected a non-empty array of tables")
            return []
        good: list[Mapping[str, Any]] = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                good.append(item)
            else:
                self.problem(f"{where}[{index}]", f"expected a table, found {describe_type(item)}")
        return good

    def options(self, key: str, table: Mapping[str, Any]) -> tuple[str, ...]:
        where = f"{key}.options"
        value = table.get("options")
        if value is None:
            self.problem(where, "missing: a choice needs a list of options")
            return ()
        if not isinstance(value, list) or not value:
            self.problem(where, "expected a non-empty list of text")
            return ()
        seen: list[str] = []
        for index, option in enumerate(value):
            if not isinstance(option, str) or not option.strip():
                self.problem(f"{where}[{index}]", "expected non-empty text")
            elif option in seen:
                self.problem(f"{where}[{index}]", f"duplicate option {option!r}")
            else:
                seen.append(option)
        return tuple(seen)

    def template(self, data: Mapping[str, Any]) -> Template | None:
        self.unknown_keys("", data, _TEMPLATE_KEYS)
        template_id = self.string("", data, "id", required=True)
        if template_id and not re.match(r"^[a-z0-9][a-z0-9_-]*$", template_id):
            self.problem(
                "id", f"{template_id!r} is not an id (lower-case letters, digits, _ and -)"
            )
        title = self.string("", data, "title", required=True)
        section_ids: set[str] = set()
        parts = []
        for index, part_data in enumerate(self.tables("", data, "parts")):
            part = self.part(f"parts[{index}]", part_data, section_ids)
            if part is not None:
                parts.append(part)
        rules = None
        if "rules" in data:
            # Whether the rules' fields exist can only be told when the parts are sound.
            rules = read_rules(data["rules"], None if self.problems else parts, self.problem)
        if self.problems:
            return None
        return Template(
            id=template_id, title=title, parts=tuple(parts), source=self.source, rules=rules
        )

    def part(self, key: str, data: Mapping[str, Any], section_ids: set[str]) -> Part | None:
        self.unknown_keys(key, data, _PART_KEYS)
        heading = self.string(key, data, "heading", required=True)
        sections = []
        for index, section_data in enumerate(self.tables(key, data, "sections")):
            section = self.section(f"{key}.sections[{index}]", section_data, heading, section_ids)
            if section is not None:
                sections.append(section)
        return Part(heading=heading, sections=tuple(sections))

    def section(
        self, key: str, data: Mapping[str, Any], part_heading: str, section_ids: set[str]
    ) -> Section | None:
        self.unknown_keys(key, data, _SECTION_KEYS)
        section_id = self.identifier(key, data)
        if section_id in section_ids:
            self.problem(f"{key}.id", f"duplicate section id {section_id!r}")
        section_ids.add(section_id)
        heading = self.string(key, data, "heading") or None
        title = self.string(key, data, "title")
        if not title:
            title = _NUMBERED.sub("", heading or part_heading).strip()
        field_ids: set[str] = set()
        fields = []
        for index, field_data in enumerate(self.tables(key, data, "fields")):
            made = self.field(f"{key}.fields[{index}]", field_data, section_id, field_ids)
            if made is not None:
                fields.append(made)
        tables_at_top = [f for f in fields if f.path == (section_id,)]
        if tables_at_top and len(fields) > 1:
            self.problem(
                f"{key}.fields",
                f"a table field named like its section ({section_id!r}) "
                "must be the section's only field",
            )
        return Section(
            id=section_id, title=title, heading=heading, part=part_heading, fields=tuple(fields)
        )

    def field(
        self, key: str, data: Mapping[str, Any], section_id: str, field_ids: set[str]
    ) -> Field | None:
        self.unknown_keys(key, data, _FIELD_KEYS)
        field_id = self.identifier(key, data)
        if field_id in field_ids:
            self.problem(f"{key}.id", f"duplicate field id {field_id!r}")
        field_ids.add(field_id)
        label = self.string(key, data, "label", required=True)
        kind = self.string(key, data, "kind", required=True)
        if kind and kind not in KINDS:
            self.problem(
                f"{key}.kind", f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})"
            )
            return None
        for name, kinds in _KIND_ONLY_KEYS.items():
            if name in data and kind not in kinds:
                self.problem(f"{key}.{name}", f"does not apply to a {kind} field")
        extra: dict[str, Any] = {}
        if kind == "choice":
            extra["options"] = self.options(key, data)
        if kind == "score":
            bounds = []
            for name, default in (("min", 1), ("max", 10)):
                value = data.get(name, default)
                if isinstance(value, bool) or not isinstance(value, int):
                    self.problem(
                        f"{key}.{name}", f"expected a whole number, found {describe_type(value)}"
                    )
                    value = default
                bounds.append(value)
            if bounds[0] > bounds[1]:
                self.problem(f"{key}.min", f"min {bounds[0]} is greater than max {bounds[1]}")
            extra["min"], extra["max"] = bounds
        if kind == "list":
            extra["ordered"] = self.boolean(key, data, "ordered")
        if kind == "table":
            extra["columns"] = self.columns(key, data)
        unanswered = self.string(key, data, "unanswered") or DEFAULT_UNANSWERED
        is_top = kind == "table" and field_id == section_id
        return Field(
            id=field_id,
            kind=kind,
            label=label,
            path=(section_id,) if is_top else (section_id, field_id),
            help=self.string(key, data, "help"),
            placeholder=self.string(key, data, "placeholder"),
            strong=self.boolean(key, data, "strong"),
            unanswered=unanswered,
            **extra,
        )

    def columns(self, key: str, data: Mapping[str, Any]) -> tuple[Column, ...]:
        columns = []
        ids: set[str] = set()
        for index, column_data in enumerate(self.tables(key, data, "columns")):
            where = f"{key}.columns[{index}]"
            self.unknown_keys(where, column_data, _COLUMN_KEYS)
            column_id = self.identifier(where, column_data)
            if column_id in ids:
                self.problem(f"{where}.id", f"duplicate column id {column_id!r}")
            ids.add(column_id)
            kind = self.string(where, column_data, "kind") or "text"
            if kind not in COLUMN_KINDS:
                self.problem(
                    f"{where}.kind",
                    f"unknown column kind {kind!r} (expected one of {', '.join(COLUMN_KINDS)})",
                )
            options: tuple[str, ...] = ()
            if kind == "choice":
                options = self.options(where, column_data)
            elif "options" in column_data:
                self.problem(f"{where}.options", f"does not apply to a {kind} column")
            columns.append(
                Column(
                    id=column_id,
                    label=self.string(where, column_data, "label", required=True),
                    kind=kind,
                    options=options,
                    strong=self.boolean(where, column_data, "strong"),
                    help=self.string(where, column_data, "help"),
                    placeholder=self.string(where, column_data, "placeholder"),
                )
            )
        return tuple(columns)
