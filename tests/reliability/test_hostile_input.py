"""Hostile answers over the whole path: save, load, markdown and HTML export.

Any answers either save and load back equal or are refused with a one-line message
before a byte is written; the markdown keeps the template's outline; neither export
carries a script, an image or a link that is not http(s), as a real parser sees them.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_tui.core.files.lock import temp_files
from audit_tui.core.files.storage import read_draft, save_draft
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Field
from audit_tui.core.render.html import export_html
from tests.core.markdown_outline import parser
from tests.core.test_export_outline import assert_outline
from tests.io.test_export_html import assert_safe
from tests.reliability import figures

TEMPLATE = load_template()
FIELDS = [f for _, f in TEMPLATE.fields()]
EXAMPLES = 1000 if figures.LONG else 100
"""Drafts the property test tries: `make reliability` runs the long count."""
MB = 1_000_000

HOSTILE = [
    "\r\n",
    "\r",
    "\x00",
    "\x1b",
    "\x1b[2J",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x1b]0;owned\x07",
    "\x9b6n",
    "\x85",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ud800",  # a lone surrogate: TOML cannot hold it
    "\udfff",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=javascript:alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "![i](https://evil.example/p.png)",
    "<javascript:alert(1)>",
    "javascript:alert(1)",
    "[r]: javascript:alert(1)",
    "<a href='javascript:x'>y</a>",
    "\\<script>",
    "\\\\<img src=x>",
    "&lt;script&gt;",
    "`<script>`",
    "```\n<script>\n```",
    "    <script>",
    "<!-- x -->",
    "| a | b |",
    "# h",
    "[/]",
    "[@click=app.quit]x[/]",
]
SURROGATES = ("\ud800", "\udfff")
# Saveable text: any character UTF-8 can hold, and the hostile strings above.
characters = st.one_of(
    st.characters(codec="utf-8"), st.sampled_from([h for h in HOSTILE if h not in SURROGATES])
)
text = st.lists(characters, max_size=24).map("".join)
int64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
scalar = st.one_of(text, text, text, int64, st.booleans(), st.floats(allow_nan=False))
# What TOML cannot hold: a lone surrogate, an integer past 64 bits.
unsaveable = st.one_of(
    st.tuples(text, st.sampled_from(SURROGATES), text).map("".join),
    st.sampled_from([2**63, -(2**63) - 1, 10**100]),
)


def value_for(item: Field) -> st.SearchStrategy[Any]:
    if item.kind == "table":
        cells = {c.id: text for c in item.columns}  # wrong-typed cells: tests/core
        return st.lists(st.fixed_dictionaries({}, optional=cells), max_size=3)
    if item.kind == "list":
        return st.one_of(st.lists(st.one_of(text, text, scalar), max_size=4), text)
    return scalar


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    """A draft answering some fields with hostile values (1 MB answers have their own test)."""
    draft = Draft.new(TEMPLATE)
    for item in FIELDS:
        if draw(st.booleans()):
            draft.set(item, draw(value_for(item)))
    # About one draft in eight also holds a value TOML cannot hold, to be refused.
    if draw(st.integers(0, 7)) == 0:
        draft.set(draw(st.sampled_from([f for f in FIELDS if f.kind != "table"])), draw(unsaveable))
    return draft


class Elements(HTMLParser):
    """Every element and attribute a browser would build from a page."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_no_active_content(tags: list[tuple[str, dict[str, str | None]]]) -> None:
    """No script or image element, no event handler, and only http(s) links."""
    for tag, attrs in tags:
        assert tag not in ("script", "img", "iframe", "object", "embed"), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            if name in attrs:
                assert (attrs[name] or "").startswith(("http://", "https://")), (tag, attrs)


OLD = b'[meta]\nformat = 1\ntemplate = "backend-audit"\n\n[security]\nrating = "C"\n'


def whole_path(draft: Draft, folder: Path) -> bool:
    """Save, load, export; True when saved, False when refused (with nothing written)."""
    path = folder / "draft.toml"
    path.write_bytes(OLD)
    before = hashlib.sha256(OLD).hexdigest()
    try:
        save_draft(path, draft, TEMPLATE)
    except DraftError as exc:
        assert "\n" not in str(exc) and str(exc)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        assert temp_files(path) == []
        return False
    assert temp_files(path) == []
    loaded = read_draft(path, TEMPLATE)
    assert loaded.data == draft.data
    found = assert_outline(TEMPLATE, loaded)  # the markdown's outline, raw HTML and links
    # What a markdown viewer that lets HTML through would make of the export (rendered from
    # the tokens the outline check parsed: parsing a megabyte twice doubles the test's time).
    md = parser()
    assert_no_active_content(Elements(md.renderer.render(found.tokens, md.options, {})).tags)
    page = export_html(TEMPLATE, loaded)
    # Only the tags the export writes itself; the same parse of the page for both checks
    # (a megabyte page parsed twice was a tenth of the 1 MB test's time).
    assert_no_active_content(assert_safe(page).tags)
    return True


def test_hostile_answers_save_and_load_equal_or_are_refused(tmp_path: Path) -> None:
    tried = {True: 0, False: 0}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(drafts())
    def run(draft: Draft) -> None:
        tried[whole_path(draft, tmp_path)] += 1

    run()
    # Both outcomes must have happened, or the strategy missed half the promise.
    assert tried[True] > 0 and tried[False] > 0, tried
    figures.record("hostile_inputs", tried[True] + tried[False])
    figures.record("hostile_refused", tried[False])


def test_one_megabyte_answers(tmp_path: Path) -> None:
    draft = Draft.new(TEMPLATE)
    draft.set(TEMPLATE.field("executive_summary.risk_assessment"), "<script>\r\n" * (MB // 10))
    draft.set(TEMPLATE.field("security.vulnerabilities_found"), ["ok", "\x1b[2J`|![i](x)"])
    assert whole_path(draft, tmp_path)
    figures.record("hostile_inputs", 1)


@pytest.mark.slow
def test_one_megabyte_answers_everywhere(tmp_path: Path) -> None:
    draft = Draft.new(TEMPLATE)
    for index, item in enumerate(FIELDS):
        unit = HOSTILE[index % len(HOSTILE)].replace("\ud800", "a").replace("\udfff", "b")
        big = unit * (MB // len(unit.encode()))
        if item.kind == "table":
            draft.set(item, [{c.id: big for c in item.columns}])
        elif item.kind == "list":
            draft.set(item, [big])
        elif index % 4 == 0:
            draft.set(item, big)
    assert whole_path(draft, tmp_path)
    figures.record("hostile_inputs", 1)


def test_a_lone_surrogate_or_huge_number_is_refused_naming_the_field(tmp_path: Path) -> None:
    for value in ("ok \ud800", 2**64, [1, -(2**70)]):
        draft = Draft.new(TEMPLATE)
        draft.set(TEMPLATE.field("executive_summary.readiness_status"), value)
        assert not whole_path(draft, tmp_path)
        try:
            save_draft(tmp_path / "x.toml", draft, TEMPLATE)
        except DraftError as exc:
            assert str(exc).startswith("executive_summary.readiness_status")
        assert not (tmp_path / "x.toml").exists()
