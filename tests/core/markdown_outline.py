"""The outline of a report as markdown-it-py (CommonMark plus tables) parses it.

Tests compare the outline of an export with the outline of the seed template:
whatever the answers contain, the headings, bullets, nested items and table
rows must be the ones the template promises.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block.table import escapedSplit
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

SAFE_LINK_PREFIXES = ("http://", "https://", "mailto:")


def parser() -> MarkdownIt:
    """CommonMark plus tables, accepting every link so that none is hidden from the checks."""
    md = MarkdownIt("commonmark").enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@dataclass
class Bullet:
    """One top-level bullet: its bold label, what follows it, and its nested items."""

    label: str
    value: list[Token]
    items: list[list[Token]] = field(default_factory=list)
    ordered: bool = False


@dataclass
class Outline:
    """What the structure of a report is, leaving out the answers' wording."""

    top: list[str]
    headings: list[tuple[str, str]]
    bullets: list[Bullet]
    rows: list[list[list[Token]]]  # table body rows, each a list of cells' inline tokens
    raw_row_cells: list[int]  # cells per body row as the table rule splits the raw line
    tokens: list[Token]
    references: dict[str, object]
    problems: list[str]


def outline(text: str) -> Outline:
    """Parse `text` and describe its outline, noting anything a report must not contain."""
    env: dict[str, object] = {}
    tokens = parser().parse(text, env)
    root = SyntaxTreeNode(tokens)
    lines = text.split("\n")
    out = Outline([], [], [], [], [], tokens, dict(env.get("references", {}) or {}), [])
    for node in root.children:
        out.top.append(node.tag if node.type == "heading" else node.type)
        if node.type == "heading":
            out.headings.append((node.tag, _inline(node).content))
        elif node.type == "bullet_list":
            for item in node.children:
                out.bullets.append(_bullet(item, out.problems))
        elif node.type == "table":
            _table(node, lines, out)
    for token in _all_tokens(tokens):
        if token.type in ("html_inline", "html_block"):
            out.problems.append(f"raw HTML passed through: {token.content!r}")
        if token.type == "heading_open" and token.level != 0:
            out.problems.append("a heading inside another block")
        for name in ("href", "src"):
            url = token.attrs.get(name)
            if isinstance(url, str) and not url.lower().startswith(SAFE_LINK_PREFIXES):
                out.problems.append(f"unsafe link target {url!r}")
    if out.references:
        out.problems.append(f"link reference definitions: {sorted(out.references)}")
    return out


def _bullet(item: SyntaxTreeNode, problems: list[str]) -> Bullet:
    kids = item.children
    if not kids or kids[0].type != "paragraph":
        problems.append(f"a bullet without a paragraph: {[k.type for k in kids]}")
        return Bullet("", [])
    label, value = _split_label(_inline(kids[0]).children or [])
    bullet = Bullet(label, value)
    rest = kids[1:]
    if rest:
        nested = rest[0]
        if len(rest) > 1 or nested.type not in ("bullet_list", "ordered_list"):
            problems.append(f"bullet {label!r} holds {[k.type for k in rest]}")
            return bullet
        bullet.ordered = nested.type == "ordered_list"
        for entry in nested.children:
            types = [k.type for k in entry.children]
            if types != ["paragraph"]:
                problems.append(f"an entry of {label!r} holds {types}")
                continue
            bullet.items.append(_inline(entry.children[0]).children or [])
    return bullet


def _split_label(children: list[Token]) -> tuple[str, list[Token]]:
    """`**Label:** value` -> ("Label:", tokens of the value)."""
    children = [t for t in children if not (t.type == "text" and not t.content)]
    types = [t.type for t in children[:3]]
    if types != ["strong_open", "text", "strong_close"]:
        return "", children
    return children[1].content, children[3:]


def _table(node: SyntaxTreeNode, lines: list[str], out: Outline) -> None:
    for part in node.children:
        if part.type != "tbody":
            continue
        for row in part.children:
            out.rows.append([_inline(cell).children or [] for cell in row.children])
            assert row.map is not None
            raw = lines[row.map[0]].strip()
            raw = raw[1:] if raw.startswith("|") else raw
            raw = raw[:-1] if raw.endswith("|") and not raw.endswith("\\|") else raw
            out.raw_row_cells.append(len(escapedSplit(raw)))


def _inline(node: SyntaxTreeNode) -> Token:
    for child in node.children:
        if child.type == "inline":
            assert child.token is not None
            return child.token
    raise AssertionError(f"{node.type} has no inline content")


def _all_tokens(tokens: list[Token]) -> list[Token]:
    found = []
    for token in tokens:
        found.append(token)
        if token.children:
            found.extend(_all_tokens(token.children))
    return found


def shown(tokens: list[Token]) -> str:
    """The text a reader sees in `tokens` (breaks as spaces)."""
    parts = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.children:
            parts.append(shown(token.children))
    return "".join(parts)


def has_link(tokens: list[Token]) -> bool:
    return any(t.type in ("link_open", "image") for t in tokens)
