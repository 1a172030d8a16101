"""The size sweep (`ferrocpy bench --sweep`, issue 16) runs from an installed ferrocpy: its quick
mode (two sizes, one round, tiny loops) over every function, table and summary printed. No
timing is checked: the figures of such a run mean nothing."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ferrocpy.cli", "bench", "--sweep", *args],
                          capture_output=True, text=True, timeout=300)


def test_quick_sweep_covers_every_function(tmp_path):
    pytest.importorskip("ferrocpy.ports.binascii")
    from ferrocpy import bench_callgrind

    png = tmp_path / "sweep.png"
    r = run("--quick", "--png", str(png))
    assert r.returncode == 0, r.stderr
    rows = [line.split("|")[1:-1] for line in r.stdout.splitlines()
            if line.startswith("| ") and not line.startswith("| function")]
    functions = {cells[0].strip().split()[0] for cells in rows}
    for module in ("binascii", "_bisect", "_heapq"):
        for fn in bench_callgrind.public_functions(module):
            assert f"{module}.{fn}" in functions
    assert "_base64.standard_b64encode" in functions
    for cells in rows:
        assert re.fullmatch(r" \d+\.\d\d ", cells[-1]), cells  # a ratio in every row
    assert re.search(rf"^{len(rows)} cases, \d+ with the port slower", r.stdout, re.M)
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "matplotlib is not installed" in r.stderr and not png.exists()
    else:
        assert png.stat().st_size > 0


def test_only_filters():
    pytest.importorskip("ferrocpy.ports.binascii")
    r = run("--quick", "--only", r"^binascii\.crc32$")
    assert r.returncode == 0, r.stderr
    rows = [line for line in r.stdout.splitlines() if line.startswith("| binascii")]
    assert rows and all(line.startswith("| binascii.crc32 |") for line in rows)
