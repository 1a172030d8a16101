"""Instruction counts per operation (valgrind callgrind) for classes declared with the clinic,
against the C classes they mirror (issue 12: a method call on an instance, an attribute get and
instance creation each at most 1.05x C). The ferrocpy side is the test-only module
``ferrocpy._clinic_mirror`` (``pairwise``, ``SimpleQueue``, ``_ZlibDecompressor``), built into
the test environments by ``python3 dev.py test``.

    python benchmarks/callgrind_classes.py        # needs valgrind; prints a Markdown table

Each case runs N and 2N operations in the same loop and divides the difference by N, so the
loop's own cost is counted on both sides alike.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import cgcount

N = 100_000


@dataclass(frozen=True)
class Case:
    what: str
    c_setup: str
    port_setup: str
    stmt: str
    since: tuple[int, int] = (3, 10)


MIRROR = "import ferrocpy._clinic_mirror as m\n"

CASES = [
    Case("create SimpleQueue()", "from _queue import SimpleQueue as K", MIRROR + "K = m.SimpleQueue", "K()"),
    Case("create pairwise(t)", "from itertools import pairwise as K\nt = ()", MIRROR + "K = m.pairwise\nt = ()",
         "K(t)"),
    Case("create _ZlibDecompressor()", "from zlib import _ZlibDecompressor as K",
         MIRROR + "K = m._ZlibDecompressor", "K()", (3, 12)),
    Case("method q.qsize()", "from _queue import SimpleQueue\nq = SimpleQueue()",
         MIRROR + "q = m.SimpleQueue()", "q.qsize()"),
    Case("method q.empty()", "from _queue import SimpleQueue\nq = SimpleQueue()",
         MIRROR + "q = m.SimpleQueue()", "q.empty()"),
    Case("method q.put_nowait(1); q.get_nowait()", "from _queue import SimpleQueue\nq = SimpleQueue()",
         MIRROR + "q = m.SimpleQueue()", "q.put_nowait(1); q.get_nowait()"),
    Case("next(pairwise)", "from itertools import pairwise, repeat\np = pairwise(repeat(None))",
         MIRROR + "from itertools import repeat\np = m.pairwise(repeat(None))", "next(p)"),
    Case("member d.eof", "import zlib\nd = zlib.decompressobj()", MIRROR + "d = m._ZlibDecompressor()", "d.eof"),
    Case("getter d.unused_data", "import zlib\nd = zlib._ZlibDecompressor()",
         MIRROR + "d = m._ZlibDecompressor()", "d.unused_data", (3, 12)),
]


def main() -> int:
    try:
        import ferrocpy._clinic_mirror  # noqa: F401
    except ImportError:
        print("ferrocpy._clinic_mirror is not installed (build with the test modules)", file=sys.stderr)
        return 1
    print(f"Instructions per operation, CPython {sys.version.split()[0]} ({sys.executable}):\n")
    print("| operation | C | ferrocpy | ratio |")
    print("|---|---:|---:|---:|")
    for case in CASES:
        if sys.version_info[:2] < case.since:
            continue
        c = cgcount.per_iteration(case.c_setup, case.stmt, N)
        p = cgcount.per_iteration(case.port_setup, case.stmt, N)
        print(f"| {case.what} | {c:.0f} | {p:.0f} | {p / c:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
