"""Turns pyperf JSON results into a Markdown table with ratios against the C baseline.

Benchmarks are paired by name: ``<what> [<impl>]``; the first implementation seen for a given
``<what>`` is the baseline (the C module), and every row shows its ratio to it
(``time / baseline time``; below 1.00 is faster than C).

    python benchmarks/report.py results.json [more.json ...]
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


def table(paths: list[str]) -> str:
    rows = []
    baselines: dict[str, float] = {}
    meta = {}
    for p in paths:
        suite = pyperf.BenchmarkSuite.load(p)
        for bench in suite.get_benchmarks():
            meta = meta or bench.get_metadata()
            m = _NAME.match(bench.get_name())
            what, impl = (m["what"], m["impl"]) if m else (bench.get_name(), "")
            mean = bench.mean()
            baselines.setdefault(what, mean)
            rows.append((what, impl, mean, bench.stdev() if bench.get_nrun() > 1 else 0.0))
    out = [
        f"Machine: {cpu_model()} ({cpu_flags()}); {meta.get('cpu_count', '?')} CPUs. "
        f"Interpreter: {meta.get('python_implementation', 'cpython')} {meta.get('python_version', '?')} "
        f"({meta.get('python_executable', '?')}).",
        "",
        "| benchmark | implementation | mean | ± stdev | ratio to first |",
        "|---|---|---:|---:|---:|",
    ]
    for what, impl, mean, stdev in rows:
        out.append(f"| {what} | {impl} | {fmt_time(mean)} | {fmt_time(stdev)} | {mean / baselines[what]:.2f} |")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    print(table(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
