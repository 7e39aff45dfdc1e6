"""The markdown export through real renderers: GitHub's, CommonMark's and pandoc's.

For every hostile answer in the corpus, each renderer's HTML has the outline of the
same report with plain answers, no raw HTML, no tag or attribute an answer brought,
and no link but to http(s) and mailto; the auditor's own links keep their targets.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import builtin_template_path, load_template
from audit_tui.core.model.template import Template
from audit_tui.core.render.export import export_markdown
from tests.io.hostile_markdown import HOSTILE, KEPT_LINKS
from tests.io.renderers import RENDERERS, Page, Renderer, read_html

TEMPLATE = load_template()
SEPARATOR = re.compile(r"<p>CASESEPARATOR(\d+)</p>")
PLAIN = "x"


def draft_with(text: str, template: Template = TEMPLATE) -> Draft:
    """`text` as a line, a paragraph, list entries (plain and numbered) and risk cells."""
    draft = Draft.new(template)
    values: dict[str, Any] = {
        "executive_summary.readiness_status": text,
        "executive_summary.risk_assessment": f"{text}\n{text}",
        "executive_summary.key_strengths": [text, PLAIN],
        "backup.recovery_plan": [text],
        "risks": [{"priority": "High", "issue": text, "action": text}],
    }
    for key, value in values.items():
        draft.set(template.field(key), value)
    return draft


CASES = [
    # pandoc starts slowly (about 0.15 s a call): its runs are end to end, in make e2e.
    pytest.param(r, marks=pytest.mark.e2e, id=r.name) if r.name.startswith("pandoc") else r
    for r in RENDERERS
]


@cache
def rendered(renderer: Renderer, markdown: str) -> str:
    return renderer.render(markdown)


def pages(renderer: Renderer, documents: list[str]) -> list[Page]:
    """Each document's HTML, rendered in one run with separators between them."""
    joined = "".join(f"{doc}\n\nCASESEPARATOR{n}\n\n" for n, doc in enumerate(documents))
    chunks = SEPARATOR.split(rendered(renderer, joined))
    assert len(chunks) == 2 * len(documents) + 1, "a document swallowed a separator"
    return [read_html(chunks[2 * n]) for n in range(len(documents))]


def failures(renderer: Renderer, page: Page, twin: Page, text: str) -> list[str]:
    found = list(page.problems)
    if page.outline != twin.outline:
        found.append(f"outline {page.outline} != {twin.outline}")
    for href in KEPT_LINKS.get(text, []):
        if href not in page.hrefs:
            found.append(f"{href!r} is not a link (links: {page.hrefs})")
    return found


@pytest.mark.parametrize("renderer", CASES, ids=lambda r: r.name)
def test_every_hostile_answer_renders_as_text_in_its_place(renderer: Renderer) -> None:
    renderer.require()
    twin = pages(renderer, [export_markdown(TEMPLATE, draft_with(PLAIN))])[0]
    assert twin.problems == []
    assert twin.headings.count("h2") == len(TEMPLATE.parts)
    assert twin.outline.count("tr") == 2  # the header and the one risk
    documents = [export_markdown(TEMPLATE, draft_with(text)) for text in HOSTILE]
    broken = {}
    for text, page in zip(HOSTILE, pages(renderer, documents), strict=True):
        found = failures(renderer, page, twin, text)
        if found:
            # Rendered alone too, so that a leak from the document before cannot blame it.
            alone = pages(renderer, [export_markdown(TEMPLATE, draft_with(text))])[0]
            broken[text] = failures(renderer, alone, twin, text) or found
    assert broken == {}, json.dumps(broken, indent=1)


@pytest.mark.parametrize("renderer", CASES, ids=lambda r: r.name)
def test_kept_links_keep_their_exact_targets(renderer: Renderer) -> None:
    renderer.require()
    for text, hrefs in KEPT_LINKS.items():
        page = pages(renderer, [export_markdown(TEMPLATE, draft_with(text))])[0]
        assert sorted(set(page.hrefs)) == sorted(hrefs), (text, page.hrefs)


def hostile_template(tmp_path: Any) -> Template:
    """The built-in template with markup added to its title, headings, labels and marks."""
    text = builtin_template_path().read_text(encoding="utf-8")
    payload = " <img src=x onerror=alert(1)> [x](javascript:alert(1)) [^1]"
    escaped = json.dumps(payload)[1:-1]
    text = text.replace('title = "Final Backend', f'title = "{escaped} Final Backend', 1)
    text = text.replace('heading = "1. Executive Summary"', f'heading = "1. Summary{escaped}"')
    text = text.replace('heading = "2.1. Security', f'heading = "# {escaped} 2.1. Security')
    text = text.replace('label = "Key Strengths"', f'label = "Key Strengths{escaped}"')
    text = text.replace('unanswered = "[GO / NO-GO]"', f'unanswered = "- [ ] {escaped}"')
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return load_template(path)


@pytest.mark.parametrize("renderer", CASES, ids=lambda r: r.name)
def test_template_text_is_escaped_like_answers(renderer: Renderer, tmp_path: Any) -> None:
    renderer.require()
    hostile = hostile_template(tmp_path)
    twin = pages(renderer, [export_markdown(TEMPLATE, Draft.new(TEMPLATE))])[0]
    page = pages(renderer, [export_markdown(hostile, Draft.new(hostile))])[0]
    assert page.problems == []
    assert page.outline == twin.outline
    assert page.hrefs == []
