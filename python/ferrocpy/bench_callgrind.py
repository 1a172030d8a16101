"""Instructions per call (valgrind callgrind) of every public function of the binascii, _base64,
_bisect and _heapq ports against the C module of the same interpreter, on small inputs.

Deterministic (instruction counts do not depend on the machine's load), so it serves as the
regression guard of issue 16 (tests/test_bench_guard.py) as well as a measuring tool:

    python -m ferrocpy.bench_callgrind [--only REGEX] [--loops N]      # needs valgrind

How it counts: one valgrind process runs every case, port and C. Each case gets its own driver
function (a fresh code object, so that the interpreter's specialisation of one callee does not
leak into the next) that runs the case's statement in a loop. It is run once to warm up, then
`loops` and `2 * loops` times, each run between two calls of ``os.getppid``: callgrind is started
with ``--dump-before=getppid`` and so writes one profile per run. (count(2N) - count(N)) / N is
one iteration, the call plus the loop around it; the same for an empty loop body is subtracted, so
the figures are the statement's own cost (for both sides alike: the bytecode that loads the
arguments and calls, plus the callee). Statements that mutate their argument undo it in the same
statement (``f(h, x); h.pop()``), identically for both sides.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.machinery
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

SIZES = (0, 16, 64)


@dataclass(frozen=True)
class Case:
    name: str  # "<module>.<function> <variant>"
    module: str  # the C module's name; the port is ferrocpy.ports.<module>
    function: str  # the public function the case covers
    setup: str  # run once, with `m` the module under test and `C` the C module
    stmt: str  # the measured statement
    c_stmt: str = ""  # the C side's statement, when it differs
    port: str = ""  # the port's module, when not named as the C module


def _port(name: str):
    """The port of C module `name`, loaded under the C module's name (not put in sys.modules)."""
    spec = importlib.util.find_spec(f"ferrocpy.ports.{name}")
    if spec is None:
        raise ImportError(f"ferrocpy.ports.{name} is not built for {sys.executable}")
    loader = importlib.machinery.ExtensionFileLoader(name, spec.origin)
    spec = importlib.util.spec_from_file_location(name, spec.origin, loader=loader)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# Input data of the binascii cases: `raw` bytes (random, seed 0) and `text` (mail-like ASCII, for
# quoted-printable), both of the case's size.
_DATA = (
    "import random\n"
    "raw = random.Random(0).randbytes({n})\n"
    "text = (b'Subject: hello w\\xf6rld = 1\\tx\\r\\nThe quick brown fox jumps over = the lazy dog.\\n' * 64)[:{n}]\n"
)

# decoder -> (encoder, its extra arguments) whose output the decoder gets
_DECODERS = {
    "a2b_base64": ("b2a_base64", ""),
    "a2b_hex": ("b2a_hex", ""),
    "unhexlify": ("hexlify", ""),
    "a2b_qp": ("b2a_qp", ""),
    "a2b_uu": ("b2a_uu", ""),
    "a2b_hqx": ("b2a_hqx", ""),
    "rledecode_hqx": ("rlecode_hqx", ""),
    "a2b_base32": ("b2a_base32", ""),
    "a2b_base85": ("b2a_base85", ""),
    "a2b_ascii85": ("b2a_ascii85", ""),
}


