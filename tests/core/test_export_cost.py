"""What exporting a large risk table costs, in work done per cell (P4, docs/performance.md).

The export of 10,000 rows grew from 1.09x to 1.68x of a plain script when the escaping
became an allow-list: each cell was cleaned twice and any colon sent it through the
full inline scanner. These tests count that work; the outputs are the golden tests'.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_tui.core.checks import check
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Field, Template
from audit_tui.core.render import escape, export
from audit_tui.core.render.escape import cell, inline
from audit_tui.core.render.text import one_line
from benchmarks.drafts import risk_rows as risks

ROWS = 300


class CountingPattern:
    """A compiled pattern whose `search` calls are counted."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.searches = 0

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.searches += 1
        return self.pattern.search(text, pos)


def test_each_distinct_cell_text_is_escaped_once(
    template: Template, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []

    def counted(value: object) -> str:
        calls.append(value)
        return cell(value)

    monkeypatch.setattr(export, "cell", counted)
    rows = risks(ROWS)
    draft = Draft()
    draft.set(template.field("risks"), rows)
    table = export.render_table(template.field("risks"), rows)
    labels = len(template.field("risks").columns) + 1  # the header and the `[TBD]` cell
    distinct = {v for row in rows for v in row.values()}
    assert len(calls) == labels + len(distinct)  # not 5 per row
    assert len(table.splitlines()) == ROWS + 2
    monkeypatch.undo()
    assert table == export.render_table(template.field("risks"), rows)


def test_a_colon_before_a_space_takes_the_plain_path(monkeypatch: pytest.MonkeyPatch) -> None:
    scanner = CountingPattern(escape._INLINE)
    monkeypatch.setattr(escape, "_INLINE", scanner)
    for text in ("Risk number 3: config value hardcoded", "Note: a: b:", "end:"):
        assert cell(text) == text
    assert scanner.searches == 0
    assert cell("see:this") == "see\\:this"
    assert scanner.searches > 0


def test_a_printable_cell_is_cleaned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    cleaned: list[str] = []
    clean_text = escape.clean_text

    def counted(text: str) -> str:
        cleaned.append(text)
        return clean_text(text)

    monkeypatch.setattr(escape, "clean_text", counted)
    assert cell("Externalize to .env") == "Externalize to .env"
    assert cleaned == []  # one_line has cleaned it; inline would clean it again


def test_checking_a_full_table_builds_no_path_per_cell(
    template: Template, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = template.field("risks")
    reads = 0
    key = Field.key

    def counted(self: Field) -> str:
        nonlocal reads
        reads += 1
        return key.fget(self)  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(Field, "key", property(counted))
    assert check.field_findings(table, risks(ROWS)) == []
    assert reads <= 1  # not one per cell
    rows: list[dict[str, Any]] = risks(2)
    rows[1]["priority"] = "Urgent"
    del rows[1]["impact"]
    assert [f.path for f in check.field_findings(table, rows)] == [
        "risks[1].priority",
        "risks[1].impact",
    ]


# Text made of what the plain path decides on: colons, spaces, `www.`, what escapes.
_TRICKY = st.lists(
    st.sampled_from(list("ab :/.wxmpt\\`<[]&!|@\n\t\u00a0\u200c\u00e9") + ["www.", "mailto:"]),
    max_size=20,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TRICKY)
def test_the_plain_path_writes_what_the_scanner_writes(text: str) -> None:
    line = " ".join(text.split())
    never_plain = re.compile(r"(?!)")
    fast = escape._escape_spans(line, cell=True, links=True)
    original = escape._PLAIN
    try:
        escape._PLAIN = never_plain
        scanned = escape._escape_spans(line, cell=True, links=True)
    finally:
        escape._PLAIN = original
    assert fast == scanned
    assert cell(text) == inline(one_line(text), cell=True)
