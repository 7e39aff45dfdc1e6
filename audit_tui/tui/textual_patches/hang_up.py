"""A closed terminal is a hang-up: the app saves and ends, it neither hangs nor crashes.

Textual writes to the terminal from a thread fed by a queue of 30 writes. When
the terminal closes, a write fails (EIO), the thread dies, and the next 30
writes fill the queue: the app then blocks for good in `WriterThread.write` or
`stop` (`Queue.put`), still holding the draft's lock and deaf to SIGTERM. Here a
failed write marks the terminal gone; later output is dropped, and the queue
keeps draining, so the app can save and end. A failed read (EIO) in the input
thread sends SIGHUP rather than ending the app with a traceback. The SIGCONT that
comes with a hang-up no longer starts application mode a second time (only the end
of a ctrl+z stop does). `unread_input` tells how many typed bytes the app has not
read yet (a signal waits for them).
Upstream: no issue yet (Textual 8.2). Test: tests/tui/test_terminal.py::
test_leaving_right_after_a_key_saves_it_and_ends_within_two_seconds.
"""

from __future__ import annotations

import os
import signal
import sys

from textual.drivers._writer_thread import WriterThread


class ForgivingWriterThread(WriterThread):
    """A WriterThread that drops its output once the terminal is gone, instead of dying."""

    gone = False
    """True once a write to the terminal failed: nothing more is written."""

    def write(self, text: str) -> None:
        # Once stopped (the app suspended, and never resumed: f4's editor was running
        # when the terminal closed), nothing drains the queue any more.
        if not self.gone and self.is_alive():
            super().write(text)

    def run(self) -> None:
        get = self._queue.get
        while (text := get()) is not None:
            if self.gone:
                continue  # drained, so that no one waits on a full queue
            try:
                self._file.write(text)
                if self._queue.qsize() == 0:
                    self._file.flush()
            except (OSError, ValueError):  # EIO after a hang-up; ValueError: closed file
                self.gone = True
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self.gone = True


def make_output_forgiving() -> None:
    """Have Textual's terminal driver write through ForgivingWriterThread (call before `run`)."""
    if sys.platform == "win32":
        return
    from textual.drivers import linux_driver

    vars(linux_driver)["WriterThread"] = ForgivingWriterThread


def make_input_hang_up() -> None:
    """Have a failed terminal read (EIO: the terminal was closed) send the process SIGHUP.

    The driver's input thread would show a traceback and end the app at once;
    SIGHUP's handler saves what was typed first.
    """
    if sys.platform == "win32":
        return
    from textual.drivers.linux_driver import LinuxDriver

    if getattr(LinuxDriver.run_input_thread, "_hangs_up", False):
        return
    reading = LinuxDriver.run_input_thread

    def run_input_thread(self: LinuxDriver) -> None:
        try:
            reading(self)
        except OSError:
            os.kill(os.getpid(), signal.SIGHUP)

    run_input_thread._hangs_up = True  # type: ignore[attr-defined]
    LinuxDriver.run_input_thread = run_input_thread  # type: ignore[method-assign]


def resume_only_after_a_stop() -> None:
    """Have Textual's driver come back on SIGCONT only if SIGTSTP stopped it.

    A closed terminal sends the app SIGHUP and SIGCONT at once. Textual's driver takes
    any SIGCONT as the end of a ctrl+z stop and starts application mode again, although
    it never stopped: a second input thread and writer thread, and a Resize to the size
    a closed terminal reports (80x24), so the app laid out every screen anew while it
    was saving to leave (~0.5 s of a 1-1.5 s close, measured under load in a pty).
    After a real stop (SIGTSTP), `_must_signal_resume` is set and SIGCONT resumes.
    """
    if sys.platform == "win32":
        return
    from textual.drivers.linux_driver import LinuxDriver

    if getattr(LinuxDriver._sigcont_application, "_after_a_stop", False):
        return
    resuming = LinuxDriver._sigcont_application

    def _sigcont_application(self: LinuxDriver, *args: object) -> None:
        if self._must_signal_resume:
            resuming(self, *args)

    _sigcont_application._after_a_stop = True  # type: ignore[attr-defined]
    LinuxDriver._sigcont_application = _sigcont_application  # type: ignore[method-assign]


def unread_input(fd: int) -> int:
    """How many bytes the terminal has that the app has not read yet (0 if unknown)."""
    if sys.platform == "win32":
        return 0
    import fcntl
    import termios

    try:
        count = fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0")
    except OSError:
        return 0
    return int.from_bytes(count, sys.byteorder, signed=True)
