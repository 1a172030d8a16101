"""The main job's show: run tools/demo_show.py in the built environment."""

from __future__ import annotations

import os

from .envs import ROOT, Env
from .log import step


def run(env: Env) -> int:
    step(f"{env.interp.name}: Rust modules beside their C and Python counterparts")
    # The deliberate panic prints Rust's one-line panic message; no backtrace needed for a demo.
    e = {k: v for k, v in os.environ.items() if k != "RUST_BACKTRACE"}
    return env.run(ROOT / "tools" / "demo_show.py", check=False, env=e).returncode
