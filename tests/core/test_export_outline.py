"""Whatever the answers contain, the exported report keeps the seed template's outline."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.kinds import shown_entries
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Field, Template
from audit_tui.core.render.export import export_markdown
from tests.conftest import SEED
from tests.core.markdown_outline import Outline, has_link, outline, shown

TEMPLATE = load_template()
SEED_OUTLINE = outline(SEED.read_text(encoding="utf-8"))
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters a report drops too: zero-width, word joiner, BOM, tags, annotations.
INVISIBLE = set("\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\ufff9\ufffa\ufffb")
INVISIBLE |= {chr(c) for c in range(0xE0000, 0xE0080)}

# Pieces of text that have broken markdown exports before, or could.
TRICKY = [
    "|",
    "\\|",
    "\\\\|",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "#",
    "# ",
    "###### h",
    "---",
    "- - -",
    "***",
    "* ",
    "*",
    "_ _ _",
    "___",
    "- ",
    "+ ",
    "-",
    "=",
    "===",
    "> ",
    ">",
    "1. ",
    "1.",
    "2) ",
    "10. ",
    "```",
    "```py",
    "~~~",
    "`",
    "``",
    "`code`",
    "`a|b`",
    "`<b>`",
    "    ",
    "\t",
    "\t- x",
    "[x]: http://example.com",
    "[x]:",
    "[a\\]b]: /u",
    "[x]",
    "[",
    "]",
    "](",
    "](javascript:alert(1))",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](<javascript:x>)",
    "[x](\njavascript:x)",
    "[x](data:text/html,x)",
    "[x](/path)",
    "[x](https://example.com)",
    "![i](https://example.com/i.png)",
    "<http://example.com>",
    "<script>",
    "</script>",
    "<b>",
    "<!-- c -->",
    "<div>",
    "&amp;",
    "&#65;",
    "&lt;",
    "&",
    "\\",
    "\\\\",
    "\\`",
    "[bold]",
    "[/]",
    "[@click=app.quit]",
    "\x1b[31m",
    "\x1b",
    "\x00",
    "\x07",
    "\x7f",
    "\x85",
    "\x9b",
    "\u202e",
    "\u2066",
    "\u00a0",
    "\u2028",
    "\u3000",
    "😀",
    "👩‍💻",
    "*em*",
    "**strong**",
    "_u_",
    ":---",
    "| --- |",
    "|---|---|",
    "a | b",
    ":",
    "javascript:",
    "1)",
    "{",
    "}",
    "%",
    "\\n",
]
MARKDOWNY = "#>*-_+=~`|:[]()<>&\\!.1 \n\t\rab"

fragment = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=MARKDOWNY, max_size=12),
    st.text(max_size=6),
)
answer = st.lists(fragment, max_size=8).map("".join)
wrong_type = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1), st.booleans(), st.floats(allow_nan=False)
)


def value_for(item: Field) -> st.SearchStrategy[Any]:
    """Answers for one field: mostly text that fights markdown, sometimes the wrong type."""
    if item.kind == "list":
        entry = st.one_of(answer, answer, wrong_type)
        return st.one_of(st.lists(entry, max_size=4), answer)
    if item.kind == "score":
        return st.one_of(st.integers(min_value=-5, max_value=20), answer)
    if item.kind in ("grade", "choice"):
        return st.one_of(st.sampled_from(item.choices), answer)
    if item.kind == "table":
        cells = {
            c.id: st.one_of(answer, st.sampled_from(c.options or ("x",))) for c in item.columns
        }
        return st.lists(st.fixed_dictionaries({}, optional=cells), max_size=4)
    return st.one_of(answer, answer, answer, wrong_type, st.lists(answer, max_size=2))


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    draft = Draft()
    for _, item in TEMPLATE.fields():
        if draw(st.booleans()):
            draft.set(item, draw(value_for(item)))
    return draft


def visible(text: str) -> str:
    """What of `text` a report may show: no control characters, CR as line ends, stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return "".join(
        ch
        for ch in text
        if ch not in BIDI
        and ch not in INVISIBLE
        and (unicodedata.category(ch) != "Cc" or ch in "\n\t")
    ).strip()


def alnum(text: str) -> list[str]:
    return [ch for ch in text if ch.isalnum()]


