"""Editing a paragraph in the auditor's own editor ($VISUAL, else $EDITOR, else vi).

The text goes to a private temporary file (0600, in a 0700 folder of its own),
the editor runs on it while the app is suspended, and the file's text comes
back. An editor that cannot start, fails, or leaves text that is not UTF-8
changes nothing: the reason comes back instead.

The editor runs as the terminal's foreground job, in a process group of its own,
so that ctrl+c and ctrl+z typed in it are its own. When the app is told to end
while the editor runs (the terminal closed: SIGHUP; SIGTERM; SIGINT), the signal
is passed on to the editor's group and, if the editor is still there after
`GRACE` seconds, the group is killed: the editor's unsaved text is the editor's
to keep or lose, and the answer stays as it was when f4 was pressed. Whatever
ends it, the folder and everything the editor left in it (swap and backup
files) are removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

LEAVING_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
"""The signals that end the app; while the editor runs they go to the editor too."""
GRACE = 0.5
"""Seconds an editor has to end after a signal was passed on, before it is killed."""
POLL = 0.1
"""Seconds between looks at the editor while waiting for it (see `_wait`)."""


@dataclass(frozen=True)
class Edited:
    """The editor's outcome: the new `text`, or why there is none (`problem`).

    `signum`: the app was told to end while the editor ran (the editor was ended).
    """

    text: str | None = None
    problem: str | None = None
    signum: int | None = None


@runtime_checkable
class EditorHost(Protocol):
    """An app that saves before stepping aside for the editor, and leaves on a signal."""

    def edit_externally(self, text: str, name: str) -> Edited: ...


def editor_command() -> list[str]:
    """The editor to run: $VISUAL, else $EDITOR, else vi (split as a shell would split it)."""
    chosen = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip()
    try:
        return shlex.split(chosen) or ["vi"]
    except ValueError:
        return [chosen]


def file_name(field_id: str) -> str:
    """The temporary file's name for a field: its id, as the editor's title shows it."""
    return (re.sub(r"[^A-Za-z0-9_-]+", "-", field_id).strip("-") or "answer") + ".md"


def edit_text(
    text: str, *, name: str = "answer.md", on_signal: Callable[[int], None] | None = None
) -> Edited:
    """Let the auditor's editor change `text`; the terminal must be free (app suspended).

    `on_signal(signum)` is called (from the signal handler) as soon as a leaving
    signal arrives while the editor runs; the editor is then ended (see the module).
    """
    command = editor_command()
    folder = tempfile.mkdtemp(prefix="audit-tui-")  # 0700, private
    path = os.path.join(folder, name)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") or not text else text + "\n")
        try:
            returncode, signum = run_in_foreground([*command, path], on_signal)
        except OSError as exc:
            return Edited(problem=f"{command[0]}: cannot be started: {exc.strerror or exc}")
        if signum is not None:
            return Edited(problem="the app was told to end while the editor ran", signum=signum)
        if returncode != 0:
            return Edited(
                problem=f"{command[0]} ended with status {returncode}; the answer is unchanged"
            )
        try:
            with open(path, encoding="utf-8") as handle:
                result = handle.read()
        except UnicodeDecodeError:
            return Edited(problem="the edited text is not UTF-8; the answer is unchanged")
        except OSError as exc:
            return Edited(problem=f"the edited file cannot be read: {exc.strerror or exc}")
        # Editors end the last line with a newline; the answer did not have one.
        return Edited(text=result[:-1] if result.endswith("\n") else result)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_in_foreground(
    argv: list[str], on_signal: Callable[[int], None] | None = None
) -> tuple[int, int | None]:
    """Run `argv` as the terminal's foreground job; (its exit status, the signal that ended it).

    The signal is one of LEAVING_SIGNALS that reached this process meanwhile, or None.
    """
    terminal = _our_terminal()
    caught: list[int] = []
    process: subprocess.Popen[bytes] | None = None

    def end_it(signum: int) -> None:
        if process is not None:
            _signal_job(process.pid, signum, grouped=terminal is not None)

    killer = threading.Timer(GRACE, end_it, (signal.SIGKILL,))
    killer.daemon = True

    def passed_on(signum: int, frame: object) -> None:
        if not caught:
            caught.append(signum)
            killer.start()
            if on_signal is not None:
                on_signal(signum)
        end_it(signum)

    previous = _handle_signals(passed_on)
    try:
        # Its own group only when it can have the terminal: a group in the
        # background would be stopped as soon as it touched the terminal.
        process = subprocess.Popen(argv, process_group=0 if terminal is not None else None)
        if caught:  # arrived while it was starting
            end_it(caught[0])
        with _in_foreground(terminal, process.pid, caught):
            returncode = _wait(process, terminal)
    finally:
        killer.cancel()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return returncode, caught[0] if caught else None


def terminal_gone() -> bool:
    """Whether the app's terminal was closed (hung up) or is none: its modes cannot be read."""
    stream = sys.__stdin__
    if stream is None or sys.platform == "win32":
        return False
    import termios

    try:
        termios.tcgetattr(stream.fileno())
    except (termios.error, OSError, ValueError):
        return True
    return False


