"""`ferrocpy bench`: finds a checkout's suites, rejects unknown ones with one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ferrocpy.cli", "bench", *args], capture_output=True, text=True, cwd=cwd)


def test_lists_suites():
    r = bench("--dir", str(ROOT / "benchmarks"))
    assert r.returncode == 0
    assert {"calls", "binascii", "bisect_heapq"} <= set(r.stdout.split()[1:])


def test_unknown_suite_is_one_line(tmp_path):
    r = bench("nope")
    assert r.returncode == 2
    assert r.stderr.strip().startswith("ferrocpy bench: unknown suite(s) nope; known:")
    r = bench("calls", cwd=tmp_path, )
    # Outside a checkout (and not an editable install next to one) there is nothing to run.
    if not (Path(__import__("ferrocpy").__file__).resolve().parents[2] / "benchmarks").is_dir():
        assert r.returncode == 2 and "no benchmarks/ directory found" in r.stderr
