"""Bringing material in: a report in markdown, scanners' SARIF, a service's dotenv file.

Each importer is pure: it reads bytes or text and returns an `ImportPlan` for a
draft, which `apply_plan` then makes.

The importers are loaded on first use (their scanners, regular expressions and
`json`): the app imports this package on its way to the first paint.
"""

from typing import Any

from audit_tui.core.importing.plan import (
    Addition,
    Changed,
    ImportPlan,
    ImportProblem,
    Skipped,
    apply_plan,
    read_source,
)


def __getattr__(name: str) -> Any:
    if name == "plan_markdown_import":
        from audit_tui.core.importing.markdown import plan_markdown_import

        return plan_markdown_import
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Addition",
    "Changed",
    "ImportPlan",
    "ImportProblem",
    "Skipped",
    "apply_plan",
    "plan_markdown_import",
    "read_source",
]
