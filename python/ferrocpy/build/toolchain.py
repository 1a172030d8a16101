"""Checks for what compiling needs: cargo and libclang (for bindgen)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

from .errors import BuildError

_LIBCLANG_GLOBS = (
    "/usr/lib/llvm-*/lib/libclang*.so*",
    "/usr/lib/x86_64-linux-gnu/libclang*.so*",
    "/usr/lib/aarch64-linux-gnu/libclang*.so*",
    "/usr/lib64/libclang*.so*",
    "/usr/lib/libclang*.so*",
    "/usr/local/lib/libclang*.so*",
)


def find_cargo() -> str:
    cargo = os.environ.get("CARGO") or shutil.which("cargo")
    if cargo is None:
        home_cargo = Path.home() / ".cargo" / "bin" / "cargo"
        if home_cargo.is_file():
            return str(home_cargo)
        raise BuildError(
            "cargo not found: install Rust (rustup, or your distribution's 'cargo' package) "
            "and make sure 'cargo' is on PATH"
        )
    return cargo


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[0] if lines else "no output"


def check_rust_toolchain() -> None:
    """cargo and rustc must run (a rustup install without a default toolchain has both commands
    but neither works); otherwise one line says what is missing and how to get it."""
    cargo = find_cargo()
    rustc = os.environ.get("RUSTC") or shutil.which("rustc")
    if rustc is None and Path(cargo).with_name("rustc").is_file():
        rustc = str(Path(cargo).with_name("rustc"))
    if rustc is None:
        raise BuildError(
            "rustc not found: install Rust (rustup, or your distribution's 'rustc' package) "
            "and make sure 'rustc' is on PATH"
        )
    for tool in (cargo, rustc):
        try:
            r = subprocess.run([tool, "--version"], capture_output=True, text=True)
        except OSError as e:
            raise BuildError(f"cannot run {tool} ({e}): install Rust and put cargo and rustc on PATH") from None
        if r.returncode != 0:
            raise BuildError(
                f"{tool} --version failed: {_first_line(r.stderr or r.stdout)} "
                "(with rustup: rustup default stable)"
            )


def _wheel_libclang() -> Path | None:
    """The directory of the libclang of the 'libclang' wheel from PyPI (``clang/native``), if that
    wheel is importable here (also from pip's isolated build environment) or installed in this
    interpreter's site-packages."""
    import importlib.util

    bases: list[Path] = []
    try:
        spec = importlib.util.find_spec("clang")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        bases += [Path(p).parent for p in spec.submodule_search_locations]
    paths = sysconfig.get_paths()
    bases += [Path(p) for p in (paths.get("purelib"), paths.get("platlib")) if p]
    for base in bases:
        native = base / "clang" / "native"
        if list(native.glob("libclang*.so*")):
            return native
    return None


def _system_libclang() -> bool:
    """Whether the system has a libclang (a non-empty file: dangling links do not count)."""
    for pattern in _LIBCLANG_GLOBS:
        for f in glob.glob(pattern):
            try:
                if os.path.isfile(f) and os.path.getsize(f) > 0:
                    return True
            except OSError:
                continue
    return False


def have_libclang() -> bool:
    """Whether a build would find libclang (LIBCLANG_PATH, the system's, or the wheel's)."""
    return bool(os.environ.get("LIBCLANG_PATH")) or _system_libclang() or _wheel_libclang() is not None


def _c_builtin_includes() -> str | None:
    """The C compiler's own header directory (``stddef.h``, ``stdarg.h``): the libclang wheel
    comes without clang's builtin headers, and the system headers Python.h includes need them."""
    cc = os.environ.get("CC") or "cc"
    try:
        r = subprocess.run([cc, "-print-file-name=include"], capture_output=True, text=True)
    except OSError:
        return None
    d = Path(r.stdout.strip())
    return str(d) if r.returncode == 0 and (d / "stddef.h").is_file() else None


def libclang_env() -> dict[str, str]:
    """Environment that lets bindgen find libclang, or a clear one-line error if there is none.

    Honours LIBCLANG_PATH; otherwise uses the system's libclang (Debian's libclang-dev, ...), and
    failing that the one of the 'libclang' wheel from PyPI, which needs no root: ``pip install
    libclang`` (ferrocpy's own build asks for it as a build requirement when no other libclang
    is there). The wheel has no clang builtin headers, so bindgen is then told to look in the C
    compiler's own header directory last (``-idirafter``, in BINDGEN_EXTRA_CLANG_ARGS).
    """
    if os.environ.get("LIBCLANG_PATH") or _system_libclang():
        return {}
    native = _wheel_libclang()
    if native is None:
        raise BuildError(
            "libclang not found (bindgen needs it): pip install libclang (no root needed), "
            "or apt-get install libclang-dev, or set LIBCLANG_PATH to the directory of libclang.so"
        )
    env = {"LIBCLANG_PATH": str(native)}
    builtin = _c_builtin_includes()
    if builtin is not None:
        extra = os.environ.get("BINDGEN_EXTRA_CLANG_ARGS", "")
        env["BINDGEN_EXTRA_CLANG_ARGS"] = f"{extra} -idirafter {builtin}".strip()
    return env
