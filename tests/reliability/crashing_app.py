"""`python crashing_app.py WHERE DRAFT`: the real app with a bug planted in a handler,
a timer or a worker, to check that a crash still saves the answers.

- handler: ctrl+n (next section) raises.
- timer: the autosave timer raises when it fires.
- worker: ctrl+n starts a worker that raises.
"""

from __future__ import annotations

import sys

from audit_tui.cli import main
from audit_tui.tui.app import AuditApp
from audit_tui.tui.editor import EditorScreen


class PlantedBug(RuntimeError):
    """The bug this launcher plants."""


def _raise(*args: object) -> None:
    raise PlantedBug("a planted bug")


async def _failing_job() -> None:
    raise PlantedBug("a planted bug in a worker")


def _start_failing_worker(self: EditorScreen) -> None:
    self.run_worker(_failing_job(), name="planted")


def plant(where: str) -> None:
    if where == "handler":
        EditorScreen.action_next_section = _raise  # type: ignore[method-assign]
    elif where == "timer":
        AuditApp._autosave_now = _raise  # type: ignore[method-assign]
    elif where == "worker":
        EditorScreen.action_next_section = _start_failing_worker  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown place {where!r}")


if __name__ == "__main__":
    plant(sys.argv[1])
    raise SystemExit(main(sys.argv[2:]))
