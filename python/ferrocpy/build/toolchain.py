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


def libclang_env() -> dict[str, str]:
    """Environment that lets bindgen find libclang, or a clear error if there is none.

    Honours LIBCLANG_PATH; otherwise looks in the usual system places and in the 'libclang'
    wheel from PyPI (clang/native inside site-packages).
    """
    given = os.environ.get("LIBCLANG_PATH")
    if given:
        return {}
    for pattern in _LIBCLANG_GLOBS:
        if glob.glob(pattern):
            return {}
    purelib = sysconfig.get_paths().get("purelib")
    for base in filter(None, {purelib, sysconfig.get_paths().get("platlib")}):
        native = Path(base) / "clang" / "native"
        if list(native.glob("libclang*.so*")):
            return {"LIBCLANG_PATH": str(native)}
    raise BuildError(
        "libclang not found (bindgen needs it): apt-get install libclang-dev, "
        "or pip install libclang, or set LIBCLANG_PATH"
    )
