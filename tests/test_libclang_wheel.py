"""libclang without root (issue 15 item 3): with the system's libclang hidden (Debian's
/usr/lib/llvm-* and /usr/lib/<arch>/libclang-*.so*, covered by empty mounts in a private mount
namespace), the backend finds the
libclang of the `libclang` wheel from PyPI and bindgen generates cpython-sys's bindings with it;
without the wheel either, the build stops with one line naming the fix.

One interpreter (the host's 3.11 release build) and root (for the mount namespace) are needed;
the wheel (24 MB) is downloaded once into target/libclang-wheel/. About 10 s with warm caches."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "python"
CACHE = ROOT / "target" / "libclang-wheel"
VERSION = "18.1.1"

pytestmark = pytest.mark.skipif(
    sys.version_info[:2] != (3, 11) or hasattr(sys, "gettotalrefcount") or not sys.platform.startswith("linux")
    or os.geteuid() != 0 or shutil.which("unshare") is None,
    reason="needs root and unshare (to hide the system libclang); run on the host's 3.11 release build only",
)

# Runs inside the namespace: argv = [src, site-with-the-wheel's-clang, cargo target dir].
CHILD = r"""
import json, os, subprocess, sys, uuid
src, site, target = sys.argv[1:4]
sys.path.insert(0, src)
from ferrocpy.build import hooks, toolchain
from ferrocpy.build.errors import BuildError
out = {"system": toolchain._system_libclang()}
try:
    toolchain.libclang_env()
    out["without_wheel"] = None
except BuildError as e:
    out["without_wheel"] = str(e.code)
out["requires_without_wheel"] = hooks._requires()
sys.path.insert(0, site)
env = toolchain.libclang_env()
out["env"] = env
e = dict(os.environ, **env, FERROCPY_PYTHON=sys.executable, CARGO_TARGET_DIR=target)
# A new define each run makes bindgen (which tracks BINDGEN_EXTRA_CLANG_ARGS) generate again.
e["BINDGEN_EXTRA_CLANG_ARGS"] = e.get("BINDGEN_EXTRA_CLANG_ARGS", "") + " -DFERROCPY_RUN_" + uuid.uuid4().hex
r = subprocess.run(["cargo", "build", "--release", "-p", "cpython-sys"], cwd=os.path.dirname(src), env=e,
                   capture_output=True, text=True)
out["rc"] = r.returncode
out["stderr"] = r.stderr[-4000:]
print(json.dumps(out))
"""


def _wheel_site() -> Path:
    """The wheel's `clang` package unpacked into a directory of its own (downloaded once)."""
    site = CACHE / "site"
    if (site / "clang" / "native" / "libclang.so").is_file():
        return site
    CACHE.mkdir(parents=True, exist_ok=True)
    wheels = sorted(CACHE.glob(f"libclang-{VERSION}-*.whl"))
    if not wheels:
        r = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
                            "-d", str(CACHE), f"libclang=={VERSION}"], capture_output=True, text=True)
        wheels = sorted(CACHE.glob(f"libclang-{VERSION}-*.whl"))
        if r.returncode != 0 or not wheels:
            pytest.skip(f"the libclang wheel could not be downloaded: {r.stderr.strip()[-300:]}")
    tmp = CACHE / "site.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    with zipfile.ZipFile(wheels[-1]) as zf:
        for name in zf.namelist():
            if "/platlib/clang/" in name:
                dest = tmp / name.split("/platlib/", 1)[1]
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(zf.read(name))
    shutil.rmtree(site, ignore_errors=True)
    tmp.rename(site)
    return site


def test_bindings_build_with_the_libclang_wheel_and_no_system_libclang():
    site = _wheel_site()
    # Empty directories over the LLVM trees, empty files over any other libclang.
    hide = [f"mount -t tmpfs none {d} &&" for d in sorted(map(str, Path("/usr/lib").glob("llvm-*")))]
    hide += [f"mount --bind /dev/null {f} &&" for f in sorted(map(str, Path("/usr/lib").glob("*/libclang*.so*")))
             if Path(f).is_file() and not Path(f).is_symlink()]
    hide = " ".join(hide)
    cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c",
           f'{hide} exec "$0" -c "$1" "$2" "$3" "$4"', sys.executable, CHILD, str(SRC), str(site),
           str(ROOT / "target" / "libclang-e2e")]
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["system"] is False, "the system libclang is still visible"
    assert out["without_wheel"] == (
        "ferrocpy.build: error: libclang not found (bindgen needs it): pip install libclang (no root needed), "
        "or apt-get install libclang-dev, or set LIBCLANG_PATH to the directory of libclang.so"
    )
    assert "libclang>=16" in out["requires_without_wheel"]
    assert out["env"]["LIBCLANG_PATH"] == str(site / "clang" / "native")
    assert "-idirafter " in out["env"]["BINDGEN_EXTRA_CLANG_ARGS"]
    assert out["rc"] == 0, out["stderr"]
    assert "Compiling cpython-sys" in out["stderr"], out["stderr"]
