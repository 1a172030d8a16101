"""Size sweep: every function of the binascii, _base64, _bisect and _heapq ports against the C
module of the same interpreter, from 0 bytes to 1 MiB (n = 0 to 10**6 for _bisect/_heapq).

    ferrocpy bench --sweep [--png FILE] [--only REGEX] [--quick]
    python -m ferrocpy.bench_sweep [same options]

Wall time, measured in this one process, port and C interleaved: each repetition times the C
call then the port call (``timeit`` loops sized to ``--target`` seconds), and each side keeps
its minimum over ``--repeat`` repetitions. The table gives C time / port time: above 1 the port
is faster. Run it on an otherwise idle machine; on a shared one use instruction counts
(``python -m ferrocpy.bench_callgrind``) instead. ``--png`` draws the ratio against the size,
one line per function (needs matplotlib; without it the table is still printed).
"""

from __future__ import annotations

import argparse
import importlib
import random
import re
import sys
import time
import timeit
import warnings
from dataclasses import dataclass

from .bench_callgrind import _port

SIZES = [("0 B", 0), ("1 B", 1), ("16 B", 16), ("32 B", 32), ("64 B", 64), ("1 KiB", 1024),
         ("64 KiB", 64 * 1024), ("1 MiB", 1024 * 1024)]
QUICK_SIZES = [("0 B", 0), ("16 B", 16)]
NS = [0, 1, 10, 10**6]
QUICK_NS = [0, 10]

_TEXT_LINE = b"Subject: hello w\xf6rld = 1\tx\r\nThe quick brown fox jumps over = the lazy dog.\n"


