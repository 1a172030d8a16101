"""Compiling extension crates with cargo for the interpreter running the build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .config import Extension, load_toml
from .errors import BuildError
from .target import Target
from .toolchain import find_cargo, libclang_env


def package_name(ext: Extension) -> str:
    pkg = load_toml(ext.manifest).get("package", {})
    if "name" not in pkg:
        raise BuildError(f"{ext.manifest} has no [package] name")
    return pkg["name"]


def build(exts: list[Extension], target: Target, target_dir: Path) -> dict[str, Path]:
    """Builds every crate (release profile) and returns module name -> built shared library."""
    if not exts:
        return {}
    cargo = find_cargo()
    env = dict(os.environ)
    env.update(libclang_env())
    env["FERROCPY_PYTHON"] = target.python
    env["CARGO_TARGET_DIR"] = str(target_dir)
    results: dict[str, Path] = {}
    # Crates of one workspace build in one cargo invocation; others (e.g. a third-party project
    # with its own workspace) one by one.
    for ext in exts:
        name = package_name(ext)
        cmd = [
            cargo,
            "build",
            "--release",
            "--manifest-path",
            str(ext.manifest),
            "--lib",
            "--message-format=json-render-diagnostics",
        ]
        print(f"ferrocpy.build: cargo build --release -p {name} (for {target.tag})", file=sys.stderr)
        try:
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
        except OSError as e:
            raise BuildError(f"cannot run cargo ({e}): install Rust and put cargo on PATH") from None
        artifact = None
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except json.JSONDecodeError:
                continue
            if msg.get("reason") != "compiler-artifact":
                continue
            if Path(msg.get("manifest_path", "")).resolve() != ext.manifest.resolve():
                continue
            if "cdylib" not in msg["target"].get("kind", []):
                continue
            for f in msg.get("filenames", []):
                if f.endswith((".so", ".dylib", ".dll")):
                    artifact = Path(f)
        rc = proc.wait()
        if rc != 0:
            raise BuildError(
                f"cargo failed building {name} for {target.tag} (see the compiler output above)"
            )
        if artifact is None:
            raise BuildError(f"crate {name} produced no cdylib: set crate-type = [\"cdylib\"]")
        results[ext.module] = artifact
    return results
