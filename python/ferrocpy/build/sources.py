"""The Rust crates ferrocpy ships (``cpython-sys`` and ``ferrocpy``), for projects that depend on
them by version (``ferrocpy = "0.1"`` in their ``Cargo.toml``), as on any other crate.

The installed package carries their exact sources under ``ferrocpy/_rust/<crate>/`` (the wheel of
ferrocpy packs them, see ``[tool.ferrocpy] rust-sources``); in a checkout they are the workspace's
``crates/``. Builds point Cargo at them with ``[patch.crates-io]`` (passed as ``--config``), so
such a project needs no registry access for them and its sdist builds wherever ferrocpy is
installed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .config import load_toml

CRATES = ("cpython-sys", "ferrocpy")
SHIPPED = "_rust"


def rust_sources() -> dict[str, Path]:
    """Crate name -> directory of its sources: the copy shipped in the installed package, or the
    crates of the checkout this package runs from; empty when neither is there."""
    pkg = Path(__file__).resolve().parents[1]
    for base in (pkg / SHIPPED, pkg.parents[1] / "crates"):
        found = {c: base / c for c in CRATES if (base / c / "Cargo.toml").is_file()}
        if len(found) == len(CRATES):
            return found
    return {}


def _version_deps(manifest: Path) -> set[str]:
    """Names among CRATES that `manifest` depends on by version (not by path or git)."""
    data = load_toml(manifest)
    tables = [data.get(k, {}) for k in ("dependencies", "build-dependencies", "dev-dependencies")]
    for target in data.get("target", {}).values():
        tables += [target.get(k, {}) for k in ("dependencies", "build-dependencies", "dev-dependencies")]
    out = set()
    for table in tables:
        for name, spec in table.items():
            if isinstance(spec, dict):
                real = spec.get("package", name)
                if real in CRATES and "path" not in spec and "git" not in spec:
                    out.add(real)
            elif name in CRATES:
                out.add(name)
    return out


def patch_args(manifests: list[Path]) -> list[str]:
    """`cargo --config` arguments that resolve the shipped crates these manifests ask for by
    version to their sources (none when no manifest does, so a workspace that holds the crates
    itself is left alone)."""
    wanted: set[str] = set()
    for m in manifests:
        wanted |= _version_deps(m)
    if not wanted:
        return []
    sources = rust_sources()
    args: list[str] = []
    for name in CRATES:  # both: the shipped ferrocpy refers to cpython-sys by path anyway
        if name in sources and (wanted & set(CRATES)):
            args += ["--config", f"patch.crates-io.{name}.path={json.dumps(str(sources[name]))}"]
    return args


# ---- packing the crates into the wheel -------------------------------------------------------


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {v!r} as TOML")


def _key(k: str) -> str:
    return k if k.replace("-", "").replace("_", "").isalnum() else json.dumps(k)


def _write_toml(data: dict[str, Any]) -> str:
    """TOML for a manifest: each top-level table as a section, nested plain tables (such as
    `[lints.clippy]`) as sub-sections, dependency specs as inline tables."""
    lines: list[str] = []

    def section(name: str, table: dict[str, Any], inline_values: bool) -> None:
        scalars = {k: v for k, v in table.items() if inline_values or not isinstance(v, dict)}
        subtables = {k: v for k, v in table.items() if not inline_values and isinstance(v, dict)}
        if scalars or not subtables:
            lines.append(f"[{name}]")
            lines.extend(f"{_key(k)} = {_toml_value(v)}" for k, v in scalars.items())
            lines.append("")
        for k, v in subtables.items():
            section(f"{name}.{_key(k)}", v, inline_values)

    for name, table in data.items():
        section(name, table, inline_values=name.endswith("dependencies"))
    return "\n".join(lines)


def packaged_manifest(crate_dir: Path, workspace_manifest: Path | None, names: dict[Path, str]) -> str:
    """The crate's Cargo.toml made standalone for shipping: fields and lints inherited from the
    workspace written out, path dependencies on other shipped crates pointed at their shipped
    siblings, dev-dependencies (tests are not shipped) dropped."""
    data = load_toml(crate_dir / "Cargo.toml")
    ws = load_toml(workspace_manifest).get("workspace", {}) if workspace_manifest else {}
    pkg = data.get("package", {})
    for k, v in list(pkg.items()):
        if isinstance(v, dict) and v.get("workspace") is True:
            pkg[k] = ws.get("package", {})[k]
    if data.get("lints", {}).get("workspace") is True:
        data["lints"] = ws.get("lints", {})
    data.pop("dev-dependencies", None)
    for key in ("dependencies", "build-dependencies"):
        for dep, spec in data.get(key, {}).items():
            if isinstance(spec, dict) and "path" in spec:
                target = (crate_dir / spec["path"]).resolve()
                if target not in names:
                    raise ValueError(f"{crate_dir}: path dependency {dep} is not shipped")
                spec["path"] = f"../{names[target]}"
    header = "# Shipped with ferrocpy (made standalone by ferrocpy.build): do not edit.\n"
    return header + _write_toml(data)


def packaged_files(crate_dirs: list[Path], workspace_manifest: Path | None) -> dict[str, bytes]:
    """Relative path (``<crate>/...``) -> contents for each crate: its normalised manifest and its
    sources (everything but tests, targets and caches)."""
    names = {d.resolve(): load_toml(d / "Cargo.toml")["package"]["name"] for d in crate_dirs}
    out: dict[str, bytes] = {}
    for d, name in names.items():
        out[f"{name}/Cargo.toml"] = packaged_manifest(d, workspace_manifest, names).encode()
        for f in sorted(d.rglob("*")):
            rel = f.relative_to(d)
            if not f.is_file() or rel.parts[0] in ("tests", "target", "benches") or f.name == "Cargo.toml":
                continue
            if "__pycache__" in rel.parts or f.suffix in (".pyc", ".so"):
                continue
            out[f"{name}/{rel.as_posix()}"] = f.read_bytes()
    return out
