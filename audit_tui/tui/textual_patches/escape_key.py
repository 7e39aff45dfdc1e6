"""Escape followed by another key in one read is escape, then that key.

A terminal sends the escape key as a lone ESC byte, and alt+key as ESC and the key.
Over a slow link, in tmux or from a fast typist, `escape` then `a` arrive in one read
and Textual reads them as alt+a; `escape` then `tab` as shift+tab; and when the bytes
after ESC match no sequence for a while it gives up and types ESC as a literal `^`
(`Before Production^aMm` in a risk's timeline, the rest of the burst in the wrong
cell). audit-tui binds no alt key, so ESC followed by a key that cannot start an
escape sequence is read as the escape key and then that key: the parser is handed
`ESC [ 27 u` (the escape key in the kitty keyboard protocol, which Textual reads)
instead of the lone ESC. The one cost: alt+key chords read as escape, then the key.

ESC followed by `[`, `O`, `]`, `P`, `_`, `^`, `X`, `\\` or ESC still starts a sequence
(arrows, function keys, mouse, paste...), so escape typed just before one of those
characters is still ambiguous, as in every terminal program. Inside a bracketed
paste nothing is rewritten.

Upstream: no issue yet; Textual reading ESC + printable in one read as escape + key
when the app has no alt binding (or a timing-based split, as vim's `esckeys`) would
remove this. Test: tests/tui/test_escape_key.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ESC = "\x1b"
KITTY_ESCAPE = "\x1b[27u"
INTRODUCERS = frozenset("[O]P_^X\\\x1b")
"""What may follow ESC to start a sequence: ESC then these is left to the parser."""
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class EscapeSplitter:
    """Rewrites terminal input, chunk by chunk, so that ESC + key is escape, then key."""

    def __init__(self) -> None:
        self.in_paste = False
        self.tail = ""
        """In a paste: the last characters of the chunk before (the end may be split)."""
        self.pending = False
        """The last chunk ended with a lone ESC that the parser still holds."""

    def rewrite(self, data: str, *, parser_waiting: bool = True) -> str:
        """`data` with each ESC that is followed by a key (not a sequence) made explicit.

        `parser_waiting`: whether the parser still holds the ESC that ended the chunk
        before (it gives up after Textual's ESCAPE_DELAY and reads it as escape itself).
        """
        out: list[str] = []
        pos = 0
        if self.pending and parser_waiting and data and data[0] not in INTRODUCERS:
            out.append("[27u")  # completes the held ESC as the escape key
        self.pending = False
        size = len(data)
        while pos < size:
            if self.in_paste:
                # The paste's end may be split across reads: look from the last chunk's tail.
                seen = self.tail + data[pos:]
                end = seen.find(PASTE_END)
                if end < 0:
                    out.append(data[pos:])
                    self.tail = seen[-(len(PASTE_END) - 1) :]
                    break
                stop = end + len(PASTE_END) - len(self.tail)
                out.append(data[pos : pos + stop])
                pos += stop
                self.in_paste = False
                self.tail = ""
                continue
            at = data.find(ESC, pos)
            if at < 0:
                out.append(data[pos:])
                break
            out.append(data[pos:at])
            if data.startswith(PASTE_START, at):
                out.append(PASTE_START)
                pos = at + len(PASTE_START)
                self.in_paste = True
                continue
            if at + 1 == size:
                out.append(ESC)
                self.pending = True
                break
            out.append(ESC if data[at + 1] in INTRODUCERS else KITTY_ESCAPE)
            pos = at + 1
        return "".join(out)


def read_escape_then_key() -> None:
    """Have Textual's Linux driver split ESC + key into escape, then key (call before `run`)."""
    import sys

    if sys.platform == "win32":
        return
    from textual import constants

    if constants.DISABLE_KITTY_KEY:
        return  # the parser would not read ESC [ 27 u as the escape key
    from textual._xterm_parser import XTermParser
    from textual.drivers import linux_driver

    class SplittingParser(XTermParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._splitter = EscapeSplitter()

        def feed(self, data: str) -> Iterable[Any]:
            if data:
                data = self._splitter.rewrite(data, parser_waiting=self._timeout_time is not None)
            return super().feed(data)

    # The driver makes its parser from the name it imported; replace it there.
    vars(linux_driver)["XTermParser"] = SplittingParser
