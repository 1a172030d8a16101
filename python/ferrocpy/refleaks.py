"""``ferrocpy test --refleaks``: CPython's own suites for the ports under regrtest's ``-R 3:3``.

Reference-leak hunting needs a debug build of CPython (``sys.gettotalrefcount``), such as
Debian's ``python3.11-dbg`` (``/usr/bin/python3.11d``, its regrtest from
``libpython3.11-testsuite``; ``python3 dev.py test`` installs both and builds ferrocpy for it in
``.venv/cp311d``).

For each CPython test module of the requested ports, one child interpreter is started with
``FERROCPY_ACTIVATE`` naming every requested port. The child makes sure the ports are active,
checks that importing each module name gives the port's file, and then runs regrtest in the
same process with ``-R 3:3`` (3 warm-up runs, 3 counted runs). regrtest prints
``test_x leaked [a, b, c] references, sum=N`` (and ``... memory blocks ...``) for a leak and
fails the test; this runner parses those lines and regrtest's verdict, and reports per port the
references and memory blocks leaked (0 and 0 for a clean port).

The summary ends with exactly one line ``N passed, N failed, N skipped``, counting test modules
(a module passes when regrtest reports success and no leak).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

from .testing import port_tests

RUNS = "3:3"
TAG = "@@ferrocpy-refleaks@@ "

# Child: argv = [test module, port...]. Activates the ports (the .pth hook normally has, from
# FERROCPY_ACTIVATE), proves each name imports the port, then hands over to regrtest.
_CHILD = r"""
import importlib, importlib.machinery, importlib.util, json, os, sys
test_name, ports = sys.argv[1], sys.argv[2:]
report = {"ports": {}, "problems": [], "debug": hasattr(sys, "gettotalrefcount")}
try:
    from ferrocpy import activation
except ImportError as e:
    report["problems"].append("ferrocpy (with ferrocpy.activation) is not installed for %s: %s" % (sys.executable, e))
    print(TAG + json.dumps(report), flush=True)
    sys.exit(3)
if set(ports) - set(activation.active()):
    activation._activate_from_env()
for name in ports:
    try:
        origin = activation.port_file(name)
        mod = importlib.import_module(name)
    except Exception as e:
        report["problems"].append("%s: %s: %s" % (name, type(e).__name__, e))
        continue
    if getattr(mod, "__file__", None) != origin:
        report["problems"].append("%s: import gave %r, not the port %s" % (name, getattr(mod, "__file__", None), origin))
    report["ports"][name] = origin
print(TAG + json.dumps(report), flush=True)
if report["problems"] or not report["debug"]:
    sys.exit(3)
sys.argv = [sys.argv[0], "-R", RUNS, test_name]
from test.libregrtest.main import main  # the package no longer re-exports it in 3.15
main()
""".replace("TAG", repr(TAG)).replace("RUNS", repr(RUNS))

# regrtest's leak lines. Since 3.13 it also prints deltas it does not count as a leak (not every
# counted run grew, e.g. `[13, 0, 0]`) with the suffix " (this is fine)"; a leak is what regrtest
# itself calls one: every counted run leaked (the rule of its refleak.py in every version).
_LEAK = re.compile(
    r"^(test_\w+) leaked \[([-\d, ]*)\] (references|memory blocks|file descriptors), sum=(-?\d+)( \(this is fine\))?",
    re.M,
)
_RESULT = re.compile(r"^(?:== )?Tests result: (\w+)", re.M)  # 3.12+: "== Tests result: X =="


@dataclass
class ModuleResult:
    test: str
    ok: bool = False
    leaks: dict[str, int] = field(default_factory=dict)  # kind -> sum over the counted runs
    problems: list[str] = field(default_factory=list)
    measured: bool = False  # regrtest ran to its verdict, so the leak figures mean something
    noise: list[str] = field(default_factory=list)  # deltas regrtest reported but did not count


def parse(test: str, output: str, status: int) -> ModuleResult:
    """regrtest's verdict and leak lines for one test module."""
    r = ModuleResult(test)
    for m in _LEAK.finditer(output):
        if m[1] != test:
            continue
        deltas = [int(x) for x in m[2].split(",") if x.strip()]
        if m[5] or not deltas or not all(d >= 1 for d in deltas):
            r.noise.append(f"{m[3]} {deltas}")
            continue
        r.leaks[m[3]] = r.leaks.get(m[3], 0) + int(m[4])
    verdicts = _RESULT.findall(output)
    verdict = verdicts[-1] if verdicts else None
    r.measured = verdict is not None
    if verdict is None:
        r.problems.append(f"{test}: regrtest gave no result (exit status {status})")
    elif verdict != "SUCCESS":
        r.problems.append(f"{test}: regrtest result {verdict}")
    for kind, n in r.leaks.items():
        if n:
            r.problems.append(f"{test}: leaked {n} {kind}")
    if status != 0 and not r.problems:
        r.problems.append(f"{test}: regrtest exited with status {status}")
    r.ok = not r.problems
    return r


