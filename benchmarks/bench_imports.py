"""I1-I4: each importer's time per MB at several sizes, and import-env applying vs --dry-run.

Per-MB figures are medians over the runs; each importer is measured at a small
and a large size so that the table shows whether time grows with the file (the
large size's per-MB time over the small one's: 1.0 is linear, 2x the size at 2x
the per-MB time would be quadratic).
"""

from __future__ import annotations

import json
import sys
import tempfile
from functools import partial
from pathlib import Path

from audit_tui.core.importing.dotenv import plan_env_import
from audit_tui.core.importing.markdown import plan_markdown_import
from audit_tui.core.importing.sarif import plan_sarif_import
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template
from benchmarks.harness import ROOT, Figure, Samples, interleaved, run_process

MB = 1_000_000
REPORTS = ROOT / "tests" / "data" / "reports"


def hand_written(size: int) -> str:
    """About `size` bytes of hand-written reports: the corpus, over and over."""
    corpus = "\n\n".join(
        path.read_text(encoding="utf-8").replace("\r\n", "\n")
        for path in sorted(REPORTS.glob("*.md"))
        if path.name != "README.md"
    )
    copies = size // len(corpus.encode()) + 1
    return "\n\n".join([corpus] * copies)[:size]


def long_line(size: int) -> str:
    """One answer on one line of `size` bytes, with escapes and markup in it."""
    words = (
        "a word, *emphasis*, `code`, a \\| pipe and [a link](https://example.com) "
        * (size // 60 + 1)
    )[:size]
    return f"## 1. Executive Summary\n\n- **High-Level Risk Assessment:** {words}\n"


def sarif_log(size: int) -> bytes:
    """A SARIF log of about `size` bytes: many results with placeholders and locations."""
    result = {
        "ruleId": "R1",
        "level": "warning",
        "message": {"text": "Call of {0} with {1} in {0}", "arguments": ["eval", "user input"]},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "src/app.py"},
                    "region": {"startLine": 1},
                }
            }
        ],
    }
    one = len(json.dumps(result))
    results = []
    for index in range(size // one + 1):
        each = json.loads(json.dumps(result))
        each["locations"][0]["physicalLocation"]["region"]["startLine"] = index + 1
        results.append(each)
    run = {"tool": {"driver": {"name": "Bench"}}, "results": results}
    return json.dumps({"version": "2.1.0", "runs": [run]}).encode()


def env_file(names: int) -> bytes:
    lines = []
    for index in range(names):
        value = '"multi\nline"' if index % 10 == 0 else f"value-{index}"
        lines.append(f"NAME_{index}={value}")
    return ("\n".join(lines) + "\n").encode()


def per_mb(samples: Samples, size: int, name: str) -> Samples:
    return Samples(name, [value * MB / size for value in samples.values])


def importer_figures(runs: int) -> list[Figure]:
    template = load_template()
    figures: list[Figure] = []
    cases = [
        ("I1", "markdown import (hand-written reports)", _markdown, hand_written),
        ("I1", "markdown import (one long line)", _markdown, long_line),
        ("I2", "SARIF import", _sarif, sarif_log),
        ("I3", "dotenv import (plan)", _env, None),
    ]
    for figure_id, what, planner, make in cases:
        small, large = (MB // 4, MB * 2)
        measured = []
        for size in (small, large):
            if make is None:
                data: object = env_file(size // 23)
            else:
                data = make(size)
            nbytes = len(data) if isinstance(data, bytes) else len(str(data).encode())
            (samples,) = interleaved([(what, partial(planner, template, data))], runs)
            measured.append(per_mb(samples, nbytes, f"{what}, {nbytes / MB:.2f} MB"))
        figures.append(
            Figure(figure_id, f"{what}: per MB at 2 MB", measured[1], None, 1.0, absolute=True)
        )
        figures.append(
            Figure(
                figure_id,
                f"{what}: per MB at 2 MB over per MB at 0.25 MB (linear: 1.0)",
                measured[1],
                measured[0],
                1.5,
            )
        )
    figures.append(_over_parse(template, runs))
    figures.append(_env_apply(max(3, runs // 2)))
    return figures


def _over_parse(template: Template, runs: int) -> Figure:
    """I1: the markdown import over markdown-it's block parse alone (any importer's floor)."""
    from audit_tui.core.importing.blocks import parse

    text = hand_written(MB)
    floor, measured = interleaved(
        [
            ("markdown-it block parse", lambda: (parse(text), None)[1]),
            ("markdown import", partial(_markdown, template, text)),
        ],
        runs,
    )
    return Figure("I1", "markdown import (1 MB) over parsing it alone", measured, floor, 2.5)


def _markdown(template: Template, text: object) -> None:
    assert isinstance(text, str)
    plan_markdown_import(template, text, "bench.md")


def _sarif(template: Template, data: object) -> None:
    assert isinstance(data, bytes)
    plan_sarif_import(template, Draft.new(template), data, "bench.sarif")


def _env(template: Template, data: object) -> None:
    assert isinstance(data, bytes)
    plan_env_import(template, Draft.new(template), data, "bench.env")


def _env_apply(runs: int) -> Figure:
    """I4: `import-env` of 200,000 names, applied and saved, over the same with --dry-run."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = folder / "big.env"
        env.write_bytes(env_file(200_000))
        draft = folder / "d.toml"
        command = [sys.executable, "-m", "audit_tui", "import-env", str(env)]

        def apply() -> None:
            draft.unlink(missing_ok=True)  # each run makes a new draft, as the dry run plans
            run_process([*command, str(draft)])

        dry, applied = interleaved(
            [
                (
                    "--dry-run",
                    partial(run_process, [*command, str(folder / "no.toml"), "--dry-run"]),
                ),
                ("import-env, 200,000 names", apply),
            ],
            runs,
        )
    return Figure("I4", "`import-env` 200,000 names over its --dry-run", applied, dry, 2.0)


__all__ = ["importer_figures"]
