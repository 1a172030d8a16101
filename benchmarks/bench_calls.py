"""Per-call overhead of ferrocpy functions vs C builtins with the same calling convention.

Each pair does the same work through the same flags on the same interpreter, so the difference is
the cost of ferrocpy's entry point (handles, panic containment, result conversion):

- METH_O:      builtins.callable(x)        vs ferrocpy._selftest.callable(x)
- METH_NOARGS: gc.isenabled()              vs ferrocpy._selftest.noargs()  (both return a singleton)

Usage (pyperf options apply):  python benchmarks/bench_calls.py -o calls.json
then:                          python benchmarks/report.py calls.json
"""

from __future__ import annotations

import pyperf

PAIRS = [
    # (name, setup, statement)
    ("METH_O callable [C builtin]", "from builtins import callable as f; x = 1", "f(x)"),
    ("METH_O callable [ferrocpy]", "from ferrocpy._selftest import callable as f; x = 1", "f(x)"),
    ("METH_NOARGS [C gc.isenabled]", "from gc import isenabled as f", "f()"),
    ("METH_NOARGS [ferrocpy noargs]", "from ferrocpy._selftest import noargs as f", "f()"),
]


def main() -> None:
    runner = pyperf.Runner()
    runner.metadata["description"] = __doc__.splitlines()[0]
    for name, setup, stmt in PAIRS:
        # Ten calls per loop iteration, so the loop's own cost is small next to the calls.
        runner.timeit(name, stmt="; ".join([stmt] * 10), setup=setup, inner_loops=10)


if __name__ == "__main__":
    main()
