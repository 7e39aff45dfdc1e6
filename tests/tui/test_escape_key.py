"""Escape followed by a key in one terminal read is escape, then that key
(audit_tui/tui/textual_patches/escape_key.py), read through Textual's own parser."""

from __future__ import annotations

from typing import Any

import pytest
from textual.drivers import linux_driver

from audit_tui.tui.textual_patches.escape_key import EscapeSplitter, read_escape_then_key


@pytest.fixture
def parser() -> Any:
    """The parser the patched Linux driver makes (the patch is put back afterwards)."""
    original = vars(linux_driver)["XTermParser"]
    read_escape_then_key()
    try:
        yield vars(linux_driver)["XTermParser"]()
    finally:
        vars(linux_driver)["XTermParser"] = original


def keys(parser: Any, *chunks: str) -> list[str]:
    found: list[str] = []
    for chunk in chunks:
        found.extend(e.key for e in parser.feed(chunk) if hasattr(e, "key"))
    return found


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # The outside tester's burst in the risk form: escape, then `a` adds a row.
        ("Prod\x1baMm\tIs", ["P", "r", "o", "d", "escape", "a", "M", "m", "tab", "I", "s"]),
        ("x\x1b\ty", ["x", "escape", "tab", "y"]),  # not shift+tab
        ("\x1b\x0ex", ["escape", "ctrl+n", "x"]),  # escape is not dropped
        ("\x1b\x7f", ["escape", "backspace"]),
        ("\x1b\x1ba", ["escape", "escape", "a"]),
        # Sequences stay what they are.
        ("\x1b[A\x1bOB\x1b[Z", ["up", "down", "shift+tab"]),
        ("\x1b\x1b[A", ["escape", "up"]),
    ],
)
def test_escape_then_a_key_in_one_read(parser: Any, typed: str, expected: list[str]) -> None:
    assert keys(parser, typed) == expected


def test_an_escape_at_the_end_of_one_read_and_a_key_at_the_start_of_the_next(
    parser: Any,
) -> None:
    assert keys(parser, "ab\x1b", "cd") == ["a", "b", "escape", "c", "d"]
    assert keys(parser, "\x1b", "[A") == ["up"]  # a sequence split across reads


def test_a_paste_keeps_its_escapes_as_they_are() -> None:
    splitter = EscapeSplitter()
    pasted = "\x1b[200~a\x1bb c\x1b[201~"
    assert splitter.rewrite(pasted) == pasted
    assert splitter.rewrite("\x1b[200~one\x1b") == "\x1b[200~one\x1b"  # a paste split
    assert splitter.rewrite("x\x1b[201~\x1bq") == "x\x1b[201~\x1b[27uq"
    # The paste's end split across two reads.
    assert splitter.rewrite("\x1b[200~two\x1bz\x1b[20") == "\x1b[200~two\x1bz\x1b[20"
    assert splitter.rewrite("1~\x1bq") == "1~\x1b[27uq"


def test_the_app_installs_it_before_it_runs() -> None:
    from audit_tui.tui import app

    assert "read_escape_then_key" in app.prepare_process.__code__.co_names
