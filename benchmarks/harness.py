"""Timing helpers: repeated runs, medians, and the table `make bench` prints."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Samples:
    """Repeated measurements of one thing, in seconds (or MiB for memory)."""

    name: str
    values: list[float] = field(default_factory=list)
    unit: str = "s"

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def spread(self) -> str:
        return f"{self._fmt(min(self.values))}-{self._fmt(max(self.values))}"

    def _fmt(self, value: float) -> str:
        if self.unit == "MiB":
            return f"{value:.0f} MiB"
        return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.1f} s"

    def fmt_median(self) -> str:
        return self._fmt(self.median)


@dataclass
class Figure:
    """One target: a measurement, the floor it is compared with, and the allowed ratio."""

    id: str
    what: str
    measured: Samples
    floor: Samples | None
    limit: float
    absolute: bool = False  # limit is in the measured unit, not a ratio

    @property
    def ratio(self) -> float | None:
        if self.floor is None:
            return None
        return self.measured.median / self.floor.median

    @property
    def ok(self) -> bool:
        if self.absolute:
            return self.measured.median <= self.limit
        assert self.ratio is not None
        return self.ratio <= self.limit

    def row(self) -> str:
        floor = f"{self.floor.fmt_median()} ({self.floor.name})" if self.floor else "-"
        if self.absolute:
            target = f"<= {self.measured._fmt(self.limit)}"
            ratio = "-"
        else:
            target = f"<= {self.limit:g}x"
            ratio = f"{self.ratio:.2f}x"
        mark = "ok" if self.ok else "MISSED"
        return (
            f"| {self.id} | {self.what} | {self.measured.fmt_median()} | {self.measured.spread()} "
            f"| {floor} | {ratio} | {target} | {mark} |"
        )


HEADER = (
    "| # | figure | median | min-max | floor (median) | ratio | target | |\n"
    "|---|---|---|---|---|---|---|---|"
)


def table(figures: Sequence[Figure]) -> str:
    return "\n".join([HEADER, *(f.row() for f in figures)])


def repeat(name: str, fn: Callable[[], float | None], runs: int) -> Samples:
    """Call `fn` `runs` times; it returns its own measurement or None to be timed whole."""
    samples = Samples(name)
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.values.append(time.perf_counter() - start if result is None else result)
    return samples


def interleaved(
    pairs: Sequence[tuple[str, Callable[[], float | None]]], runs: int
) -> list[Samples]:
    """Measure several things in turns, so that machine noise hits them alike.

    Each is run once first, unmeasured: the first run of a process reads its
    files from disk, which the others find in the page cache.
    """
    out = [Samples(name) for name, _ in pairs]
    for _, fn in pairs:
        fn()
    for _ in range(runs):
        for samples, (_, fn) in zip(out, pairs, strict=True):
            start = time.perf_counter()
            result = fn()
            samples.values.append(time.perf_counter() - start if result is None else result)
    return out


def run_process(args: Sequence[str], cwd: Path | None = None) -> None:
    """Run a whole process, failing loudly if it fails."""
    done = subprocess.run(list(args), cwd=cwd, capture_output=True)
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr.decode(errors="replace"))
        raise RuntimeError(f"benchmark command failed: {' '.join(args)}")
