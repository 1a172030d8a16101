"""Instruction counts per call (valgrind callgrind), a load-independent companion to
bench_calls.py: each case runs N and 2N calls in the same loop shape, and the difference divided
by N is the cost of one call including the loop iteration (identical for both sides).

    python benchmarks/callgrind_calls.py            # needs valgrind; prints a Markdown table
"""

from __future__ import annotations

import sys

import cgcount

CASES = [
    ("METH_O callable", "C builtin", "from builtins import callable as f\nx = 1", "f(x)"),
    ("METH_O callable", "ferrocpy", "from ferrocpy._selftest import callable as f\nx = 1", "f(x)"),
    ("METH_NOARGS", "C gc.isenabled", "from gc import isenabled as f", "f()"),
    ("METH_NOARGS", "ferrocpy noargs", "from ferrocpy._selftest import noargs as f", "f()"),
]
N = 200_000


def count(setup: str, stmt: str, n: int) -> int:
    return cgcount.instructions(cgcount.loop(setup, stmt, n))


def main() -> int:
    rows = []
    base: dict[str, float] = {}
    for what, impl, setup, stmt in CASES:
        per_call = (count(setup, stmt, 2 * N) - count(setup, stmt, N)) / N
        base.setdefault(what, per_call)
        rows.append((what, impl, per_call))
    print(f"Instructions per call, CPython {sys.version.split()[0]} ({sys.executable}):\n")
    print("| benchmark | implementation | instructions/call | ratio to first |")
    print("|---|---|---:|---:|")
    for what, impl, v in rows:
        print(f"| {what} | {impl} | {v:.0f} | {v / base[what]:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
