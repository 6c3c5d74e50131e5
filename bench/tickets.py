"""Ticket logs at scale (FICTIONAL tickets from `cxdash.tickets.synth`, labelled so in every
line printed): import throughput, and the six metrics by channel x month over the stored
Parquet, at 1 M, 10 M and 100 M tickets (--quick: 1 M and 10 M), each step in its own process
so its peak RSS is its own, under the memory limit set (CX_TICKETS_MEMORY, default 2GB).

    python bench/tickets.py [--quick] [--spark]

Targets (issue 21): six metrics by channel x month <= 1 s at 10 M and <= 10 s at 100 M on
this 2-core machine; peak RSS under the limit set."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {10_000_000: 1.0, 100_000_000: 10.0}
RUNS = 5


def _child(args: list[str]) -> dict:
    """Run this script's worker in a fresh process; its JSON answer and peak RSS (MB)."""
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _said(answer: dict) -> None:
    """The worker's answer, with its own peak RSS (MB), as the last line of its output."""
    answer["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(answer))


def _worker(argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    from cxdash.tickets import engines, importer, mapping, metrics, synth

    step, n, work = argv[0], int(argv[1]), Path(argv[2])
    if step == "synth":
        start = time.perf_counter()
        synth.write(n, 1, work / "export.parquet")
        _said({"seconds": time.perf_counter() - start})
    elif step == "import":
        start = time.perf_counter()
        meta = importer.import_file(
            work / "export.parquet", mapping.read(work / "export.mapping.toml"), base=work / "store"
        )
        (work / "export.parquet").unlink()
        _said({"seconds": time.perf_counter() - start, "id": meta["id"]})
    else:  # the metric query: RUNS times in one process, as a server would
        folder = work / "store" / argv[3]
        engine = "spark" if step == "spark" else "duckdb"
        runs = []
        for _ in range(RUNS if engine == "duckdb" else 2):
            start = time.perf_counter()
            cube = engines.cube(folder, metrics.Choices().params(), engine)
            runs.append(time.perf_counter() - start)
        assert int(cube["tickets"].sum()) == n
        _said({"runs": runs, "cells": len(cube)})


def _mb(answer: dict) -> str:
    return f"{answer['peak_mb']:,.0f} MB"


def bench(n: int, spark: bool, keep: Path | None) -> None:
    """One size: synth, import, query (and Spark). With `keep`, the imported log stays in
    keep/<n>/ and a later run only queries it (the import's figures are then not printed)."""
    with tempfile.TemporaryDirectory(prefix="cx-bench-tickets-") as scratch:
        tmp = str(keep / str(n)) if keep else scratch
        Path(tmp).mkdir(parents=True, exist_ok=True)
        done = Path(tmp) / "imported.json"
        if done.is_file():
            imported = json.loads(done.read_text())
            print(f"FICTIONAL {n:>11,} tickets  (imported earlier: {imported['line']})")
        else:
            made = _child(["synth", str(n), tmp])
            imported = _child(["import", str(n), tmp])
            rate = n / imported["seconds"]
            imported["line"] = (
                f"synth {made['seconds']:.1f} s, import {imported['seconds']:.1f} s "
                f"({rate:,.0f} tickets/s, peak {_mb(imported)})"
            )
            print(f"FICTIONAL {n:>11,} tickets  {imported['line']}")
            if keep:
                done.write_text(json.dumps(imported))
        query = _child(["duckdb", str(n), tmp, imported["id"]])
        runs = query["runs"]
        target = TARGETS.get(n)
        verdict = "" if target is None else (
            f"  target <= {target:g} s: {'met' if min(runs) <= target else 'NOT met'}"
        )  # fmt: skip
        print(f"{'':>22}six metrics x {query['cells']} channel-months: best {min(runs):.2f} s, "
              f"median {statistics.median(runs):.2f} s, worst {max(runs):.2f} s "
              f"(peak {_mb(query)}){verdict}")  # fmt: skip
        if spark:
            s = _child(["spark", str(n), tmp, imported["id"]])
            print(f"{'':>22}Spark local[2]: {', '.join(f'{r:.1f}' for r in s['runs'])} s "
                  "(the first includes starting the JVM)")  # fmt: skip


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        _worker(sys.argv[2:])
        return
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help="1 M and 10 M only")
    p.add_argument("--spark", action="store_true", help="also Spark in local mode")
    p.add_argument("--keep", type=Path, help="keep the imported logs here and reuse them")
    p.add_argument("--sizes", help="comma-separated ticket counts (default 1M, 10M, 100M)")
    args = p.parse_args()
    limit = os.environ.get("CX_TICKETS_MEMORY", "2GB")
    print(f"Ticket logs (FICTIONAL), memory limit {limit}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f} at the start")  # fmt: skip
    sizes = (1_000_000, 10_000_000) + (() if args.quick else (100_000_000,))
    if args.sizes:
        sizes = tuple(int(float(x)) for x in args.sizes.split(","))
    for n in sizes:
        bench(n, args.spark, args.keep)
    print(f"load {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
