"""Matching what a person wrote to the template: labels, headings and values by meaning.

A label, heading or column name is compared as its words: case, spacing,
punctuation, emoji, `&`/`and`, British/American spelling and plurals do not
count. Values of scores, grades and choices are read where the meaning is clear
(`❌ NO-GO`, `6 / 10`, `B (Good)`, `Good`) and each change is described.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from audit_tui.core.model.kinds import GRADES

# Words that say nothing about which field is meant.
_STOP = frozenset({"a", "an", "and", "the", "of", "to", "for", "in", "on", "by", "with"})
# Words a heading adds to the name of its part or section.
_GENERIC = frozenset(
    {"summary", "audit", "review", "assessment", "result", "report", "section", "part"}
)
_NUMBERING = re.compile(
    r"^\s*(?:(?:part|section|step)\s+)?(?:\d+(?:\.\d+)*[.):]?|(?:[ivx]+|[a-z])[.)])(?:\s+|$)",
    re.IGNORECASE,
)
_PARENTHESES = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"[^\W_]+")
# British spellings to American, word by word (both sides are changed alike).
_SPELLING = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"our$"), "or"),
    (re.compile(r"tre$"), "ter"),
    (re.compile(r"ogue$"), "og"),
)
_SHORTCODE = re.compile(r":[a-z0-9_+\-]{1,40}:")  # Slack's and GitHub's `:x:`
_BREAK = re.compile(r"(?<!\\)<br\s*/?>", re.IGNORECASE)  # `\<br>` is text


def is_symbol(char: str) -> bool:
    """Emoji, dingbats, variation selectors and joiners: decoration, not words."""
    return unicodedata.category(char) in ("So", "Sk", "Cs", "Co", "Mn", "Cf")


_ASCII_SYMBOLS = str.maketrans("^`", "  ")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_]|[*_](?!\w))")
# `Node.js` and `NodeJS` are one word: a full stop or apostrophe inside a word joins.
_INNER_STOP = re.compile(r"(?<=\w)[.'’](?=\w)")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescaped(text: str) -> str:
    """`text` without markdown's backslash escapes (`1\\.` -> `1.`, as Google Docs writes)."""
    return _ESCAPED.sub(r"\1", text)


