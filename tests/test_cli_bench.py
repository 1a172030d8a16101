"""`ferrocpy bench`: finds a checkout's suites or the ones installed with ferrocpy, rejects unknown
ones with one line, and draws its comparison as a PNG chart."""

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
    r = bench("nope", cwd=tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_module_names_select_their_suites():
    """`ferrocpy bench _json` (the issues' spelling) runs the json suite; `_bisect` and `heapq`
    the bisect_heapq suite, `_base64` binascii's."""
    from ferrocpy.bench import _suite_of

    known = ["binascii", "bisect_heapq", "calls", "json", "zlib"]
    assert [_suite_of(n, known) for n in ("_json", "json", "_bisect", "heapq", "_base64", "zlib")] == [
        "json", "json", "bisect_heapq", "bisect_heapq", "binascii", "zlib"]
    assert _suite_of("_nope", known) is None


def test_interleaved_runner(tmp_path):
    """`--interleaved` runs a suite's alternating-batch runner with the case names given after
    `--`, and refuses a suite that has none in one line."""
    import os

    env = dict(os.environ, FERROCPY_BENCH_ROUNDS="2", FERROCPY_BENCH_BATCH="0.001")
    r = subprocess.run([sys.executable, "-m", "ferrocpy.cli", "bench", "--dir", str(ROOT / "benchmarks"),
                        "_json", "--interleaved", "--", "small loads"],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    rows = [line for line in r.stdout.splitlines() if line.startswith("| small loads |")]
    assert len(rows) == 1 and len(rows[0].split("|")) == 7, r.stdout
    r = bench("--dir", str(ROOT / "benchmarks"), "calls", "--interleaved")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "no interleaved runner for calls" in r.stderr


def test_interleaved_bisect_heapq_runner():
    """The `_bisect`/`_heapq` runner times the sweep's small-n cases, C and port alternating,
    and filters them by name."""
    import os

    env = dict(os.environ, FERROCPY_BENCH_ROUNDS="2", FERROCPY_BENCH_BATCH="0.001")
    r = subprocess.run([sys.executable, "-m", "ferrocpy.cli", "bench", "--dir", str(ROOT / "benchmarks"),
                        "_heapq", "--interleaved", "--", "heappush n=", "insort_left key n=1"],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    rows = [line.split("|")[1].strip() for line in r.stdout.splitlines() if line.startswith("| _")]
    # a name filter is a substring: "n=1" also selects n=10
    assert rows == ["_bisect.insort_left key n=1", "_bisect.insort_left key n=10", "_heapq.heappush n=0",
                    "_heapq.heappush n=1", "_heapq.heappush n=10"], r.stdout
    for line in r.stdout.splitlines():
        if line.startswith("| _"):
            cells = [c.strip() for c in line.split("|")[1:-1]]
            assert len(cells) == 5 and all(float(c.split()[0]) > 0 for c in cells[1:]), line


def test_suites_installed_with_ferrocpy(tmp_path):
    """Outside a checkout the suites come with the installed package (ferrocpy/_benchmarks,
    [tool.ferrocpy.shipped]); an editable or in-tree ferrocpy has the checkout's instead."""
    import ferrocpy

    pkg = Path(ferrocpy.__file__).resolve().parent
    installed = pkg / "_benchmarks"
    r = bench(cwd=tmp_path)
    if not installed.is_dir():
        assert (pkg.parents[1] / "benchmarks").is_dir(), "neither installed suites nor a checkout"
        return
    assert r.returncode == 0, r.stderr
    assert {"calls", "binascii", "bisect_heapq", "zlib"} <= set(r.stdout.split()[1:])
    assert (installed / "report.py").is_file()
    for f in [*installed.glob("bench_*.py"), *installed.glob("interleaved_*.py")]:
        assert f.read_bytes() == (ROOT / "benchmarks" / f.name).read_bytes(), f.name


def _suite(path: Path) -> None:
    import pyperf

    benches = []
    for name, values in [("hexlify 64 B [C]", [2e-7, 2e-7]), ("hexlify 64 B [ferrocpy]", [1e-7, 1e-7]),
                         ("crc32 1 MiB [C]", [4e-4, 4e-4]), ("crc32 1 MiB [ferrocpy]", [2e-5, 2e-5])]:
        run = pyperf.Run(values, metadata={"name": name, "loops": 1}, collect_metadata=False)
        benches.append(pyperf.Benchmark([run]))
    pyperf.BenchmarkSuite(benches).dump(str(path))


def test_report_table_and_png_chart(tmp_path):
    pytest = __import__("pytest")
    pytest.importorskip("pyperf")
    suite = tmp_path / "r.json"
    _suite(suite)
    png = tmp_path / "chart.png"
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "report.py"), str(suite), "--png", str(png)],
                       capture_output=True, text=True)
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert r.returncode != 0 and "needs matplotlib" in r.stderr and not png.exists()
        return
    assert r.returncode == 0, r.stderr
    assert "| hexlify 64 B | ferrocpy |" in r.stdout and "| 0.50 |" in r.stdout
    assert "| crc32 1 MiB | ferrocpy |" in r.stdout and "| 0.05 |" in r.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
