"""Offline builds: a project's whole Rust dependency tree copied into the project.

``ferrocpy vendor`` runs ``cargo vendor`` over every crate the project builds (its extension
crates and its ports, or its Cargo workspace) into ``vendor/`` and writes ``.cargo/config.toml``
so that Cargo takes crates.io packages from there. ``ferrocpy.build``'s sdist carries both, so
``pip install`` of that sdist needs no network: the crates ferrocpy itself ships (``cpython-sys``,
``ferrocpy``) come from the installed ferrocpy package, everything else from ``vendor/``. The
same works for ferrocpy's own checkout (docs/BUILD.md, "Offline builds").
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .build.config import load_project, load_toml
from .build.errors import BuildError
from .build.sources import patch_args
from .build.toolchain import find_cargo

MARKER = "# Written by `ferrocpy vendor`"


@dataclass(frozen=True)
class Vendored:
    """What ``vendor`` produced."""

    directory: Path
    config: Path
    packages: int


def cargo_config(into: str) -> str:
    """The ``.cargo/config.toml`` that points crates.io at the vendored directory (relative to
    the project, so the project can move)."""
    return (f"{MARKER}: crates.io packages come from {into}/ (no network needed).\n"
            "[source.crates-io]\n"
            'replace-with = "vendored-sources"\n'
            "\n"
            "[source.vendored-sources]\n"
            f'directory = "{into}"\n')


def project_manifests(root: Path) -> list[Path]:
    """The Cargo manifests whose dependencies a build of the project at ``root`` can need: the
    root workspace when there is one, else each extension crate and each port."""
    top = root / "Cargo.toml"
    if top.is_file() and "workspace" in load_toml(top):
        return [top]
    project = load_project(root, test_modules=True)
    manifests = [ext.manifest for ext in project.extensions]
    if project.ports is not None:
        manifests += [p.manifest for p in project.ports.ports]
    seen: dict[Path, None] = {}
    for m in manifests:
        seen.setdefault(m.resolve(), None)
    if not seen:
        raise BuildError(f"{root}: no Rust crate to vendor (no Cargo.toml, extension or port)")
    return list(seen)


def vendor(root: Path, into: str = "vendor") -> Vendored:
    """Vendors the dependencies of the project at ``root`` into ``root/into`` and writes
    ``root/.cargo/config.toml``; raises ``BuildError`` (one line) when it cannot."""
    root = root.resolve()
    if Path(into).is_absolute() or ".." in Path(into).parts:
        raise BuildError(f"vendor directory {into!r} must be a path inside the project")
    config = root / ".cargo" / "config.toml"
    if config.is_file() and not config.read_text().startswith(MARKER):
        raise BuildError(f"{config} exists and was not written by ferrocpy vendor: add "
                         f"[source.crates-io] replace-with = \"vendored-sources\" and "
                         f"[source.vendored-sources] directory = \"{into}\" to it yourself")
    manifests = project_manifests(root)
    first, *rest = manifests
    cmd = [find_cargo(), "vendor", "--versioned-dirs", "--manifest-path", str(first)]
    for m in rest:
        cmd += ["--sync", str(m)]
    # The shipped crates resolve to the installed ferrocpy's sources, not to a registry.
    cmd += patch_args(manifests)
    cmd.append(str(root / into))
    r = subprocess.run(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        last = [ln for ln in r.stderr.strip().splitlines() if ln.strip()]
        raise BuildError(f"cargo vendor failed: {last[-1] if last else 'exit ' + str(r.returncode)}")
    config.parent.mkdir(exist_ok=True)
    config.write_text(cargo_config(into))
    packages = sum(1 for d in (root / into).iterdir() if (d / ".cargo-checksum.json").is_file())
    return Vendored(root / into, config, packages)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="ferrocpy vendor", description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", default=".", help="the project (default: the current directory)")
    ap.add_argument("--into", default="vendor", help="directory inside the project (default: vendor)")
    args = ap.parse_args(argv)
    try:
        v = vendor(Path(args.path), args.into)
    except BuildError as e:
        print(f"ferrocpy vendor: error: {e}", file=sys.stderr)
        return 2
    print(f"ferrocpy vendor: {v.packages} packages in {v.directory}; {v.config} points Cargo at them "
          f"(an sdist built now installs offline)")
    return 0