def expected_shown(item: Field, value: Any) -> list[str]:
    """The texts a reader should find for one field: one per line shown (entries for a list)."""
    if item.kind == "list" and isinstance(value, list):
        # Which entries show is the kind's to say (core/model/kinds.py): an entry of
        # hidden characters alone (a BOM, a zero-width space) shows as none.
        entries = [visible(entry) for entry in shown_entries(item, value)]
        return [e for e in entries if e] or [item.unanswered]
    if not item.is_answered(value):
        return [item.unanswered]
    text = item.display(value) if not isinstance(value, list) else ", ".join(map(str, value))
    return [visible(text) or item.unanswered]


def assert_outline(template: Template, draft: Draft) -> Outline:
    """The export of `draft` has the seed's outline, with the draft's answers in it."""
    text = export_markdown(template, draft)
    found = outline(text)
    assert found.problems == []
    assert found.top == SEED_OUTLINE.top
    assert found.headings == SEED_OUTLINE.headings
    assert [b.label for b in found.bullets] == [b.label for b in SEED_OUTLINE.bullets]
    fields = [f for _, f in template.fields() if f.kind != "table"]
    assert len(found.bullets) == len(fields)
    for bullet, item in zip(found.bullets, fields, strict=True):
        value = draft.get(item)
        wanted = expected_shown(item, value)
        if bullet.items:
            assert item.kind == "list"
            assert bullet.ordered == item.ordered
            got = bullet.items
        else:
            got = [bullet.value]
        assert len(got) == len(wanted), item.key
        for tokens, want in zip(got, wanted, strict=True):
            if not has_link(tokens):
                assert alnum(shown(tokens)) == alnum(want), item.key
    table = next(f for _, f in template.fields() if f.kind == "table")
    rows = draft.get(table)
    assert len(found.rows) == max(1, len(rows) if isinstance(rows, list) else 0)
    assert found.raw_row_cells == [len(table.columns)] * len(found.rows)
    for index, cells in enumerate(found.rows):
        assert len(cells) == len(table.columns)
        row = rows[index] if isinstance(rows, list) and rows else {}
        for tokens, column in zip(cells, table.columns, strict=True):
            value = row.get(column.id)
            want = visible(value) if isinstance(value, str) else ""
            if not has_link(tokens):
                assert alnum(shown(tokens)) == alnum(want or table.unanswered)
    for ch in text:
        assert ch in "\n\t" or unicodedata.category(ch) != "Cc", repr(ch)
        assert ch not in BIDI
    return found


def fill(text: str) -> Draft:
    """A draft that has `text` in every field, twice in each list, once in every risk cell."""
    draft = Draft()
    for _, item in TEMPLATE.fields():
        if item.kind == "list":
            draft.set(item, [text, text])
        elif item.kind == "table":
            draft.set(item, [{c.id: text for c in item.columns}] * 2)
        else:
            draft.set(item, text)
    return draft


@pytest.mark.parametrize("text", TRICKY + ["".join(TRICKY)], ids=repr)
def test_tricky_text_in_every_field_keeps_the_outline(text: str) -> None:
    assert_outline(TEMPLATE, fill(text))
    assert_outline(TEMPLATE, fill(f"before {text} after"))
    assert_outline(TEMPLATE, fill(f"line one\n{text}\nline three"))


def fill_some(text: str) -> Draft:
    """A draft with `text` as a paragraph, a list entry and a risk's issue."""
    draft = Draft()
    draft.set(TEMPLATE.field("executive_summary.risk_assessment"), text)
    draft.set(TEMPLATE.field("security.vulnerabilities_found"), ["short", text])
    draft.set(TEMPLATE.field("risks"), [{"priority": "High", "issue": text}])
    return draft


def test_100_kb_answers_keep_the_outline() -> None:
    line = "Row | with `code|pipe` and <b>tags</b> & [links](javascript:x)\n# not a heading\n"
    big = line * 1300
    assert len(big.encode()) > 100_000
    assert_outline(TEMPLATE, fill_some(big))


def test_many_unmatched_backtick_runs_are_escaped() -> None:
    text = " ".join("`" * n for n in range(1, 300))
    found = assert_outline(TEMPLATE, fill_some(text))
    entry = found.bullets[6].items[1]
    assert shown(entry) == text  # every backtick shown, none taken as a code span


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drafts())
@example(fill("a\\"))
@example(fill("x\n-\ny"))
@example(fill("`a\n<b>`"))
def test_any_answers_keep_the_outline(draft: Draft) -> None:
    assert_outline(TEMPLATE, draft)


@pytest.mark.slow
@settings(
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drafts())
def test_any_answers_keep_the_outline_long_run(draft: Draft) -> None:
    assert_outline(TEMPLATE, draft)
