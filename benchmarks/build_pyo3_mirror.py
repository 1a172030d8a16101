"""Builds benchmarks/pyo3_mirror with maturin into a throwaway venv and runs the clinic
benchmark there (PyO3 is never a ferrocpy dependency; nothing is written to the source tree).

    python benchmarks/build_pyo3_mirror.py [VENV_DIR] [-- pyperf options]

VENV_DIR defaults to a temporary directory. The venv gets maturin, pyperf and the PyO3 module;
the benchmark then runs with that venv's interpreter (same CPython as the one running this).
When the running interpreter has ferrocpy installed (e.g. .venv/cp311/bin/python), its
site-packages is passed on, so the installed ports are measured too."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    extra: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    root = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="pyo3-bench-"))
    venv.create(root, with_pip=True, clear=True)
    py = root / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "-q", "maturin>=1.5,<2", "pyperf"], check=True)
    env = dict(os.environ, CARGO_TARGET_DIR=str(root / "cargo-target"))
    subprocess.run([py, "-m", "pip", "install", "-q", str(HERE / "pyo3_mirror")], check=True, env=env)
    return subprocess.call([py, str(HERE / "bench_clinic.py"), *_site_args(), *extra])


def _site_args() -> list[str]:
    """`--site DIR` when the interpreter running this has ferrocpy installed (its ports and
    clinic mirror are then benchmarked from there instead of a fresh mirror build)."""
    try:
        import ferrocpy
    except ImportError:
        return []
    pkg = Path(ferrocpy.__file__).resolve().parent
    if not (pkg / "ports").is_dir():
        return []
    return ["--site", str(pkg.parent)]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
