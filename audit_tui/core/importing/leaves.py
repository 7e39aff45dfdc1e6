"""The block scanner's view of a markdown file's lines, and its leaf blocks.

Each line's marks are kept as markdown-it-py keeps them (where it begins and
ends, its indent in characters and in columns), since quotes and list items
move them while their content is read. The leaf blocks (code, fences, rules,
headings, HTML, paragraphs) are read here; `importing/blocks.py` has the loop,
the tables and the containers.
"""

from __future__ import annotations

import re

TRIM = "\t\n\v\f\r "
_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
_ATTRIBUTE = (
    r"(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*"
    r"(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)"
)
_OPEN_CLOSE_TAG = rf"^(?:<[A-Za-z][A-Za-z0-9\-]*{_ATTRIBUTE}*\s*\/?>|<\/[A-Za-z][A-Za-z0-9\-]*\s*>)"
# (how an HTML block starts, how it ends, whether it may interrupt a paragraph)
_HTML = (
    (
        re.compile(r"^<(?a:(script|pre|style|textarea))(?=(\s|>|$))", re.IGNORECASE),
        re.compile(r"<\/(?a:(script|pre|style|textarea))>", re.IGNORECASE),
        True,
    ),
    (re.compile(r"^<!--"), re.compile(r"-->"), True),
    (re.compile(r"^<\?"), re.compile(r"\?>"), True),
    (re.compile(r"^<![A-Za-z]"), re.compile(r">"), True),
    (re.compile(r"^<!\[CDATA\["), re.compile(r"\]\]>"), True),
    (
        re.compile(rf"^</?(?a:({_BLOCK_NAMES}))(?=(\s|/?>|$))", re.IGNORECASE),
        re.compile(r"^$"),
        True,
    ),
    (re.compile(_OPEN_CLOSE_TAG + r"\s*$"), re.compile(r"^$"), False),
)


class Node:
    """One block: `type` as markdown-it names it (`paragraph`, `table`...), less `_open`.

    `map` is [first line, line after the last], counted from 0; an `inline` child
    holds the text of a heading, paragraph or table cell.
    """

    __slots__ = ("children", "content", "map", "tag", "type")

    def __init__(
        self, type: str, tag: str = "", map: list[int] | None = None, content: str = ""
    ) -> None:
        self.type = type
        self.tag = tag
        self.map = map
        self.content = content
        self.children: list[Node] = []


def inline(content: str, map: list[int]) -> Node:
    """The text of a heading, paragraph or cell, as a child node."""
    return Node("inline", "", map, content)


