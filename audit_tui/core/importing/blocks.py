"""The block structure of a markdown file, as a light tree of markdown-it's tokens.

markdown-it-py's own `SyntaxTreeNode` costs as much as the parse; this tree holds
only what the importer reads: each node's type, tag, source lines and children,
and the text of inline content. The collector is paused while the tokens are
made: their millions of small objects would otherwise make it run again and
again, and parsing grow faster than the file.
"""

from __future__ import annotations

import gc
from functools import lru_cache

from markdown_it import MarkdownIt


class Node:
    """One block: `type` as markdown-it names it (`paragraph`, `table`...), less `_open`."""

    __slots__ = ("children", "content", "map", "tag", "type")

    def __init__(
        self, type: str, tag: str = "", map: list[int] | None = None, content: str = ""
    ) -> None:
        self.type = type
        self.tag = tag
        self.map = map
        self.content = content
        self.children: list[Node] = []


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Only the block structure is needed: each answer's text is read as source.
    return MarkdownIt("commonmark").enable("table").disable("inline")


def parse(text: str) -> Node:
    """The tree of blocks of `text` (CommonMark with GFM tables)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        tokens = _parser().parse(text)
        root = Node("root")
        stack = [root]
        for token in tokens:
            if token.nesting == 1:
                node = Node(token.type[: -len("_open")], token.tag, token.map)
                stack[-1].children.append(node)
                stack.append(node)
            elif token.nesting == -1:
                stack.pop()
            else:
                stack[-1].children.append(Node(token.type, token.tag, token.map, token.content))
        del tokens
    finally:
        if paused:
            gc.enable()
    return root
