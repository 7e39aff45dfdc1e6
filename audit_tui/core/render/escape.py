"""Answer text as inline markdown that every renderer reads the same way.

The report is read by GitHub and GitLab (cmark-gfm with its extensions, raw HTML
allowed or not), CommonMark renderers (markdown-it) and pandoc (`gfm`,
`commonmark_x`, `markdown`). Whatever an answer holds, it must stay inline text in
its place: no heading, list, quote, table, footnote, task box, raw HTML, attribute,
span, math, citation or strikeout, and no link but to http(s) and mailto.

So the escaping is by allow-list: code spans, emphasis (`*`, `_`), links to http(s)
or mailto, and `<https://...>` autolinks are kept; bare http(s) addresses become
`<...>` autolinks (GitHub's bare-URL autolinker would otherwise swallow the
backslash or backtick after an address); every other character that any of these
dialects gives a meaning is backslash-escaped.
"""

from __future__ import annotations

import bisect
import re

from audit_tui.core.render.text import clean_text, one_line

# What would open a block at the start of a line, in any dialect: a heading, quote,
# list item (`-`, `+`, `*`, `1.`, `a)`, `(iv)`, `#.`), thematic break, setext
# underline, definition (`: `), fence or table row. The first character or the
# marker's punctuation is escaped.
_BLOCK_START = re.compile(
    r"^(?:(?P<first>[#>+=:|~-])|\*(?=\s|$)|(?P<rule>[*_])(?:[ \t]*(?P=rule)){2,}[ \t]*$"
    r"|(?P<open>\()?(?:\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+)(?P<close>[.)])(?=\s|$))"
)
# A task box at the start of a list item: `[ ]`, `[x]` or `[X]`, then a space or the end.
_TASK = re.compile(r"\[([ xX])\](?=\s|$)")
_ADDRESS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
# Inline syntax: the auditor's backslash escape, a backtick run, an autolink, a link,
# a bare address, `www.`, then single characters that mean something somewhere.
_INLINE = re.compile(
    r"(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<ticks>`+)"
    rf"|(?P<auto><(?:https?://{_ADDRESS}+|mailto:{_ADDRESS}+)>)"
    rf"|(?P<link>\[(?P<text>[^\[\]`\n]+)\]\((?P<target>(?:https?://|mailto:)"
    r"[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+)\))"
    rf"|(?P<bare>https?://{_ADDRESS}+)"
    r"|(?P<www>www\.)"
    # `xmpp:`, and `mailto:` glued to what is before it (`javascript+mailto:`): GitHub's
    # email autolinker links them, taking the glued characters into the target.
    r"|(?P<xmpp>(?:xmpp|(?<=[A-Za-z0-9.+\-_])mailto):[A-Za-z0-9._%+\-@/]+)"
    r"|(?P<colon>:(?=\S))"
    r"|(?P<amp>&(?=[#A-Za-z0-9]))"
    r"|(?P<bang>!(?=\[))"
    r"|\\(?=[A-Za-z0-9]|$)"  # a TeX command for pandoc, or a line break at the end
    r"|[<>\[\]{}~^$@|]",
    re.IGNORECASE,
)
_TICKS = re.compile(r"`+")
# What a bare address ends with that belongs to the sentence, not the address.
_TRAILING = ".,:;!?'\"*_"
# Text in which nothing needs escaping: the common case, kept fast. A colon before a
# space or the end is plain (`Risk 3: the key`): `_INLINE` reads a colon only before
# something else (`colon`, `xmpp:`, `https://`).
_PLAIN = re.compile(r"[^\\`<>\[\]{}~^$@|:&!\n]*(?::(?!\S)[^\\`<>\[\]{}~^$@|:&!\n]*)*\Z")
_PLAIN_WWW = re.compile("www\\.", re.IGNORECASE)


def inline(text: str, *, cell: bool = False, links: bool = True) -> str:
    """One line of outside text (an answer, a label) as inline markdown, stripped.

    In a table `cell`, pipes are escaped inside code spans too. Without `links`
    (inside a link's text) no address becomes a link.
    """
    return _line(" ".join(clean_text(text).split()), cell=cell, links=links)


def heading(text: str) -> str:
    """Template text for a `#` heading: escaped as a line, a closing `#` kept as text."""
    body = _escape_spans(" ".join(clean_text(text).split()), cell=False, links=False)
    return body[:-1] + "\\#" if body.endswith("#") else body


