"""The suggested verdict, worked out from a template's rules (checks: `core/checks/consistency.py`).

Everything here is pure and cheap: it reads the draft, never changes it, and
can run on every keystroke. The auditor's own answers always win; the
suggestion only explains what the rules make of the other answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, Literal

from audit_tui.core.checks.check import section_findings
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.kinds import meant_option
from audit_tui.core.model.record import record
from audit_tui.core.model.rules import Rules
from audit_tui.core.model.template import Field, Template
from audit_tui.core.render.text import one_line

About = Literal["health", "recommendation"]
_SHORT = 60


@record
class Reason:
    """One sentence behind the suggestion, and the draft paths it comes from."""

    text: str
    about: About
    paths: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.text


@record
class Verdict:
    """The suggested health score and recommendation; None where the rules cannot tell yet."""

    health: int | None
    recommendation: str | None
    reasons: tuple[Reason, ...] = ()

    @property
    def health_reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.about == "health")

    @property
    def recommendation_reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.about == "recommendation")

    def to_json(self) -> dict[str, Any]:
        return {
            "health": self.health,
            "recommendation": self.recommendation,
            "reasons": [r.text for r in self.reasons],
        }


# --------------------------------------------------------------------------
# Reading the answers the rules need


@record
class RiskRow:
    """One row of the risk table as the rules read it; an unknown priority is None."""

    path: str
    number: int
    priority: str | None
    issue: str
    timeline: str
    row: dict[str, Any]

    @property
    def name(self) -> str:
        """`risk 2 (SQL injection)`, or `risk 2` without issue text."""
        return f"risk {self.number} ({self.issue})" if self.issue else f"risk {self.number}"


@record
class GradeAnswer:
    """A valid grade answered in one of the rules' grade fields."""

    field: Field
    grade: str

    @property
    def name(self) -> str:
        """`Security` for a field labelled `Security Rating`."""
        label = self.field.label
        for suffix in (" Rating", " Grade"):
            if label.endswith(suffix) and len(label) > len(suffix):
                return label[: -len(suffix)]
        return label


def risk_rows(template: Template, rules: Rules, draft: Draft) -> list[RiskRow]:
    """The rows of the risk table that are tables; malformed rows are left out."""
    table = template.field(rules.risk_table)
    rows = draft.get(table)
    if not isinstance(rows, list):
        return []
    priorities = {c.id: c for c in table.columns}[rules.priority_column].options
    risks = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            continue
        priority = row.get(rules.priority_column)
        risks.append(
            RiskRow(
                path=f"{table.key}[{index}]",
                number=index + 1,
                priority=meant_option(priority, priorities),
                issue=one_line(row.get(rules.issue_column), _SHORT),
                timeline=one_line(row.get(rules.timeline_column), limit=1_000),
                row=row,
            )
        )
    return risks


def grade_answers(template: Template, rules: Rules, draft: Draft) -> tuple[list[GradeAnswer], int]:
    """The valid grades answered, and how many grade fields are not."""
    found = []
    for key in rules.grade_fields:
        f = template.field(key)
        value = draft.get(f)
        if f.is_answered(value) and f.validate(value) is None:
            found.append(GradeAnswer(f, value))
    return found, len(rules.grade_fields) - len(found)


def _incomplete_must_haves(template: Template, rules: Rules, draft: Draft) -> list[str]:
    """Titles of the must-have sections with a missing or invalid answer."""
    return [
        template.section(section_id).title
        for section_id in rules.must_have_sections
        if section_findings(template.section(section_id), draft)
    ]


def blocking_risks(rules: Rules, risks: Iterable[RiskRow]) -> list[RiskRow]:
    """The risks whose priority blocks a launch, whatever their timeline."""
    return [r for r in risks if r.priority in rules.blocking_priorities]


def count_risks(risks: list[RiskRow]) -> str:
    """`2 High risks`, `1 High and 1 Critical risks`."""
    counts = Counter(r.priority for r in risks)
    words = " and ".join(f"{n} {priority}" for priority, n in counts.items())
    return f"{words} risk" if len(risks) == 1 else f"{words} risks"


def due_phrase(risks: list[RiskRow]) -> str:
    """`Before Production` when every risk names the same timeline, else `before launch`."""
    timelines = {r.timeline.casefold() for r in risks}
    return one_line(risks[0].timeline, _SHORT) if len(timelines) == 1 else "before launch"


def is_valid(f: Field, value: Any) -> bool:
    """True when `value` is an answer and a valid one for `f`."""
    return f.is_answered(value) and f.validate(value) is None


# --------------------------------------------------------------------------
# The suggestion


