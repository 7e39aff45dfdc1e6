"""Running `audit-tui` as the user would: its output and exit status.

`audit_tui(...)` runs the command line in this process by default: `main(argv)` in the
given folder, with its own stdin, stdout and stderr, `NO_COLOR=1`, and an exception that
escapes it reported as the interpreter would (a traceback on stderr, exit 1). A Python
start costs more than most commands (~0.15 s of CPU each), and a few hundred tests run
commands. `process=True` runs `python -m audit_tui` in a process of its own, for what
only a process shows: the status the interpreter exits with, `python -m`, what a fresh
start imports; each command family keeps tests of that kind.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from audit_tui.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def audit_tui(
    *args: str | Path,
    cwd: Path | None = None,
    obey_modes: bool = False,
    process: bool = False,
    errors: str = "strict",
) -> Result:
    """Run `audit-tui ARGS` in `cwd`; in this process unless `process` (see the module).

    With `obey_modes` (always in a process of its own), a root user runs it without the
    capabilities that let root ignore file modes, so that a file of mode 000 is
    unreadable as for anyone else. `errors` is how its output's bytes are decoded.
    """
    if not (process or obey_modes):
        return _in_this_process([str(arg) for arg in args], cwd, errors)
    prefix: list[str] = []
    if obey_modes and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: every file is readable and writable")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "audit_tui", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors=errors,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
        stdin=subprocess.DEVNULL,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def _in_this_process(argv: list[str], cwd: Path | None, errors: str) -> Result:
    out, err = io.BytesIO(), io.BytesIO()
    with _streams_and_folder(out, err, cwd):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: usage errors, --help, --version
            code = _exit_status(exc)
        except Exception:  # what the interpreter would print before exiting 1
            traceback.print_exc()
            code = 1
    return Result(code, _as_text(out.getvalue(), errors), _as_text(err.getvalue(), errors))


@contextmanager
def _streams_and_folder(out: io.BytesIO, err: io.BytesIO, cwd: Path | None) -> Iterator[None]:
    # The streams a process gets when its output is piped: UTF-8, strict on stdout and
    # backslashreplace on stderr as CPython sets them, not terminals, stdin empty.
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    saved = (sys.stdin, sys.stdout, sys.stderr, sys.__stdout__)
    saved_colour = os.environ.get("NO_COLOR")
    saved_folder = os.getcwd()
    sys.stdin, sys.stdout, sys.stderr, sys.__stdout__ = stdin, stdout, stderr, stdout
    os.environ["NO_COLOR"] = "1"
    try:
        if cwd is not None:
            os.chdir(cwd)
        yield
    finally:
        os.chdir(saved_folder)
        if saved_colour is None:
            del os.environ["NO_COLOR"]
        else:
            os.environ["NO_COLOR"] = saved_colour
        sys.stdin, sys.stdout, sys.stderr, sys.__stdout__ = saved
        for stream in (stdout, stderr):
            stream.flush()
            stream.detach()  # keep the bytes readable: closing the wrapper would close them


def _exit_status(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def _as_text(data: bytes, errors: str) -> str:
    # Unlike subprocess.run(text=True), which makes every "\r" a "\n", line ends are
    # kept as printed: a "\r" a terminal would obey is there to be seen.
    return data.decode("utf-8", errors)


def assert_one_error(result: Result, *parts: str) -> str:
    """Exit 2 with exactly one `error: ...` line on stderr that names every part; no traceback."""
    assert result.code == 2, result
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("error: ")
    for part in parts:
        assert part in lines[0], (part, lines[0])
    return lines[0]
