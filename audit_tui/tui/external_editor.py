"""Editing a paragraph in the auditor's own editor ($VISUAL, else $EDITOR, else vi).

The text goes to a private temporary file (0600, created exclusively), the editor
runs on it while the app is suspended, and the file's text comes back. An editor
that cannot start, fails, or leaves text that is not UTF-8 changes nothing: the
reason comes back instead.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass


@dataclass(frozen=True)
class Edited:
    """The editor's outcome: the new `text`, or why there is none (`problem`)."""

    text: str | None = None
    problem: str | None = None


def editor_command() -> list[str]:
    """The editor to run: $VISUAL, else $EDITOR, else vi (split as a shell would split it)."""
    chosen = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip()
    try:
        return shlex.split(chosen) or ["vi"]
    except ValueError:
        return [chosen]


def edit_text(text: str, *, suffix: str = ".md") -> Edited:
    """Let the auditor's editor change `text`; the terminal must be free (app suspended)."""
    command = editor_command()
    fd, path = tempfile.mkstemp(prefix="audit-tui-", suffix=suffix)  # 0600, O_EXCL
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") or not text else text + "\n")
        try:
            finished = subprocess.run([*command, path], check=False)
        except OSError as exc:
            return Edited(problem=f"{command[0]}: cannot be started: {exc.strerror or exc}")
        if finished.returncode != 0:
            return Edited(
                problem=f"{command[0]} ended with status {finished.returncode}; "
                "the answer is unchanged"
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
        with contextlib.suppress(OSError):
            os.unlink(path)