def run_one(python: str, test: str, ports: list[str], verbose: bool = False) -> ModuleResult:
    env = dict(os.environ, FERROCPY_ACTIVATE=",".join(ports))
    # regrtest writes reflog.txt and may leave temporary files in its working directory.
    with tempfile.TemporaryDirectory(prefix="ferrocpy-refleaks-") as cwd:
        proc = subprocess.run(
            [python, "-X", "faulthandler", "-c", _CHILD, test, *ports],
            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
    report = None
    lines = []
    for line in proc.stdout.splitlines():
        if line.startswith(TAG):
            report = json.loads(line[len(TAG):])
        else:
            lines.append(line)
    output = "\n".join(lines)
    if verbose or proc.returncode != 0:
        print(output, file=sys.stderr)
    if report is None:
        r = ModuleResult(test)
        r.problems.append(f"{test}: the child died before checking the ports (exit status {proc.returncode})")
        return r
    if not report["debug"]:
        r = ModuleResult(test)
        r.problems.append(
            f"{python} is not a debug build (no sys.gettotalrefcount): -R cannot count references; "
            "use a debug interpreter, e.g. --python .venv/cp311d/bin/python"
        )
        return r
    if report["problems"]:
        r = ModuleResult(test)
        r.problems.extend(f"{test}: {p}" for p in report["problems"])
        return r
    r = parse(test, output, proc.returncode)
    # Kinds regrtest checks but found clean are reported as 0.
    for kind in ("references", "memory blocks"):
        r.leaks.setdefault(kind, 0)
    return r


def run(ports: list[str], python: str | None = None, verbose: bool = False) -> int:
    """Runs the suites of ``ports`` with ``-R 3:3``; returns 0 only when none leaked or failed."""
    python = python or sys.executable
    table = port_tests()
    unknown = [p for p in ports if p not in table]
    if unknown:
        print(f"ferrocpy test --refleaks: no CPython tests are known for {', '.join(unknown)} "
              f"(known ports: {', '.join(sorted(table)) or 'none built for this interpreter'})", file=sys.stderr)
        return 2
    results: dict[str, ModuleResult] = {}
    passed = failed = skipped = 0
    for port in ports:
        tests = table[port]
        if not tests:
            print(f"ferrocpy test --refleaks: {port}: CPython has no suite for it; skipped", file=sys.stderr)
            skipped += 1
            continue
        refs = blocks = 0
        measured = True
        port_ok = True
        for test in tests:
            if test not in results:
                print(f"== {test} -R {RUNS} ({python}, ports: {', '.join(ports)})", file=sys.stderr, flush=True)
                results[test] = r = run_one(python, test, ports, verbose)
                for n in r.noise:
                    print(f"ferrocpy test --refleaks: {test}: regrtest saw {n} (not every counted run "
                          "grew: not a leak by its rule)", file=sys.stderr)
                if r.ok:
                    passed += 1
                else:
                    failed += 1
                    for p in r.problems:
                        print(f"ferrocpy test --refleaks: FAILED: {p}", file=sys.stderr)
            r = results[test]
            port_ok = port_ok and r.ok
            measured = measured and r.measured
            refs += r.leaks.get("references", 0)
            blocks += r.leaks.get("memory blocks", 0)
        verdict = "ok" if port_ok else "FAILED"
        figures = (f"{refs} leaked references, {blocks} leaked memory blocks" if measured
                   else "leaks not measured (regrtest did not run to the end)")
        print(f"refleaks: {port} ({', '.join(tests)}): {figures}: {verdict}", flush=True)
    print(f"{passed} passed, {failed} failed, {skipped} skipped", flush=True)
    return 0 if failed == 0 else 1


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m ferrocpy.refleaks", description=__doc__.split("\n\n")[0])
    ap.add_argument("modules", nargs="+", metavar="MODULE")
    ap.add_argument("--python", metavar="PATH", help="debug interpreter with ferrocpy installed")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    return run(a.modules, python=a.python, verbose=a.verbose)


if __name__ == "__main__":
    sys.exit(main())
