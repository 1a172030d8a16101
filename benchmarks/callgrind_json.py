"""Instructions per call (valgrind callgrind) of json.dumps/json.loads on the documents of
bench_json.py, with the C `_json` and with ferrocpy.ports._json under the same interpreter: two
copies of the json package side by side (bench_json.IMPORTS), the same Python code around each
accelerator. Load-independent companion to bench_json.py: each case runs N and 2N times in the
same loop; the difference over N is one call plus one loop iteration (identical for both sides).

    python benchmarks/callgrind_json.py                 # needs valgrind and the port installed
    python benchmarks/callgrind_json.py CASE...         # only the cases whose name contains CASE
    python benchmarks/callgrind_json.py --profile CASE IMPL [N [FUNCTION]]   # callgrind_annotate

The table gives C / port (above 1: the port runs fewer instructions).
"""
import os
import subprocess
import sys
import tempfile

import bench_json
import cgcount

SMALL = r"""
SMALL_OBJ = {"id": 7, "name": "Zoë", "ok": True, "v": [2.5, -1, None]}
SMALL_TEXT = C.dumps(SMALL_OBJ)
assert len(SMALL_TEXT.encode()) < 100
"""
SETUP = bench_json.IMPORTS + bench_json.DOCUMENTS + SMALL + bench_json.LOOPS

# case -> (statement, N): N large enough that a run's fixed costs stay out of the figure.
CASES = {
    "pyperformance-dumps": ("pp_dumps(m)", 2),
    "pyperformance-loads": ("pp_loads(m)", 2),
    "loads mixed": ("mixed_loads(m)", 2),
}
for _doc in ("records", "text", "numbers"):
    for _flag, _label in ((True, "ascii"), (False, "utf8")):
        CASES[f"dumps {_doc} {_label}"] = (f"m.dumps(DOCS[{_doc!r}], ensure_ascii={_flag})", 3)
        CASES[f"loads {_doc} {_label}"] = (f"m.loads(ENCODED[({_doc!r}, {_flag})])", 3)
for _flag, _label in ((True, "ascii"), (False, "utf8")):
    CASES[f"dumps small {_label}"] = (f"m.dumps(SMALL_OBJ, ensure_ascii={_flag})", 1000)
CASES["loads small"] = ("m.loads(SMALL_TEXT)", 1000)
IMPLS = {"C": "m = C", "ferrocpy": "m = P"}


def count(stmt: str, impl: str, n: int) -> int:
    return cgcount.instructions(cgcount.loop(SETUP + IMPLS[impl], stmt, n))


def profile(case: str, impl: str, n: int, toggle: str = "") -> None:
    """callgrind_annotate (exclusive, then inclusive) of n iterations of one case, only inside
    the functions matching `toggle` if given (callgrind's --toggle-collect, e.g. `*encoder_call*`);
    the output file is kept as /tmp/callgrind_json.<impl>.out."""
    stmt, _ = CASES[case]
    code = cgcount.loop(SETUP + IMPLS[impl], stmt, n)
    out = f"/tmp/callgrind_json.{impl}.out"
    opts = [f"--toggle-collect={toggle}", "--collect-atstart=no"] if toggle else []
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *opts, sys.executable, "-c", code],
        check=True, capture_output=True, env=dict(os.environ, PYTHONHASHSEED="0"),
    )
    for inclusive in ("no", "yes"):
        r = subprocess.run(["callgrind_annotate", f"--inclusive={inclusive}", out],
                           check=True, capture_output=True, text=True)
        lines = r.stdout.splitlines()
        start = next((i for i, line in enumerate(lines) if "PROGRAM TOTALS" in line), 0)
        print("\n".join(lines[start:start + 45]))


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--profile"]:
        profile(args[1], args[2], int(args[3]) if len(args) > 3 else 5, args[4] if len(args) > 4 else "")
        return
    print(f"Python {sys.version.split()[0]}: instructions per call, C `_json` vs ferrocpy.ports._json\n")
    print("| case | C | ferrocpy | C / port |\n|---|---:|---:|---:|")
    for case, (stmt, n) in CASES.items():
        if args and not any(a in case for a in args):
            continue
        v = {impl: (count(stmt, impl, 2 * n) - count(stmt, impl, n)) / n for impl in IMPLS}
        print(f"| {case} | {v['C']:.0f} | {v['ferrocpy']:.0f} | {v['C'] / v['ferrocpy']:.2f} |",
              flush=True)


if __name__ == "__main__":
    main()
