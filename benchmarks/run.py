"""`make bench`: measure every figure beside its floor, print the table of medians."""

from __future__ import annotations

import argparse
import sys

from benchmarks.bench_headless import headless, storage
from benchmarks.harness import Figure, table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median of these)")
    parser.add_argument("--only", help="comma-separated groups: app, headless, storage, imports")
    args = parser.parse_args()
    groups = set((args.only or "app,headless,storage,imports").split(","))
    figures: list[Figure] = []
    if "app" in groups:
        from benchmarks.bench_app import app_figures

        figures += app_figures(args.runs)
    if "headless" in groups:
        figures += headless(args.runs)
    if "storage" in groups:
        figures += storage(args.runs)
    if "imports" in groups:
        from benchmarks.bench_imports import importer_figures

        figures += importer_figures(args.runs)
    print(table(figures))
    missed = [f for f in figures if not f.ok]
    print(
        f"\n{len(figures) - len(missed)} of {len(figures)} targets held "
        f"(medians of {args.runs} runs, python {sys.version.split()[0]})"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
