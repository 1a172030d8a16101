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


def workspace_root(manifest: Path) -> Path:
    """The manifest of the workspace a crate belongs to (its own manifest when it has none): the
    nearest ancestor `Cargo.toml` with a `[workspace]` that lists the crate's directory."""
    crate_dir = manifest.resolve().parent
    for d in [crate_dir, *crate_dir.parents]:
        candidate = d / "Cargo.toml"
        if not candidate.is_file():
            continue
        ws = load_toml(candidate).get("workspace")
        if ws is None:
            continue
        rel = crate_dir.relative_to(d).as_posix() if crate_dir != d else "."
        members = ws.get("members", [])
        if rel == "." or rel in members or any(Path(rel).match(m) for m in members):
            return candidate
    return manifest.resolve()


def build(exts: list[Extension], target: Target, target_dir: Path) -> dict[str, Path]:
    """Builds every crate (release profile) and returns module name -> built shared library.

    Crates of one workspace are built by one cargo invocation (`-p` each), so cargo compiles
    them in parallel and shares their dependencies; crates of different workspaces (e.g. a
    third-party project beside its own) are built one workspace at a time."""
    if not exts:
        return {}
    cargo = find_cargo()
    env = dict(os.environ)
    env.update(libclang_env())
    env["FERROCPY_PYTHON"] = target.python
    env["CARGO_TARGET_DIR"] = str(target_dir)
    groups: dict[Path, list[Extension]] = {}
    for ext in exts:
        groups.setdefault(workspace_root(ext.manifest), []).append(ext)
    results: dict[str, Path] = {}
    for root, members in groups.items():
        names = [package_name(ext) for ext in members]
        cmd = [cargo, "build", "--release", "--manifest-path", str(root), "--lib",
               "--message-format=json-render-diagnostics"]
        for name in names:
            cmd += ["-p", name]
        print(f"ferrocpy.build: cargo build --release {' '.join('-p ' + n for n in names)} (for {target.tag})",
              file=sys.stderr)
        try:
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
        except OSError as e:
            raise BuildError(f"cannot run cargo ({e}): install Rust and put cargo on PATH") from None
        wanted = {ext.manifest.resolve(): ext for ext in members}
        artifacts: dict[str, Path] = {}
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except json.JSONDecodeError:
                continue
            if msg.get("reason") != "compiler-artifact":
                continue
            ext = wanted.get(Path(msg.get("manifest_path", "")).resolve())
            if ext is None or "cdylib" not in msg["target"].get("kind", []):
                continue
            for f in msg.get("filenames", []):
                if f.endswith((".so", ".dylib", ".dll")):
                    artifacts[ext.module] = Path(f)
        rc = proc.wait()
        if rc != 0:
            raise BuildError(
                f"cargo failed building {', '.join(names)} for {target.tag} (see the compiler output above)"
            )
        for ext, name in zip(members, names):
            if ext.module not in artifacts:
                raise BuildError(f"crate {name} produced no cdylib: set crate-type = [\"cdylib\"]")
            results[ext.module] = artifacts[ext.module]
    return results
