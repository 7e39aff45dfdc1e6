"""P1-P3, P6, P7: the app's start, keystroke, memory and big-table figures.

Each measurement runs in a fresh process (benchmarks/app_probe.py), so one
figure's imports and caches never help another's.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from benchmarks import drafts
from benchmarks.harness import Figure, Samples, interleaved

PROBE = [sys.executable, "-m", "benchmarks.app_probe"]
KEYS = 20  # keys per process; the process reports their median


def _probe(*args: str) -> float:
    done = subprocess.run([*PROBE, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise RuntimeError(f"probe failed: {' '.join(args)}")
    return float(done.stdout.strip().splitlines()[-1])


def _since_start(*args: str) -> float:
    """From starting the process to the paint time the probe prints."""
    begin = time.time()
    return _probe(*args) - begin


def app_figures(runs: int) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed = drafts.write(folder / "seed.toml", 3)
        big = {rows: drafts.write(folder / f"r{rows}.toml", rows) for rows in (1000, 10000)}
        bare, start = interleaved(
            [
                ("bare Textual app", partial(_since_start, "bare")),
                ("start", partial(_since_start, "start", str(folder / "new.toml"))),
            ],
            runs,
        )
        typed, key_seed, key_1k, key_10k = interleaved(
            [
                ("Input alone", lambda: _probe("input", str(KEYS))),
                ("seed", lambda: _probe("key", str(seed), str(KEYS))),
                ("1,000", lambda: _probe("key", str(big[1000]), str(KEYS))),
                ("10,000", lambda: _probe("key", str(big[10000]), str(KEYS))),
            ],
            runs,
        )
        key_seed.name = "P2"
        opened = Samples("open", [_probe("open-risks", str(big[10000])) for _ in range(runs)])
        memory = Samples(
            "memory", [_probe("memory", str(big[10000])) for _ in range(max(3, runs // 2))], "MiB"
        )
    return [
        Figure("P1", "start to first paint of the first section", start, bare, 1.5),
        Figure("P2", "key to preview painted, seed-sized report", key_seed, typed, 8.0),
        Figure("P3", "key to preview painted, 1,000 risk rows", key_1k, key_seed, 1.5),
        Figure("P3", "key to preview painted, 10,000 risk rows", key_10k, key_seed, 3.0),
        Figure(
            "P6", "peak memory, 10,000 rows open, preview shown", memory, None, 150, absolute=True
        ),
        Figure("P7", "open the risk section, 10,000 rows", opened, None, 1.0, absolute=True),
    ]
