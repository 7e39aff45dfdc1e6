"""Outside text made safe to write or show: nothing in it is obeyed, only shown.

Answers, imported text, template strings and file names pass through here before
they reach a report, the terminal or the app. One set of characters is dropped
everywhere: C0 controls but tab and newline, DEL, C1 controls (ESC and CSI among
them), the bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F,
U+202A-U+202E, U+2066-U+2069), zero-width and invisible characters (U+200B,
U+2060-U+2064, U+FEFF, U+180E), tag characters and interlinear annotations; the zero-width joiners
(U+200C, U+200D) are kept only between two characters that are not ASCII. Line
ends become `\\n`, and lone surrogates, which no encoding can write (a file name
that is not UTF-8), become U+FFFD.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_HIDDEN = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ufff9-\ufffb\U000e0000-\U000e007f"
)
_DROP = re.compile(f"[{_HIDDEN}]")
# Zero-width (non-)joiners shape emoji sequences and Arabic and Indic scripts: kept
# between two such characters, dropped next to ASCII or at either end.
_JOINER = re.compile("(?:^|(?<=[\x00-\x7f]))[\u200c\u200d]+|[\u200c\u200d]+(?=[\x00-\x7f]|$)")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_END = re.compile("\r\n|[\r\u2028\u2029]")
_BREAKS = re.compile(r"[\t\n]+")


def clean_text(text: str) -> str:
    """`text` with its lines kept (`\\n`) and tabs, and nothing hidden or obeyable left."""
    if text.isprintable():
        return text  # the common case, checked in C: no controls, no format characters
    text = _LINE_END.sub("\n", text)
    return _SURROGATE.sub(REPLACEMENT, _JOINER.sub("", _DROP.sub("", text)))


def display_line(text: str) -> str:
    """`text` on one line as typed: cleaned, each run of breaks and tabs one space."""
    if text.isprintable():
        return text
    return _BREAKS.sub(" ", clean_text(text))


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_like(value: object) -> str:
    """A stored value as text, before cleaning: text as it is; a list (where none
    belongs) its entries comma-separated; anything else as TOML writes it (`true`,
    `nan`, `2026-12-01T10:00:00`, `{a = 1}`, `["b", 2]`), never as Python's repr."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(v if isinstance(v, str) else _toml(v) for v in value)
    return _toml(value)


def _toml(value: object) -> str:
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + escaped.replace("\n", "\\n").replace("\t", "\\t") + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = (
            f"{k if _BARE_KEY.fullmatch(str(k)) else _toml(str(k))} = {_toml(v)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(pairs) + "}"
    isoformat = getattr(value, "isoformat", None)  # dates and times (datetime costs an import)
    if callable(isoformat):
        return str(isoformat())
    return str(value)  # numbers: str(nan), str(inf) and str(1.5) are TOML's spellings


def one_line(value: object, limit: int | None = None) -> str:
    """Any value as one short line: cleaned, spacing collapsed, cut at `limit` with `…`.

    None is empty; any other value as `toml_like` shows it.
    """
    if value is None:
        return ""
    text = toml_like(value)
    flat = " ".join(clean_text(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1].rstrip() + "…"
    return flat


def message_line(text: str) -> str:
    """`text` as one printed line: cleaned, each line break shown as `\\n` (a file name
    may hold one), so that one message is never read as two."""
    cleaned = clean_text(text)
    return cleaned.replace("\n", "\\n") if "\n" in cleaned else cleaned


def visible(text: str) -> str:
    """The text as a report shows it: cleaned and stripped ("" when nothing is left)."""
    return clean_text(text).strip()