def text_data(n: int) -> bytes:
    return (_TEXT_LINE * (n // len(_TEXT_LINE) + 1))[:n]


def raw_data(n: int) -> bytes:
    return random.Random(n).randbytes(n)


@dataclass
class Case:
    function: str  # "binascii.hexlify sep", a line of the chart
    size: str  # column label
    kind: str  # "random", "text" or ""
    stmt: str  # the timed statement (one call, plus what undoes a mutation)
    c: dict  # its names for the C side
    port: dict  # and for the port
    c_stmt: str = ""  # the C side's statement when it differs


# decoder -> encoder whose output it is given
_DECODERS = {
    "a2b_base64": "b2a_base64", "a2b_hex": "b2a_hex", "unhexlify": "hexlify", "a2b_qp": "b2a_qp",
    "a2b_uu": "b2a_uu", "a2b_hqx": "b2a_hqx", "rledecode_hqx": "rlecode_hqx",
    "a2b_base32": "b2a_base32", "a2b_base85": "b2a_base85", "a2b_ascii85": "b2a_ascii85",
}
_KINDED = {"a2b_qp", "b2a_qp", "a2b_uu", "b2a_uu"}  # text and random data


def _call(args: tuple) -> tuple[str, dict]:
    """A statement calling `f` with `args` (as names a0, a1, ...) and those names."""
    names = {f"a{i}": a for i, a in enumerate(args)}
    return f"f({', '.join(names)})", names


def binascii_cases(sizes) -> list[Case]:
    C = importlib.import_module("binascii")
    P = _port("binascii")
    names = sorted(n for n in dir(C) if not n.startswith("_") and callable(getattr(C, n))
                   and not isinstance(getattr(C, n), type))
    out = []
    for fn in names:
        variants = [("", ())]
        if fn in ("hexlify", "b2a_hex"):
            variants.append((" sep", (b":", 2)))
        for suffix, extra in variants:
            kinds = ("random", "text") if fn in _KINDED or suffix else ("",)
            for label, n in sizes:
                if fn in ("b2a_uu", "a2b_uu") and n > 45:
                    continue  # one uu line holds at most 45 bytes
                for kind in kinds:
                    data = text_data(n) if kind == "text" else raw_data(n)
                    if fn in _DECODERS:
                        src = data[: len(data) // 3 * 3] if fn == "a2b_hqx" else data
                        arg = getattr(C, _DECODERS[fn])(src)
                    else:
                        arg = data
                    args = (arg, 0) if fn == "crc_hqx" else (arg, *extra)
                    stmt, names = _call(args)
                    out.append(Case(f"binascii.{fn}{suffix}", label, kind, stmt,
                                    {**names, "f": getattr(C, fn)}, {**names, "f": getattr(P, fn)}))
    B = _port("_base64")
    for label, n in sizes:
        data = raw_data(n)
        # C's counterpart of standard_b64encode(s) is b2a_base64(s, newline=False)
        out.append(Case("_base64.standard_b64encode", label, "", "f(a0)",
                        {"f": C.b2a_base64, "a0": data}, {"f": B.standard_b64encode, "a0": data},
                        c_stmt="f(a0, newline=False)"))
    return out


def bisect_heapq_cases(ns) -> list[Case]:
    from operator import neg

    out = []
    CB, PB = importlib.import_module("_bisect"), _port("_bisect")
    for fn in ("bisect_left", "bisect_right", "insort_left", "insort_right"):
        insort = fn.startswith("insort")
        for n in ns:
            for keyed in (False, True):
                def names(mod, fn=fn, n=n, keyed=keyed):
                    lst = list(range(0, 2 * n, 2))
                    if keyed:
                        lst.reverse()  # sorted by neg(item)
                    # bisect with a key compares key(item) with x itself: x = -n for neg
                    x = n if insort or not keyed else -n
                    return {"f": getattr(mod, fn), "L": lst, "x": x, "neg": neg}
                stmt = "f(L, x, key=neg)" if keyed else "f(L, x)"
                if insort:
                    stmt += "; L.pop()"
                out.append(Case(f"_bisect.{fn}{' key' if keyed else ''}", f"n={n}", "", stmt,
                                names(CB), names(PB)))
    CH, PH = importlib.import_module("_heapq"), _port("_heapq")
    names = sorted(n for n in dir(CH) if callable(getattr(CH, n)) and not n.startswith("__")
                   and (not n.startswith("_") or n.endswith("_max")))
    for fn in names:
        base = fn.removesuffix("_max").lstrip("_")
        is_max = "max" in fn
        for n in ns:
            if n == 0 and base in ("heappop", "heapreplace"):
                continue  # IndexError
            def names(mod, fn=fn, n=n, is_max=is_max):
                return {"f": getattr(mod, fn), "h": sorted(range(n), reverse=is_max),
                        "x": n // 2, "y": -1 if is_max else n + 1}
            stmt = {"heappush": "f(h, x); h.pop()", "heappop": "f(h); h.append(y)",
                    "heapify": "f(h[:])"}.get(base, "f(h, x)")
            out.append(Case(f"_heapq.{fn}", f"n={n}", "", stmt, names(CH), names(PH)))
    return out


def _time(stmt: str, names: dict, number: int) -> float:
    return timeit.Timer(stmt, globals=names).timeit(number) / number


def measure(case: Case, repeat: int, target: float) -> tuple[float, float]:
    """(C seconds per call, port seconds per call): minimum over `repeat` interleaved rounds."""
    number = 1
    while number < 1 << 24:
        t0 = time.perf_counter()
        _time(case.c_stmt or case.stmt, case.c, number)
        if time.perf_counter() - t0 >= target / 4:
            break
        number *= 4
    best_c = best_p = float("inf")
    for _ in range(repeat):
        best_c = min(best_c, _time(case.c_stmt or case.stmt, case.c, number))
        best_p = min(best_p, _time(case.stmt, case.port, number))
    return best_c, best_p


def chart(rows, path: str) -> str | None:
    """Writes the ratio-vs-size chart; returns a message instead when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "ferrocpy bench --sweep: matplotlib is not installed, no chart written (pip install matplotlib)"
    groups = {"binascii / _base64": [], "_bisect / _heapq": []}
    for r in rows:
        groups["_bisect / _heapq" if r[0].startswith(("_bisect", "_heapq")) else "binascii / _base64"].append(r)
    fig, axes = plt.subplots(1, 2, figsize=(16, 7))
    for ax, (title, rs) in zip(axes, groups.items()):
        cols = list(dict.fromkeys(r[1] for r in rs))
        lines: dict[str, dict[str, float]] = {}
        for fn, size, kind, c, p in rs:
            lines.setdefault(fn + (f" ({kind})" if kind else ""), {})[size] = c / p
        for name, pts in lines.items():
            xs = [cols.index(s) for s in pts]
            # matplotlib leaves labels that start with "_" out of legends (`_bisect...`): a
            # zero-width space in front keeps them.
            ax.plot(xs, list(pts.values()), marker="o", markersize=3, linewidth=1,
                    label="\u200b" + name if name.startswith("_") else name)
        ax.axhline(1.0, color="black", linewidth=1)
        ax.set_xticks(range(len(cols)), cols, rotation=45)
        ax.set_yscale("log")
        ax.set_ylabel("C time / port time (above 1: port faster)")
        ax.set_title(f"{title}, CPython {sys.version.split()[0]}")
        ax.legend(fontsize=6, ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="ferrocpy bench --sweep", description=__doc__.splitlines()[0])
    ap.add_argument("--png", help="write the ratio-vs-size chart to this file (needs matplotlib)")
    ap.add_argument("--only", default="", help="functions whose name matches this regular expression")
    ap.add_argument("--repeat", type=int, default=7, help="interleaved rounds per case (minimum kept)")
    ap.add_argument("--target", type=float, default=0.02, help="seconds per timing (loop count calibrated)")
    ap.add_argument("--quick", action="store_true",
                    help="a check that it runs: two sizes, one round, tiny loops (figures meaningless)")
    args = ap.parse_args(argv)
    if args.quick:
        args.repeat, args.target = 1, 0.0
    warnings.simplefilter("ignore", DeprecationWarning)  # 3.10's hqx functions warn on each call
    cases = binascii_cases(QUICK_SIZES if args.quick else SIZES)
    cases += bisect_heapq_cases(QUICK_NS if args.quick else NS)
    cases = [c for c in cases if re.search(args.only, c.function)]
    print(f"CPython {sys.version.split()[0]} ({sys.executable}): C time / port time, "
          f"interleaved, minimum of {args.repeat}\n")
    print("| function | data | size | C | port | C / port |\n|---|---|---|---:|---:|---:|", flush=True)
    rows, slower = [], 0
    for case in cases:
        c, p = measure(case, args.repeat, args.target)
        rows.append((case.function, case.size, case.kind, c, p))
        slower += c / p < 1.0
        print(f"| {case.function} | {case.kind or '-'} | {case.size} | {c * 1e9:.0f} ns | {p * 1e9:.0f} ns "
              f"| {c / p:.2f} |", flush=True)
    print(f"\n{len(rows)} cases, {slower} with the port slower than C (ratio < 1.00)")
    if args.png:
        msg = chart(rows, args.png)
        print(msg or f"chart written to {args.png}", file=sys.stderr if msg else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
