"""Instruction counts per call (valgrind callgrind), a load-independent companion to
bench_calls.py: each case runs N and 2N calls in the same loop shape, and the difference divided
by N is the cost of one call including the loop iteration (identical for both sides).

    python benchmarks/callgrind_calls.py            # needs valgrind; prints a Markdown table

The `int -> int` rows (issue 16: the fixed cost of a call) need the clinic-declared modules
installed: `pip install ./benchmarks/call_probe ./examples/seed_demo`; rows whose module is
missing are left out. `call_probe.imode` does exactly `stat.S_IMODE`'s work (one int in, `&
0o7777`, one int out); `seed_demo.fibonacci(1)` against `math.factorial(1)` is the pair the
issue was reported with (both convert one int in and one out; the bodies differ slightly).
"""

from __future__ import annotations

import sys

import cgcount

CASES = [
    ("METH_O callable", "C builtin", "from builtins import callable as f\nx = 1", "f(x)"),
    ("METH_O callable", "ferrocpy", "from ferrocpy._selftest import callable as f\nx = 1", "f(x)"),
    ("METH_NOARGS", "C gc.isenabled", "from gc import isenabled as f", "f()"),
    ("METH_NOARGS", "ferrocpy noargs", "from ferrocpy._selftest import noargs as f", "f()"),
    ("METH_O int -> int", "C _stat.S_IMODE", "from _stat import S_IMODE as f", "f(1)"),
    ("METH_O int -> int", "ferrocpy call_probe.imode (clinic)", "from call_probe import imode as f", "f(1)"),
    ("METH_O int -> int, issue 16", "C math.factorial", "from math import factorial as f", "f(1)"),
    ("METH_O int -> int, issue 16", "ferrocpy seed_demo.fibonacci (clinic)", "from seed_demo import fibonacci as f", "f(1)"),
]


def available(setup: str) -> bool:
    """Whether the case's module is installed (the clinic probes are separate projects)."""
    try:
        exec(setup, {})
    except ImportError:
        return False
    return True


def check_same_work() -> None:
    """`call_probe.imode` must compute what `stat.S_IMODE` computes, or the pair is not honest."""
    try:
        from _stat import S_IMODE
        from call_probe import imode
    except ImportError:
        return
    for v in (0, 1, 0o644, 0o100755, 0o170000, 2**31 - 1, True):
        if imode(v) != S_IMODE(v):
            raise SystemExit(f"call_probe.imode({v!r}) = {imode(v)!r}, S_IMODE gives {S_IMODE(v)!r}")
N = 200_000


def count(setup: str, stmt: str, n: int) -> int:
    return cgcount.instructions(cgcount.loop(setup, stmt, n))


def main() -> int:
    rows = []
    base: dict[str, float] = {}
    check_same_work()
    for what, impl, setup, stmt in CASES:
        if not available(setup):
            print(f"(left out: {impl}, not installed)", file=sys.stderr)
            continue
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