def undecorated(text: str) -> str:
    """`text` without escapes, emphasis marks, emoji and surrounding spaces."""
    text = unescaped(text)
    if text.isascii():  # the only symbols in ASCII: ^ and `
        text = text.translate(_ASCII_SYMBOLS)
    else:
        text = "".join(" " if is_symbol(c) else c for c in text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


def _word(word: str) -> str:
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def words(text: str, *, numbered: bool = False) -> tuple[str, ...]:
    """The words that name something, in order: `2.1. Security & Audits:` -> security audit."""
    if len(text) > 200:
        return _words(text, numbered)
    return _cached_words(text, numbered)


@lru_cache(maxsize=4096)
def _cached_words(text: str, numbered: bool) -> tuple[str, ...]:
    return _words(text, numbered)


def _words(text: str, numbered: bool) -> tuple[str, ...]:
    text = undecorated(text).replace("`", "")
    if numbered:
        text = _NUMBERING.sub("", text)
    text = _PARENTHESES.sub(" ", text).replace("&", " and ")
    # `Node.js` and `NodeJS` are one word; other punctuation separates words.
    text = _INNER_STOP.sub("", text)
    found = (_word(w.casefold()) for w in _WORD.findall(text))
    return tuple(w for w in found if w not in _STOP)


def significant(found: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in found if w not in _GENERIC)


def breaks(text: str) -> list[str]:
    """The lines of `text` split at `<br>` tags (none: one line)."""
    return [part.strip() for part in _BREAK.split(text)]


def has_break(text: str) -> bool:
    return _BREAK.search(text) is not None


class Names:
    """Names to match written text against: each key's label and aliases, as words."""

    def __init__(self, names: Mapping[str, Iterable[str]], *, numbered: bool = False) -> None:
        self.numbered = numbered
        self.forms = [
            (key, form, "".join(form), frozenset(form))
            for key, candidates in names.items()
            for form in (words(name, numbered=numbered) for name in candidates)
        ]
        # The first two levels of `match`, looked up at once: labels are matched by the
        # thousand in a long report.
        self.exact: dict[tuple[str, ...], list[str]] = {}
        self.compact: dict[str, list[str]] = {}
        for key, form, joined, _ in self.forms:
            for keys in (self.exact.setdefault(form, []), self.compact.setdefault(joined, [])):
                if key not in keys:
                    keys.append(key)

    def match(self, written: str) -> list[str]:
        """The keys whose names `written` means, best match first.

        Exact words first; then the same letters without spaces (`NodeJS`); then the
        written words being part of the name's (`Maintainability` for `Overall
        Maintainability`). Returns every key at the first level that matches any.
        """
        mine = words(written, numbered=self.numbered)
        if not mine:
            return []
        found = list(self.exact.get(mine) or self.compact.get("".join(mine)) or ())
        if not found:
            wanted = significant(mine)
            if wanted:
                found = _unique(key for key, _, _, known in self.forms if wanted <= known)
        return found


def _unique(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(keys))


# -- values -----------------------------------------------------------------
# At most 18 digits: int() refuses more than 4300, and no score is longer anyway.
_SCORE = re.compile(
    r"^(?P<number>[+-]?\d{1,18}(?:[.,]\d+)?)\s*(?:(?:/|out\s+of|of)\s*(?P<scale>\d{1,18}))?$",
    re.IGNORECASE,
)
_GRADE = re.compile(r"^(?P<letter>[a-f])\s*(?P<sign>[+\-−]?)\s*(?:[(:–—-]\s*(?P<word>[^()]*)\)?)?$")
_GRADE_WORDS = {word.casefold(): letter for letter, word in GRADES.items()}


def plain_value(text: str) -> str:
    """A value without bold, emoji or a trailing full stop: `**GO** ✅.` -> `GO`."""
    text = _SHORTCODE.sub(" ", undecorated(text)).strip().rstrip(".").strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1].strip()  # `[8]`: the template's brackets, filled in
    return text


def read_score(text: str, low: int, high: int) -> tuple[int | None, str]:
    """A whole number from low to high, or None with why not."""
    shown = plain_value(text)
    found = _SCORE.match(shown)
    if found is None:
        return None, f"expected a whole number from {low} to {high}"
    scale = found["scale"]
    if scale is not None and int(scale) != high:
        return None, f"{shown} is out of {scale}; the template's scale is {low} to {high}"
    number = found["number"].replace(",", ".")
    if "." in number:
        whole, _, fraction = number.partition(".")
        if fraction.strip("0"):
            return None, f"{shown} is not a whole number from {low} to {high}"
        number = whole
    value = int(number)
    if not low <= value <= high:
        return None, f"{value} is not from {low} to {high}"
    return value, ""


def read_grade(text: str) -> tuple[str | None, str]:
    """A grade letter from `B`, `b`, `B (Good)`, `Good`, `B+` (as B), or None with why not."""
    shown = plain_value(text)
    expected = "expected one of " + ", ".join(f"{k} ({v})" for k, v in GRADES.items())
    word = _GRADE_WORDS.get(shown.casefold())
    if word is not None:
        return word, ""
    found = _GRADE.match(shown.casefold())
    if found is None:
        return None, expected
    letter = found["letter"].upper()
    if letter not in GRADES:
        return None, expected
    said = (found["word"] or "").strip().casefold()
    if said and _GRADE_WORDS.get(said, letter) != letter:
        return None, f"{shown}: the letter and the word disagree; {expected}"
    return letter, ""


def read_choice(text: str, options: Iterable[str]) -> tuple[str | None, str]:
    """One of `options` from text that means it (`NO GO`, `❌ no-go`), or None with why not."""
    options = tuple(options)
    shown = plain_value(text)
    for candidate in (shown, _PARENTHESES.sub("", shown).strip()):
        compact = "".join(_WORD.findall(candidate)).casefold()
        for option in options:
            if compact and compact == "".join(_WORD.findall(option)).casefold():
                return option, ""
    return None, f"expected one of {', '.join(options)}"
