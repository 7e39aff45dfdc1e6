"""The verdict rules of a template: thresholds and lists, read from its `[rules]` table.

Rules are data only: numbers, names of fields and columns, and lists of text.
Nothing in them is evaluated; `core/checks/verdict.py` applies them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from audit_tui.core.model.record import record
from audit_tui.core.model.values import describe_type

GRADE_ORDER = ("A", "B", "C", "D", "F")


@record
class Rules:
    """How the suggested verdict and the consistency checks are worked out.

    Field names are dotted keys (`security.rating`); columns are ids of the risk
    table; mappings are kept as sorted `(name, number)` pairs so rules stay hashable.
    """

    health_field: str
    recommendation_field: str
    go: str
    no_go: str
    grade_fields: tuple[str, ...]
    risk_table: str
    priority_column: str
    issue_column: str
    timeline_column: str
    grade_points: tuple[tuple[str, int], ...]
    grade_caps: tuple[tuple[str, int], ...] = ()
    risk_penalties: tuple[tuple[str, int], ...] = ()
    max_risk_penalty: int = 4
    blocking_priorities: tuple[str, ...] = ("High",)
    before_launch: tuple[str, ...] = (
        "before production",
        "before launch",
        "pre-launch",
        "prelaunch",
        "immediately",
    )
    no_go_grades: tuple[str, ...] = ("F",)
    no_go_below: int = 5
    must_have_sections: tuple[str, ...] = ()
    must_have_cap: int = 5
    must_have_no_go: bool = True
    long_list: int = 5
    long_list_grades: tuple[str, ...] = ("A", "B")
    long_list_fields: tuple[str, ...] = ()
    go_requires: tuple[str, ...] = ()
    risk_requires: tuple[str, ...] = ()
    high_score: int = 9
    health_tolerance: int = 2

    def points(self, grade: str) -> int | None:
        """The health points a grade is worth, or None for an unknown grade."""
        return dict(self.grade_points).get(grade)

    def cap(self, grade: str) -> int | None:
        """The highest health a grade allows, or None when it sets no cap."""
        return dict(self.grade_caps).get(grade)

    def penalty(self, priority: str) -> int:
        """How much one open risk of `priority` lowers the health."""
        return dict(self.risk_penalties).get(priority, 0)

    def is_before_launch(self, timeline: str) -> bool:
        """True when a risk's timeline says it must be done before launch."""
        folded = " ".join(timeline.split()).casefold()
        return any(phrase.casefold() in folded for phrase in self.before_launch)


# --------------------------------------------------------------------------
# Reading

Report = Callable[[str, str], None]

_REFERENCES = ("health_field", "recommendation_field", "risk_table")
_REQUIRED = (
    "health_field",
    "recommendation_field",
    "go",
    "no_go",
    "grade_fields",
    "risk_table",
    "priority_column",
    "issue_column",
    "timeline_column",
    "grade_points",
)
_TEXTS = ("go", "no_go", "priority_column", "issue_column", "timeline_column") + _REFERENCES
_TEXT_LISTS = (
    "grade_fields",
    "blocking_priorities",
    "before_launch",
    "no_go_grades",
    "must_have_sections",
    "long_list_grades",
    "long_list_fields",
    "go_requires",
    "risk_requires",
)
_NUMBERS = (
    "max_risk_penalty",
    "no_go_below",
    "must_have_cap",
    "long_list",
    "high_score",
    "health_tolerance",
)
_NUMBER_TABLES = ("grade_points", "grade_caps", "risk_penalties")
_BOOLEANS = ("must_have_no_go",)
RULE_KEYS = frozenset(_TEXTS + _TEXT_LISTS + _NUMBERS + _NUMBER_TABLES + _BOOLEANS)


References = Callable[[Rules, Report], None]
"""Checks that the fields, sections and columns `Rules` name exist in the template.

Given the rules and a report of (key in the rules table, message); the template
loader supplies it, so rules need not know the template's classes.
"""


