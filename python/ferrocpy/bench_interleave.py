"""C and a port timed in alternating batches, in one process: the measurement behind the
`benchmarks/interleaved_<suite>.py` runners (``ferrocpy bench SUITE --interleaved``).

On a VM whose speed drifts, a minimum taken over a few separate timings moves by tens of
percent for calls of tens of nanoseconds; the ratio of two batches run moments apart does not
drift with it, so each round gives one ratio and the median of the rounds is reported with the
best batches.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

Runner = Callable[[int], object]  # runs the timed statement n times


@dataclass(frozen=True)
class Pair:
    """Seconds per call of each side's best batch, and the per-round ratios C / port."""

    c_best: float
    port_best: float
    ratios: list[float]

    @property
    def best_ratio(self) -> float:
        return self.c_best / self.port_best

    @property
    def median_ratio(self) -> float:
        return statistics.median(self.ratios)

    def row(self, name: str, unit: str = "ns") -> str:
        """A Markdown table row: case, both bests, the ratio of the bests, the median ratio."""
        scale = {"ns": 1e9, "µs": 1e6}[unit]
        return (f"| {name} | {self.c_best * scale:.1f} {unit} | {self.port_best * scale:.1f} {unit} | "
                f"{self.best_ratio:.2f} | {self.median_ratio:.2f} |")


HEADER = "| case | C best | port best | C / port (best) | C / port (median) |\n|---|---:|---:|---:|---:|"


def settings(rounds: int, batch: float) -> tuple[int, float]:
    """Rounds and batch seconds, overridden by FERROCPY_BENCH_ROUNDS / FERROCPY_BENCH_BATCH."""
    return (int(os.environ.get("FERROCPY_BENCH_ROUNDS", rounds)),
            float(os.environ.get("FERROCPY_BENCH_BATCH", batch)))


def time_pair(c: Runner, port: Runner, rounds: int, batch: float) -> Pair:
    """Times `c` and `port` in `rounds` alternating batches (which side goes first alternates)
    of as many calls as make `c` take about `batch` seconds."""
    n = 1
    while True:
        t = time.perf_counter()
        c(n)
        if time.perf_counter() - t > batch:
            break
        n *= 2
    best = {"C": float("inf"), "P": float("inf")}
    runs = {"C": c, "P": port}
    ratios = []
    for r in range(rounds):
        per = {}
        for side in ("C", "P") if r % 2 == 0 else ("P", "C"):
            t = time.perf_counter()
            runs[side](n)
            per[side] = (time.perf_counter() - t) / n
            best[side] = min(best[side], per[side])
        ratios.append(per["C"] / per["P"])
    return Pair(best["C"], best["P"], ratios)
