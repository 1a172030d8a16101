"""C `_json` against ferrocpy.ports._json on the cases of bench_json.py, interleaved in one
process: each round times one batch of C and one of the port (about 20 ms each; which side goes
first alternates), forty rounds per case. Prints each side's best batch and the best and median
of the per-round ratios (C time / port time; above 1: the port is faster). A companion to the
pyperf suite for a VM whose speed drifts: both sides of a ratio are measured moments apart.

    python benchmarks/interleaved_json.py [CASE ...]    # only the cases whose name contains CASE
"""
from __future__ import annotations

import sys
from pathlib import Path

from ferrocpy.bench_interleave import HEADER, settings, time_pair

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_json  # noqa: E402

# Rounds per case and the length of one batch (FERROCPY_BENCH_ROUNDS, FERROCPY_BENCH_BATCH).
ROUNDS, BATCH_SECONDS = settings(40, 0.02)


def main() -> None:
    ns: dict = {}
    exec(bench_json.SETUP, ns)
    wanted = sys.argv[1:]
    print(f"Python {sys.version.split()[0]}: C `_json` / ferrocpy.ports._json, {ROUNDS} interleaved rounds\n")
    print(HEADER)
    for case, stmt in bench_json.CASES.items():
        if wanted and not any(w in case for w in wanted):
            continue
        run = {}
        for impl in ("C", "P"):
            exec(f"def run(n):\n    m = {impl}\n    for _ in range(n):\n        {stmt}\n", ns)
            run[impl] = ns["run"]
        print(time_pair(run["C"], run["P"], ROUNDS, BATCH_SECONDS).row(case, "µs"), flush=True)


if __name__ == "__main__":
    main()
