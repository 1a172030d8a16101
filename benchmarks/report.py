"""Turns pyperf JSON results into a Markdown table with ratios against the C baseline.

Benchmarks are paired by name: ``<what> [<impl>]``; the first implementation seen for a given
``<what>`` is the baseline (the C module), and every row shows its ratio to it
(``time / baseline time``; below 1.00 is faster than C).

    python benchmarks/report.py results.json [more.json ...] [--png chart.png]

``--png`` also draws the comparison (matplotlib, an optional dependency): one bar per
implementation and benchmark, its speed relative to the first implementation (the C module).
"""

from __future__ import annotations

import json
import platform
import re
import sys
from pathlib import Path

import pyperf

_NAME = re.compile(r"^(?P<what>.*?)\s*\[(?P<impl>[^\]]+)\]\s*$")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def cpu_flags() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""
    flags = set()
    for line in text.splitlines():
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[1].split())
            break
    wanted = ["avx2", "avx512f", "avx512bw", "avx512vbmi", "pclmulqdq", "vpclmulqdq"]
    return ", ".join(f for f in wanted if f in flags)


def fmt_time(seconds: float) -> str:
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def rows_of(paths: list[str]) -> tuple[list[tuple[str, str, float, float]], dict]:
    """(benchmark, implementation, mean, stdev) per result, and the suite's metadata."""
    rows = []
    meta: dict = {}
    for p in paths:
        suite = pyperf.BenchmarkSuite.load(p)
        for bench in suite.get_benchmarks():
            meta = meta or bench.get_metadata()
            m = _NAME.match(bench.get_name())
            what, impl = (m["what"], m["impl"]) if m else (bench.get_name(), "")
            rows.append((what, impl, bench.mean(), bench.stdev() if bench.get_nrun() > 1 else 0.0))
    return rows, meta


def describe(meta: dict) -> str:
    return (f"Machine: {cpu_model()} ({cpu_flags()}); {meta.get('cpu_count', '?')} CPUs. "
            f"Interpreter: {meta.get('python_implementation', 'cpython')} {meta.get('python_version', '?')} "
            f"({meta.get('python_executable', '?')}).")


def table(paths: list[str]) -> str:
    rows, meta = rows_of(paths)
    baselines: dict[str, float] = {}
    for what, _, mean, _ in rows:
        baselines.setdefault(what, mean)
    out = [
        describe(meta),
        "",
        "| benchmark | implementation | mean | ± stdev | ratio to first |",
        "|---|---|---:|---:|---:|",
    ]
    for what, impl, mean, stdev in rows:
        out.append(f"| {what} | {impl} | {fmt_time(mean)} | {fmt_time(stdev)} | {mean / baselines[what]:.2f} |")
    return "\n".join(out)


def chart(paths: list[str], png: str) -> None:
    """Speed of each implementation relative to the first (the C module) per benchmark, as
    horizontal bars on a log scale (right of 1 is faster than C)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise SystemExit("report.py: --png needs matplotlib (pip install matplotlib)") from None
    rows, meta = rows_of(paths)
    baselines: dict[str, float] = {}
    order: list[str] = []
    impls: list[str] = []
    speed: dict[tuple[str, str], float] = {}
    for what, impl, mean, _ in rows:
        if what not in baselines:
            baselines[what] = mean
            order.append(what)
        if impl not in impls:
            impls.append(impl)
        speed[(what, impl)] = baselines[what] / mean
    height = 0.8 / max(1, len(impls))
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(order) * max(1, len(impls)) ** 0.5 + 1.5))
    for k, impl in enumerate(impls):
        ys = [i + k * height for i, w in enumerate(order) if (w, impl) in speed]
        xs = [speed[(w, impl)] for w in order if (w, impl) in speed]
        ax.barh(ys, xs, height=height, label=f"{impl}" if not impl.startswith("_") else f" {impl}")
    ax.set_yticks([i + height * (len(impls) - 1) / 2 for i in range(len(order))])
    ax.set_yticklabels(order, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_xlabel("speed relative to the first implementation (C module); > 1 is faster")
    ax.set_title(describe(meta), fontsize=7, wrap=True)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(png, dpi=110)
    plt.close(fig)


def main(argv: list[str]) -> int:
    png = None
    if "--png" in argv:
        i = argv.index("--png")
        if i + 1 >= len(argv):
            print("report.py: --png needs a file name", file=sys.stderr)
            return 2
        png = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    print(table(argv))
    if png:
        chart(argv, png)
        print(f"\n(chart written to {png})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