def read_rules(data: Any, report: Report, references: References | None = None) -> Rules | None:
    """Build Rules from a template's `rules` table, reporting each problem as (key, message).

    `references` checks that every field, section and column the rules name
    exists with the right kind; None skips those checks (the template's parts had
    problems of their own). Returns None when anything is wrong.
    """
    reader = _RulesReader(report)
    return reader.rules(data, references)


class _RulesReader:
    def __init__(self, report: Report) -> None:
        self._report = report
        self.failed = False

    def problem(self, key: str, message: str) -> None:
        self.failed = True
        self._report(f"rules.{key}" if key else "rules", message)

    def rules(self, data: Any, references: References | None) -> Rules | None:
        if not isinstance(data, dict):
            self.problem("", f"expected a table, found {describe_type(data)}")
            return None
        for name in data:
            if name not in RULE_KEYS:
                self.problem(name, f"unknown key (expected one of {', '.join(sorted(RULE_KEYS))})")
        for name in _REQUIRED:
            if name not in data:
                self.problem(name, "missing")
        values: dict[str, Any] = {}
        for name in _TEXTS:
            if name in data:
                values[name] = self.text(name, data[name])
        for name in _TEXT_LISTS:
            if name in data:
                values[name] = self.text_list(name, data[name])
        for name in _NUMBERS:
            if name in data:
                values[name] = self.number(name, data[name])
        for name in _NUMBER_TABLES:
            if name in data:
                values[name] = self.number_table(name, data[name])
        for name in _BOOLEANS:
            if name in data:
                if isinstance(data[name], bool):
                    values[name] = data[name]
                else:
                    self.problem(name, f"expected true or false, found {describe_type(data[name])}")
        if self.failed:
            return None
        rules = Rules(**values)
        self.grades(rules)
        if references is not None:
            references(rules, self.problem)
        return None if self.failed else rules

    # -- types ------------------------------------------------------------
    def text(self, name: str, value: Any) -> str:
        if not isinstance(value, str):
            self.problem(name, f"expected text, found {describe_type(value)}")
            return ""
        if not value.strip():
            self.problem(name, "must not be empty")
        return value

    def text_list(self, name: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.problem(name, f"expected a list of text, found {describe_type(value)}")
            return ()
        seen: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problem(f"{name}[{index}]", "expected non-empty text")
            elif item in seen:
                self.problem(f"{name}[{index}]", f"duplicate entry {item!r}")
            else:
                seen.append(item)
        return tuple(seen)

    def number(self, name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(name, f"expected a whole number, found {describe_type(value)}")
            return 0
        if value < 0:
            self.problem(name, f"must not be negative; found {value}")
        return value

    def number_table(self, name: str, value: Any) -> tuple[tuple[str, int], ...]:
        if not isinstance(value, dict):
            self.problem(name, f"expected a table of whole numbers, found {describe_type(value)}")
            return ()
        pairs = []
        for key, number in value.items():
            pairs.append((key, self.number(f"{name}.{key}", number)))
        return tuple(sorted(pairs))

    # -- meaning ----------------------------------------------------------
    def grades(self, rules: Rules) -> None:
        for name, names in (
            ("grade_points", [g for g, _ in rules.grade_points]),
            ("grade_caps", [g for g, _ in rules.grade_caps]),
            ("no_go_grades", list(rules.no_go_grades)),
            ("long_list_grades", list(rules.long_list_grades)),
        ):
            for grade in names:
                if grade not in GRADE_ORDER:
                    self.problem(
                        f"{name}.{grade}" if name.startswith("grade_") else name,
                        f"{grade!r} is not a grade (expected one of {', '.join(GRADE_ORDER)})",
                    )
        missing = [g for g in GRADE_ORDER if rules.points(g) is None]
        if missing:
            self.problem("grade_points", f"every grade needs points; missing {', '.join(missing)}")
        if rules.go == rules.no_go:
            self.problem("no_go", "must differ from go")
        if rules.long_list < 1:
            self.problem("long_list", "must be at least 1")
