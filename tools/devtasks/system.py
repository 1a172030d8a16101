"""System prerequisites: Debian packages, toolchains, interpreters."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import sid
from .log import step, warn

PROJECT = Path(__file__).resolve().parents[2]
PYENV_ROOT = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
MINORS = ("3.10", "3.11", "3.12", "3.13")
DEBUG_PYTHON = Path("/usr/bin/python3.11d")
DEBUG_PACKAGES = ("python3.11-dbg", "python3.11-venv", "libpython3.11-testsuite")

_apt_updated = False


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(packages: list[str]) -> bool:
    """Installs missing Debian packages when root; returns whether they are all present."""
    global _apt_updated
    missing = [p for p in packages if subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True
    ).stdout.strip() != "install ok installed"]
    if not missing:
        return True
    if not _is_root() or shutil.which("apt-get") is None:
        warn(f"missing Debian packages {' '.join(missing)} (run as root, or install them)")
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not _apt_updated:
        step("apt-get update")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        _apt_updated = True
    step(f"apt-get install {' '.join(missing)}")
    r = subprocess.run(["apt-get", "install", "-y", "-qq", *missing], env=env)
    return r.returncode == 0


# The library bindgen loads: libclang.so, libclang.so.N or libclang-N.so[.M] (not libclang-cpp,
# a different library that LLVM's runtime packages install without libclang itself).
_LIBCLANG_NAME = re.compile(r"libclang(-[0-9][0-9.]*)?\.so(\.[0-9]+)*")


def have_libclang() -> bool:
    if os.environ.get("LIBCLANG_PATH"):
        return True
    dirs = ("/usr/lib/llvm-*/lib", "/usr/lib/x86_64-linux-gnu")
    names = (Path(p).name for d in dirs for p in glob.glob(f"{d}/libclang*.so*"))
    return any(_LIBCLANG_NAME.fullmatch(n) for n in names)


def ensure_toolchain() -> None:
    if shutil.which("cargo") is None:
        raise SystemExit("dev.py: cargo not found: install Rust (rustup) first")
    if not have_libclang():
        apt_install(["libclang-dev"])
    if not have_libclang():
        raise SystemExit("dev.py: libclang not found: apt-get install libclang-dev")


@dataclass(frozen=True)
class Interpreter:
    name: str  # e.g. cp311, cp311d, cp315
    path: Path  # as seen by the interpreter (inside the unstable root for 3.14/3.15)
    debug: bool = False
    # Script that runs a command inside the unstable root (sid.launcher); None on the host.
    launcher: Path | None = None

    def wrap(self, cmd: list[str]) -> list[str]:
        """`cmd` as run where this interpreter lives."""
        return [str(self.launcher), *cmd] if self.launcher else cmd


def pyenv_interpreter(minor: str) -> Path | None:
    candidates = sorted(
        PYENV_ROOT.glob(f"versions/{minor}.*/bin/python{minor}"),
        key=lambda p: [int(x) for x in p.parent.parent.name.split(".") if x.isdigit()],
    )
    return candidates[-1] if candidates else None


def interpreters(with_debug: bool, with_newest: bool = True) -> list[Interpreter]:
    """pyenv's 3.10-3.13, Debian's debug 3.11, and 3.14/3.15 (release and debug) from the
    unstable root (see sid.py)."""
    found = []
    for minor in MINORS:
        path = pyenv_interpreter(minor)
        if path is None:
            warn(f"CPython {minor} not found under {PYENV_ROOT}; skipped")
            continue
        found.append(Interpreter(f"cp{minor.replace('.', '')}", path))
    if with_debug and apt_install(list(DEBUG_PACKAGES)) and DEBUG_PYTHON.exists():
        found.append(Interpreter("cp311d", DEBUG_PYTHON, debug=True))
    if with_newest and sid.ensure_root(apt_install) is not None:
        run = sid.launcher(PROJECT)
        for name, exe, debug in sid.interpreter_paths(with_debug):
            found.append(Interpreter(name, Path(exe), debug=debug, launcher=run))
    return found


def default_interpreter() -> Interpreter:
    path = pyenv_interpreter("3.11")
    if path is None:
        import sys

        return Interpreter(f"cp{sys.version_info[0]}{sys.version_info[1]}", Path(sys.executable))
    return Interpreter("cp311", path)
