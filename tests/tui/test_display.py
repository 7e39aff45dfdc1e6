"""`core.display`: answer text shown without anything a terminal would obey."""

from __future__ import annotations

from audit_tui.core.render.display import REPLACEMENT, display_line, display_text, display_value


def test_terminal_controls_are_dropped() -> None:
    hostile = "a\x1b]52;c;aGk=\x07b\x1b[31mc\x9bd\u202ee\x00f"
    shown = display_text(hostile)
    assert shown == "a]52;c;aGk=b[31mcdef"
    for char in ("\x1b", "\x07", "\x9b", "\u202e", "\x00"):
        assert char not in shown


def test_lone_surrogates_become_replacement_characters() -> None:
    assert display_text("a\ud800b") == f"a{REPLACEMENT}b"
    display_text("a\udfffb").encode("utf-8")  # writable to a terminal


def test_lines_keep_breaks_and_one_line_flattens_them() -> None:
    assert display_text("one\r\ntwo\rthree") == "one\ntwo\nthree"
    assert display_line("one\ntwo\tthree ") == "one two three "


def test_values_of_any_type_show_as_one_line() -> None:
    assert display_value(None) == ""
    assert display_value(True) == "true"
    assert display_value(11) == "11"
    assert display_value(" x\ny ") == "x y"
    assert display_value(["a", 1]) == "['a', 1]"