def _our_terminal() -> int | None:
    """The terminal's descriptor, if this process is its foreground job (else None)."""
    stream = sys.__stdin__
    if stream is None or sys.platform == "win32":
        return None
    try:
        fd = stream.fileno()
        if os.isatty(fd) and os.tcgetpgrp(fd) == os.getpgrp():
            return fd
    except (OSError, ValueError):
        pass
    return None


def _handle_signals(handler: Callable[[int, Any], None]) -> dict[signal.Signals, Any]:
    """Have `handler` take LEAVING_SIGNALS; returns the handlers it replaced.

    Only the main thread can; elsewhere nothing changes. The app's own handlers
    (asyncio's) still hear of the signal once the editor is done: the signal's
    number reaches the event loop through its wake-up descriptor either way.
    """
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {signum: signal.signal(signum, handler) for signum in LEAVING_SIGNALS}


def _signal_job(pid: int, signum: int, *, grouped: bool) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if grouped:
            os.killpg(pid, signum)
        else:
            os.kill(pid, signum)


def _give_terminal(terminal: int, group: int) -> bool:
    """Make `group` the terminal's foreground job; False if the terminal refused."""
    ignored = signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # asking from the background
    try:
        os.tcsetpgrp(terminal, group)
    except OSError:
        return False
    finally:
        signal.signal(signal.SIGTTOU, ignored)
    return True


@contextlib.contextmanager
def _in_foreground(terminal: int | None, pid: int, caught: list[int]) -> Iterator[None]:
    """Hand the terminal to the job `pid` and take it back after, as a shell does."""
    if terminal is None:
        yield
        return
    import termios

    try:
        modes: list[Any] | None = termios.tcgetattr(terminal)
    except termios.error:
        modes = None
    _give_terminal(terminal, pid)
    try:
        yield
    finally:
        _give_terminal(terminal, os.getpgrp())
        with contextlib.suppress(OSError, termios.error):
            if modes is not None:  # an editor killed (or crashed) leaves its modes behind
                termios.tcsetattr(terminal, termios.TCSANOW, modes)
            if caught:  # keys typed into an editor that was ended were the editor's
                termios.tcflush(terminal, termios.TCIFLUSH)


def _wait(process: subprocess.Popen[bytes], terminal: int | None) -> int:
    """Wait for `process` to end; a stop (ctrl+z, or touching the terminal early) resumes it.

    The wait wakes up every POLL seconds: a signal the kernel gave to another
    thread runs its Python handler only once the main thread runs again.
    """
    with _exit_descriptor(process.pid) as exited:
        while True:
            try:
                pid, status = os.waitpid(process.pid, os.WUNTRACED | os.WNOHANG)
            except ChildProcessError:
                return process.wait()
            if pid == 0:
                if exited is None:
                    time.sleep(POLL)
                else:
                    select.select([exited], [], [], POLL)
                continue
            if not os.WIFSTOPPED(status):
                process.returncode = os.waitstatus_to_exitcode(status)
                return process.returncode
            grouped = terminal is not None
            if terminal is not None and not _give_terminal(terminal, process.pid):
                _signal_job(process.pid, signal.SIGKILL, grouped=grouped)  # would stop again
            _signal_job(process.pid, signal.SIGCONT, grouped=grouped)


@contextlib.contextmanager
def _exit_descriptor(pid: int) -> Iterator[int | None]:
    """A descriptor that becomes readable when `pid` ends (Linux), else None."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        yield None
        return
    try:
        yield fd
    finally:
        os.close(fd)
