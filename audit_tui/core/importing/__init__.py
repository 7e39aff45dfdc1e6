"""Bringing material in: a report in markdown, scanners' SARIF, a service's dotenv file.

Each importer is pure: it reads bytes or text and returns an `ImportPlan` for a
draft, which `apply_plan` then makes.
"""

from audit_tui.core.importing.markdown import plan_markdown_import
from audit_tui.core.importing.plan import (
    Addition,
    ImportPlan,
    ImportProblem,
    Skipped,
    apply_plan,
    read_source,
)

__all__ = [
    "Addition",
    "ImportPlan",
    "ImportProblem",
    "Skipped",
    "apply_plan",
    "plan_markdown_import",
    "read_source",
]
