"""C `_bisect`/`_heapq` against their ports on the size sweep's cases at small n (0, 1 and 10,
with and without `key`), interleaved in one process: each round times one batch of C and one
batch of the port (about 10 ms each; which side goes first alternates), sixty rounds per case.
Prints each side's best batch and the best and median of the per-round ratios (C time / port
time; above 1: the port is faster). At 20-100 ns a call, the sweep's minimum of a few timings
moves by ±20 % from run to run on a VM; the per-round ratios of batches taken moments apart,
and their median, are the steadier figure.

    python benchmarks/interleaved_bisect_heapq.py [CASE ...]  # only cases whose name contains CASE
    ferrocpy bench bisect_heapq --interleaved [-- CASE ...]
"""
from __future__ import annotations

import sys

from ferrocpy.bench_interleave import HEADER, settings, time_pair
from ferrocpy.bench_sweep import bisect_heapq_cases

ROUNDS, BATCH_SECONDS = settings(60, 0.01)
NS = [0, 1, 10]


def _runner(stmt: str, names: dict):
    """A function running `stmt` n times with `names` as its globals."""
    ns = dict(names)
    exec(f"def run(n):\n    for _ in range(n):\n        {stmt}\n", ns)
    return ns["run"]


def main() -> None:
    wanted = sys.argv[1:]
    print(f"Python {sys.version.split()[0]}: C _bisect/_heapq / ferrocpy ports, {ROUNDS} interleaved "
          f"rounds of ~{BATCH_SECONDS * 1e3:.0f} ms batches\n")
    print(HEADER)
    for case in bisect_heapq_cases(NS):
        name = f"{case.function} {case.size}"
        if wanted and not any(w in name for w in wanted):
            continue
        pair = time_pair(_runner(case.c_stmt or case.stmt, case.c), _runner(case.stmt, case.port),
                         ROUNDS, BATCH_SECONDS)
        print(pair.row(name), flush=True)


if __name__ == "__main__":
    main()
