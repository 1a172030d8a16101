"""The refleak runner (ferrocpy.refleaks) recognises regrtest's verdicts, and a real leak.

The runner itself runs in CI as its own step on the debug build (dev.py: `ferrocpy test
--refleaks`); these tests show that it cannot report a leaking module as clean."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from ferrocpy import refleaks
from workloads import IS_DEBUG_BUILD

LEAKY = textwrap.dedent(
    """
    import unittest
    _keep = []
    class T(unittest.TestCase):
        def test_leak(self):
            _keep.append(object())
    """
)


def test_clean_output_passes():
    out = "beginning 6 repetitions\n123456\n......\n\n== Tests result: SUCCESS ==\n\nTests result: SUCCESS\n"
    r = refleaks.parse("test_bisect", out, 0)
    assert r.ok and r.measured and r.leaks == {}


def test_missing_verdict_fails():
    r = refleaks.parse("test_bisect", "Fatal Python error: Segmentation fault\n", -11)
    assert not r.ok and not r.measured


def test_leak_lines_are_summed_per_kind():
    out = (
        "test_heapq leaked [1, 1, 1] references, sum=3\n"
        "test_heapq leaked [2, 2, 2] memory blocks, sum=6\n"
        "test_heapq failed (reference leak)\nTests result: FAILURE\n"
    )
    r = refleaks.parse("test_heapq", out, 2)
    assert r.leaks == {"references": 3, "memory blocks": 6}
    assert not r.ok
    assert "test_heapq: leaked 3 references" in r.problems


def test_deltas_regrtest_calls_fine_are_not_leaks():
    # regrtest (3.13+) prints deltas where not every counted run grew, marked "(this is fine)",
    # and passes the test; only all-positive deltas are leaks, by its rule.
    out = (
        "test_base64 leaked [13, 0, 0] references, sum=13 (this is fine)\n"
        "test_base64 leaked [9, 0, 0] memory blocks, sum=9 (this is fine)\n"
        "== Tests result: SUCCESS ==\n"
    )
    r = refleaks.parse("test_base64", out, 0)
    assert r.ok and r.leaks == {}
    assert r.noise == ["references [13, 0, 0]", "memory blocks [9, 0, 0]"]
    # The same rule without the suffix (older regrtest would not print it; a parser must not
    # count it either way), and an all-positive line counts whatever follows it.
    r = refleaks.parse("test_x", "test_x leaked [4, 0, 1] references, sum=5\nTests result: SUCCESS\n", 0)
    assert r.ok and r.leaks == {}
    r = refleaks.parse("test_x", "test_x leaked [1, 2, 1] references, sum=4\nTests result: FAILURE\n", 2)
    assert not r.ok and r.leaks == {"references": 4}


@pytest.mark.skipif(not IS_DEBUG_BUILD, reason="regrtest -R needs a debug build")
def test_real_regrtest_leak_is_reported(tmp_path):
    (tmp_path / "test_ferrocpy_leaky.py").write_text(LEAKY)
    proc = subprocess.run(
        [sys.executable, "-m", "test", "--testdir", str(tmp_path), "-R", refleaks.RUNS, "test_ferrocpy_leaky"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    r = refleaks.parse("test_ferrocpy_leaky", proc.stdout, proc.returncode)
    assert r.measured
    assert r.leaks.get("references", 0) >= 3, proc.stdout
    assert not r.ok


def test_non_debug_interpreter_is_refused():
    if IS_DEBUG_BUILD:
        pytest.skip("this interpreter is a debug build")
    r = refleaks.run_one(sys.executable, "test_bisect", [])
    assert not r.ok
    assert "not a debug build" in r.problems[0]
