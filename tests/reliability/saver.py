"""Saves a growing draft in a loop until killed: version N holds N numbered strengths.

Run as `python saver.py DRAFT`; prints `ready` once the first version is on disk.
"""

from __future__ import annotations

import sys

from audit_tui.core.files.storage import save_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import load_template

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


def main() -> None:
    template = load_template()
    path = sys.argv[1]
    n = 0
    while True:
        save_draft(path, version(template.id, n), template)
        if n == 0:
            print("ready", flush=True)
        n += 1


if __name__ == "__main__":
    main()
