"""_bisect and _heapq: the Rust ports against the C accelerators, side by side in one pyperf run
on the same interpreter.

    python benchmarks/bench_bisect_heapq.py -o bh.json [pyperf options, e.g. --fast]
    python benchmarks/bench_bisect_heapq.py table bh.json     # markdown table with ratios

Both modules are loaded in every worker: the C module as imported normally, the port from
``ferrocpy.ports`` under the same name (not put in ``sys.modules``). Each benchmark exists twice,
``... [C]`` and ``... [ferrocpy]``, with identical driver loops.
"""

from __future__ import annotations

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


def sorted_data(n, kind):
    rnd = random.Random(n)
    if kind == "int":
        data = sorted(rnd.randrange(4 * n) for _ in range(n))
        probes = [rnd.randrange(4 * n) for _ in range(1024)]
    else:
        data = sorted(rnd.random() for _ in range(n))
        probes = [rnd.random() for _ in range(1024)]
    return data, probes


def bench_bisect(loops, fn, data, probes):
    n = len(probes)
    t0 = time.perf_counter()
    for i in range(loops):
        fn(data, probes[i % n])
    return time.perf_counter() - t0


def bench_bisect_key(loops, fn, data, probes, key):
    n = len(probes)
    t0 = time.perf_counter()
    for i in range(loops):
        fn(data, probes[i % n], key=key)
    return time.perf_counter() - t0


def bench_insort(loops, insort, data, probes):
    # Insert and take the same value out again (list.remove cost is the same for both).
    n = len(probes)
    lst = list(data)
    t0 = time.perf_counter()
    for i in range(loops):
        insort(lst, probes[i % n])
        lst.pop()
    return time.perf_counter() - t0


def bench_push_pop(loops, heappush, heappop, heap, probes):
    n = len(probes)
    h = list(heap)
    t0 = time.perf_counter()
    for i in range(loops):
        heappush(h, probes[i % n])
        heappop(h)
    return time.perf_counter() - t0


def bench_heapify(loops, heapify, data):
    copies = [list(data) for _ in range(loops)]
    t0 = time.perf_counter()
    for c in copies:
        heapify(c)
    return time.perf_counter() - t0


def main():
    import pyperf

    runner = pyperf.Runner()
    runner.metadata["description"] = "ferrocpy _bisect/_heapq ports vs the C accelerators"
    c_bisect = importlib.import_module("_bisect")
    c_heapq = importlib.import_module("_heapq")
    impls = [("C", c_bisect, c_heapq), ("ferrocpy", load_port("_bisect"), load_port("_heapq"))]

    def both(name, func, *args_by_impl):
        for label, b, h in impls:
            runner.bench_time_func(f"{name} [{label}]", func, *args_by_impl[0](b, h))

    for kind in ("int", "float"):
        for n in SIZES:
            data, probes = sorted_data(n, kind)
            both(f"bisect_right {kind} n={n}", bench_bisect, lambda b, h: (b.bisect_right, data, probes))
            both(f"bisect_left {kind} n={n}", bench_bisect, lambda b, h: (b.bisect_left, data, probes))
    data, probes = sorted_data(1000, "int")
    pairs = [(v, str(v)) for v in data]
    both("bisect_left key=itemgetter(0) n=1000", bench_bisect_key,
         lambda b, h: (b.bisect_left, pairs, probes, operator.itemgetter(0)))
    both("bisect_right key=lambda n=1000", bench_bisect_key,
         lambda b, h: (b.bisect_right, data, probes, lambda v: v))
    both("insort_right int n=1000", bench_insort, lambda b, h: (b.insort_right, data, probes))
    for n in SIZES:
        rnd = random.Random(n)
        heap = [rnd.randrange(4 * n) for _ in range(n)]
        fheap = [rnd.random() for _ in range(n)]
        probes = [rnd.randrange(4 * n) for _ in range(1024)]
        fprobes = [rnd.random() for _ in range(1024)]
        import heapq as _h

        sheap, sfheap = list(heap), list(fheap)
        _h.heapify(sheap)
        _h.heapify(sfheap)
        both(f"heappush+heappop int n={n}", bench_push_pop,
             lambda b, h: (h.heappush, h.heappop, sheap, probes))
        both(f"heappush+heappop float n={n}", bench_push_pop,
             lambda b, h: (h.heappush, h.heappop, sfheap, fprobes))
        both(f"heapify int n={n}", bench_heapify, lambda b, h: (h.heapify, heap))
        both(f"heapify float n={n}", bench_heapify, lambda b, h: (h.heapify, fheap))
    tup = [(random.Random(i).random(), i) for i in range(1000)]
    both("heapify (float, int) tuples n=1000", bench_heapify, lambda b, h: (h.heapify, tup))


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