def suggest_verdict(
    template: Template, draft: Draft, risks: list[RiskRow] | None = None
) -> Verdict:
    """The health score and recommendation the template's rules suggest, with their reasons.

    A template without rules suggests nothing: Verdict(None, None, ()). `risks` are the
    draft's `risk_rows`, when the caller has them already.
    """
    rules = template.rules
    if rules is None:
        return Verdict(None, None)
    if risks is None:
        risks = risk_rows(template, rules, draft)
    grades, unanswered = grade_answers(template, rules, draft)
    incomplete = _incomplete_must_haves(template, rules, draft)
    reasons: list[Reason] = []
    health = _suggest_health(template, rules, grades, unanswered, risks, incomplete, reasons)
    recommendation = _suggest_recommendation(
        rules, health, grades, unanswered, risks, incomplete, reasons
    )
    return Verdict(health, recommendation, tuple(reasons))


def _suggest_health(
    template: Template,
    rules: Rules,
    grades: list[GradeAnswer],
    unanswered: int,
    risks: list[RiskRow],
    incomplete: list[str],
    reasons: list[Reason],
) -> int | None:
    if not grades:
        reasons.append(Reason("no health suggested: no grade answered", "health"))
        return None
    points = [rules.points(g.grade) or 0 for g in grades]
    # Round half up, in whole numbers: 7.5 is 8.
    health = (2 * sum(points) + len(points)) // (2 * len(points))
    listed = ", ".join(g.grade for g in grades)
    text = f"health {health} from the mean of {len(grades)} grades ({listed})"
    if unanswered:
        text += f"; {unanswered} unanswered"
    reasons.append(Reason(text, "health", tuple(g.field.key for g in grades)))

    penalised = [r for r in risks if r.priority is not None and rules.penalty(r.priority)]
    if penalised:
        total = sum(rules.penalty(r.priority or "") for r in penalised)
        penalty = min(total, rules.max_risk_penalty)
        if penalty:
            counts = Counter(r.priority or "" for r in penalised)
            parts = ", ".join(
                f"{n} {p} (-{n * rules.penalty(p)})" for p, n in sorted(counts.items())
            )
            text = f"health -{penalty} for open risks: {parts}"
            if penalty < total:
                text += f", limited to -{rules.max_risk_penalty}"
            reasons.append(Reason(text, "health", tuple(r.path for r in penalised)))
            health -= penalty

    caps: list[tuple[int, str, tuple[str, ...]]] = []
    for g in grades:
        cap = rules.cap(g.grade)
        if cap is not None:
            caps.append((cap, f"{g.name} graded {g.grade}", (g.field.key,)))
    if incomplete:
        caps.append(
            (
                rules.must_have_cap,
                f"{', '.join(incomplete)} incomplete (must-have)",
                tuple(rules.must_have_sections),
            )
        )
    if caps:
        lowest = min(c for c, _, _ in caps)
        if health > lowest:
            health = lowest
            binding = [c for c in caps if c[0] == lowest]
            reasons.append(
                Reason(
                    f"health capped at {lowest}: {'; '.join(t for _, t, _ in binding)}",
                    "health",
                    tuple(p for _, _, paths in binding for p in paths),
                )
            )
    score = template.field(rules.health_field)
    return max(score.min, min(score.max, health))


def _suggest_recommendation(
    rules: Rules,
    health: int | None,
    grades: list[GradeAnswer],
    unanswered: int,
    risks: list[RiskRow],
    incomplete: list[str],
    reasons: list[Reason],
) -> str | None:
    no_go: list[Reason] = []
    due = [r for r in blocking_risks(rules, risks) if rules.is_before_launch(r.timeline)]
    if due:
        no_go.append(
            Reason(
                f"{rules.no_go}: {count_risks(due)} due {due_phrase(due)}",
                "recommendation",
                tuple(r.path for r in due),
            )
        )
    for g in grades:
        if g.grade in rules.no_go_grades:
            no_go.append(
                Reason(
                    f"{rules.no_go}: {g.name} graded {g.grade}", "recommendation", (g.field.key,)
                )
            )
    if health is not None and health < rules.no_go_below:
        no_go.append(
            Reason(
                f"{rules.no_go}: suggested health {health} is below {rules.no_go_below}",
                "recommendation",
            )
        )
    if incomplete and rules.must_have_no_go:
        no_go.append(
            Reason(
                f"{rules.no_go}: {', '.join(incomplete)} incomplete (must-have)",
                "recommendation",
                tuple(rules.must_have_sections),
            )
        )
    if no_go:
        reasons.extend(no_go)
        return rules.no_go
    if unanswered:
        reasons.append(
            Reason(
                f"no recommendation yet: {unanswered} of {len(rules.grade_fields)} grades "
                "unanswered",
                "recommendation",
                rules.grade_fields,
            )
        )
        return None
    held = [f"no {' or '.join(rules.blocking_priorities)} risk due before launch"]
    if rules.no_go_grades:
        held.append(f"no grade {' or '.join(rules.no_go_grades)}")
    if health is not None and rules.no_go_below:
        held.append(f"health {health} is {rules.no_go_below} or more")
    if rules.must_have_sections and rules.must_have_no_go:
        held.append("must-have sections complete")
    reasons.append(Reason(f"{rules.go}: {', '.join(held)}", "recommendation"))
    return rules.go