def binascii_cases(names: list[str]) -> list[Case]:
    out = []
    for fn in names:
        for n in SIZES:
            data = _DATA.format(n=n)
            if fn in _DECODERS:
                enc, _ = _DECODERS[fn]
                src = "text" if fn == "a2b_qp" else "raw"
                if fn == "a2b_uu":
                    src = "raw[:45]"
                if fn == "a2b_hqx":
                    # a2b_hqx takes complete 4-character groups of b2a_hqx's output
                    src = "raw[:len(raw) // 3 * 3]"
                setup = data + f"a = C.{enc}({src})\nf = m.{fn}\n"
                stmt = "f(a)"
            elif fn == "b2a_uu":
                setup = data + f"a = raw[:45]\nf = m.{fn}\n"
                stmt = "f(a)"
            elif fn == "crc_hqx":
                setup = data + f"a = raw\nf = m.{fn}\n"
                stmt = "f(a, 0)"
            elif fn == "b2a_qp":
                for kind in ("text", "raw"):
                    out.append(Case(f"binascii.{fn} {n} B {kind}", "binascii", fn,
                                    data + f"a = {kind}\nf = m.{fn}\n", "f(a)"))
                continue
            else:
                setup = data + f"a = raw\nf = m.{fn}\n"
                stmt = "f(a)"
            label = "45 B" if fn in ("b2a_uu", "a2b_uu") and n == 64 else f"{n} B"
            out.append(Case(f"binascii.{fn} {label}", "binascii", fn, setup, stmt))
            if fn in ("hexlify", "b2a_hex") and n:
                out.append(Case(f"binascii.{fn} {n} B sep", "binascii", fn,
                                data + f"a = raw\nf = m.{fn}\n", "f(a, b':', 2)"))
    return out


def base64_cases() -> list[Case]:
    # _base64.standard_b64encode(s) does what C's b2a_base64(s, newline=False) does; the C side of
    # these cases is that call (the C module being binascii), the port side the port's function.
    out = []
    for n in SIZES:
        out.append(Case(f"_base64.standard_b64encode {n} B", "binascii", "standard_b64encode",
                        _DATA.format(n=n) + "a = raw\nf = m.standard_b64encode if hasattr(m, 'standard_b64encode') else m.b2a_base64\n",
                        "f(a)", c_stmt="f(a, newline=False)", port="_base64"))
    return out


def bisect_cases(names: list[str]) -> list[Case]:
    out = []
    for fn in names:
        for n in (0, 1, 10):
            setup = f"L = list(range(0, {2 * n}, 2))\nx = {n}\nf = m.{fn}\nfrom operator import neg as k\n"
            # with key: the list sorted by neg(item), i.e. descending
            setup += f"K = sorted(L, key=k)\nkx = -x\n"
            undo = "; L.pop()" if fn.startswith("insort") else ""
            kundo = "; K.pop()" if fn.startswith("insort") else ""
            kx = "K, x" if fn.startswith("insort") else "K, kx"
            out.append(Case(f"_bisect.{fn} n={n}", "_bisect", fn, setup, f"f(L, x){undo}"))
            out.append(Case(f"_bisect.{fn} n={n} key", "_bisect", fn, setup, f"f({kx}, key=k){kundo}"))
    return out


def heapq_cases(names: list[str]) -> list[Case]:
    out = []
    for fn in names:
        is_max = "max" in fn
        for n in (0, 1, 10):
            # a heap (min or max) of n ints; `x` goes in and `y` is appended after a pop so that
            # the heap stays a heap of n items
            order = "reverse=True" if is_max else "reverse=False"
            setup = (f"h = sorted(range({n}), {order})\nf = m.{fn}\n"
                     f"x = {n // 2}\ny = {-1 if is_max else n + 1}\n")
            base = fn.removesuffix("_max").lstrip("_")
            if base == "heappush":
                stmt = "f(h, x); h.pop()"
            elif base == "heappop":
                if n == 0:
                    continue  # IndexError
                stmt = "f(h); h.append(y)"
            elif base in ("heapreplace", "heappushpop"):
                if n == 0 and base == "heapreplace":
                    continue  # IndexError
                stmt = "f(h, x)"
            elif base == "heapify":
                stmt = "f(h[:])"
            else:
                raise ValueError(f"no heapq case for {fn}")
            out.append(Case(f"_heapq.{fn} n={n}", "_heapq", fn, setup, stmt))
    return out


def public_functions(module: str) -> list[str]:
    """The functions of the C module (and the private max-heap ones of _heapq before 3.14)."""
    mod = importlib.import_module(module)
    return sorted(
        n for n in dir(mod)
        if callable(getattr(mod, n)) and not isinstance(getattr(mod, n), type)
        and (not n.startswith("_") or (module == "_heapq" and n.endswith("_max")))
    )


