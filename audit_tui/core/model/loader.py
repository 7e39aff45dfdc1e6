"""Reading a template file: TOML in, a validated `Template` out, or every problem at once.

The reader walks the parsed TOML, builds the template's frozen classes and notes
each problem as (file, key, message); it also checks that the fields, sections
and columns the verdict rules name exist with the right kind.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from audit_tui.core.model.kinds import COLUMN_KINDS, KINDS, column_kind_named, kind_named
from audit_tui.core.model.rules import Report, Rules, read_rules
from audit_tui.core.model.template import (
    BUILTIN_TEMPLATE,
    DEFAULT_UNANSWERED,
    Column,
    Field,
    Part,
    Problem,
    Section,
    Template,
    TemplateError,
)
from audit_tui.core.model.toml_text import TomlProblem, parse_toml
from audit_tui.core.model.values import (
    describe_type,
    key_part,
    read_error,
    read_file,
    shown_path,
)
from audit_tui.core.render.text import clean_text

if TYPE_CHECKING:
    from pathlib import Path

# Top-level names of a draft that are not sections (model.draft.META: not imported here,
# since the draft imports the template).
RESERVED_SECTION_IDS = frozenset({"meta"})
_ID = re.compile(r"^[a-z][a-z0-9_]*\Z")  # \Z: `$` would let a final newline by
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


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
    try:
        data = parse_toml(raw)
    except TomlProblem as exc:
        raise TemplateError([Problem(exc.where(name), "", str(exc))]) from None
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
    "aliases",
}
_KIND_ONLY_KEYS = {
    "options": ("choice",),
    "min": ("score",),
    "max": ("score",),
    "ordered": ("list",),
    "columns": ("table",),
}
_COLUMN_KEYS = {
    "id",
    "label",
    "kind",
    "options",
    "strong",
    "help",
    "placeholder",
    "aliases",
    "examples",
}


class _Reader:
    """Walks parsed template TOML, building records and noting every problem."""

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
        value = clean_text(value)  # a template's text reaches terminals and reports
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
            option = clean_text(option) if isinstance(option, str) else option
            if not isinstance(option, str) or not option.strip():
                self.problem(f"{where}[{index}]", "expected non-empty text")
            elif option in seen:
                self.problem(f"{where}[{index}]", f"duplicate option {option!r}")
            else:
                seen.append(option)
        return tuple(seen)

    def aliases(self, key: str, table: Mapping[str, Any], label: str) -> tuple[str, ...]:
        """Other names of a field or column: a list of distinct non-empty text."""
        where = f"{key}.aliases"
        value = table.get("aliases", [])
        if not isinstance(value, list):
            self.problem(where, f"expected a list of text, found {describe_type(value)}")
            return ()
        seen: list[str] = []
        for index, alias in enumerate(value):
            if not isinstance(alias, str) or not alias.strip():
                self.problem(f"{where}[{index}]", "expected non-empty text")
            elif alias.casefold() in [s.casefold() for s in [label, *seen]]:
                self.problem(f"{where}[{index}]", f"{alias!r} is already a name of this one")
            else:
                seen.append(alias)
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
            references = None if self.problems else _RuleReferences(parts)
            rules = read_rules(data["rules"], self.problem, references)
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
        if section_id in RESERVED_SECTION_IDS:
            self.problem(
                f"{key}.id",
                f"{section_id!r} is reserved: the draft keeps its own details under [{section_id}]",
            )
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
        # An alias names one field of its section: not another's label or alias.
        names = {made.label.casefold(): made.id for made in fields}
        for index, made in enumerate(fields):
            for number, alias in enumerate(made.aliases):
                owner = names.setdefault(alias.casefold(), made.id)
                if owner != made.id:
                    self.problem(
                        f"{key}.fields[{index}].aliases[{number}]",
                        f"{alias!r} already names field {owner!r} of this section",
                    )
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
        kind_name = self.string(key, data, "kind", required=True)
        kind = kind_named(kind_name)
        if kind is None:
            if kind_name:
                self.problem(
                    f"{key}.kind",
                    f"unknown kind {kind_name!r} (expected one of {', '.join(KINDS)})",
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
        extra["aliases"] = self.aliases(key, data, label)
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
            kind_name = self.string(where, column_data, "kind") or "text"
            kind = column_kind_named(kind_name)
            if kind is None:
                self.problem(
                    f"{where}.kind",
                    f"unknown column kind {kind_name!r} "
                    f"(expected one of {', '.join(COLUMN_KINDS)})",
                )
                kind = "text"  # the template is refused; go on to find more problems
            options: tuple[str, ...] = ()
            if kind == "choice":
                options = self.options(where, column_data)
            elif "options" in column_data:
                self.problem(f"{where}.options", f"does not apply to a {kind} column")
            label = self.string(where, column_data, "label", required=True)
            columns.append(
                Column(
                    id=column_id,
                    label=label,
                    aliases=self.aliases(where, column_data, label),
                    kind=kind,
                    options=options,
                    strong=self.boolean(where, column_data, "strong"),
                    help=self.string(where, column_data, "help"),
                    placeholder=self.string(where, column_data, "placeholder"),
                    examples=self.examples(where, column_data),
                )
            )
        choices = {o for c in columns if c.kind == "choice" for o in c.options}
        for index, column in enumerate(columns):
            for option, _ in column.examples:
                if option not in choices:
                    self.problem(
                        f"{key}.columns[{index}].examples.{key_part(option)}",
                        f"{option!r} is no option of a choice column of this table",
                    )
        return tuple(columns)

    def examples(self, key: str, table: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
        """A column's examples by option: `examples = { High = "e.g. ..." }`."""
        where = f"{key}.examples"
        value = table.get("examples", {})
        if not isinstance(value, dict):
            self.problem(where, f"expected a table of text, found {describe_type(value)}")
            return ()
        found = []
        for option, example in value.items():
            if not isinstance(example, str) or not example.strip():
                self.problem(f"{where}.{key_part(option)}", "expected non-empty text")
            else:
                found.append((clean_text(option), clean_text(example)))
        return tuple(found)


