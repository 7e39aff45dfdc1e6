"""Escape sequences in answers never reach the terminal, wherever the real app shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audit_tui.core.model.template import Template
from tests.reliability import figures
from tests.reliability.pty_app import Terminal
from tests.tui.helpers import saved, write_draft

pytestmark = pytest.mark.e2e  # the real app in a pseudo-terminal

# Each payload sits between markers, so the test can tell its bytes from the app's own.
PAYLOADS = {
    "ESC": "\x1b7",
    "CSI": "\x1b[2J",
    "OSC 52": "\x1b]52;c;SGVsbG8=\x07",
    "OSC 0": "\x1b]0;owned\x07",
    "OSC 8": "\x1b]8;;https://evil.example\x1b\\",
    "C1 CSI": "\x9b2J",
    "C1 OSC": "\x9d0;owned\x9c",
    "bidi": "\u202etxt.exe",
    "BEL": "\x07",
}


def marked(name: str) -> str:
    return f"Q{name.replace(' ', '')}<{PAYLOADS[name]}>"


ALL = " ".join(marked(name) for name in PAYLOADS)


def test_no_escape_in_an_answer_reaches_the_terminal(template: Template, isolated: Path) -> None:
    draft = isolated / "audit-report.toml"
    data = {
        "executive_summary": {
            "readiness_status": ALL,  # a one-line input and the preview
            "risk_assessment": ALL.replace(" ", "\n"),  # a text area
            "key_strengths": [marked(name) for name in PAYLOADS],  # list items
        },
        "security": {"rating": marked("CSI")},  # a select holding a value it does not offer
        "risks": [{"priority": "High", "issue": marked(name)} for name in PAYLOADS],  # cells
    }
    write_draft(data, draft)
    app = Terminal.app(draft)
    try:
        app.read_until(b"Overall System Health")
        app.settle(0.5)
        for _ in range(8):  # through every section to the risk table
            app.type("\x0e")
            app.settle(0.3)
        app.read_until(b"Qbidi<")
        app.type("\x11")
        assert app.wait() == 0
    finally:
        app.kill()
    out = bytes(app.output)
    text = out.decode("utf-8", errors="replace")
    for name, payload in PAYLOADS.items():
        mark = f"Q{name.replace(' ', '')}<"
        assert mark in text, f"{name}: the answer is not on the screen"
        assert f"{mark}{payload}" not in text, f"{name} reached the terminal"
        assert f"{mark}{payload[0]}" not in text, f"{name}: its first control reached the terminal"
    for char in ("\x9b", "\x9c", "\x9d", "\u202e"):
        assert char not in text  # the app itself writes no C1 control or bidi override
    assert b"\x1b]52;" not in out and b"\x1b]0;owned" not in out
    # The preview keeps http(s) links as the terminal's hyperlinks (OSC 8): the URL left of
    # the OSC 8 payload once its escapes are gone is one. Every OSC 8 on the wire must be
    # the app's own, well formed, to an http(s) target with no control in it.
    hyperlinks = re.findall(rb"\x1b]8;([^\x1b\x07]*)\x1b\\", out)
    assert len(hyperlinks) == out.count(b"\x1b]8;"), "an OSC 8 that is not well formed"
    for params in hyperlinks:
        if params == b";":
            continue  # the end of a link
        assert re.fullmatch(rb"id=\d+;https?://[\x21-\x7e]+", params), params
    assert saved(template, draft)["executive_summary"]["readiness_status"] == ALL  # kept as typed
    figures.record("terminal_payloads", len(PAYLOADS))
