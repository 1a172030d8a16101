"""Loads `ferrocpy._clinic_mirror`, building it with cargo for the running interpreter when it
is not installed (used by the tests and by benchmarks/bench_clinic.py; no pytest needed)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Unavailable(RuntimeError):
    pass


def build_mirror():
    try:
        from ferrocpy import _clinic_mirror

        return _clinic_mirror
    except ImportError:
        pass
    if shutil.which("cargo") is None:
        raise Unavailable("ferrocpy._clinic_mirror is not installed and cargo is not available")
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    tag = suffix.strip(".").replace(".so", "").replace(".", "-")
    target = ROOT / "target" / f"clinic-{tag}"
    env = dict(os.environ, FERROCPY_PYTHON=sys.executable, CARGO_TARGET_DIR=str(target))
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "-p", "ferrocpy-clinic-mirror"],
        cwd=ROOT, env=env, check=True,
    )
    lib = target / "release" / "lib_clinic_mirror.so"
    dest = target / "load" / f"_clinic_mirror{suffix}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    # Never rewrite a loaded library in place (another process may have it mapped): copy to a
    # new file and rename it over the old one, and only when the build changed it.
    if not dest.exists() or dest.read_bytes() != lib.read_bytes():
        tmp = dest.with_name(f"{dest.name}.{os.getpid()}.tmp")
        shutil.copy2(lib, tmp)
        os.replace(tmp, dest)
    spec = importlib.util.spec_from_file_location("_clinic_mirror", dest)
    module = importlib.util.module_from_spec(spec)
    sys.modules["_clinic_mirror"] = module
    spec.loader.exec_module(module)
    return module
