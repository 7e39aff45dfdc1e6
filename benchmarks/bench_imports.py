"""I1-I4: each importer's time per MB at 1 MB and 4 MB, and import-env applying vs --dry-run.

Per-MB figures are medians over the runs, in CPU seconds (`time.process_time`).
Each importer is measured at two sizes, so that the table shows whether time
grows with the file (the 4 MB per-MB time over the 1 MB one: 1.0 is linear, 4x
would be quadratic), and beside a floor timed in turns with it in the same run
(markdown-it-py's block parse, `json.loads`, splitting lines), so that a busy
machine slows both alike.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
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


def env_file(size: int) -> bytes:
    """About `size` bytes of a dotenv file: one name a line, every tenth value on two lines."""
    return _names(size // 23)


def _names(names: int) -> bytes:
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
    # (figure, what, importer, data of a size, floor, how many times the floor at most)
    # The floor is timed in turns with the import in the same run. Where it is work the
    # import cannot do without, the import is held to a ratio of it: markdown-it-py's
    # block parse for hand-written reports, `json.loads` for SARIF. One long line is
    # one block to markdown-it, and splitting lines is no floor for reading names:
    # those two are held to their time per MB and to linearity only.
    cases: list[tuple[str, str, Importer, Maker, Floor, float | None]] = [
        ("I1", "markdown (hand-written reports)", _markdown, hand_written, _markdown_it, 1.0),
        ("I1", "markdown (one long line)", _markdown, long_line, _lines, None),
        ("I2", "SARIF", _sarif, sarif_log, _json, 6.0),
        ("I3", "dotenv (plan)", _env, env_file, _lines, None),
    ]
    for figure_id, what, planner, make, floor, limit in cases:
        measured: list[Samples] = []
        floors: list[Samples] = []
        for size in (MB, 4 * MB):
            data = make(size)
            nbytes = len(data) if isinstance(data, bytes) else len(data.encode())
            name = f"{nbytes / MB:.2f} MB"
            base, samples = interleaved(
                [
                    (floor.__doc__ or "", partial(_cpu, floor, data)),
                    (what, partial(_cpu, planner, template, data)),
                ],
                runs,
            )
            measured.append(per_mb(samples, nbytes, f"{what}, {name}"))
            floors.append(per_mb(base, nbytes, f"{base.name}, {name}"))
        for index, size_name in enumerate(("1 MB", "4 MB")):
            figures.append(
                Figure(
                    figure_id,
                    f"{what} import: per MB at {size_name}",
                    measured[index],
                    floors[index],
                    1.0,
                    absolute=True,
                )
            )
        figures.append(
            Figure(
                figure_id,
                f"{what} import: per MB at 4 MB over per MB at 1 MB (linear: 1.0)",
                measured[1],
                measured[0],
                1.5,
            )
        )
        if limit is not None:
            figures.append(
                Figure(
                    figure_id,
                    f"{what} import, 4 MB, over {floor.__doc__} (same run)",
                    measured[1],
                    floors[1],
                    limit,
                )
            )
    figures.append(_env_apply(max(3, runs // 2)))
    return figures


def _cpu(fn: Callable[..., None], *args: object) -> float:
    """The CPU seconds `fn(*args)` takes: with other jobs on the machine, wall time says
    more about them than about the importer (each runs in one thread)."""
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


Importer = Callable[[Template, str | bytes], None]
Maker = Callable[[int], str | bytes]
Floor = Callable[[str | bytes], None]


def _markdown_it(text: str | bytes) -> None:
    """markdown-it-py's block parse"""
    from markdown_it import MarkdownIt

    assert isinstance(text, str)
    MarkdownIt("commonmark").enable("table").disable("inline").parse(text)


def _json(data: str | bytes) -> None:
    """json.loads"""
    json.loads(data)


def _lines(data: str | bytes) -> None:
    """splitting lines"""
    (data.decode("utf-8") if isinstance(data, bytes) else data).splitlines()


def _markdown(template: Template, text: str | bytes) -> None:
    assert isinstance(text, str)
    plan_markdown_import(template, text, "bench.md")


def _sarif(template: Template, data: str | bytes) -> None:
    assert isinstance(data, bytes)
    plan_sarif_import(template, Draft.new(template), data, "bench.sarif")


def _env(template: Template, data: str | bytes) -> None:
    assert isinstance(data, bytes)
    plan_env_import(template, Draft.new(template), data, "bench.env")


def _env_apply(runs: int) -> Figure:
    """I4: `import-env` of 200,000 names, applied and saved, over the same with --dry-run."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = folder / "big.env"
        env.write_bytes(_names(200_000))
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
