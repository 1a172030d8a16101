"""The main job's show: run tools/demo_show.py in the built environment."""

from __future__ import annotations

from .envs import ROOT, Env
from .log import step


def run(env: Env) -> int:
    step(f"{env.interp.name}: Rust modules beside their C and Python counterparts")
    return env.run(ROOT / "tools" / "demo_show.py", check=False).returncode
