"""The HTML export: the report's structure, the styled risk table, and answers that stay text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template
from audit_tui.core.render.html import export_html
from tests.io.strategies import drafts

# Every tag the export writes itself; an answer must never add another.
TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "section",
    "dl", "div", "dt", "dd", "ul", "ol", "li", "span", "br", "table", "thead", "tbody",
    "tr", "th", "td", "a", "em", "strong", "code",
}  # fmt: skip


class Outline(HTMLParser):
    """Tags, attributes and text of a page, as a browser's parser would see them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def assert_safe(page: str) -> Outline:
    outline = Outline(page)
    assert {tag for tag, _ in outline.tags} <= TAGS
    for tag, attrs in outline.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs and "style" not in attrs, (tag, attrs)
    for attrs in outline.named("a"):
        assert (attrs["href"] or "").startswith(("http://", "https://", "mailto:"))
    assert len(outline.named("style")) == 1 and len(outline.named("title")) == 1
    return outline


def test_the_page_has_the_report_structure(template: Template) -> None:
    outline = assert_safe(export_html(template, Draft()))
    assert [a.get("charset") for a in outline.named("meta")][0] == "utf-8"
    assert len(outline.named("h1")) == 1
    assert len(outline.named("h2")) == len(template.parts)
    assert len(outline.named("h3")) == sum(1 for s in template.sections if s.heading)
    assert len(outline.named("dt")) == sum(1 for _, f in template.fields() if f.kind != "table")
    page = export_html(template, Draft())
    assert page.startswith("<!DOCTYPE html>\n")
    assert "<h2>2. Integrated Audit Results</h2>" in page
    assert "<h3>2.1. Security Audit Summary</h3>" in page
    assert page.count('<span class="unanswered">[TBD]</span>') > 30
    assert '<span class="unanswered">[GO / NO-GO]</span>' in page


def test_nothing_is_fetched_and_no_script_can_run(template: Template) -> None:
    page = export_html(template, Draft())
    lowered = page.lower()
    for needle in ("<script", "<link", "<img", "@import", "url(", "src=", "<iframe"):
        assert needle not in lowered
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'" in page
    )
    assert "@media print" in page


def test_the_risk_table_is_styled_by_priority(template: Template) -> None:
    draft = Draft.new(template)
    draft.set(
        template.field("risks"),
        [
            {"priority": "High", "issue": "No backups", "timeline": "Before Production"},
            {"priority": "Medium", "issue": "Config in code"},
            {"priority": "Low", "issue": "Toggle"},
            {"issue": "Unsorted"},
        ],
    )
    outline = assert_safe(export_html(template, draft))
    rows = [attrs.get("class") for attrs in outline.named("tr")][1:]  # after the header
    assert rows == ["priority-high", "priority-medium", "priority-low", None]
    assert ".priority-high .badge" in export_html(template, draft)


def test_answers_show_as_given(template: Template) -> None:
    draft = Draft.new(template)
    draft.set(template.field("executive_summary.overall_health"), 7)
    draft.set(template.field("security.rating"), "B")
    draft.set(template.field("executive_summary.final_recommendation"), "GO")
    draft.set(template.field("monitoring.logging"), "Datadog\nkept 30 days")
    draft.set(template.field("backup.recovery_plan"), ["Restore", "Switch over"])
    page = export_html(template, draft)
    assert "<dd>7</dd>" in page
    assert "<dd>B (Good)</dd>" in page
    assert '<span class="strong choice-go">GO</span>' in page
    assert "<dd>Datadog<br>kept 30 days</dd>" in page
    assert "<dd><ol><li>Restore</li><li>Switch over</li></ol></dd>" in page


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</dd></dl><iframe src=https://evil.example>",
    '"><a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    "<style>body{background:url(https://evil.example/t.png)}</style>",
    "&lt;script&gt; &amp; &#x3C;b&#x3E;",
    "\x1b[31mred\x1b[0m \u202etxt.exe",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_a_hostile_answer_stays_text(template: Template, payload: str) -> None:
    draft = Draft.new(template)
    draft.set(template.field("executive_summary.readiness_status"), payload)
    draft.set(template.field("security.vulnerabilities_found"), [payload, payload])
    draft.set(template.field("risks"), [{"priority": "High", "issue": payload}])
    page = export_html(template, draft)
    outline = assert_safe(page)
    if "https://" not in payload:
        assert outline.named("a") == []
    text = "".join(outline.text)
    visible = payload.replace("\x1b", "").replace("\u202e", "")
    assert text.count(visible.strip()) == 4  # shown, as text, everywhere it was put


def test_answers_inline_markdown_is_rendered(template: Template) -> None:
    draft = Draft.new(template)
    draft.set(template.field("security.fixes_implemented"), ["Parameterised (`pg` driver)"])
    draft.set(template.field("security.vulnerabilities_found"), ["**SEC-12** in `/login`"])
    draft.set(template.field("executive_summary.risk_assessment"), "*moderate* risk\n\\*Secure\\*")
    draft.set(template.field("risks"), [{"priority": "High", "issue": "_no_ **backups**"}])
    page = export_html(template, draft)
    assert_safe(page)
    assert "<li>Parameterised (<code>pg</code> driver)</li>" in page
    assert "<li><strong>SEC-12</strong> in <code>/login</code></li>" in page
    assert "<dd><em>moderate</em> risk<br>*Secure*</dd>" in page
    assert "<td><em>no</em> <strong>backups</strong></td>" in page
    for raw in ("`pg`", "**SEC-12**", "*moderate*", "\\*"):
        assert raw not in page


def test_only_http_links_become_links(template: Template) -> None:
    draft = Draft.new(template)
    answer = (
        "See [the runbook](https://wiki.example/run?a=1&b=2), https://status.example/x. "
        "Not [this](javascript:alert(1)) nor ftp://files.example"
    )
    draft.set(template.field("monitoring.logging"), answer)
    page = export_html(template, draft)
    outline = assert_safe(page)
    assert [a["href"] for a in outline.named("a")] == [
        "https://wiki.example/run?a=1&b=2",
        "https://status.example/x",
    ]
    assert '<a href="https://wiki.example/run?a=1&amp;b=2" rel="noopener noreferrer">' in page
    assert "[this](javascript:alert(1))" in "".join(outline.text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts(load_template()))
def test_no_answer_adds_markup(draft: Draft) -> None:
    template = load_template()
    # Answers change only lists, line breaks, links, marks and table rows.
    answered = ("ul", "ol", "li", "br", "a", "span", "tr", "td", "em", "strong", "code")
    outline = assert_safe(export_html(template, draft))
    empty = Outline(export_html(template, Draft()))
    assert [t for t, _ in outline.tags if t not in answered] == [
        t for t, _ in empty.tags if t not in answered
    ]