class _RuleReferences:
    """Checks that the fields, sections and columns the rules name exist with the right kind."""

    def __init__(self, parts: Sequence[Part]) -> None:
        self._parts = parts
        self._problem: Report = lambda key, message: None

    def __call__(self, rules: Rules, problem: Report) -> None:
        self._problem = problem
        fields: dict[str, Field] = {}
        sections: dict[str, tuple[str, ...]] = {}
        for part in self._parts:
            for section in part.sections:
                sections[section.id] = tuple(f.key for f in section.fields)
                for f in section.fields:
                    fields[f.key] = f

        def field(name: str, key: str, kinds: tuple[str, ...]) -> Field | None:
            found = fields.get(key)
            if found is None:
                self._problem(name, f"no field {key!r} in the template")
                return None
            if found.kind not in kinds:
                self._problem(
                    name, f"{key!r} is a {found.kind} field, expected {' or '.join(kinds)}"
                )
                return None
            return found

        field("health_field", rules.health_field, ("score",))
        recommendation = field("recommendation_field", rules.recommendation_field, ("choice",))
        if recommendation is not None:
            for name in ("go", "no_go"):
                value = getattr(rules, name)
                if value not in recommendation.options:
                    self._problem(
                        name,
                        f"{value!r} is not an option of {rules.recommendation_field!r} "
                        f"(expected one of {', '.join(recommendation.options)})",
                    )
        grade_sections: set[str] = set()
        for index, key in enumerate(rules.grade_fields):
            if field(f"grade_fields[{index}]", key, ("grade",)) is not None:
                grade_sections.add(fields[key].path[0])
        for index, key in enumerate(rules.long_list_fields):
            if field(f"long_list_fields[{index}]", key, ("list",)) is None:
                continue
            if fields[key].path[0] not in grade_sections:
                self._problem(
                    f"long_list_fields[{index}]",
                    f"{key!r} is in a section with no field of grade_fields",
                )
        for index, key in enumerate(rules.go_requires):
            if key not in fields:
                self._problem(f"go_requires[{index}]", f"no field {key!r} in the template")
        for index, section_id in enumerate(rules.must_have_sections):
            if section_id not in sections:
                self._problem(f"must_have_sections[{index}]", f"no section {section_id!r}")
        table = field("risk_table", rules.risk_table, ("table",))
        if table is not None:
            self.columns(rules, table)

    def columns(self, rules: Rules, table: Field) -> None:
        columns = {c.id: c for c in table.columns}
        for name in ("priority_column", "issue_column", "timeline_column"):
            column_id = getattr(rules, name)
            if column_id not in columns:
                self._problem(name, f"no column {column_id!r} in {rules.risk_table!r}")
        for index, column_id in enumerate(rules.risk_requires):
            if column_id not in columns:
                self._problem(f"risk_requires[{index}]", f"no column {column_id!r}")
        priority = columns.get(rules.priority_column)
        if priority is None:
            return
        if priority.kind != "choice":
            self._problem("priority_column", f"{priority.id!r} must be a choice column")
            return
        for name, names in (
            ("risk_penalties", [p for p, _ in rules.risk_penalties]),
            ("blocking_priorities", list(rules.blocking_priorities)),
        ):
            for value in names:
                if value not in priority.options:
                    self._problem(
                        f"{name}.{value}" if name == "risk_penalties" else name,
                        f"{value!r} is not a priority (expected one of "
                        f"{', '.join(priority.options)})",
                    )
