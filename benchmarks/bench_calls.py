"""Per-call overhead of ferrocpy functions vs C builtins with the same calling convention.

Each pair does the same work through the same flags on the same interpreter, so the difference is
the cost of ferrocpy's entry point (handles, panic containment, result conversion):

- METH_O:      builtins.callable(x)        vs ferrocpy._selftest.callable(x)
- METH_NOARGS: gc.isenabled()              vs ferrocpy._selftest.noargs()  (both return a singleton)
- METH_O int -> int: _stat.S_IMODE(1)      vs call_probe.imode(1)  (clinic-declared, same work)
- METH_O int -> int: math.factorial(1)     vs seed_demo.fibonacci(1)  (issue 16's pair)

The last two pairs need `pip install ./benchmarks/call_probe ./examples/seed_demo`; they are left
out when those modules are missing.

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
    ("METH_O int->int [C _stat.S_IMODE]", "from _stat import S_IMODE as f", "f(1)"),
    ("METH_O int->int [ferrocpy call_probe.imode]", "from call_probe import imode as f", "f(1)"),
    ("METH_O int->int, issue 16 [C math.factorial]", "from math import factorial as f", "f(1)"),
    ("METH_O int->int, issue 16 [ferrocpy seed_demo.fibonacci]", "from seed_demo import fibonacci as f", "f(1)"),
]


def available(setup: str) -> bool:
    try:
        exec(setup, {})
    except ImportError:
        return False
    return True


def main() -> None:
    runner = pyperf.Runner()
    runner.metadata["description"] = __doc__.splitlines()[0]
    for name, setup, stmt in PAIRS:
        if not available(setup):
            continue
        # Ten calls per loop iteration, so the loop's own cost is small next to the calls.
        runner.timeit(name, stmt="; ".join([stmt] * 10), setup=setup, inner_loops=10)


if __name__ == "__main__":
    main()
