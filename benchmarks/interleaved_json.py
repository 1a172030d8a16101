"""C `_json` against ferrocpy.ports._json on the cases of bench_json.py, interleaved in one
process: each round times one batch of C then one batch of the port (about 20 ms each), forty
rounds per case. Prints each side's best batch and the best and median of the per-round ratios
(C time / port time; above 1: the port is faster). A companion to the pyperf suite for a VM
whose speed drifts: both sides of a ratio are measured moments apart.

    python benchmarks/interleaved_json.py [CASE ...]    # only the cases whose name contains CASE
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_json  # noqa: E402

# Rounds per case and the length of one batch (FERROCPY_BENCH_ROUNDS, FERROCPY_BENCH_BATCH).
ROUNDS = int(os.environ.get("FERROCPY_BENCH_ROUNDS", "40"))
BATCH_SECONDS = float(os.environ.get("FERROCPY_BENCH_BATCH", "0.02"))


def main() -> None:
    ns: dict = {}
    exec(bench_json.SETUP, ns)
    wanted = sys.argv[1:]
    print(f"Python {sys.version.split()[0]}: C `_json` / ferrocpy.ports._json, {ROUNDS} interleaved rounds\n")
    print("| case | C best | port best | C / port (best) | C / port (median) |\n|---|---:|---:|---:|---:|")
    for case, stmt in bench_json.CASES.items():
        if wanted and not any(w in case for w in wanted):
            continue
        run = {}
        for impl in ("C", "P"):
            exec(f"def run(n):\n    m = {impl}\n    for _ in range(n):\n        {stmt}\n", ns)
            run[impl] = ns["run"]
        n = 1
        while True:
            t = time.perf_counter()
            run["C"](n)
            if time.perf_counter() - t > BATCH_SECONDS:
                break
            n *= 2
        best = {"C": float("inf"), "P": float("inf")}
        ratios = []
        for _ in range(ROUNDS):
            per = {}
            for impl in ("C", "P"):
                t = time.perf_counter()
                run[impl](n)
                per[impl] = (time.perf_counter() - t) / n
                best[impl] = min(best[impl], per[impl])
            ratios.append(per["C"] / per["P"])
        print(f"| {case} | {best['C'] * 1e6:.1f} µs | {best['P'] * 1e6:.1f} µs | "
              f"{best['C'] / best['P']:.2f} | {statistics.median(ratios):.2f} |", flush=True)


if __name__ == "__main__":
    main()
