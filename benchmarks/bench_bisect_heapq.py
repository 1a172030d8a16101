"""_bisect and _heapq: the Rust ports against the C accelerators, side by side in one pyperf run
on the same interpreter.

    python benchmarks/bench_bisect_heapq.py -o bh.json [--only SUBSTRING] [pyperf options, e.g. --fast]
    python benchmarks/bench_bisect_heapq.py table bh.json     # markdown table with ratios

Times are the benchmarking thread's CPU time (``time.thread_time``), so that other load on a
shared machine does not count. Both modules are loaded in every worker: the C module as imported normally, the port from
``ferrocpy.ports`` under the same name (not put in ``sys.modules``). Each benchmark exists twice,
``... [C]`` and ``... [ferrocpy]``, with identical driver loops.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import json
import operator
import random
import sys
import time


def load_port(name):
    spec = importlib.util.find_spec(f"ferrocpy.ports.{name}")
    if spec is None:
        raise SystemExit(f"ferrocpy.ports.{name} is not built for {sys.executable}")
    loader = importlib.machinery.ExtensionFileLoader(name, spec.origin)
    spec = importlib.util.spec_from_file_location(name, spec.origin, loader=loader)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


SIZES = [10, 1000, 1_000_000]

# CPU time of this thread rather than wall time: on a shared machine a worker that is descheduled
# mid-measurement would otherwise be charged for another process's work. Both modules are timed
# with the same clock, so ratios stay comparable.
clock = time.thread_time


@functools.lru_cache(maxsize=None)
def sorted_data(n, kind):
    """(sorted list, probe values); built only in the worker that runs a benchmark using it."""
    rnd = random.Random(n)
    if kind == "int":
        data = sorted(rnd.randrange(4 * n) for _ in range(n))
        probes = [rnd.randrange(4 * n) for _ in range(1024)]
    elif kind == "float":
        data = sorted(rnd.random() for _ in range(n))
        probes = [rnd.random() for _ in range(1024)]
    else:  # (int, str) pairs, searched with key=itemgetter(0)
        data, probes = sorted_data(n, "int")
        data = [(v, str(v)) for v in data]
    return data, probes


@functools.lru_cache(maxsize=None)
def heap_data(n, kind):
    """(random list, the same as a heap, probe values)."""
    rnd = random.Random(n)
    if kind == "int":
        raw = [rnd.randrange(4 * n) for _ in range(n)]
        probes = [rnd.randrange(4 * n) for _ in range(1024)]
    elif kind == "float":
        raw = [rnd.random() for _ in range(n)]
        probes = [rnd.random() for _ in range(1024)]
    else:
        raw = [(rnd.random(), i) for i in range(n)]
        probes = [(rnd.random(), -1) for _ in range(1024)]
    import heapq

    heap = list(raw)
    heapq.heapify(heap)
    return raw, heap, probes


def bench_bisect(loops, fn, n, kind, key=None):
    data, probes = sorted_data(n, kind)
    m = len(probes)
    if key is None:
        t0 = clock()
        for i in range(loops):
            fn(data, probes[i % m])
        return clock() - t0
    t0 = clock()
    for i in range(loops):
        fn(data, probes[i % m], key=key)
    return clock() - t0


def bench_insort(loops, insort, n, kind):
    # Insert, then take the last item out again (same cost for both) to keep the size.
    data, probes = sorted_data(n, kind)
    m = len(probes)
    lst = list(data)
    t0 = clock()
    for i in range(loops):
        insort(lst, probes[i % m])
        lst.pop()
    return clock() - t0


def bench_push_pop(loops, heappush, heappop, n, kind):
    _, heap, probes = heap_data(n, kind)
    m = len(probes)
    h = list(heap)
    t0 = clock()
    for i in range(loops):
        heappush(h, probes[i % m])
        heappop(h)
    return clock() - t0


def bench_heapify(loops, heapify, n, kind):
    raw, _, _ = heap_data(n, kind)
    copies = [list(raw) for _ in range(loops)]
    t0 = clock()
    for c in copies:
        heapify(c)
    return clock() - t0


def main():
    import pyperf

    def worker_args(cmd, args):
        if args.only:
            cmd.extend(("--only", args.only))

    runner = pyperf.Runner(add_cmdline_args=worker_args)
    runner.argparser.add_argument("--only", default="", help="run the cases whose name contains this")
    only = runner.parse_args().only
    runner.metadata["description"] = "ferrocpy _bisect/_heapq ports vs the C accelerators"
    c_bisect = importlib.import_module("_bisect")
    c_heapq = importlib.import_module("_heapq")
    impls = [("C", c_bisect, c_heapq), ("ferrocpy", load_port("_bisect"), load_port("_heapq"))]

    def both(name, func, args):
        if only not in name:
            return
        for label, b, h in impls:
            runner.bench_time_func(f"{name} [{label}]", func, *args(b, h))

    for kind in ("int", "float"):
        for n in SIZES:
            both(f"bisect_right {kind} n={n}", bench_bisect, lambda b, h: (b.bisect_right, n, kind))
    both("bisect_left key=itemgetter(0) n=1000", bench_bisect,
         lambda b, h: (b.bisect_left, 1000, "pairs", operator.itemgetter(0)))
    both("bisect_right key=lambda n=1000", bench_bisect, lambda b, h: (b.bisect_right, 1000, "int", lambda v: v))
    both("insort_right int n=1000", bench_insort, lambda b, h: (b.insort_right, 1000, "int"))
    for n in SIZES:
        both(f"heappush+heappop int n={n}", bench_push_pop, lambda b, h: (h.heappush, h.heappop, n, "int"))
    both("heappush+heappop float n=1000", bench_push_pop, lambda b, h: (h.heappush, h.heappop, 1000, "float"))
    both("heappush+heappop (float, int) n=1000", bench_push_pop,
         lambda b, h: (h.heappush, h.heappop, 1000, "tuple"))
    for n in SIZES:
        both(f"heapify int n={n}", bench_heapify, lambda b, h: (h.heapify, n, "int"))
    both("heapify float n=1000", bench_heapify, lambda b, h: (h.heapify, 1000, "float"))


def table(path):
    """Markdown table: mean of each pair and the port's time relative to C."""
    with open(path) as f:
        suite = json.load(f)
    import pyperf

    suite = pyperf.BenchmarkSuite.load(path)
    by_name = {b.get_name(): b for b in suite.get_benchmarks()}
    meta = suite.get_metadata()
    print(f"Interpreter: {meta.get('python_implementation', '')} {meta.get('python_version', '')}; "
          f"CPU: {meta.get('cpu_model_name', '?')}; {meta.get('cpu_count', '?')} CPUs")
    print()
    print("| benchmark | C | ferrocpy | ferrocpy / C |")
    print("|---|---:|---:|---:|")
    worst = 0.0
    for name in by_name:
        if not name.endswith(" [C]"):
            continue
        base = name[: -len(" [C]")]
        c, r = by_name[name], by_name.get(base + " [ferrocpy]")
        if r is None:
            continue
        cm, rm = c.mean(), r.mean()
        ratio = rm / cm
        worst = max(worst, ratio)
        print(f"| {base} | {fmt(cm)} ± {fmt(c.stdev())} | {fmt(rm)} ± {fmt(r.stdev())} | {ratio:.3f} |")
    print()
    print(f"Worst ratio: {worst:.3f}")


def fmt(seconds):
    for unit, scale in (("ns", 1e9), ("us", 1e6), ("ms", 1e3)):
        if seconds * scale < 1000:
            return f"{seconds * scale:.1f} {unit}"
    return f"{seconds:.2f} s"


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "table":
        table(sys.argv[2])
    else:
        main()
