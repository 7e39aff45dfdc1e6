"""Drafts and templates for the verdict, rules and diff tests."""

from __future__ import annotations

import copy
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import builtin_template_path
from audit_tui.core.model.template import Template
from tests.cli.helpers import audit_tui

ALL_A = {"security": "A", "performance": "A", "code_quality": "A", "reliability": "A"}


def risk(priority: str, issue: str, timeline: str = "Q3", action: str = "Fix it") -> dict[str, Any]:
    return {
        "priority": priority,
        "issue": issue,
        "impact": "Some impact",
        "action": action,
        "timeline": timeline,
    }


def draft(
    grades: dict[str, str] | None = None,
    risks: list[dict[str, Any]] | None = None,
    *,
    health: int | None = None,
    recommendation: str | None = None,
    must_haves: bool = True,
    **sections: dict[str, Any],
) -> Draft:
    """A draft with the given grades and risks; the must-have sections complete unless told."""
    data: dict[str, Any] = {"meta": {"format": 1, "template": "backend-audit"}}
    summary: dict[str, Any] = {}
    if health is not None:
        summary["overall_health"] = health
    if recommendation is not None:
        summary["final_recommendation"] = recommendation
    if summary:
        data["executive_summary"] = summary
    for section, grade in (grades if grades is not None else ALL_A).items():
        data.setdefault(section, {})["rating"] = grade
    if must_haves:
        data["monitoring"] = {
            "key_metrics": ["API latency"],
            "alerting_thresholds": ["5xx > 1% over 5 minutes"],
            "logging": "Aggregated in Datadog",
        }
        data["backup"] = {
            "database_backups": "Daily snapshots, 7-day retention",
            "recovery_plan": ["Restore the latest snapshot"],
        }
    for name, values in sections.items():
        data.setdefault(name, {}).update(values)
    if risks:
        data["risks"] = risks
    return Draft(data)


def builtin_data() -> dict[str, Any]:
    """The built-in template as parsed TOML, to change one key in a test."""
    return tomllib.loads(builtin_template_path().read_text(encoding="utf-8"))


def with_rules(**changes: Any) -> dict[str, Any]:
    """The built-in template data with some rules replaced (None removes a rule)."""
    data = copy.deepcopy(builtin_data())
    for key, value in changes.items():
        if value is None:
            data["rules"].pop(key, None)
        else:
            data["rules"][key] = value
    return data


def write_draft(path: Path, value: Draft) -> Path:
    path.write_bytes(tomli_w.dumps(value.data).encode("utf-8"))
    return path


def cli(*args: str, process: bool = False) -> subprocess.CompletedProcess[str]:
    """Run `audit-tui ARGS` as tests/cli/helpers.py does: in this process unless `process`."""
    done = audit_tui(*args, process=process)
    return subprocess.CompletedProcess(["audit-tui", *args], done.code, done.out, done.err)


def complete_draft(template: Template) -> Draft:
    """A draft with every field answered validly: all A, health 10, GO, one Low risk."""
    value = Draft({"meta": {"format": 1, "template": template.id}})
    samples: dict[str, Any] = {
        "text": "Answered",
        "paragraph": "Answered at length.",
        "list": ["First entry"],
        "score": 10,
        "grade": "A",
    }
    for _, f in template.fields():
        if f.kind == "choice":
            value.set(f, f.options[0])
        elif f.kind == "table":
            value.set(f, [risk("Low", "Registration toggle not in DB")])
        else:
            value.set(f, samples[f.kind])
    return value
