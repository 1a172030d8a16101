"""Instructions per iteration (valgrind callgrind) of the _bisect/_heapq ports against the C
accelerators, for the cases of ``bench_bisect_heapq.py`` (same data, same driver loops).

Instruction counts do not depend on the machine's load, unlike the pyperf times, so on a shared
machine they are the figures to compare. Each case runs with N and 2N iterations in separate
valgrind processes; the difference over N is one iteration: the call *and* the Python loop that
drives it (identical for both modules), as pyperf's per-iteration time has it. For heapify the
iteration also includes making the fresh copy of the list that is heapified. Data is built once,
natively, and handed to the valgrind runs through a marshal file (building 10**6 sorted random
items under valgrind would take minutes). Counts cannot see cache misses, which dominate at
n = 10**6; the pyperf suite measures those.

    python benchmarks/callgrind_bisect_heapq.py [--jobs 2] [--only REGEX]

Needs valgrind and ferrocpy installed (with its ports) for the running interpreter.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import marshal
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_bisect_heapq as bench  # noqa: E402
import cgcount  # noqa: E402


@dataclass(frozen=True)
class Case:
    name: str
    stmt: str  # the driver call; `b` is the _bisect module, `h` the _heapq one
    n: int
    loops: int


def cases() -> list[Case]:
    out = []
    for kind in ("int", "float"):
        for n in bench.SIZES:
            out.append(Case(f"bisect_right {kind} n={n}",
                            f"bench.bench_bisect(L, b.bisect_right, {n}, {kind!r})", n, 2000))
    out.append(Case("bisect_left key=itemgetter(0) n=1000",
                    "bench.bench_bisect(L, b.bisect_left, 1000, 'pairs', operator.itemgetter(0))",
                    1000, 2000))
    out.append(Case("bisect_right key=lambda n=1000",
                    "bench.bench_bisect(L, b.bisect_right, 1000, 'int', lambda v: v)", 1000, 2000))
    out.append(Case("insort_right int n=1000", "bench.bench_insort(L, b.insort_right, 1000, 'int')",
                    1000, 2000))
    for n in bench.SIZES:
        out.append(Case(f"heappush+heappop int n={n}",
                        f"bench.bench_push_pop(L, h.heappush, h.heappop, {n}, 'int')", n, 2000))
    out.append(Case("heappush+heappop float n=1000",
                    "bench.bench_push_pop(L, h.heappush, h.heappop, 1000, 'float')", 1000, 2000))
    out.append(Case("heappush+heappop (float, int) n=1000",
                    "bench.bench_push_pop(L, h.heappush, h.heappop, 1000, 'tuple')", 1000, 2000))
    for n, loops in ((10, 2000), (1000, 100), (1_000_000, 2)):
        out.append(Case(f"heapify int n={n}", f"bench.bench_heapify(L, h.heapify, {n}, 'int')", n, loops))
    out.append(Case("heapify float n=1000", "bench.bench_heapify(L, h.heapify, 1000, 'float')", 1000, 100))
    return out


def write_data(directory: Path, sizes: set[int]) -> None:
    """Every data set the cases use, built natively with the suite's own generators: one file
    per size, so that a run loads only what its case needs."""
    for n in sizes:
        data = {}
        for kind in ("int", "float", "pairs"):
            data[("s", n, kind)] = bench.sorted_data(n, kind)
        for kind in ("int", "float", "tuple"):
            data[("h", n, kind)] = bench.heap_data(n, kind)
        (directory / f"data-{n}.marshal").write_bytes(marshal.dumps(data))


DRIVER = """
import importlib, marshal, operator, sys
sys.path.insert(0, {here!r})
import bench_bisect_heapq as bench
data = marshal.loads(open({data!r}, 'rb').read())
bench.sorted_data = lambda n, kind: data[('s', n, kind)]
bench.heap_data = lambda n, kind: data[('h', n, kind)]
if {port!r}:
    b, h = bench.load_port('_bisect'), bench.load_port('_heapq')
else:
    b, h = importlib.import_module('_bisect'), importlib.import_module('_heapq')
L = {loops}
{stmt}
"""


def count(case: Case, port: bool, loops: int, data: Path) -> int:
    path = data / f"data-{case.n}.marshal"
    return cgcount.instructions(
        DRIVER.format(here=str(HERE), data=str(path), port=port, loops=loops, stmt=case.stmt)
    )


def per_iteration(case: Case, port: bool, data: Path) -> float:
    return (count(case, port, 2 * case.loops, data) - count(case, port, case.loops, data)) / case.loops


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=1, help="valgrind processes at once")
    ap.add_argument("--only", default="", help="run the cases whose name matches this regular expression")
    args = ap.parse_args()
    todo = [c for c in cases() if re.search(args.only, c.name)]
    print(f"CPython {sys.version.split()[0]} ({sys.executable}): instructions per iteration\n")
    print("| case | C | ferrocpy | ferrocpy / C |")
    print("|---|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory() as d:
        data = Path(d)
        write_data(data, {c.n for c in todo})
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futs = [(c, pool.submit(per_iteration, c, False, data), pool.submit(per_iteration, c, True, data))
                    for c in todo]
            worst = 0.0
            for c, fc, fp in futs:
                vc, vp = fc.result(), fp.result()
                worst = max(worst, vp / vc)
                print(f"| {c.name} | {vc:.0f} | {vp:.0f} | {vp / vc:.3f} |", flush=True)
    print(f"\nWorst ratio: {worst:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
