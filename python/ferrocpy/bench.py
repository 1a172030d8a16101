"""``ferrocpy bench``: runs the pyperf suites of a ferrocpy checkout and prints their tables.

    ferrocpy bench                      list the suites (benchmarks/bench_*.py)
    ferrocpy bench calls binascii       run those suites, then print a Markdown table each
    ferrocpy bench _json _heapq         a ported module's name selects its suite (json, bisect_heapq)
    ferrocpy bench calls -- --fast      options after ``--`` go to pyperf
    ferrocpy bench zlib --png z.png     also draw the comparison as a chart (needs matplotlib)
    ferrocpy bench _json --interleaved  C and port timed in alternating batches in one process
                                        (benchmarks/interleaved_<suite>.py; after ``--``: case
                                        names to run), robust to a machine whose speed drifts
    ferrocpy bench --sweep [--png FILE] size sweep of every port function against C (no checkout
                                        needed: ferrocpy.bench_sweep; --help for its options)
    ferrocpy bench --callgrind          instructions per call against C at small sizes
                                        (ferrocpy.bench_callgrind; needs valgrind)

Suites live in the repository's ``benchmarks/`` directory, and the wheel ships them as
``ferrocpy/_benchmarks``: the command takes ``--dir``, else a ``benchmarks/`` in the current
directory, next to an editable install's sources, or the installed copy.
Every suite runs under the interpreter running this command, side by side with the C module.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path


def _find_dir(given: str | None) -> Path | None:
    here = Path(__file__).resolve().parent
    candidates = [Path(given)] if given else [Path.cwd() / "benchmarks", here.parents[1] / "benchmarks",
                                              here / "_benchmarks"]
    for c in candidates:
        if (c / "report.py").is_file():
            return c
    return None


# Ported modules whose suite is not named after them.
_SUITE_OF_MODULE = {"base64": "binascii"}


def _suite_of(name: str, known: list[str]) -> str | None:
    """The suite a name given on the command line selects: a suite's own name, or a ported
    module's (`_json`, `_bisect`, `heapq`: the suite that measures it)."""
    if name in known:
        return name
    bare = name.lstrip("_")
    bare = _SUITE_OF_MODULE.get(bare, bare)
    if bare in known:
        return bare
    return next((k for k in known if bare in k.split("_")), None)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--sweep":
        from .bench_sweep import main as sweep

        return sweep(argv[1:])
    if argv and argv[0] == "--callgrind":
        from .bench_callgrind import main as callgrind

        return callgrind(argv[1:])
    extra: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1 :]
    parser = argparse.ArgumentParser(prog="ferrocpy bench", description=__doc__.splitlines()[0])
    parser.add_argument("--dir", help="the benchmarks directory of a ferrocpy checkout")
    parser.add_argument("suites", nargs="*", help="suite names (bench_<name>.py)")
    parser.add_argument("--interleaved", action="store_true",
                        help="time C and the port in alternating batches (suites that have such a runner)")
    parser.add_argument("--png", metavar="FILE",
                        help="also write a chart of the comparison (one suite: FILE; several: FILE-<suite>.png)")
    args = parser.parse_args(argv)
    bdir = _find_dir(args.dir)
    if bdir is None:
        print("ferrocpy bench: no benchmarks found (neither a benchmarks/ directory here nor the suites "
              "installed with ferrocpy); pass --dir", file=sys.stderr)
        return 2
    known = sorted(p.stem[len("bench_") :] for p in bdir.glob("bench_*.py"))
    if not args.suites:
        print("suites: " + " ".join(known))
        return 0
    unknown = [s for s in args.suites if _suite_of(s, known) is None]
    if unknown:
        print(f"ferrocpy bench: unknown suite(s) {', '.join(unknown)}; known: {' '.join(known)}", file=sys.stderr)
        return 2
    suites = list(dict.fromkeys(_suite_of(s, known) for s in args.suites))
    if args.interleaved:
        missing = [s for s in suites if not (bdir / f"interleaved_{s}.py").is_file()]
        if missing:
            have = sorted(p.stem[len("interleaved_"):] for p in bdir.glob("interleaved_*.py"))
            print(f"ferrocpy bench: no interleaved runner for {', '.join(missing)}; suites with one: "
                  f"{' '.join(have)}", file=sys.stderr)
            return 2
        status = 0
        for name in suites:
            print(f"\n### {name} (interleaved)\n", flush=True)
            r = subprocess.run([sys.executable, str(bdir / f"interleaved_{name}.py"), *extra])
            status = status or r.returncode
        return status
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in suites:
            out = Path(tmp) / f"{name}.json"
            r = subprocess.run([sys.executable, str(bdir / f"bench_{name}.py"), "-o", str(out), *extra])
            if r.returncode != 0 or not out.exists():
                print(f"ferrocpy bench: suite {name} failed (exit {r.returncode})", file=sys.stderr)
                status = 1
                continue
            print(f"\n### {name}\n")
            sys.stdout.flush()
            png = []
            if args.png:
                p = Path(args.png)
                png = ["--png", str(p if len(suites) == 1 else p.with_name(f"{p.stem}-{name}.png"))]
            r = subprocess.run([sys.executable, str(bdir / "report.py"), str(out), *png])
            status = status or r.returncode
    return status
