"""The exports in a real headless browser (Debian's chromium), beside a local listener.

Answers point everything they can at a listener on 127.0.0.1: images, scripts,
styles, frames, refreshes, fetches from event handlers. The browser loads the HTML
export, and the markdown export as GitHub-style cmark-gfm renders it with raw HTML
allowed; the listener must hear nothing and no script may run. A control page that
does fetch proves the listener hears. Skipped without chromium, failed on CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.export import export_markdown
from audit_tui.core.render.html import export_html
from tests.io.renderers import RENDERERS

pytestmark = pytest.mark.e2e  # the exports opened in Chromium

BROWSER = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()),
    None,
)


@pytest.fixture(autouse=True)
def _browser() -> None:
    if BROWSER is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("chromium is not installed")


class Listener:
    """An HTTP server on 127.0.0.1 that records every path asked of it."""

    def __init__(self) -> None:
        heard: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the http.server name)
                heard.append(self.path)
                self.send_response(204)
                self.end_headers()

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self.heard = heard
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def payloads(url: str) -> list[str]:
    """Everything an answer could try to make a browser fetch or run."""
    steal = f"fetch('{url}/script')"
    return [
        f'<img src="{url}/img" onerror="{steal}">',
        f'<script src="{url}/script-src"></script><script>{steal}</script>',
        f'<link rel="stylesheet" href="{url}/css"><style>@import "{url}/import";</style>',
        f'<iframe src="{url}/frame"></iframe><object data="{url}/object"></object>',
        f'<meta http-equiv="refresh" content="0;url={url}/refresh">',
        f'<svg onload="{steal}"></svg><body onload="{steal}">',
        f'<video poster="{url}/poster"></video><audio src="{url}/audio"></audio>',
        f'<div style="background:url({url}/bg)">x</div>',
        f"![x]({url}/markdown-image)",
        f"Status page: {url}/status<img src={url}/autolinked onerror={steal}>",
        f"see {url}/`<svg onload={steal}>`",
        f"{url}/<javascript:{steal}>",
        f"`<img src={url}/raw-attribute>`{{=html}}",
        f"<{url}/autolink> and [link]({url}/link)",
    ]


def hostile_draft(template: Template, url: str) -> Draft:
    draft = Draft.new(template)
    texts = payloads(url)
    draft.set(template.field("executive_summary.readiness_status"), " ".join(texts))
    draft.set(template.field("executive_summary.risk_assessment"), "\n".join(texts))
    draft.set(template.field("security.vulnerabilities_found"), texts)
    draft.set(
        template.field("risks"),
        [{"priority": "High", "issue": text, "action": text} for text in texts],
    )
    return draft


def load(page: Path) -> str:
    """The DOM chromium builds for `page`, after its timers had two seconds to run."""
    assert BROWSER is not None
    done = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={page.parent / 'profile'}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_listener_hears_a_page_that_fetches(listener: Listener, tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(
        f'<!DOCTYPE html><title>control</title><img src="{listener.url}/control">'
        f"<script>document.title = 'ran'</script>",
        encoding="utf-8",
    )
    dom = load(page)
    assert "<title>ran</title>" in dom
    assert "/control" in listener.heard


def test_the_html_export_fetches_nothing_and_runs_nothing(
    template: Template, listener: Listener, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(export_html(template, hostile_draft(template, listener.url)), "utf-8")
    dom = load(page)
    assert listener.heard == []
    title = template.title.replace("&", "&amp;")
    assert f"<title>{title}</title>" in dom  # no script changed it
    for tag in ("<img", "<script", "<iframe", "<object", "<svg", "<video", "<audio", "<link"):
        assert tag not in dom, tag
    assert 'href="javascript' not in dom
    assert "&lt;img src=" in dom and "&lt;script" in dom  # shown as text
    assert dom.count("<h2>") == len(template.parts)
    assert dom.count('<tr class="priority-high">') == len(payloads(listener.url))


def test_the_markdown_export_fetches_nothing_when_rendered_with_raw_html(
    template: Template, listener: Listener, tmp_path: Path
) -> None:
    unsafe = next(r for r in RENDERERS if r.name == "cmark-gfm --unsafe")
    markdown = export_markdown(template, hostile_draft(template, listener.url))
    body = unsafe.render(markdown)
    page = tmp_path / "report-md.html"
    page.write_text(f"<!DOCTYPE html><title>md</title>\n{body}", encoding="utf-8")
    dom = load(page)
    assert listener.heard == []
    assert "<title>md</title>" in dom
    for tag in ("<img", "<script", "<iframe", "<object", "<svg", "<video", "<audio", "<link"):
        assert tag not in dom, tag
