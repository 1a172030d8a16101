"""``ferrocpy test``: CPython's own regression tests, run against the Rust ports.

For each port named, the test modules its declaration lists (:func:`port_tests`) are taken from the ``test`` package
of the interpreter that runs them and executed with :mod:`unittest`, one child process per test
module, with ``FERROCPY_ACTIVATE`` naming every requested port. Each child first checks that
importing the port's module name (plainly and through ``import_fresh_module``) really gives the
port's file, and afterwards reports how many imports the activation finder served; a port that
was not loaded counts as a failure, so a run that silently used the C module cannot pass. A child
that crashes counts as a failure too.

The summary ends with exactly one line ``N passed, N failed, N skipped``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field


def port_tests() -> dict[str, list[str]]:
    """Port (the C module's name) -> CPython test modules that exercise it, for the ports
    installed for this interpreter. Each port declares them in its own ``Cargo.toml``
    (``[package.metadata.ferrocpy.port] tests``); the build records them in ``ports.json``."""
    from .activation import registry

    return {name: list(info["tests"]) for name, info in registry().items()}

RESULT_TAG = "@@ferrocpy-test-result@@ "

# Runs in the child, with FERROCPY_ACTIVATE set: argv = [test module, port...].
_CHILD = r"""
import importlib, json, os, sys, unittest
test_name, ports = sys.argv[1], sys.argv[2:]
report = {"ports": {}, "problems": []}
try:
    from ferrocpy import activation
except ImportError as e:
    print(%(tag)r + json.dumps({"fatal": "ferrocpy is not installed for %%s: %%s" %% (sys.executable, e)}))
    sys.exit(3)
if sorted(set(ports) - set(activation.active())):
    activation._activate_from_env()  # no .pth hook (e.g. sources on PYTHONPATH)
from test.support import import_helper
for name in ports:
    try:
        origin = activation.port_file(name)
    except Exception as e:
        report["problems"].append("%%s: %%s" %% (name, e))
        continue
    mod = importlib.import_module(name)
    fresh = import_helper.import_fresh_module(name, fresh=[name])
    for how, m in (("import", mod), ("import_fresh_module", fresh)):
        f = getattr(m, "__file__", None)
        if f != origin:
            report["problems"].append("%%s: %%s gave %%r, not the port %%s" %% (name, how, f, origin))
    report["ports"][name] = origin
before = activation.served()

class Result(unittest.TextTestResult):
    pass

loader = unittest.TestLoader()
try:
    suite = loader.loadTestsFromName("test." + test_name)
except Exception as e:
    report["problems"].append("cannot load test.%%s: %%s: %%s" %% (test_name, type(e).__name__, e))
    suite = unittest.TestSuite()
verbosity = int(os.environ.get("FERROCPY_TEST_VERBOSITY", "1"))
runner = unittest.TextTestRunner(stream=sys.stderr, verbosity=verbosity, resultclass=Result)
res = runner.run(suite)
after = activation.served()
report["served"] = {n: after.get(n, 0) - before.get(n, 0) for n in ports}
if activation.PortFinder not in sys.meta_path:
    report["problems"].append("the activation finder was removed from sys.meta_path during the run")
for name, origin in report["ports"].items():
    for key, m in list(sys.modules.items()):
        if getattr(m, "__name__", None) == name and getattr(m, "__file__", None) != origin:
            report["problems"].append("%%s: sys.modules[%%r] is %%r, not the port" %% (name, key, m))
def _test_id(t):
    # A failing subTest is reported once per failing subtest; count the test that owns it once.
    return getattr(t, "test_case", t).id()
failed_ids = {_test_id(t) for t, _ in res.failures + res.errors} | {_test_id(t) for t in res.unexpectedSuccesses}
skipped_ids = {_test_id(t) for t, _ in res.skipped} - failed_ids
failed, skipped = len(failed_ids), len(skipped_ids)
report.update(run=res.testsRun, failed=failed, skipped=skipped, passed=res.testsRun - failed - skipped)
print(%(tag)r + json.dumps(report))
""" % {"tag": RESULT_TAG}


@dataclass
class Outcome:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped"


def tests_for(ports: list[str]) -> list[str]:
    """The test modules for ``ports``, in order, without duplicates; ValueError for an unknown
    port."""
    out: list[str] = []
    table = port_tests()
    for p in ports:
        if p not in table:
            known = ", ".join(sorted(table)) or "none built for this interpreter"
            raise ValueError(f"no CPython tests are known for {p!r} (known ports: {known})")
        for t in table[p]:
            if t not in out:
                out.append(t)
    return out


def run_one(python: str, test_name: str, ports: list[str], verbose: bool = False) -> Outcome:
    """Runs one CPython test module in a child interpreter with ``ports`` activated."""
    env = dict(os.environ)
    env["FERROCPY_ACTIVATE"] = ",".join(ports)
    env["FERROCPY_TEST_VERBOSITY"] = "2" if verbose else "1"
    proc = subprocess.run(
        [python, "-X", "faulthandler", "-c", _CHILD, test_name, *ports],
        env=env,
        stdout=subprocess.PIPE,
        stderr=None,  # unittest's report goes straight to the terminal
        text=True,
    )
    report = None
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_TAG):
            report = json.loads(line[len(RESULT_TAG):])
        else:
            print(line)
    out = Outcome()
    if report is None:
        out.failed = 1
        out.problems.append(f"{test_name}: the test process died (exit status {proc.returncode}) without a report")
        return out
    if "fatal" in report:
        out.failed = 1
        out.problems.append(report["fatal"])
        return out
    out.passed, out.failed, out.skipped = report["passed"], report["failed"], report["skipped"]
    out.problems.extend(f"{test_name}: {p}" for p in report["problems"])
    served = ", ".join(f"{n} x{c}" for n, c in sorted(report.get("served", {}).items()))
    for name, origin in sorted(report["ports"].items()):
        print(f"ferrocpy test: {test_name}: {name} is the port {origin}", file=sys.stderr)
    print(f"ferrocpy test: {test_name}: imports served by the port during the run: {served}", file=sys.stderr)
    if out.problems:
        out.failed += len(out.problems)
    if proc.returncode not in (0, 1) and not out.failed:
        out.failed = 1
        out.problems.append(f"{test_name}: the test process exited with status {proc.returncode}")
    return out


def run(ports: list[str], python: str | None = None, verbose: bool = False) -> int:
    """``ferrocpy test``: returns the exit status (0 only when nothing failed)."""
    python = python or sys.executable
    try:
        names = tests_for(ports)
    except ValueError as e:
        print(f"ferrocpy test: {e}", file=sys.stderr)
        return 2
    total = Outcome()
    for test_name in names:
        print(f"== {test_name} ({python}, ports: {', '.join(ports)})", file=sys.stderr, flush=True)
        o = run_one(python, test_name, ports, verbose)
        total.passed += o.passed
        total.failed += o.failed
        total.skipped += o.skipped
        total.problems.extend(o.problems)
    for p in total.problems:
        print(f"ferrocpy test: FAILED: {p}", file=sys.stderr)
    sys.stderr.flush()
    print(total.line(), flush=True)
    return 0 if total.failed == 0 else 1
