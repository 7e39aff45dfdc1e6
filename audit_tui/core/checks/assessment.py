"""One assessment of a draft: the suggested verdict, the warnings and the gate.

`check` prints it (and gates on it with `--fail-on`); the app shows it beside the
fields and on the review screen. Both work it out here, the same way.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from audit_tui.core.checks.check import CheckReport
from audit_tui.core.checks.consistency import Inconsistency, consistency_warnings, contradictions
from audit_tui.core.checks.verdict import Verdict, risk_rows, suggest_verdict
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.kinds import is_answered, meant_option
from audit_tui.core.model.record import record
from audit_tui.core.model.template import Template

Condition = Literal["incomplete", "no-go", "warnings"]

CONDITIONS: tuple[Condition, ...] = get_args(Condition)
"""What `check --fail-on` can fail on."""


@record
class Assessment:
    """The suggested verdict of a draft and what contradicts what."""

    has_rules: bool
    verdict: Verdict
    warnings: tuple[Inconsistency, ...]
    contradictions: tuple[Inconsistency, ...]
    recommendation: str | None
    """The report's own recommendation: the option its answer plainly means (`no-go` is
    NO-GO); None when unanswered or when it means no option (`unclear`)."""
    unclear: bool
    """The recommendation is answered with text that is none of the options."""
    no_go: str | None
    """The rules' name for NO-GO (None without rules)."""

    @property
    def is_no_go(self) -> bool:
        """The report's own recommendation is NO-GO; when unanswered, the suggestion is."""
        if self.no_go is None:
            return False
        if self.unclear:
            return True  # a recommendation that is no option cannot pass as GO: fail closed
        decided = self.recommendation or self.verdict.recommendation
        return decided == self.no_go

    @property
    def inconsistencies(self) -> tuple[Inconsistency, ...]:
        """Contradictions first: they are about the verdict itself."""
        return self.contradictions + self.warnings

    def held(self, report: CheckReport, names: list[Condition]) -> list[Condition]:
        """Which of the named gate conditions hold, in the order named."""
        holds = {
            "incomplete": not report.ok,
            "no-go": self.is_no_go,
            "warnings": bool(self.warnings or self.contradictions),
        }
        return [name for name in dict.fromkeys(names) if holds[name]]

    def to_json(self) -> dict[str, Any]:
        """The keys `check --json` gains: verdict (null without rules), warnings, contradictions."""
        return {
            "verdict": self.verdict.to_json() if self.has_rules else None,
            "warnings": [w.to_json() for w in self.warnings],
            "contradictions": [c.to_json() for c in self.contradictions],
        }


def assess(template: Template, draft: Draft) -> Assessment:
    """Work out the suggestion, warnings and contradictions of `draft`."""
    rules = template.rules
    # The risk table read once for the suggestion and the warnings (10,000 rows: ~10 %
    # of `check`).
    risks = risk_rows(template, rules, draft) if rules is not None else None
    verdict = suggest_verdict(template, draft, risks)
    answer = None
    unclear = False
    if rules is not None:
        f = template.field(rules.recommendation_field)
        value = draft.get(f)
        answer = meant_option(value, f.choices)
        unclear = answer is None and is_answered(f, value)
    return Assessment(
        has_rules=rules is not None,
        verdict=verdict,
        warnings=tuple(consistency_warnings(template, draft, risks)),
        contradictions=tuple(contradictions(template, draft, verdict)),
        recommendation=answer,
        unclear=unclear,
        no_go=rules.no_go if rules is not None else None,
    )
