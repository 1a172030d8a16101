"""The project's ``pyproject.toml``: ``[project]`` metadata and the ``[tool.ferrocpy]`` table."""

from __future__ import annotations

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

    @property
    def manifest(self) -> Path:
        return self.crate_dir / "Cargo.toml"


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

    @property
    def dist_name(self) -> str:
        """The name as it appears in wheel file names (PEP 427 escaping)."""
        return re.sub(r"[-_.]+", "_", self.name).lower()


def load_project(root: Path) -> Project:
    data = load_toml(root / "pyproject.toml")
    project = data.get("project")
    if not isinstance(project, dict) or "name" not in project or "version" not in project:
        raise BuildError("pyproject.toml needs a [project] table with 'name' and 'version'")
    tool = data.get("tool", {}).get("ferrocpy", {})
    exts = []
    for i, entry in enumerate(tool.get("extension", [])):
        try:
            exts.append(Extension(crate_dir=(root / entry["crate"]).resolve(), module=entry["module"]))
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
        extensions=exts,
    )
