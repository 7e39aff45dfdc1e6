"""P4 (headless export/check, whole process) and P5 (save/load of a 10,000-row draft)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from functools import partial
from pathlib import Path

import tomli_w

from audit_tui.core.files.storage import parse_draft, save_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import load_template
from benchmarks import drafts
from benchmarks.harness import Figure, Samples, interleaved, run_process

# The floor for P4: what any script must do to turn the draft into markdown.
PLAIN_SCRIPT = """
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    data = tomllib.load(f)
lines = []
for name, table in data.items():
    if isinstance(table, dict):
        lines.extend(f"- **{k}:** {v}" for k, v in table.items())
for row in data.get("risks", []):
    lines.append("| " + " | ".join(str(v) for v in row.values()) + " |")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("\\n".join(lines))
"""


def imports_textual(draft: Path) -> bool:
    """Whether the export path loads textual (it must not)."""
    code = (
        "import sys; from audit_tui.cli import main; "
        f"main(['export', {str(draft)!r}, '-o', '-']); "
        "sys.stderr.write(str('textual' in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return done.stderr.strip().endswith("True")


def headless(runs: int) -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for rows in (10, 1000, 10000):
            draft = drafts.write(folder / f"d{rows}.toml", rows)
            out = folder / f"d{rows}.md"
            module = [sys.executable, "-m", "audit_tui"]
            plain, export, check = interleaved(
                [
                    (
                        "plain script",
                        partial(
                            run_process,
                            # Its own file: export replaces only its own earlier export.
                            [sys.executable, "-c", PLAIN_SCRIPT, str(draft), f"{out}.plain"],
                        ),
                    ),
                    (
                        "export",
                        partial(run_process, [*module, "export", str(draft), "-o", str(out)]),
                    ),
                    ("check", partial(run_process, [*module, "check", str(draft)])),
                ],
                runs,
            )
            figures.append(Figure("P4", f"`export`, {rows} rows", export, plain, 2.0))
            figures.append(Figure("P4", f"`check`, {rows} rows", check, plain, 2.0))
        if imports_textual(folder / "d10.toml"):
            raise SystemExit("P4 broken: the export path imports textual")
    return figures


def storage(runs: int) -> list[Figure]:
    template = load_template()
    data = drafts.filled(10000)
    raw = tomli_w.dumps(data).encode("utf-8")
    draft = Draft(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.toml"
        dumps, save = interleaved(
            [
                ("tomli_w.dumps", lambda: (tomli_w.dumps(data), None)[1]),
                ("save_draft", lambda: (save_draft(path, draft, template), None)[1]),
            ],
            runs,
        )
        loads, load = interleaved(
            [
                ("tomllib.loads", lambda: (tomllib.loads(raw.decode("utf-8")), None)[1]),
                ("read+parse draft", lambda: (parse_draft(path.read_bytes()), None)[1]),
            ],
            runs,
        )
    return [
        Figure("P5", "save a 10,000-row draft", save, dumps, 1.2),
        Figure("P5", "load a 10,000-row draft", load, loads, 1.2),
    ]


__all__ = ["Samples", "headless", "storage"]
