"""Take the README's screenshot from the app: `make screenshot` (writes docs/screenshot.svg)."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import tomli_w

from audit_tui.core.model.loader import load_template
from audit_tui.tui.app import AuditApp

SIZE = (140, 40)
DRAFT: dict[str, Any] = {
    "meta": {"format": 1, "template": "backend-audit", "last_section": "security"},
    "executive_summary": {
        "overall_health": 7,
        "key_strengths": ["Consistent input validation", "Structured logging"],
        "critical_gaps": ["No automated database backups"],
        "readiness_status": "Ready after the two High risks are closed",
        "final_recommendation": "GO",
    },
    "security": {
        "vulnerabilities_found": [
            "SQL injection in /api/search (CWE-89)",
            "Missing Stripe-Signature check on the payments webhook",
        ],
        "fixes_implemented": ["Parameterised all database queries"],
        "remaining_risks": ["Rate limiting missing on login; mitigated by WAF rule"],
        "rating": "B",
    },
    "risks": [
        {
            "priority": "High",
            "issue": "Webhook signature not verified",
            "impact": "Forged payment events",
            "action": "Verify Stripe-Signature on every call",
            "timeline": "Before launch",
        },
        {
            "priority": "Medium",
            "issue": "No read replica",
            "impact": "Slow reports at peak",
            "action": "Add one replica",
            "timeline": "Q3",
        },
    ],
}


async def _take(draft: Path) -> str:
    app = AuditApp(load_template(), draft, autosave_delay=3600)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        editor = app.editor
        assert editor is not None
        await editor.show_section("security", "rating")
        for _ in range(3):
            await pilot.pause()
        for widget in app.screen.query("Input, TextArea").results():
            widget.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause()
        return app.export_screenshot(title="audit-tui")


def take_screenshot(out: Path) -> Path:
    """Write the app's screenshot (a sample draft, the Security section) to `out`."""
    out = out.absolute()
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "audit-report.toml"
        draft.write_text(tomli_w.dumps(DRAFT), encoding="utf-8")
        # The picture uses the default theme, whatever the user's settings say, and
        # names the draft as `make run` does.
        os.environ["XDG_CONFIG_HOME"] = folder
        os.chdir(folder)
        try:
            svg = asyncio.run(_take(Path(draft.name)))
        finally:
            os.chdir(here)
    out.write_text(svg, encoding="utf-8")
    return out


if __name__ == "__main__":
    print(take_screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.svg")))