class Lines:
    """markdown-it's block state, lean: line marks and indents, and the leaf blocks' rules.

    The block loop and the containers are the scanner's (`importing/blocks.py`).
    """

    def __init__(self, src: str) -> None:
        self.src = src
        begins: list[int] = []
        ends: list[int] = []
        shifts: list[int] = []
        counts: list[int] = []
        start = 0
        pieces = src.split("\n")
        last = len(pieces) - 1
        for index, piece in enumerate(pieces):
            bare = piece.lstrip(" \t")
            if index == last and not bare:
                break  # a last line of nothing or blanks, with no line end: no line
            shift = len(piece) - len(bare)
            if "\t" in piece[:shift]:
                count = 0
                for ch in piece[:shift]:
                    count += 4 - count % 4 if ch == "\t" else 1
            else:
                count = shift
            begins.append(start)
            ends.append(start + len(piece))
            shifts.append(shift)
            counts.append(count)
            start += len(piece) + 1
        length = len(src)
        self.b = [*begins, length]  # where each line begins
        self.e = [*ends, length]  # where it ends (its line feed)
        self.t = [*shifts, 0]  # characters of indent
        self.s = [*counts, 0]  # columns of indent (tabs expanded)
        self.bs = [0] * len(self.b)  # columns before the line's begin (quotes move it)
        self.line_max = len(begins)
        self.blk = 0  # the indent the current container's blocks need
        self.list_indent = -1
        self.parent = "root"
        self.line = 0
        self.level = 0

    # -- lines -------------------------------------------------------------------
    def empty(self, line: int) -> bool:
        return self.b[line] + self.t[line] >= self.e[line]

    def first(self, line: int) -> str:
        pos = self.b[line] + self.t[line]
        return self.src[pos] if pos < self.e[line] else "\n"  # in no rule's characters

    def code(self, line: int) -> bool:
        return self.s[line] - self.blk >= 4

    def lines(self, begin: int, end: int, indent: int, keep_last: bool) -> str:
        """The text of lines begin..end, less `indent` columns (markdown-it's getLines)."""
        src, b, e, t, bs = self.src, self.b, self.e, self.t, self.bs
        out = []
        for line in range(begin, end):
            first = start = b[line]
            last = e[line] + 1 if line + 1 < end or keep_last else e[line]
            column = 0
            while first < last and column < indent:
                ch = src[first]
                if ch == " ":
                    column += 1
                elif ch == "\t":
                    column += 4 - (column + bs[line]) % 4
                elif first - start < t[line]:
                    column += 1
                else:
                    break
                first += 1
            if column > indent:
                out.append(" " * (column - indent) + src[first:last])
            else:
                out.append(src[first:last])
        return "".join(out)

    def interrupts(self, line: int, end: int, *, paragraph: bool) -> bool:
        """Whether a block starting on `line` ends a paragraph (the scanner decides)."""
        raise NotImplementedError

    # -- leaf blocks ---------------------------------------------------------------
    def code_block(self, parent: Node, start: int, end: int) -> None:
        last = line = start + 1
        while line < end:
            if self.empty(line):
                line += 1
            elif self.code(line):
                line += 1
                last = line
            else:
                break
        self.line = last
        parent.children.append(Node("code_block", "code", [start, last]))

    def fence(self, parent: Node | None, start: int, end: int, silent: bool) -> bool:
        src = self.src
        pos, maximum = self.b[start] + self.t[start], self.e[start]
        if pos + 3 > maximum:
            return False
        marker = src[pos]
        mem = pos
        while pos < maximum and src[pos] == marker:
            pos += 1
        length = pos - mem
        if length < 3 or (marker == "`" and "`" in src[pos:maximum]):
            return False
        if silent:
            return True
        line = start
        closed = False
        while True:
            line += 1
            if line >= end:
                break
            pos = mem = self.b[line] + self.t[line]
            maximum = self.e[line]
            if pos < maximum and self.s[line] < self.blk:
                break
            if pos >= len(src):
                break
            if src[pos] != marker or self.code(line):
                continue
            while pos < maximum and src[pos] == marker:
                pos += 1
            if pos - mem < length:
                continue
            while pos < maximum and src[pos] in " \t":
                pos += 1
            if pos < maximum:
                continue
            closed = True
            break
        self.line = line + (1 if closed else 0)
        assert parent is not None
        parent.children.append(Node("fence", "code", [start, self.line]))
        return True

    def hr(self, parent: Node | None, start: int, silent: bool) -> bool:
        src = self.src
        pos, maximum = self.b[start] + self.t[start], self.e[start]
        marker = src[pos]
        count = 1
        for ch in src[pos + 1 : maximum]:
            if ch == marker:
                count += 1
            elif ch not in " \t":
                return False
        if count < 3:
            return False
        if not silent:
            assert parent is not None
            self.line = start + 1
            parent.children.append(Node("hr", "hr", [start, start + 1]))
        return True

    def heading(self, parent: Node | None, start: int, silent: bool) -> bool:
        src = self.src
        pos, maximum = self.b[start] + self.t[start], self.e[start]
        level = 1
        pos += 1
        while pos < maximum and src[pos] == "#" and level <= 6:
            level += 1
            pos += 1
        if level > 6 or (pos < maximum and src[pos] not in " \t"):
            return False
        if silent:
            return True
        assert parent is not None
        while maximum > pos and src[maximum - 1] in " \t":
            maximum -= 1
        hashes = maximum
        while hashes > pos and src[hashes - 1] == "#":
            hashes -= 1
        if hashes > pos and src[hashes - 1] in " \t":
            maximum = hashes
        self.line = start + 1
        node = Node("heading", f"h{level}", [start, start + 1])
        node.children.append(inline(src[pos:maximum].strip(TRIM), [start, start + 1]))
        parent.children.append(node)
        return True

    def html(self, parent: Node | None, start: int, end: int, silent: bool) -> bool:
        text = self.src[self.b[start] + self.t[start] : self.e[start]]
        found = next((seq for seq in _HTML if seq[0].search(text)), None)
        if found is None:
            return False
        if silent:
            return found[2]
        assert parent is not None
        closing = found[1]
        on_blank = closing.pattern == "^$"
        line = start + 1
        if not closing.search(text):
            while line < end:
                if self.s[line] < self.blk and (on_blank or not self.empty(line)):
                    break
                text = self.src[self.b[line] + self.t[line] : self.e[line]]
                if closing.search(text):
                    if text:
                        line += 1
                    break
                line += 1
        self.line = line
        content = self.lines(start, line, self.blk, True)
        parent.children.append(Node("html_block", "", [start, line], content))
        return True

    def paragraph(self, parent: Node, start: int, end: int) -> None:
        """A paragraph, or a setext heading when an underline ends it (markdown-it's lheading)."""
        old, self.parent = self.parent, "paragraph"
        src, b, t, s, e = self.src, self.b, self.t, self.s, self.e
        level = 0
        line = start + 1
        # A heading's underline is looked for up to `end`; a paragraph runs on to the last line.
        while line < self.line_max:
            if self.empty(line):
                break
            if s[line] - self.blk > 3 or s[line] < 0:
                line += 1
                continue
            if line < end and s[line] >= self.blk:
                pos = b[line] + t[line]
                marker = src[pos]
                if marker in "-=":
                    rest = src[pos : e[line]].rstrip(" \t")
                    if rest.strip(marker) == "":
                        level = 1 if marker == "=" else 2
                        break
            if self.interrupts(line, end, paragraph=True):
                break
            line += 1
        self.parent = old
        content = self.lines(start, line, self.blk, False).strip(TRIM)
        if level:
            self.line = line + 1
            node = Node("heading", f"h{level}", [start, line + 1])
            node.children.append(inline(content, [start, line]))
        else:
            self.line = line
            node = Node("paragraph", "p", [start, line])
            node.children.append(inline(content, [start, line]))
        parent.children.append(node)
