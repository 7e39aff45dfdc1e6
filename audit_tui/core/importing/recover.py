"""Getting answers back from report text: undoing the export's escaping.

The answer chosen for a piece of report text is the one that the markdown
export turns back into that very text, with as few backslashes as possible.
Text the export could not have written (a copy filled in by hand) is kept as
the auditor typed it, since answers are markdown source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from audit_tui.core.render.escape import block, cell

# A CommonMark backslash escape: a backslash before ASCII punctuation.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
_EXAMPLE = re.compile(r"^e\.?g\.?,?\s", re.IGNORECASE)
_MAX_TRIALS = 64
_LONG = 4000
TBD = "[TBD]"


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def unescape(text: str) -> str:
    """Report text without its backslash escapes (`\\[TBD\\]` -> `[TBD]`)."""
    return _unescape(text)


def _fewest_escapes(raw: str, render: Callable[[str], str], target: str) -> str:
    """The answer with fewest backslashes that the export renders as `target`.

    Escapes are tried one by one, left to right; one is dropped when the render
    then matches the target, or (while nothing matches yet) matches more of its
    beginning. Text no answer renders as is kept as typed.
    """
    if _ESCAPE.search(raw) is None:
        return raw  # nothing to undo: the answer is the text as written
    everything = _unescape(raw)
    bare = _AUTOLINK.sub(r"\1", everything)  # the export writes bare addresses as `<...>`
    spaced = everything.replace("&#32;", " ")  # and `[ ]` as `\[&#32;\]`, not a task box
    for candidate in (bare, everything, spaced):
        if render(candidate) == target:
            return candidate
    if len(raw) > _LONG:
        return raw  # each trial renders the whole text: bounded work for long answers
    out, pos, trials = raw, 0, 0
    done = render(out) == target
    reach = len(target) + 1 if done else _common_prefix(render(out), target)
    while trials < _MAX_TRIALS:
        match = _ESCAPE.search(out, pos)
        if match is None:
            break
        trials += 1
        trial = out[: match.start()] + out[match.start() + 1 :]
        shown = render(trial)
        if shown == target:
            out, pos, done, reach = trial, match.start() + 1, True, len(target) + 1
        elif not done and _common_prefix(shown, target) > reach:
            out, pos, reach = trial, match.start() + 1, _common_prefix(shown, target)
        else:
            pos = match.end()
    return out if done else raw


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def join_lines(lines: list[str]) -> str:
    """Join the lines of a bullet: a trailing backslash is a line break, else a space."""
    out = ""
    for index, line in enumerate(lines):
        line = line.strip()
        if index == len(lines) - 1:
            return out + line
        if line.endswith("\\"):
            out += line[:-1] + "\n"
        else:
            out += line + " "
    return out


def recover_text(lines: list[str]) -> str:
    """The answer behind the lines of a bullet's text."""
    raw = join_lines(lines)
    if _ESCAPE.search(raw) is None:
        return raw  # nothing to undo: the answer is the text as written
    target = "\n".join(line.strip() for line in lines)

    def render(candidate: str) -> str:
        return "\n".join(line.strip() for line in block(candidate, 0).split("\n"))

    return _fewest_escapes(raw, render, target)


def recover_cell(content: str) -> str:
    """The answer behind a table cell, as the markdown parser gave it (pipes unescaped)."""
    content = content.strip()
    # The parser dropped one backslash before each pipe; put it back to get the source.
    source = content.replace("|", "\\|")
    return _fewest_escapes(content, cell, source)


def strip_strong(text: str) -> str:
    """`**x**` -> `x`, for values the report shows in bold."""
    text = text.strip()
    if len(text) > 4 and text.startswith("**") and text.endswith("**"):
        return text[2:-2].strip()
    return text


def words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def is_placeholder(text: str, unanswered: str, hints: Iterable[str]) -> bool:
    """True for text that stands for "no answer yet": the template's own hint text only.

    That is `[TBD]`, the field's own unanswered mark, or a bracketed hint like the
    seed template's: `[e.g., ...]`, or three or more words all taken from the
    field's help (`hints`). Any other bracketed text (`[Nginx]`) is an answer.
    """
    text = _unescape(text.strip())  # the export escapes brackets: `\\[TBD\\]`
    if text in (TBD, unanswered) or not text:
        return True
    if not (text.startswith("[") and text.endswith("]")):
        return False
    inner = text[1:-1].strip()
    if _EXAMPLE.match(inner) or inner.casefold().startswith("eg."):
        return True
    found = words(inner)
    if len(found) < 3:
        return False
    known: set[str] = set()
    for hint in hints:
        known |= words(hint)
    return found <= known
