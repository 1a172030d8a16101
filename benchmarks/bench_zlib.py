"""zlib: ferrocpy's Rust port (zlib-rs) vs the C module of the same interpreter (and zlib-ng).

Side by side in one pyperf run, on the same interpreter and the same data. The corpus is real
data available everywhere (issue 13):

- ``text``: the interpreter's own standard library as a tar (its ``.py`` files, sorted, first
  8 MiB), built in memory;
- ``binary``: its ``libpython`` shared library (or the interpreter executable when it is
  linked statically), first 8 MiB.

Cases: ``compress`` at levels 1, 6 and 9, ``decompress`` (of C's level-6 stream), ``crc32`` and
``adler32`` at 1 MiB, a 64 B ``compress`` + ``decompress`` round trip, and two threads each
compressing its own 8 MiB input (``threads2``, against ``serial2``: the same two inputs one
after the other). zlib-ng (``pip install zlib-ng``, the C-with-SIMD drop-in; benchmark
environment only) runs too when installed.

Names are ``<case> <data> [<impl>]`` with the C module first, which benchmarks/report.py takes as
the baseline of each row.

Usage (pyperf options apply; ``--fast`` for a quick look):
    python benchmarks/bench_zlib.py -o zlib.json
    python benchmarks/bench_zlib.py --table zlib.json    # speed-ups and compressed sizes
    python benchmarks/report.py zlib.json                # the generic time-ratio table
    ferrocpy bench zlib                                  # the same, from a checkout
"""

from __future__ import annotations

import pyperf

# The corpus, built identically in every worker process (deterministic).
SETUP = r"""
import io, os, sys, sysconfig, tarfile, threading
import zlib as C
import ferrocpy.ports.zlib as P
try:
    from zlib_ng import zlib_ng as NG
except ImportError:
    NG = None

LIMIT = 8 * 1024 * 1024

def _text():
    stdlib = sysconfig.get_paths()["stdlib"]
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for root, dirs, files in os.walk(stdlib):
            dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "__pycache__"))
            for f in sorted(files):
                if f.endswith(".py"):
                    tar.add(os.path.join(root, f), arcname=os.path.relpath(os.path.join(root, f), stdlib))
                    if buf.tell() > LIMIT:
                        return buf.getvalue()[:LIMIT]
    return buf.getvalue()[:LIMIT]

def _binary():
    libdir = sysconfig.get_config_var("LIBDIR") or ""
    name = sysconfig.get_config_var("LDLIBRARY") or ""
    path = os.path.join(libdir, name)
    if not (name.endswith(".so") or ".so." in name) or not os.path.isfile(path):
        path = sys.executable
    with open(path, "rb") as f:
        return f.read(LIMIT)

data = {{"text": _text, "binary": _binary}}["{kind}"]()
mib = data[: 1024 * 1024]
small = data[:64]
stream6 = C.compress(data, 6)
half = len(data) // 2
parts = (data[:half], data[half:])

def two_threads(m, level=6):
    ts = [threading.Thread(target=m.compress, args=(p, level)) for p in parts]
    for t in ts: t.start()
    for t in ts: t.join()

def serial(m, level=6):
    for p in parts: m.compress(p, level)
"""

IMPLS = [("C", "m = C"), ("ferrocpy", "m = P"), ("zlib-ng", "m = NG")]

# case -> (statement, kinds, repetitions per loop)
CASES = {
    "compress-1": ("m.compress(data, 1)", ("text", "binary"), 1),
    "compress-6": ("m.compress(data, 6)", ("text", "binary"), 1),
    "compress-9": ("m.compress(data, 9)", ("text", "binary"), 1),
    "decompress": ("m.decompress(stream6)", ("text", "binary"), 1),
    "crc32-1MiB": ("m.crc32(mib)", ("binary",), 1),
    "adler32-1MiB": ("m.adler32(mib)", ("binary",), 1),
    "roundtrip-64B": ("m.decompress(m.compress(small))", ("text",), 10),
    "serial2": ("serial(m)", ("text",), 1),
    "threads2": ("two_threads(m)", ("text",), 1),
}


def has_zlib_ng() -> bool:
    try:
        from zlib_ng import zlib_ng  # noqa: F401
    except ImportError:
        return False
    return True


def compressed_sizes(kind: str) -> dict[str, dict[int, int]]:
    """Compressed size per implementation and level, for the table."""
    ns: dict = {}
    exec(SETUP.format(kind=kind), ns)
    out: dict[str, dict[int, int]] = {}
    for impl, imp in IMPLS:
        exec(imp, ns)
        if ns["m"] is None:
            continue
        out[impl] = {lvl: len(ns["m"].compress(ns["data"], lvl)) for lvl in (1, 6, 9)}
    out["input"] = {0: len(ns["data"])}
    return out


def speedup_table(path: str) -> str:
    """Markdown: mean times per case, the port's speed-up over C and zlib-ng (time of the other /
    time of the port: above 1 means the port is faster), then compressed sizes per level."""
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
        m = re.match(r"^(\S+) (\S+) \[(.+)\]$", bench.get_name())
        if m:
            means.setdefault((m[1], m[2]), {})[m[3]] = bench.mean()
    cell = lambda v: fmt_time(v) if v else "-"  # noqa: E731
    ratio = lambda a, b: f"{a / b:.2f}x" if a and b else "-"  # noqa: E731
    out = [
        f"Machine: {cpu_model()} ({cpu_flags() or 'no AVX2/AVX-512'}); {meta.get('cpu_count', '?')} CPUs. "
        f"Interpreter: CPython {meta.get('python_version', '?')}.",
        "",
        "| case | data | C | ferrocpy | zlib-ng | ferrocpy vs C | ferrocpy vs zlib-ng |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for (case, kind), t in means.items():
        c, p, ng = t.get("C"), t.get("ferrocpy"), t.get("zlib-ng")
        out.append(f"| {case} | {kind} | {cell(c)} | {cell(p)} | {cell(ng)} | {ratio(c, p)} | {ratio(ng, p)} |")
    for (case, kind), t in means.items():
        if case == "threads2":
            s = means.get(("serial2", kind), {})
            out.append("")
            out.append("Two threads / serial (≤ 0.6 is the goal): " + ", ".join(
                f"{impl} {t[impl] / s[impl]:.2f}" for impl in t if s.get(impl)))
    out += ["", "| data | level | C | ferrocpy | zlib-ng |", "|---|---:|---:|---:|---:|"]
    for kind in ("text", "binary"):
        sizes = compressed_sizes(kind)
        for lvl in (1, 6, 9):
            row = [str(sizes.get(i, {}).get(lvl, "-")) for i in ("C", "ferrocpy", "zlib-ng")]
            out.append(f"| {kind} ({sizes['input'][0]} B) | {lvl} | " + " | ".join(row) + " |")
    return "\n".join(out)


def main() -> None:
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--table":
        print(speedup_table(sys.argv[2]))
        return
    runner = pyperf.Runner()
    runner.metadata["description"] = __doc__.splitlines()[0]
    with_ng = has_zlib_ng()
    for case, (stmt, kinds, reps) in CASES.items():
        for kind in kinds:
            for impl, imp in IMPLS:
                if impl == "zlib-ng" and not with_ng:
                    continue
                runner.timeit(
                    f"{case} {kind} [{impl}]",
                    stmt="; ".join([stmt] * reps),
                    setup=SETUP.format(kind=kind) + "\n" + imp,
                    inner_loops=reps,
                )


if __name__ == "__main__":
    main()
