"""The HTML export in a real headless browser (Debian's chromium); skipped without one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.html import export_html

BROWSER = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()),
    None,
)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium installed")

PAYLOAD = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'


def dump_dom(page: Path) -> str:
    assert BROWSER is not None
    done = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={page.parent / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_browser_sees_the_report_and_no_hostile_markup(
    template: Template, tmp_path: Path
) -> None:
    draft = Draft.new(template)
    draft.set(template.field("executive_summary.readiness_status"), PAYLOAD)
    draft.set(template.field("security.vulnerabilities_found"), [PAYLOAD, "[x](javascript:1)"])
    draft.set(
        template.field("risks"),
        [{"priority": "High", "issue": PAYLOAD}, {"priority": "Low", "issue": "Toggle"}],
    )
    page = tmp_path / "report.html"
    page.write_text(export_html(template, draft), encoding="utf-8")
    dom = dump_dom(page)
    # The page the browser built: the title unchanged (no script ran), no element
    # made from an answer, the answers shown as text.
    assert f"<title>{template.title.replace('&', '&amp;')}</title>" in dom
    assert "pwned</title>" not in dom
    assert "<img" not in dom and "<script" not in dom
    assert dom.count("&lt;img src=x onerror=") == 3
    assert 'href="javascript' not in dom
    assert '<tr class="priority-high">' in dom and '<tr class="priority-low">' in dom
    assert dom.count("<h2>") == len(template.parts)
