"""Markdown table of benchmarks/bench_clinic.py results: per shape, the C function and each
ferrocpy/PyO3 row with its ratio to C (mean times), for one or more runs side by side.

    python benchmarks/report_clinic.py run1.json [run2.json ...]

With several runs, each cell shows the runs' ratios separated by " / " and the time of the
first run, so the spread between runs (this VM's noise) is visible next to each figure."""

from __future__ import annotations

import sys

import pyperf

IMPLS = ["ferrocpy port", "ferrocpy", "PyO3"]
LABELS = {"ferrocpy port": "ferrocpy port (same work)", "ferrocpy": "ferrocpy mirror", "PyO3": "PyO3"}


def load(path: str) -> dict[tuple[str, str], float]:
    """(shape, implementation) -> mean seconds; the C row's implementation is "C"."""
    out = {}
    for bench in pyperf.BenchmarkSuite.load(path).get_benchmarks():
        shape, impl = (s.strip() for s in bench.get_name().rsplit(" | ", 1))
        out[(shape, "C" if impl.startswith("C ") else impl)] = bench.mean()
        if impl.startswith("C "):
            out[(shape, "C function")] = impl[2:]  # type: ignore[assignment]
    return out


def main(paths: list[str]) -> int:
    runs = [load(p) for p in paths]
    first = runs[0]
    shapes = list(dict.fromkeys(s for s, _ in first))
    head = ["shape", "C function", "C"] + [LABELS[i] for i in IMPLS]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * 2 + "---:|" * (len(head) - 2))
    for shape in shapes:
        c = first[(shape, "C")]
        cells = [shape.replace("|", "\\|"), f"`{first[(shape, 'C function')]}`", f"{c * 1e9:.1f} ns"]
        for impl in IMPLS:
            if (shape, impl) not in first:
                cells.append("—")
                continue
            ratios = " / ".join(f"{r[(shape, impl)] / r[(shape, 'C')]:.2f}×" for r in runs if (shape, impl) in r)
            cells.append(f"{first[(shape, impl)] * 1e9:.1f} ns ({ratios})")
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
