"""The real `audit-tui` command in a pseudo-terminal: type, leave, and find the answer saved."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from audit_tui.core.files.lock import lock_path
from audit_tui.core.model.template import Template
from tests.reliability.pty_app import Terminal
from tests.tui.helpers import saved, write_draft

pytestmark = pytest.mark.e2e  # the real app in a pseudo-terminal

HOSTILE = "Ready \x1b]52;c;SGVsbG8=\x07 \x1b]0;owned\x07 \x1b[2J done"


@pytest.mark.parametrize("leave", ["ctrl+q", "SIGTERM", "SIGHUP", "close"])
def test_typed_answer_is_saved_however_the_app_ends(
    template: Template, isolated: Path, leave: str
) -> None:
    draft = isolated / "audit-report.toml"
    write_draft({"executive_summary": {"readiness_status": HOSTILE}}, draft)
    app = Terminal.app(draft)
    app.read_until(b"Overall System Health")
    app.settle(0.5)
    app.type("7")
    app.read_until(b"unsaved")
    shown = app.screen()  # before leaving: the master side may be gone after
    if leave == "ctrl+q":
        app.type("\x11")
        expected = {0}
    elif leave == "close":
        app.close()
        expected = {128 + signal.SIGHUP, -signal.SIGHUP}
    else:
        signum = signal.SIGTERM if leave == "SIGTERM" else signal.SIGHUP
        os.kill(app.pid, signum)
        expected = {128 + signum, -signum}
    code = app.wait()
    assert code in expected
    answers = saved(template, draft)["executive_summary"]
    assert answers["overall_health"] == 7
    assert answers["readiness_status"] == HOSTILE  # kept as it was, never sent to the terminal
    assert b"]0;owned" in shown  # the answer is on screen, as text...
    out = bytes(app.output)
    assert b"\x1b]0;owned" not in out  # ...without the escape that would obey it
    assert b"\x1b]52;c;SGVsbG8" not in out


def test_bytes_that_are_not_utf8_do_not_end_the_app(template: Template, isolated: Path) -> None:
    draft = isolated / "audit-report.toml"
    app = Terminal.app(draft)
    app.read_until(b"Overall System Health")
    app.settle(0.5)
    app.type("6")
    os.write(app.fd, b"\xff\xfe\xc3(")  # not UTF-8
    # The app lives on: the bytes arrive as U+FFFD, and the score refuses "6\ufffd\ufffd\ufffd(".
    app.read_until("6\ufffd\ufffd\ufffd(".encode())
    app.read_until(b"not saved: enter a whole number")
    assert os.waitpid(app.pid, os.WNOHANG) == (0, 0)
    app.type("\x11")
    assert app.wait() == 0
    # "6" was only on the way to the refused text: the draft keeps no answer, not a prefix.
    assert saved(template, draft).get("executive_summary", {}) == {}


@pytest.mark.parametrize("delay_ms", [0, 20, 100])
@pytest.mark.parametrize("leave", ["close", "SIGHUP", "SIGTERM", "SIGINT"])
def test_leaving_right_after_a_key_saves_it_and_ends_within_two_seconds(
    template: Template, isolated: Path, leave: str, delay_ms: int
) -> None:
    # The autosave waits 600 s here: only leaving can save the answer.
    draft = isolated / "audit-report.toml"
    app = Terminal.app(draft)
    try:
        app.read_until(b"Overall System Health")
        app.settle(0.5)
        app.type("7\tzqxjv")
        if leave == "close":
            # A closed terminal discards what the app has not read yet (in any program):
            # the delay counts from the moment the app has shown the keys.
            app.read_until(b"zqxjv")
        time.sleep(delay_ms / 1000)
        left = time.monotonic()
        if leave == "close":
            app.close()
        else:
            os.kill(app.pid, getattr(signal, leave))
        app.wait(timeout=10)
        took = time.monotonic() - left
    finally:
        app.kill()
    answers = saved(template, draft)["executive_summary"]
    assert answers == {"overall_health": 7, "key_strengths": ["zqxjv"]}
    assert not lock_path(draft).exists()
    assert took < 2, f"{leave} {delay_ms} ms after a key: the app took {took:.1f} s to end"


ALTERNATE_SCREEN = b"\x1b[?1049h"


def test_sigcont_without_a_stop_does_not_start_the_app_again(
    template: Template, isolated: Path
) -> None:
    """A closed terminal sends SIGCONT with SIGHUP. Textual took any SIGCONT for the end
    of a ctrl+z stop and started application mode a second time: a second input thread,
    and a Resize to 80x24 that laid every screen out anew while the app saved to leave."""
    draft = isolated / "audit-report.toml"
    app = Terminal.app(draft)
    try:
        app.read_until(b"Overall System Health")
        app.settle(0.5)
        assert app.output.count(ALTERNATE_SCREEN) == 1
        os.kill(app.pid, signal.SIGCONT)
        app.type("7")
        app.read_until(b"unsaved")
        app.settle(0.3)
        assert app.output.count(ALTERNATE_SCREEN) == 1, "application mode started again"
        app.type("\x11")
        assert app.wait() == 0
    finally:
        app.kill()
    assert saved(template, draft)["executive_summary"] == {"overall_health": 7}


def test_a_choice_menu_opened_and_paged_in_one_burst_does_not_end_the_app(
    template: Template, isolated: Path
) -> None:
    """Five tabs to the recommendation, enter (the menu opens) and pagedown in one write:
    pagedown came before the menu's layout, and Textual's OptionList raised KeyError."""
    draft = isolated / "audit-report.toml"
    app = Terminal.app(draft)
    try:
        app.read_until(b"Overall System Health")
        app.settle(0.5)
        app.type("\t\t\t\t\t\r\x1b[6~\x1b[6~\x1b[5~\x1b[6~")
        app.settle(1.0)
        assert app.running(), app.screen()[-2000:]
        app.type("\x11")
        assert app.wait() == 0
    finally:
        app.kill()
