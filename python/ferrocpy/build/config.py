"""The project's ``pyproject.toml``: ``[project]`` metadata and the ``[tool.ferrocpy]`` table."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BuildError

def _toml_module():
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    try:  # pragma: no cover - Python 3.10
        import tomli
    except ImportError:  # pragma: no cover
        raise BuildError(
            "Python 3.10 needs the 'tomli' package to read pyproject.toml: pip install tomli"
        ) from None
    return tomli


def load_toml(path: Path) -> dict[str, Any]:
    toml = _toml_module()
    try:
        with path.open("rb") as f:
            return toml.load(f)
    except FileNotFoundError:
        raise BuildError(f"{path} not found") from None
    except toml.TOMLDecodeError as e:
        raise BuildError(f"{path}: invalid TOML: {e}") from None


@dataclass(frozen=True)
class Extension:
    """One cdylib crate and the import name of the module it builds."""

    crate_dir: Path
    module: str
    # `test-only = true`: a module for the project's own tests, left out of builds unless they
    # ask for test modules (see `wants_test_modules`).
    test_only: bool = False

    @property
    def manifest(self) -> Path:
        return self.crate_dir / "Cargo.toml"


TEST_MODULES_ENV = "FERROCPY_TEST_MODULES"
TEST_MODULES_SETTING = "test-modules"


def wants_test_modules(config_settings: dict | None = None) -> bool:
    """Whether a build includes the `test-only` extensions: `FERROCPY_TEST_MODULES=1` in the
    environment, or the config setting `test-modules=1` (`pip install --config-settings
    test-modules=1 .`). Production builds (the default) leave them out."""
    yes = ("1", "true", "yes", "on")
    value = (config_settings or {}).get(TEST_MODULES_SETTING)
    if isinstance(value, list):
        value = value[-1] if value else None
    if value is not None:
        return str(value).strip().lower() in yes
    return os.environ.get(TEST_MODULES_ENV, "").strip().lower() in yes


@dataclass(frozen=True)
class Port:
    """A module port: a library crate under the ports directory whose own ``Cargo.toml``
    declares it (``[package.metadata.ferrocpy.port]``: ``module``, the C module it replaces, and
    ``tests``, CPython's regression-test modules that exercise it). That table is the port's one
    declaration: the workspace (``ports/*`` members), the shared library, ``ferrocpy test`` and
    the test command all read it."""

    name: str
    crate_dir: Path
    package: str
    tests: tuple[str, ...]

    @property
    def manifest(self) -> Path:
        return self.crate_dir / "Cargo.toml"


@dataclass(frozen=True)
class Ports:
    """``[tool.ferrocpy.ports]``: every port of ``directory``, linked into one shared library
    ``library`` (a dotted module path, e.g. ``ferrocpy.ports._ports``) whose package makes each
    port importable as ``<package>.<name>``."""

    directory: Path
    library: str
    ports: tuple[Port, ...]

    @property
    def package(self) -> str:
        return self.library.rsplit(".", 1)[0]


def discover_ports(directory: Path) -> tuple[Port, ...]:
    """The ports declared under ``directory`` (one crate per subdirectory), sorted by name."""
    found = []
    for manifest in sorted(directory.glob("*/Cargo.toml")):
        data = load_toml(manifest)
        decl = data.get("package", {}).get("metadata", {}).get("ferrocpy", {}).get("port")
        if decl is None:
            continue
        name = decl.get("module")
        if not isinstance(name, str) or not name.isidentifier():
            raise BuildError(f"{manifest}: [package.metadata.ferrocpy.port] needs module = \"<name>\"")
        tests = decl.get("tests", [])
        if not isinstance(tests, list) or not all(isinstance(x, str) for x in tests):
            raise BuildError(f"{manifest}: [package.metadata.ferrocpy.port] tests must be a list of strings")
        found.append(Port(name, manifest.parent.resolve(), data["package"]["name"], tuple(tests)))
    names = [p.name for p in found]
    for n in set(names):
        if names.count(n) > 1:
            raise BuildError(f"{directory}: more than one port declares module = {n!r}")
    return tuple(sorted(found, key=lambda p: p.name))


@dataclass(frozen=True)
class Project:
    root: Path
    name: str
    version: str
    summary: str
    requires_python: str | None
    dependencies: list[str]
    scripts: dict[str, str]
    readme: Path | None
    license_text: str | None
    python_source: Path | None
    clinic_dirs: list[Path]
    extensions: list[Extension] = field(default_factory=list)
    ports: Ports | None = None
    rust_sources: list[Path] = field(default_factory=list)
    # Directory inside the wheel -> the project files copied there ([tool.ferrocpy.shipped]).
    shipped: dict[str, list[Path]] = field(default_factory=dict)

    @property
    def dist_name(self) -> str:
        """The name as it appears in wheel file names (PEP 427 escaping)."""
        return re.sub(r"[-_.]+", "_", self.name).lower()


def load_project(root: Path, test_modules: bool = True) -> Project:
    """The project at `root`; with `test_modules` false, without its `test-only` extensions."""
    data = load_toml(root / "pyproject.toml")
    project = data.get("project")
    if not isinstance(project, dict) or "name" not in project or "version" not in project:
        raise BuildError("pyproject.toml needs a [project] table with 'name' and 'version'")
    tool = data.get("tool", {}).get("ferrocpy", {})
    exts = []
    for i, entry in enumerate(tool.get("extension", [])):
        try:
            test_only = entry.get("test-only", False)
            if not isinstance(test_only, bool):
                raise BuildError(f"[[tool.ferrocpy.extension]] #{i + 1}: test-only must be true or false")
            exts.append(Extension(crate_dir=(root / entry["crate"]).resolve(), module=entry["module"],
                                  test_only=test_only))
        except KeyError as e:
            raise BuildError(f"[[tool.ferrocpy.extension]] #{i + 1} lacks {e.args[0]!r}") from None
    for ext in exts:
        if not ext.manifest.is_file():
            raise BuildError(f"extension {ext.module}: no Cargo.toml in {ext.crate_dir}")
    readme = project.get("readme")
    readme_path = None
    if isinstance(readme, str):
        readme_path = root / readme
    elif isinstance(readme, dict) and "file" in readme:
        readme_path = root / readme["file"]
    lic = project.get("license")
    license_text = lic.get("text") if isinstance(lic, dict) else (lic if isinstance(lic, str) else None)
    src = tool.get("python-source")
    ports = None
    ports_table = tool.get("ports")
    if ports_table is not None:
        if not isinstance(ports_table, dict) or "directory" not in ports_table or "library" not in ports_table:
            raise BuildError("[tool.ferrocpy.ports] needs directory = \"...\" and library = \"package.module\"")
        library = ports_table["library"]
        if "." not in library:
            raise BuildError("[tool.ferrocpy.ports] library must be a dotted name inside a package")
        directory = (root / ports_table["directory"]).resolve()
        ports = Ports(directory, library, discover_ports(directory))
    return Project(
        root=root,
        name=project["name"],
        version=str(project["version"]),
        summary=project.get("description", ""),
        requires_python=project.get("requires-python"),
        dependencies=list(project.get("dependencies", [])),
        scripts=dict(project.get("scripts", {})),
        readme=readme_path,
        license_text=license_text,
        python_source=(root / src) if src else None,
        clinic_dirs=[root / d for d in tool.get("clinic", [])],
        extensions=[e for e in exts if test_modules or not e.test_only],
        ports=ports,
        rust_sources=[(root / d).resolve() for d in tool.get("rust-sources", [])],
        shipped=_shipped(root, tool.get("shipped", {})),
    )


def _shipped(root: Path, table: Any) -> dict[str, list[Path]]:
    """``[tool.ferrocpy.shipped]``: ``"pkg/dir" = "glob"`` (or a list of globs, relative to the
    project root): the matching files go into the wheel under ``pkg/dir``."""
    if not isinstance(table, dict):
        raise BuildError("[tool.ferrocpy.shipped] must be a table of \"dir/in/wheel\" = \"glob\"")
    out: dict[str, list[Path]] = {}
    for dest, globs in table.items():
        patterns = [globs] if isinstance(globs, str) else globs
        if not isinstance(patterns, list) or not all(isinstance(g, str) for g in patterns):
            raise BuildError(f"[tool.ferrocpy.shipped] {dest}: a glob or a list of globs")
        files = sorted({f for g in patterns for f in root.glob(g) if f.is_file()})
        if not files:
            raise BuildError(f"[tool.ferrocpy.shipped] {dest}: {', '.join(patterns)} matches no file")
        out[dest.strip("/")] = files
    return out
