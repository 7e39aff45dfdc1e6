"""Consistency checks: answers that contradict each other, or the suggested verdict.

Like the suggestion, these are pure and cheap; each finding names the draft
paths involved so the app can show it on those fields.
"""

from __future__ import annotations

from typing import Any

from audit_tui.core.checks.verdict import (
    RiskRow,
    Verdict,
    blocking_risks,
    count_risks,
    due_phrase,
    grade_answers,
    is_valid,
    risk_rows,
    suggest_verdict,
)
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.kinds import meant_option
from audit_tui.core.model.record import record
from audit_tui.core.model.template import Template
from audit_tui.core.render.text import one_line


@record
class Inconsistency:
    """Answers that contradict each other (or the suggestion), with the paths involved."""

    paths: tuple[str, ...]
    message: str

    @property
    def fields(self) -> tuple[str, ...]:
        """The dotted keys of the fields involved (`risks[2].action` -> `risks`)."""
        keys: list[str] = []
        for path in self.paths:
            key = path.split("[", 1)[0]
            if key not in keys:
                keys.append(key)
        return tuple(keys)

    def __str__(self) -> str:
        return f"{', '.join(self.paths)}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"paths": list(self.paths), "fields": list(self.fields), "message": self.message}


def consistency_warnings(
    template: Template, draft: Draft, risks: list[RiskRow] | None = None
) -> list[Inconsistency]:
    """Answers that contradict each other, each with the paths of the fields involved.

    `risks` are the draft's `risk_rows`, when the caller has them already.
    """
    rules = template.rules
    if rules is None:
        return []
    found: list[Inconsistency] = []
    if risks is None:
        risks = risk_rows(template, rules, draft)
    recommendation = template.field(rules.recommendation_field)
    is_go = meant_option(draft.get(recommendation), recommendation.choices) == rules.go
    rec = recommendation.label
    blocking = blocking_risks(rules, risks)

    due = [r for r in blocking if rules.is_before_launch(r.timeline)]
    if is_go and due:
        found.append(
            Inconsistency(
                (recommendation.key, *(r.path for r in due)),
                f"{rec} is {rules.go} but {count_risks(due)} "
                f"{'is' if len(due) == 1 else 'are'} due {due_phrase(due)}",
            )
        )

    grades = {g.field.path[0]: g for g in grade_answers(template, rules, draft)[0]}
    for key in rules.long_list_fields:
        f = template.field(key)
        grade = grades.get(f.path[0])
        value = draft.get(f)
        if grade is None or grade.grade not in rules.long_list_grades:
            continue
        if not isinstance(value, list):
            continue
        entries = sum(1 for v in value if not isinstance(v, str) or v.strip())
        if entries >= rules.long_list:
            found.append(
                Inconsistency(
                    (grade.field.key, f.key),
                    f"{grade.field.label} is {grade.field.display(grade.grade)} but "
                    f"{f.label} lists {entries} entries ({rules.long_list} or more is long)",
                )
            )

    if is_go:
        for key in rules.go_requires:
            f = template.field(key)
            value = draft.get(f)
            if not is_valid(f, value):
                state = "is not valid" if f.is_answered(value) else "is empty"
                found.append(
                    Inconsistency(
                        (recommendation.key, f.key), f"{rec} is {rules.go} but {f.label} {state}"
                    )
                )

    table = template.field(rules.risk_table)
    labels = {c.id: c.label for c in table.columns}
    for risk in risks:
        missing = [column for column in rules.risk_requires if not one_line(risk.row.get(column))]
        if missing:
            found.append(
                Inconsistency(
                    tuple(f"{risk.path}.{column}" for column in missing),
                    f"{risk.name} has no {' or '.join(labels[c] for c in missing)}",
                )
            )

    health = template.field(rules.health_field)
    score = draft.get(health)
    if blocking and is_valid(health, score) and score >= rules.high_score:
        found.append(
            Inconsistency(
                (health.key, *(r.path for r in blocking)),
                f"{health.label} is {score} but {count_risks(blocking)} "
                f"{'is' if len(blocking) == 1 else 'are'} open",
            )
        )
    return found


def contradictions(
    template: Template, draft: Draft, verdict: Verdict | None = None
) -> list[Inconsistency]:
    """Where the auditor's own health or recommendation contradicts the suggestion.

    The answer still wins; this only says so. Pass `verdict` to reuse a suggestion.
    """
    rules = template.rules
    if rules is None:
        return []
    verdict = verdict if verdict is not None else suggest_verdict(template, draft)
    found = []
    recommendation = template.field(rules.recommendation_field)
    answer = meant_option(draft.get(recommendation), recommendation.choices)
    if (
        verdict.recommendation is not None
        and answer is not None
        and answer != verdict.recommendation
    ):
        found.append(
            Inconsistency(
                (recommendation.key,),
                f"{recommendation.label} is {answer} but the rules suggest "
                f"{verdict.recommendation}",
            )
        )
    health = template.field(rules.health_field)
    score = draft.get(health)
    if (
        verdict.health is not None
        and is_valid(health, score)
        and abs(score - verdict.health) > rules.health_tolerance
    ):
        found.append(
            Inconsistency(
                (health.key,),
                f"{health.label} is {score} but the rules suggest {verdict.health} "
                f"(more than {rules.health_tolerance} apart)",
            )
        )
    return found
