"""binascii: ferrocpy's Rust port vs the C module of the same interpreter (and pybase64 for base64).

Side by side in one pyperf run, on the same interpreter and the same data (random bytes, seed 0):

- b2a_base64, a2b_base64 (input: C's b2a_base64 output, one line ending in a newline),
  crc32, hexlify, unhexlify, at 64 B, 1 KiB, 64 KiB and 1 MiB of binary data;
- pybase64 (C with SIMD, from PyPI; install it in the benchmark environment only):
  ``pybase64.b64encode(data)`` (no trailing newline) and ``pybase64.b64decode(text)`` (the same
  text without its newline, default non-validating mode).

Names are ``<function> <size> [<impl>]`` with the C module first, which benchmarks/report.py takes
as the baseline of each row.

Usage (pyperf options apply; ``--fast`` for a quick look):
    python benchmarks/bench_binascii.py -o binascii.json
    python benchmarks/bench_binascii.py --table binascii.json   # speed-ups, for docs/BENCHMARKS.md
    python benchmarks/report.py binascii.json                   # the generic time-ratio table
If ferrocpy is not installed but found through PYTHONPATH, add ``--inherit-environ PYTHONPATH``.
"""

from __future__ import annotations

import pyperf

SIZES = [("64 B", 64), ("1 KiB", 1024), ("64 KiB", 64 * 1024), ("1 MiB", 1024 * 1024)]

SETUP = """
import random, binascii as C
import ferrocpy.ports.binascii as P
raw = random.Random(0).randbytes({n})
b64 = C.b2a_base64(raw)
b64_bare = b64[:-1]
hexed = C.hexlify(raw)
"""

# function -> [(impl, import line, statement)]
CASES = {
    "b2a_base64": [
        ("C", "f = C.b2a_base64", "f(raw)"),
        ("ferrocpy", "f = P.b2a_base64", "f(raw)"),
        ("pybase64", "from pybase64 import b64encode as f", "f(raw)"),
    ],
    "a2b_base64": [
        ("C", "f = C.a2b_base64", "f(b64)"),
        ("ferrocpy", "f = P.a2b_base64", "f(b64)"),
        ("pybase64", "from pybase64 import b64decode as f", "f(b64_bare)"),
    ],
    "crc32": [
        ("C", "f = C.crc32", "f(raw)"),
        ("ferrocpy", "f = P.crc32", "f(raw)"),
    ],
    "hexlify": [
        ("C", "f = C.hexlify", "f(raw)"),
        ("ferrocpy", "f = P.hexlify", "f(raw)"),
    ],
    "unhexlify": [
        ("C", "f = C.unhexlify", "f(hexed)"),
        ("ferrocpy", "f = P.unhexlify", "f(hexed)"),
    ],
}


def has_pybase64() -> bool:
    try:
        import pybase64  # noqa: F401
    except ImportError:
        return False
    return True


def speedup_table(path: str) -> str:
    """Markdown: one row per function and size, mean times, and speed-ups (time of the other /
    time of the port: above 1 means the port is faster)."""
    import re
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from report import cpu_flags, cpu_model, fmt_time

    suite = pyperf.BenchmarkSuite.load(path)
    means: dict[tuple[str, str], dict[str, float]] = {}
    meta = {}
    for bench in suite.get_benchmarks():
        meta = meta or bench.get_metadata()
        m = re.match(r"^(\S+) (.+?) \[(.+)\]$", bench.get_name())
        if m:
            means.setdefault((m[1], m[2]), {})[m[3]] = bench.mean()
    out = [
        f"Machine: {cpu_model()} ({cpu_flags() or 'no AVX2/AVX-512'}); {meta.get('cpu_count', '?')} CPUs. "
        f"Interpreter: CPython {meta.get('python_version', '?')}.",
        "",
        "| function | size | C | ferrocpy | pybase64 | ferrocpy vs C | ferrocpy vs pybase64 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for (func, size), t in means.items():
        c, p, pb = t.get("C"), t.get("ferrocpy"), t.get("pybase64")
        cell = lambda v: fmt_time(v) if v else "-"  # noqa: E731
        ratio = lambda a, b: f"{a / b:.2f}x" if a and b else "-"  # noqa: E731
        out.append(f"| {func} | {size} | {cell(c)} | {cell(p)} | {cell(pb)} | {ratio(c, p)} | {ratio(pb, p)} |")
    return "\n".join(out)


def main() -> None:
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--table":
        print(speedup_table(sys.argv[2]))
        return
    runner = pyperf.Runner()
    runner.metadata["description"] = __doc__.splitlines()[0]
    with_pybase64 = has_pybase64()
    for func, impls in CASES.items():
        for label, n in SIZES:
            for impl, imp, stmt in impls:
                if impl == "pybase64" and not with_pybase64:
                    continue
                small = n <= 1024
                # Ten calls per loop iteration at small sizes, so the loop's cost is small next
                # to the calls.
                reps = 10 if small else 1
                runner.timeit(
                    f"{func} {label} [{impl}]",
                    stmt="; ".join([stmt] * reps),
                    setup=SETUP.format(n=n) + imp,
                    inner_loops=reps,
                )


if __name__ == "__main__":
    main()
