"""Compiling extension crates with cargo for the interpreter running the build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .config import Extension, Port, Ports, load_toml
from .errors import BuildError
from .target import Target
from .sources import patch_args
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
               "--message-format=json-render-diagnostics",
               *patch_args([root, *(ext.manifest for ext in members)])]
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


# ---- every port in one shared library -------------------------------------------------------


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise BuildError(f"cannot carry the profile setting {v!r} into the ports library")


def _profile_tables(profiles: dict, prefix: str = "profile") -> list[str]:
    """`[profile.*]` tables of the workspace, written back as TOML (they only hold scalars,
    lists and nested tables)."""
    lines: list[str] = []
    scalars = {k: v for k, v in profiles.items() if not isinstance(v, dict)}
    if scalars:
        lines.append(f"[{prefix}]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in scalars.items()]
        lines.append("")
    for k, v in profiles.items():
        if isinstance(v, dict):
            lines += _profile_tables(v, f"{prefix}.{json.dumps(k) if '.' in k else k}")
    return lines


def bundle_sources(ports: Ports) -> dict[str, str]:
    """The crate that links every port into one shared library: a `Cargo.toml` depending on each
    port crate (`rlib`s, each exporting its module's `PyInit_<name>` and, on 3.15+,
    `PyModExport_<name>`), a `lib.rs` that links them, and the release profile of the ports'
    workspace, so the library is optimised as the ports would be. Generated, never edited."""
    lib = ports.library.rsplit(".", 1)[-1]
    deps = "\n".join(
        f"{p.package} = {{ path = {json.dumps(p.crate_dir.as_posix())} }}" for p in ports.ports
    )
    ws = workspace_root(ports.ports[0].manifest) if ports.ports else None
    profile = load_toml(ws).get("profile", {}) if ws and ws.name == "Cargo.toml" else {}
    manifest = "\n".join([
        "# Generated by ferrocpy.build from the ports' own Cargo.toml files: do not edit.",
        "[package]",
        'name = "ferrocpy-ports-library"',
        'version = "0.0.0"',
        'edition = "2021"',
        "publish = false",
        "",
        "[lib]",
        f"name = {json.dumps(lib)}",
        'crate-type = ["cdylib"]',
        'path = "lib.rs"',
        "",
        "[dependencies]",
        deps,
        "",
        "# A workspace of its own (it lives in a target directory, not among the members).",
        "[workspace]",
        "",
        *_profile_tables(profile),
    ])
    crates = "\n".join(f"extern crate {_lib_name(p)};" for p in ports.ports)
    lib_rs = (
        "//! Generated by ferrocpy.build: links every port, whose module init functions are the\n"
        "//! library's exports. One copy of the Rust runtime serves them all.\n"
        f"{crates}\n"
    )
    return {"Cargo.toml": manifest, "lib.rs": lib_rs}


def _lib_name(port: Port) -> str:
    lib = load_toml(port.manifest).get("lib", {})
    return lib.get("name", port.package.replace("-", "_"))


def build_ports(ports: Ports, target: Target, target_dir: Path) -> Path:
    """Builds the shared library of every port for `target`; returns its path."""
    if not ports.ports:
        raise BuildError(f"[tool.ferrocpy.ports]: no port declared under {ports.directory}")
    src = target_dir / "ports-library"
    src.mkdir(parents=True, exist_ok=True)
    for name, text in bundle_sources(ports).items():
        path = src / name
        if not path.is_file() or path.read_text() != text:
            path.write_text(text)
    # The ports' workspace lock, so the library gets exactly the dependency versions the
    # workspace was tested with (and needs no registry when they are vendored or cached).
    ws = workspace_root(ports.ports[0].manifest)
    lock = ws.parent / "Cargo.lock"
    if lock.is_file():
        shutil.copyfile(lock, src / "Cargo.lock")
    cargo = find_cargo()
    env = dict(os.environ)
    env.update(libclang_env())
    env["FERROCPY_PYTHON"] = target.python
    env["CARGO_TARGET_DIR"] = str(target_dir)
    cmd = [cargo, "build", "--release", "--manifest-path", str(src / "Cargo.toml"), "--lib",
           "--message-format=json-render-diagnostics"]
    print(f"ferrocpy.build: cargo build --release (ports {', '.join(p.name for p in ports.ports)} "
          f"in one library, for {target.tag})", file=sys.stderr)
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
        if msg.get("reason") == "compiler-artifact" and "cdylib" in msg["target"].get("kind", []):
            for f in msg.get("filenames", []):
                if f.endswith((".so", ".dylib", ".dll")):
                    artifact = Path(f)
    if proc.wait() != 0:
        raise BuildError(f"cargo failed building the ports library for {target.tag} (see the compiler output above)")
    if artifact is None:
        raise BuildError("cargo produced no ports library")
    return artifact
