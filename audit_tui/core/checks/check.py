"""Checking a draft against its template: missing answers, invalid values, unknown keys."""

from __future__ import annotations

from typing import Any, Literal

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.record import field, record
from audit_tui.core.model.template import Field, Section, Template
from audit_tui.core.model.values import describe_type

Severity = Literal["missing", "invalid", "unknown"]


@record
class Finding:
    """One problem with a draft, at a key path such as `risks[2].priority`."""

    path: str
    message: str
    severity: Severity
    section: str | None = None
    cell: bool = False  # a cell of a table row, not a whole field

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def counted(count: int, thing: str) -> str:
    """`1 invalid value`, `3 empty table cells`: a count with its unit, plural when due."""
    return f"{count} {thing}" if count == 1 else f"{count} {thing}s"


@record
class Completeness:
    """How many of a section's fields are answered (`answered`, `total`: fields), how many
    values are invalid (a field's or a table cell's), and how many table cells are empty."""

    section: str
    title: str
    answered: int
    total: int
    invalid: int = 0
    incomplete: bool = False
    empty_cells: int = 0

    @property
    def done(self) -> bool:
        """Every field answered, every value valid, every table cell filled."""
        return self.answered == self.total and not self.invalid and not self.incomplete


@record(frozen=False)
class CheckReport:
    """Everything `check` has to say about a draft."""

    findings: list[Finding] = field(default_factory=list)
    sections: list[Completeness] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sections)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def invalid(self) -> int:
        """Invalid values: a field's answer or a table cell."""
        return sum(s.invalid for s in self.sections)

    @property
    def empty_cells(self) -> int:
        """Empty cells of the table rows there are (a row's field counts as answered)."""
        return sum(s.empty_cells for s in self.sections)

    def unfinished(self) -> str:
        """What is left, each count in its unit: `33 of 35 fields unanswered, 1 invalid
        value, 3 empty table cells` ("" when nothing is)."""
        parts = []
        if self.answered < self.total:
            parts.append(f"{self.total - self.answered} of {self.total} fields unanswered")
        if self.invalid:
            parts.append(counted(self.invalid, "invalid value"))
        if self.empty_cells:
            parts.append(counted(self.empty_cells, "empty table cell"))
        return ", ".join(parts)

    def overall(self) -> list[str]:
        """Each count in its own unit, as `check`'s Overall line and the review say them:
        `31/35 fields answered (88%)`, `1 invalid value`, `3 empty table cells`."""
        percent = 100 * self.answered // self.total if self.total else 100
        parts = [f"{self.answered}/{self.total} fields answered ({percent}%)"]
        if self.invalid:
            parts.append(counted(self.invalid, "invalid value"))
        if self.empty_cells:
            parts.append(counted(self.empty_cells, "empty table cell"))
        return parts

    @property
    def ok(self) -> bool:
        """True when every field is answered and every value valid (unknown keys are warnings)."""
        return not any(f.severity != "unknown" for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "answered": self.answered,
            "total": self.total,
            "invalid": self.invalid,
            "empty_cells": self.empty_cells,
            "sections": [
                {
                    "id": s.section,
                    "title": s.title,
                    "answered": s.answered,
                    "total": s.total,
                    "invalid": s.invalid,
                    "empty_cells": s.empty_cells,
                }
                for s in self.sections
            ],
            "problems": [
                {"path": f.path, "message": f.message, "severity": f.severity, "section": f.section}
                for f in self.findings
            ],
        }


def field_findings(field: Field, value: Any, section: str | None = None) -> list[Finding]:
    """The problems with one field's value: missing, invalid, or (tables) bad cells."""
    if not field.is_answered(value):
        return [Finding(field.key, "missing answer", "missing", section)]
    message = field.validate(value)
    if message:
        return [Finding(field.key, message, "invalid", section)]
    if field.kind != "table":
        return []
    found = []
    key = field.key
    for index, row in enumerate(value):
        for column in field.columns:
            cell = row.get(column.id)
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                where = f"{key}[{index}].{column.id}"
                found.append(Finding(where, "missing answer", "missing", section, cell=True))
                continue
            problem = column.validate(cell)
            if problem:
                where = f"{key}[{index}].{column.id}"
                found.append(Finding(where, problem, "invalid", section, cell=True))
    return found


def section_findings(section: Section, draft: Draft) -> list[Finding]:
    """Every missing or invalid answer of one section."""
    raw = draft.data.get(section.id)
    if raw is not None and not section.is_table and not isinstance(raw, dict):
        return [
            Finding(
                section.id,
                f"expected a table of answers, found {describe_type(raw)}",
                "invalid",
                section.id,
            )
        ]
    found: list[Finding] = []
    for f in section.fields:
        found.extend(field_findings(f, draft.get(f), section.id))
    return found


def section_completeness(section: Section, draft: Draft, findings: list[Finding]) -> Completeness:
    """Count a section's answered fields; `invalid` counts its invalid values."""
    answered = sum(1 for f in section.fields if f.is_answered(draft.get(f)))
    invalid = sum(1 for f in findings if f.severity == "invalid")
    incomplete = any(f.severity == "missing" for f in findings)
    empty_cells = sum(1 for f in findings if f.severity == "missing" and f.cell)
    return Completeness(
        section.id, section.title, answered, len(section.fields), invalid, incomplete, empty_cells
    )


def check_draft(template: Template, draft: Draft) -> CheckReport:
    """Check every field of the draft and list the keys the template does not know."""
    report = CheckReport()
    for section in template.sections:
        found = section_findings(section, draft)
        report.findings.extend(found)
        report.sections.append(section_completeness(section, draft, found))
    known = {s.id for s in template.sections}
    for unknown in draft.unknown_keys(template):
        top = unknown.path.split(".")[0].split("[")[0]
        report.findings.append(
            Finding(
                unknown.path,
                "unknown key; kept as it is, not exported",
                "unknown",
                top if top in known else None,
            )
        )
    return report
