"""The importer's own block scanner finds what markdown-it-py finds.

`importing/blocks.py` is written after markdown-it's block rules so that the
importer reads the same blocks, lines and text, only faster. These tests parse
the corpus of hand-written reports and random mixes of tricky lines both ways
and compare the trees: each block's type, heading level, lines and text.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from audit_tui.core.importing.blocks import Node, parse
from tests.conftest import DATA

REPORTS = [r for r in sorted((DATA / "reports").glob("*.md")) if r.name != "README.md"]
# Link reference definitions are the one difference: they stay paragraphs in ours, so
# that their lines are reported rather than dropped.
_MARKDOWN_IT = MarkdownIt("commonmark").enable("table").disable(["inline", "reference"])

LINES = [
    "# H", "## 1. Executive Summary", "#nospace", "####### seven", "# closing ##",
    "Setext", "===", "---", "==", "= =", "- - -", "***", "___", "* * *",
    "- item", "* item", "+ item", "-", "1.", "1. one", "2) two", "3. three", "10. ten",
    "  - nested", "    - deeper", "   - three", "\t- tab", "\t\t- deep tab", "-\tx", "1.\tx",
    "  1. nested num", "     five", "- [ ] task", "- > quote in item", "- ```", "- # head",
    "    - code item", "- a\tb", "  text", "    code", "\tcode", "text \\", "lazy line",
    "> quote", ">", "> - q item", ">> nested", ">\tx", "  > q",
    "```", "~~~", "```py", "````", "  ```",
    "<!-- c -->", "<!--", "-->", "<div>", "</div>", "<span>x</span>", "<br>", "<script>",
    "</script>", "<?php", "?>", "<!DOCTYPE html>", "<![CDATA[", "]]>",
    "| a | b |", "|---|---|", "| --- | :-: |", "a | b", "--|--", "| x | y | z |", "| 1 |",
    "| \\| | b |", "- | a | b |", "  |---|---|",
    "**Label:** value", "Label: value", "", "", "", "  ",
]  # fmt: skip


def _tree(node: Node, lines: list[str]) -> tuple[Any, ...]:
    """A block as compared: its type, tag, first and last non-blank line, text, children.

    Blank lines at a block's end are left out: where they go is not read.
    """
    span = None
    if node.map is not None:
        filled = [i for i in range(*node.map) if i < len(lines) and lines[i].strip()]
        span = (filled[0], filled[-1]) if filled else None
    text = node.content if node.type == "inline" else ""
    return (node.type, node.tag, span, text, [_tree(c, lines) for c in node.children])


def _reference(text: str) -> Node:
    root = Node("root")
    stack = [root]
    for token in _MARKDOWN_IT.parse(text):
        if token.nesting == 1:
            node = Node(token.type.removesuffix("_open"), token.tag, token.map)
            stack[-1].children.append(node)
            stack.append(node)
        elif token.nesting == -1:
            stack.pop()
        else:
            stack[-1].children.append(Node(token.type, token.tag, token.map, token.content))
    return root


def _both(text: str) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return _tree(parse(text), lines), _tree(_reference(text), lines)


def test_every_report_of_the_corpus_has_the_same_blocks() -> None:
    for report in REPORTS:
        ours, theirs = _both(report.read_bytes().decode("utf-8"))
        assert ours == theirs, report.name


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=16), st.booleans())
def test_any_mix_of_tricky_lines_has_the_same_blocks(lines: list[str], newline: bool) -> None:
    text = "\n".join(lines) + ("\n" if newline else "")
    ours, theirs = _both(text)
    assert ours == theirs, text


def test_deep_nesting_stops_where_markdown_it_stops() -> None:
    for text in (
        "\n".join("  " * depth + "- x" for depth in range(30)),
        ">" * 30 + " deep",
        "\n".join("> " * depth + "- x" for depth in range(25)),
    ):
        ours, theirs = _both(text)
        assert ours == theirs


def test_a_link_reference_definition_stays_a_paragraph() -> None:
    root = parse("[r]: https://example.com\n")
    assert [n.type for n in root.children] == ["paragraph"]
    assert root.children[0].children[0].content == "[r]: https://example.com"
