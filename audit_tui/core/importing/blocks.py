"""The block structure of a markdown file: headings, paragraphs, lists, tables and the rest.

A block scanner of our own, written after markdown-it-py's block rules (CommonMark
with GFM tables) so that it finds the very same blocks, lines and text (a test
compares the two), less what the importer never reads: no tokens, no inline
parsing, no link reference definitions (their lines stay paragraphs, so that
none vanishes). It costs a few microseconds a line where markdown-it's parse
costs ten or more, and like it, each line is looked at a bounded number of times.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager

from audit_tui.core.importing.leaves import TRIM, Lines, Node, inline

# How deep lists and quotes may nest before the rest is left unread (markdown-it's limit).
_MAX_NESTING = 20
_DIGITS = "0123456789"
_DELIMITER_CELL = re.compile(r"^:?-+:?$")
_NEWLINES = re.compile(r"\r\n?")


def parse(text: str) -> Node:
    """The tree of blocks of `text` (CommonMark with GFM tables)."""
    root = Node("root")
    text = _NEWLINES.sub("\n", text).replace("\0", "\ufffd")
    if not text:
        return root
    with collector_paused():
        scanner = Scanner(text)
        scanner.tokenize(root, 0, scanner.line_max)
    return root


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector while a report is read.

    The blocks and answers of a long report are many small objects, with no cycles
    among them: the collector would run again and again over them, and reading
    would grow faster than the file.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class Scanner(Lines):
    """The block loop, tables, quotes and lists, as markdown-it-py's block rules read them."""

    def tokenize(self, parent: Node, start: int, end: int) -> None:
        line = start
        while line < end:
            while line < self.line_max and self.empty(line):
                line += 1
            self.line = line
            if line >= end or self.s[line] < self.blk:
                break
            if self.level >= _MAX_NESTING:
                self.line = end
                break
            self.block(parent, line, end)
            line = self.line
            if line < end and self.empty(line):
                line += 1
                self.line = line

    def below_delimits(self, line: int, end: int) -> bool:
        """Whether the line after `line` may be a table's delimiter row (a cheap first look)."""
        below = line + 1
        if below >= end:
            return False
        pos = self.b[below] + self.t[below]
        return pos < self.e[below] and self.src[pos] in "|-:"

    def block(self, parent: Node, line: int, end: int) -> None:
        if self.below_delimits(line, end) and self.table(parent, line, end, False):
            return
        if self.code(line):
            self.code_block(parent, line, end)
            return
        ch = self.first(line)
        if ch in "`~" and self.fence(parent, line, end, False):
            return
        if ch == ">" and self.blockquote(parent, line, end, False):
            return
        if ch in "*-_" and self.hr(parent, line, False):
            return
        if (ch in "*-+" or ch in _DIGITS) and self.list(parent, line, end, False):
            return
        if ch == "<" and self.html(parent, line, end, False):
            return
        if ch == "#" and self.heading(parent, line, False):
            return
        self.paragraph(parent, line, end)

    def interrupts(self, line: int, end: int, *, paragraph: bool) -> bool:
        """Whether a block starting on `line` ends a paragraph (or a quote, or a table row)."""
        if self.code(line):
            return False
        ch = self.first(line)
        if paragraph and self.below_delimits(line, end) and self.table(None, line, end, True):
            return True
        if ch in "`~":
            return self.fence(None, line, end, True)
        if ch == ">":
            return True
        if ch in "*-_" and self.hr(None, line, True):
            return True
        if ch in "*-+" or ch in _DIGITS:
            if self.list(None, line, end, True):
                return True
        if ch == "<":
            return self.html(None, line, end, True)
        if ch == "#":
            return self.heading(None, line, True)
        return False

    def table(self, parent: Node | None, start: int, end: int, silent: bool) -> bool:
        src, b, t, s, e = self.src, self.b, self.t, self.s, self.e
        below = start + 1
        if start + 2 > end or s[below] < self.blk or self.code(below):
            return False
        pos = b[below] + t[below]
        if pos + 1 >= e[below]:
            return False
        first, second = src[pos], src[pos + 1]
        if first not in "|-:" or second not in "|-: \t" or (first == "-" and second in " \t"):
            return False
        delimiter = src[pos : e[below]]
        if delimiter.strip("|-: \t"):
            return False
        columns = delimiter.split("|")
        aligns = 0
        for index, column in enumerate(columns):
            column = column.strip(TRIM)
            if not column:
                if index == 0 or index == len(columns) - 1:
                    continue
                return False
            if not _DELIMITER_CELL.match(column):
                return False
            aligns += 1
        header = src[b[start] + t[start] : e[start]].strip(TRIM)
        if "|" not in header or self.code(start):
            return False
        cells = _cells(header)
        if not cells or len(cells) != aligns:
            return False
        if silent:
            return True
        assert parent is not None
        old, self.parent = self.parent, "table"
        node = Node("table", "table", [start, 0])
        head = Node("thead", "thead", [start, start + 1])
        row = Node("tr", "tr", [start, start + 1])
        for cell in cells:
            th = Node("th", "th")
            th.children.append(inline(cell.strip(TRIM), [start, start + 1]))
            row.children.append(th)
        head.children.append(row)
        node.children.append(head)
        body: Node | None = None
        autocompleted = 0
        line = start + 2
        while line < end:
            if s[line] < self.blk or self.interrupts(line, end, paragraph=False):
                break
            text = src[b[line] + t[line] : e[line]].strip(TRIM)
            if not text or self.code(line):
                break
            written = _cells(text)
            autocompleted += len(cells) - len(written)
            if autocompleted > 0x10000:
                break
            if body is None:
                body = Node("tbody", "tbody", [start + 2, 0])
                node.children.append(body)
            row = Node("tr", "tr", [line, line + 1])
            for index in range(len(cells)):
                td = Node("td", "td")
                value = written[index].strip(TRIM) if index < len(written) else ""
                td.children.append(inline(value, [line, line + 1]))
                row.children.append(td)
            body.children.append(row)
            line += 1
        if body is not None and body.map is not None:
            body.map[1] = line
        assert node.map is not None
        node.map[1] = line
        parent.children.append(node)
        self.parent = old
        self.line = line
        return True

    def blockquote(self, parent: Node | None, start: int, end: int, silent: bool) -> bool:
        if silent:
            return True
        assert parent is not None
        src, b, e, t, s, bs = self.src, self.b, self.e, self.t, self.s, self.bs
        saved: list[tuple[int, int, int, int]] = []
        old_max = self.line_max
        old_parent, self.parent = self.parent, "blockquote"
        line = start
        last_empty = False
        while line < end:
            pos, maximum = b[line] + t[line], e[line]
            if line > start:
                if pos >= maximum:
                    break
                if not (src[pos] == ">" and s[line] >= self.blk):
                    if last_empty:
                        break
                    if self.interrupts(line, end, paragraph=False):
                        self.line_max = line
                        if self.blk != 0:
                            saved.append((b[line], bs[line], t[line], s[line]))
                            s[line] -= self.blk
                        break
                    saved.append((b[line], bs[line], t[line], s[line]))
                    s[line] = -1  # a lazy line: it goes on the paragraph before it
                    line += 1
                    continue
            # Past the `>` and one space (a tab counts as much of itself as is needed).
            pos += 1
            initial = offset = s[line] + 1
            adjust = False
            after = src[pos] if pos < len(src) else ""
            if after == " ":
                pos += 1
                initial += 1
                offset += 1
                spaced = True
            elif after == "\t":
                spaced = True
                if (bs[line] + offset) % 4 == 3:
                    pos += 1
                    initial += 1
                    offset += 1
                else:
                    adjust = True
            else:
                spaced = False
            saved.append((b[line], bs[line], t[line], s[line]))
            b[line] = pos
            while pos < maximum:
                ch = src[pos]
                if ch == "\t":
                    offset += 4 - (offset + bs[line] + (1 if adjust else 0)) % 4
                elif ch == " ":
                    offset += 1
                else:
                    break
                pos += 1
            last_empty = pos >= maximum
            bs[line] = s[line] + 1 + (1 if spaced else 0)
            s[line] = offset - initial
            t[line] = pos - b[line]
            line += 1
        old_indent, self.blk = self.blk, 0
        node = Node("blockquote", "blockquote", [start, 0])
        parent.children.append(node)
        self.level += 1
        self.tokenize(node, start, line)
        self.level -= 1
        self.line_max = old_max
        self.parent = old_parent
        assert node.map is not None
        node.map[1] = self.line
        for index, (begin, before, shift, count) in enumerate(saved):
            b[start + index], bs[start + index] = begin, before
            t[start + index], s[start + index] = shift, count
        self.blk = old_indent
        return True

    def marker(self, line: int) -> tuple[int, bool]:
        """Where a list item's content starts after its marker (-1: none), and if numbered."""
        src = self.src
        start, maximum = self.b[line] + self.t[line], self.e[line]
        pos = start
        if pos + 1 < maximum and src[pos] in _DIGITS:
            pos += 1
            while pos < maximum and src[pos] in _DIGITS:
                pos += 1
                if pos - start >= 10:
                    return -1, True
            if pos >= maximum or src[pos] not in ".)":
                return -1, True
            pos += 1
            if pos < maximum and src[pos] not in " \t":
                return -1, True
            return pos, True
        if pos < len(src) and src[pos] in "*-+":
            pos += 1
            if pos < maximum and src[pos] not in " \t":
                return -1, False
            return pos, False
        return -1, False

    def list(self, parent: Node | None, start: int, end: int, silent: bool) -> bool:
        src, b, e, t, s, bs = self.src, self.b, self.e, self.t, self.s, self.bs
        if self.code(start):
            return False
        if self.list_indent >= 0 and s[start] - self.list_indent >= 4 and s[start] < self.blk:
            return False
        interrupting = silent and self.parent == "paragraph" and s[start] >= self.blk
        after, ordered = self.marker(start)
        if after < 0:
            return False
        first = b[start] + t[start]
        if ordered and interrupting and int(src[first : after - 1]) != 1:
            return False
        if interrupting and not src[after : e[start]].strip(" \t"):
            return False
        mark = src[after - 1]
        if silent:
            return True
        assert parent is not None
        node = Node("ordered_list" if ordered else "bullet_list", "ol" if ordered else "ul")
        node.map = [start, 0]
        parent.children.append(node)
        old_parent, self.parent = self.parent, "list"
        line = start
        while line < end:
            pos, maximum = after, e[line]
            initial = offset = s[line] + after - (b[start] + t[start])
            while pos < maximum:
                ch = src[pos]
                if ch == "\t":
                    offset += 4 - (offset + bs[line]) % 4
                elif ch == " ":
                    offset += 1
                else:
                    break
                pos += 1
            content = pos
            gap = 1 if content >= maximum else offset - initial
            if gap > 4:
                gap = 1  # the rest is an indented code block
            indent = initial + gap
            item = Node("list_item", "li", [start, 0])
            node.children.append(item)
            old_shift, old_count = t[start], s[start]
            old_list_indent = self.list_indent
            self.list_indent, self.blk = self.blk, indent
            t[start] = content - b[start]
            s[start] = offset
            self.level += 2
            if content >= maximum and self.empty(start + 1):
                self.line = min(self.line + 2, end)  # an empty item ends the list
            else:
                self.tokenize(item, start, end)
            self.level -= 2
            self.blk, self.list_indent = self.list_indent, old_list_indent
            t[start], s[start] = old_shift, old_count
            line = start = self.line
            assert item.map is not None
            item.map[1] = line
            if line >= end or s[line] < self.blk or self.code(line):
                break
            ch = self.first(line)
            if ch in "`~" and self.fence(None, line, end, True):
                break
            if ch == ">" or (ch in "*-_" and self.hr(None, line, True)):
                break
            after, numbered = self.marker(line)
            if after < 0 or numbered != ordered or src[after - 1] != mark:
                break
        assert node.map is not None
        node.map[1] = line
        self.line = line
        self.parent = old_parent
        return True


def _escaped_split(text: str) -> list[str]:
    """A table row's cells: split at pipes, `\\|` read as a pipe (markdown-it's escapedSplit)."""
    if "\\" not in text:
        return text.split("|")
    out: list[str] = []
    current, last, escaped = "", 0, False
    for pos, ch in enumerate(text):
        if ch == "|":
            if not escaped:
                out.append(current + text[last:pos])
                current, last = "", pos + 1
            else:
                current += text[last : pos - 1]
                last = pos
        escaped = ch == "\\"
    out.append(current + text[last:])
    return out


def _cells(row: str) -> list[str]:
    cells = _escaped_split(row)
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


__all__ = ["Node", "collector_paused", "parse"]
