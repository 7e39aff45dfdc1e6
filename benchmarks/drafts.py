"""Drafts of any size for the benchmarks: every field answered, N risk rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

PRIORITIES = ("High", "Medium", "Low")


def risk_rows(rows: int) -> list[dict[str, str]]:
    """`rows` risk rows, priorities and timelines repeating as in a real report."""
    return [
        {
            "priority": PRIORITIES[i % 3],
            "issue": f"Risk number {i}: config value hardcoded",
            "impact": "Inflexible deployment",
            "action": "Externalize to .env",
            "timeline": "Before Production" if i % 3 == 0 else "Post-launch v1.1",
        }
        for i in range(rows)
    ]


def filled(rows: int) -> dict[str, Any]:
    """A complete, valid draft with `rows` risks (the seed-sized report has 3)."""
    return {
        "meta": {"format": 1, "template": "backend-audit"},
        "executive_summary": {
            "overall_health": 7,
            "key_strengths": ["Consistent input validation", "Good test coverage"],
            "critical_gaps": ["No automated backups"],
            "readiness_status": "Ready after the High risks are fixed",
            "risk_assessment": "Moderate overall.\nTwo High risks remain.",
            "final_recommendation": "NO-GO",
        },
        "security": {
            "vulnerabilities_found": ["SQL injection in /api/search", "Verbose errors"],
            "fixes_implemented": ["Parameterised queries"],
            "remaining_risks": ["No rate limiting on login"],
            "rating": "C",
        },
        "performance": {
            "optimizations_implemented": ["Index on orders.customer_id"],
            "expected_gains": ["Reduced API response time by 30%"],
            "remaining_bottlenecks": ["Report generation blocks the loop"],
            "rating": "B",
        },
        "code_quality": {
            "maintainability": "Readable, modular services.",
            "key_improvements": ["Refactored OTP logic", "Standardized logging"],
            "technical_debt": ["Lack of custom error classes"],
            "rating": "B",
        },
        "reliability": {
            "system_stability": "99.9% uptime over 90 days.",
            "fault_tolerance": "Database connection retry logic.",
            "data_integrity": "Input validation in place.",
            "rating": "B",
        },
        "environment": {
            "runtime_version": "LTS v20.x",
            "database": "MongoDB Atlas Cluster (M10+)",
            "load_balancing": "Behind AWS ALB",
            "environment_variables": ["DATABASE_URL", "JWT_SECRET", "PORT"],
        },
        "monitoring": {
            "key_metrics": ["API Latency", "HTTP Error Rate (5xx)"],
            "alerting_thresholds": ["Alert if 5xx errors > 1% over 5 mins"],
            "logging": "All logs aggregated to Datadog.",
        },
        "backup": {
            "database_backups": "Daily automated snapshots with 7-day retention.",
            "recovery_plan": ["Restore the latest snapshot", "Point the app at it", "Smoke test"],
        },
        "risks": risk_rows(rows),
        "roadmap": {
            "scalability": ["Implement caching layer (Redis)"],
            "modernization": ["Migrate to TypeScript"],
            "observability": ["Integrate distributed tracing (OpenTelemetry)"],
        },
    }


def write(path: Path, rows: int) -> Path:
    path.write_bytes(tomli_w.dumps(filled(rows)).encode("utf-8"))
    return path