def all_cases() -> list[Case]:
    cases = binascii_cases(public_functions("binascii"))
    cases += base64_cases()
    cases += bisect_cases(public_functions("_bisect"))
    cases += heapq_cases(public_functions("_heapq"))
    return cases


# The program valgrind runs. For each case and side it prints nothing; the order of the dumps is
# the order of PLAN, which the parent computes the same way.
_DRIVER = r'''
import gc, json, os, sys, warnings
warnings.simplefilter("ignore")
sys.path[:0] = {path!r}
from ferrocpy.bench_callgrind import _port, all_cases
import importlib
cases = [c for c in all_cases() if c.name in set({names!r})]
mark = os.getppid
N = {loops}
WARM = {warm}
TEMPLATE = "def make(m, C):\n{{setup}}    def run(n):\n        for _ in range(n):\n            {{stmt}}\n    return run\n"
def indent(s):
    return "".join("    " + line + "\n" for line in s.splitlines())
def driver(setup, stmt, m, C):
    ns = {{}}
    exec(TEMPLATE.format(setup=indent(setup), stmt=stmt), ns)
    return ns["make"](m, C)
def measure(run):
    run(WARM)
    mark()
    run(N)
    mark()
    run(2 * N)
    mark()
gc.disable()
measure(driver("pass", "pass", None, None))
for c in cases:
    C = importlib.import_module(c.module)
    P = _port(c.port or c.module)
    measure(driver(c.setup, c.c_stmt or c.stmt, C, C))
    measure(driver(c.setup, c.stmt, P, C))
'''


def count(cases: list[Case], loops: int = 400, warm: int = 40) -> dict[str, tuple[float, float]]:
    """{case name: (C instructions, port instructions)} per statement, empty loop subtracted."""
    if shutil.which("valgrind") is None:
        raise RuntimeError("valgrind is not installed")
    path = [str(Path(__file__).resolve().parents[1])]
    prog = _DRIVER.format(path=path, names=[c.name for c in cases], loops=loops, warm=warm)
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        r = subprocess.run(
            ["valgrind", "--tool=callgrind", "--dump-before=getppid", "--dump-instr=no",
             "--compress-strings=no", f"--callgrind-out-file={out}", sys.executable, "-c", prog],
            capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED="0"),
        )
        if r.returncode != 0:
            raise RuntimeError(f"valgrind run failed (exit {r.returncode}):\n{r.stderr[-3000:]}")
        totals = {}
        for p in Path(d).glob("cg.out.*"):
            m = re.search(r"^(?:summary|totals): (\d+)", p.read_text(), re.M)
            totals[int(p.name.rsplit(".", 1)[1])] = int(m.group(1))
    # three dumps per measurement, each at the end of a run: warm-up (the first one with the
    # start-up), N, 2N (the exit is in cg.out itself)
    runs = 1 + 2 * len(cases)
    if sorted(totals) != list(range(1, 1 + 3 * runs)):
        raise RuntimeError(f"expected {3 * runs} callgrind dumps, got {len(totals)} "
                           "(is os.getppid called through libc's getppid?)")

    def per_iter(k: int) -> float:
        return (totals[3 * k + 3] - totals[3 * k + 2]) / loops

    empty = per_iter(0)
    return {c.name: (per_iter(1 + 2 * j) - empty, per_iter(2 + 2 * j) - empty) for j, c in enumerate(cases)}


def is_debug_build() -> bool:
    return bool(sysconfig.get_config_var("Py_DEBUG"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ferrocpy.bench_callgrind", description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="cases whose name matches this regular expression")
    ap.add_argument("--loops", type=int, default=400)
    ap.add_argument("--json", help="also write {case: [C, port]} to this file")
    args = ap.parse_args(argv)
    cases = [c for c in all_cases() if re.search(args.only, c.name)]
    res = count(cases, args.loops)
    print(f"CPython {sys.version.split()[0]}: instructions per call (empty loop subtracted)\n")
    print("| case | C | ferrocpy | ferrocpy / C |\n|---|---:|---:|---:|")
    for c in cases:
        vc, vp = res[c.name]
        print(f"| {c.name} | {vc:.0f} | {vp:.0f} | {vp / vc:.3f} |")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
