"""Saves a growing draft in a loop until killed: version N holds N numbered strengths.

Run as `python saver.py`: for each draft path it reads on stdin, it forks a saver (a
process that has imported the project and loaded the template already, so that it
starts in milliseconds) which prints `ready PID` once the first version is on disk and
saves until killed; `gone` follows once that saver has died. EOF on stdin ends it.
"""

from __future__ import annotations

import os
import sys

from audit_tui.core.files.storage import save_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template

# Each entry is long enough that a save writes ~1 MB, so a kill often lands mid-write.
ENTRY = "x" * 2000


def version(template_id: str, n: int) -> Draft:
    """The draft the saver writes as version `n`."""
    return Draft(
        {
            "meta": {"format": 1, "template": template_id},
            "executive_summary": {
                "key_strengths": [f"{i} {ENTRY}" for i in range(n % 500 + 1)],
                "readiness_status": f"version {n}",
            },
        }
    )


def save_until_killed(path: str, template: Template) -> None:
    n = 0
    while True:
        save_draft(path, version(template.id, n), template)
        if n == 0:
            print(f"ready {os.getpid()}", flush=True)
        n += 1


def main() -> None:
    template = load_template()
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                save_until_killed(line.rstrip("\n"), template)
            finally:
                os._exit(1)  # never back into the loop that forks
        os.waitpid(pid, 0)
        print("gone", flush=True)


if __name__ == "__main__":
    main()
