"""Shared by the callgrind benchmark scripts: the instructions valgrind's callgrind counts for
running a Python program, and the per-iteration figure from N and 2N iterations of a loop."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def instructions(code: str) -> int:
    """Total instructions of `python -c code` under callgrind (PYTHONHASHSEED=0, so that
    string hashing, and with it dict probing, is the same in every run)."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", code],
            check=True, capture_output=True, env=dict(os.environ, PYTHONHASHSEED="0"),
        )
        return int(re.search(r"^summary: (\d+)", Path(out).read_text(), re.M).group(1))


def loop(setup: str, stmt: str, n: int) -> str:
    """A program that runs `stmt` n times in a function's loop after `setup`."""
    return f"{setup}\ndef run():\n    for _ in range({n}):\n        {stmt}\nrun()\n"


def per_iteration(setup: str, stmt: str, n: int) -> float:
    """Instructions of one iteration: (count of 2n iterations - count of n) / n."""
    return (instructions(loop(setup, stmt, 2 * n)) - instructions(loop(setup, stmt, n))) / n
