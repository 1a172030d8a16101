"""Progress output: one line per step, on stderr so that test output stays clean."""

from __future__ import annotations

import sys
import time

_start = time.monotonic()


def step(msg: str) -> None:
    print(f"[dev {time.monotonic() - _start:6.0f}s] {msg}", file=sys.stderr, flush=True)


def warn(msg: str) -> None:
    print(f"[dev] warning: {msg}", file=sys.stderr, flush=True)
