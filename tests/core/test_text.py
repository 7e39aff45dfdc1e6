"""`core.render.text`: outside text shown or written without anything a reader would obey."""

from __future__ import annotations

import datetime as dt

import pytest

from audit_tui.core.render.text import (
    REPLACEMENT,
    clean_text,
    display_line,
    one_line,
    toml_like,
    visible,
)


def test_terminal_controls_are_dropped() -> None:
    hostile = "a\x1b]52;c;aGk=\x07b\x1b[31mc\x9bd\u202ee\x00f"
    shown = clean_text(hostile)
    assert shown == "a]52;c;aGk=b[31mcdef"
    for char in ("\x1b", "\x07", "\x9b", "\u202e", "\x00"):
        assert char not in shown


@pytest.mark.parametrize(
    "hidden",
    [
        "\u061c",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u200e",
        "\u200f",
        "\u2060",
        "\u2066",
        "\u2069",
        "\ufeff",
        "\u180e",
        "\U000e0041",
        "\ufff9",
        "\x7f",
        "\x85",
    ],
)
def test_bidi_zero_width_and_tag_characters_are_dropped(hidden: str) -> None:
    assert clean_text(f"a{hidden}b") == "ab"
    assert one_line(f" a{hidden} b ") == "a b"


def test_joiners_stay_inside_emoji_and_scripts_only() -> None:
    assert clean_text("👩\u200d💻 \u0645\u200c\u0627") == "👩\u200d💻 \u0645\u200c\u0627"
    assert clean_text("pass\u200dword \u200d👩 👩\u200c") == "password 👩 👩"


def test_lone_surrogates_become_replacement_characters() -> None:
    assert clean_text("a\ud800b") == f"a{REPLACEMENT}b"
    clean_text("a\udfffb").encode("utf-8")  # writable to a terminal


def test_lines_keep_breaks_and_one_line_flattens_them() -> None:
    assert clean_text("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"
    assert display_line("one\ntwo\tthree ") == "one two three "
    assert display_line("a  b") == "a  b"  # spacing as typed
    assert visible(" \n x \u200b\n ") == "x"


def test_values_of_any_type_show_as_one_line() -> None:
    assert one_line(None) == ""
    assert one_line(True) == "true"
    assert one_line(11) == "11"
    assert one_line(" x\ny ") == "x y"
    assert one_line(["a", 1]) == "a, 1"
    assert one_line("abcdef", limit=4) == "abc…"


def test_values_of_a_wrong_type_show_as_toml_writes_them_not_as_python() -> None:
    assert toml_like({"a": 1}) == "{a = 1}"
    assert toml_like({"a b": ["x", 'say "hi"'], "c": {"d": True}}) == (
        '{"a b" = ["x", "say \\"hi\\""], c = {d = true}}'
    )
    assert toml_like(["a", ["b", 2], {"k": "v"}]) == 'a, ["b", 2], {k = "v"}'
    assert toml_like([]) == "" and toml_like([[]]) == "[]"
    assert [toml_like(x) for x in (float("nan"), float("inf"), -float("inf"), 1.5)] == [
        "nan",
        "inf",
        "-inf",
        "1.5",
    ]
    assert toml_like(dt.datetime(2026, 12, 1, 10, 0)) == "2026-12-01T10:00:00"
    assert toml_like(dt.date(2026, 12, 1)) == "2026-12-01"
    assert toml_like([dt.time(8, 30)]) == "08:30:00"
    assert toml_like("plain") == "plain" and toml_like(False) == "false"
    assert one_line({"a": "x\ny"}) == '{a = "x\\ny"}'