def _line(text: str, *, cell: bool, links: bool) -> str:
    task = _TASK.match(text)
    if task:
        # pandoc's markdown reads `\\[x\\] ` as a task box; a space as an entity is text.
        inner = "&#32;" if task[1] == " " else task[1]
        rest = text[task.end() :]
        return f"\\[{inner}\\]" + (f"&#32;{_escape_spans(rest[1:], cell, links)}" if rest else "")
    match = _BLOCK_START.match(text)
    if match is None:
        return _escape_spans(text, cell, links)
    if match["first"] or match["rule"] or not (match["close"]):
        return "\\" + text[0] + _escape_spans(text, cell, links, start=1)
    # A list marker: escape its closing `.`/`)` (and an opening `(`).
    close = match.end("close") - 1
    start = "\\(" + text[1:close] if match["open"] else text[:close]
    return f"{start}\\{text[close]}" + _escape_spans(text, cell, links, start=close + 1)


def _escape_spans(text: str, cell: bool, links: bool, start: int = 0) -> str:
    """Escape `text[start:]` outside what is kept; inside code spans only pipes (in a
    table cell). What is before `start` is seen only as context (`+mailto:` is glued).

    A backtick run without a closing run on the same line is escaped, so that no
    code span can reach across lines and swallow what this function escaped.
    """
    if _PLAIN.match(text, start) and not _PLAIN_WWW.search(text, start):
        return text[start:]
    out: list[str] = []
    pos = start
    closers: dict[int, list[int]] | None = None  # run length -> where such runs start
    while True:
        match = _INLINE.search(text, pos)
        if match is None:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos : match.start()])
        pos = match.end()
        kind = match.lastgroup
        token = match.group(0)
        if kind == "escape":
            out.append(token)
        elif kind == "ticks":
            if closers is None:
                closers = _backtick_runs(text)
            starts = closers.get(len(token), [])
            index = bisect.bisect_left(starts, pos)
            if index == len(starts):
                out.append("\\`" * len(token))
            else:
                end = starts[index] + len(token)
                code = text[match.start() : end]
                out.append(code.replace("|", "\\|") if cell else code)
                pos = end
        elif kind == "auto" and links:
            out.append(token)
        elif kind == "link" and links:
            label = _escape_spans(match["text"], cell, links=False)
            out.append(f"[{label}]({match['target']})")
        elif kind == "bare" and links:
            address = token.rstrip(_TRAILING)
            while address.endswith(")") and address.count(")") > address.count("("):
                address = address[:-1].rstrip(_TRAILING)
            if len(address) <= len(address.split("//", 1)[0]) + 2:  # nothing after `//`
                out.append(_escape_spans(token, cell, links=False))
                continue
            out.append(f"<{address}>")
            pos = match.start() + len(address)
        elif kind in ("auto", "link", "bare"):
            # Not a link here: escape its characters one by one.
            out.append(_escape_spans(token[0], cell, links=False))
            pos = match.start() + 1
        elif kind == "xmpp":
            # GitHub links these whatever is escaped in them; as code they are text.
            out.append(f"`{token}`")
        elif kind == "www":
            out.append(token[:3] + "\\.")
        elif kind in ("colon", "amp", "bang"):
            out.append("\\" + token)
        else:
            out.append("\\" + token)


def _backtick_runs(text: str) -> dict[int, list[int]]:
    """Where each whole run of backticks starts, by its length (a code span's possible ends)."""
    runs: dict[int, list[int]] = {}
    for run in _TICKS.finditer(text):
        runs.setdefault(len(run.group(0)), []).append(run.start())
    return runs


def block(text: str, indent: int) -> str:
    """Answer text of one or more lines, kept inside its bullet with hard line breaks.

    A blank line becomes a line holding only the next hard break, so it cannot end
    the bullet.
    """
    lines = [
        _line(line.strip(), cell=False, links=True) for line in clean_text(text).strip().split("\n")
    ]
    pad = " " * indent
    return ("\\\n" + pad).join(lines)


def cell(value: object) -> str:
    """One table cell: any value as a single line, pipes escaped."""
    flat = one_line(value)
    if flat.isprintable():
        # Already clean and on one line: `inline` would clean and collapse it again.
        return _line(flat, cell=True, links=True)
    return inline(flat, cell=True)
