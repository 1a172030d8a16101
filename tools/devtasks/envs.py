"""One virtual environment per interpreter, with ferrocpy and the demo project installed."""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .log import step
from .system import Interpreter

ROOT = Path(__file__).resolve().parents[2]
TEST_REQUIREMENTS = ROOT / "tools" / "requirements-test.txt"
# matplotlib, for the tests of the benchmark charts (`ferrocpy bench --png`, `--sweep --png`):
# installed for one release interpreter only (it has wheels there; debug builds would compile it).
CHART_REQUIREMENTS = ROOT / "tools" / "requirements-charts.txt"
CHART_INTERPRETER = "cp311"


@dataclass(frozen=True)
class Env:
    interp: Interpreter
    path: Path

    @property
    def inner_python(self) -> Path:
        """The environment's interpreter, as seen where it runs."""
        return self.path / "bin" / "python"

    @property
    def python(self) -> Path:
        """A host-side command for the environment's interpreter (for 3.14/3.15, a script that
        runs it inside the unstable root)."""
        if self.interp.launcher:
            return self.path.parent / f"{self.path.name}.python"
        return self.inner_python

    def bin(self, name: str) -> Path:
        return self.path / "bin" / name

    def run(self, *args: str | Path, check: bool = True, **kw) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.python), *map(str, args)], check=check, **kw)


def build_env() -> dict[str, str]:
    """Environment for builds: one cargo target directory per interpreter, shared by ferrocpy
    and the example project so the bindings and the safe layer compile once; ferrocpy's
    test-only modules included."""
    env = dict(os.environ)
    env.setdefault("FERROCPY_TARGET_DIR", str(ROOT / "target" / "ferrocpy"))
    # The test suite imports the test-only modules (ferrocpy._selftest, ferrocpy._clinic_mirror),
    # which production wheels leave out.
    env["FERROCPY_TEST_MODULES"] = "1"
    return env


def ensure_env(interp: Interpreter) -> Env:
    env = Env(interp, ROOT / ".venv" / interp.name)
    if not env.inner_python.exists():
        step(f"{interp.name}: creating virtual environment {env.path.relative_to(ROOT)}")
        subprocess.run(interp.wrap([str(interp.path), "-m", "venv", str(env.path)]), check=True)
    if interp.launcher:
        script = f'#!/bin/sh\nexec "{interp.launcher}" "{env.inner_python}" "$@"\n'
        if not env.python.exists() or env.python.read_text() != script:
            env.python.write_text(script)
            env.python.chmod(0o755)
    wanted = hashlib.sha256(TEST_REQUIREMENTS.read_bytes()).hexdigest()
    marker = env.path / ".ferrocpy-test-requirements"
    if not marker.exists() or marker.read_text() != wanted:
        step(f"{interp.name}: installing test tools ({TEST_REQUIREMENTS.name})")
        env.run("-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", TEST_REQUIREMENTS)
        marker.write_text(wanted)
    if interp.name == CHART_INTERPRETER:
        wanted = hashlib.sha256(CHART_REQUIREMENTS.read_bytes()).hexdigest()
        marker = env.path / ".ferrocpy-chart-requirements"
        if not marker.exists() or marker.read_text() != wanted:
            step(f"{interp.name}: installing chart tools ({CHART_REQUIREMENTS.name})")
            env.run("-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", CHART_REQUIREMENTS)
            marker.write_text(wanted)
    return env


def install_projects(env: Env) -> None:
    """Builds and installs ferrocpy and the example project for this interpreter (cargo only
    recompiles what changed)."""
    pip = ("-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-build-isolation", "--no-deps")
    step(f"{env.interp.name}: pip install . (compiles the Rust crates for {env.interp.path})")
    env.run(*pip, "--force-reinstall", ROOT, env=build_env())
    step(f"{env.interp.name}: pip install ./examples/seed_demo")
    env.run(*pip, "--force-reinstall", ROOT / "examples" / "seed_demo", env=build_env())
