"""The PEP 517 and PEP 660 hook functions."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
import tarfile
import time
from pathlib import Path

from . import cargo, sources
from .config import Extension, Ports, Project, load_project, wants_test_modules
from .errors import BuildError
from .target import Target, current
from .toolchain import check_rust_toolchain
from .wheel import WheelWriter, metadata_text


def _project(config_settings: dict | None = None) -> Project:
    """The project being built; its test-only extensions only when asked for (``wants_test_modules``)."""
    return load_project(Path.cwd().resolve(), test_modules=wants_test_modules(config_settings))


def clinic_dirs(project: Project) -> list[Path]:
    """Where the clinic looks for blocks before a build: the ``clinic`` directories named in
    pyproject.toml, and always every extension crate and the ports directory (so that an edited
    block can never build with stale glue, whether pyproject.toml names its directory or not)."""
    dirs = [*project.clinic_dirs, *(ext.crate_dir for ext in project.extensions)]
    if project.ports is not None:
        dirs.append(project.ports.directory)
    out: list[Path] = []
    for d in dirs:
        r = d.resolve()
        if r.exists() and not any(r == o or r.is_relative_to(o) for o in out):
            out = [o for o in out if not o.is_relative_to(r)] + [r]
    return out


def _regenerate_clinic(project: Project) -> None:
    """Brings clinic-generated code up to date before compiling (no-op when already current);
    a clinic error ends the build with its located one-line message."""
    from ..clinic import ClinicError, regenerate

    try:
        changed = regenerate(clinic_dirs(project))
    except ClinicError as e:
        raise BuildError(f"clinic: {e}") from None
    for path in changed or []:
        print(f"ferrocpy.build: clinic regenerated {path}", file=sys.stderr)


_INCLUDE_RE = re.compile(r'include!\s*\(\s*"(?P<path>[^"]*\bclinic/[^"]+)"\s*\)')


def check_generated_includes(project: Project) -> None:
    """Each `include!("clinic/...")` of an extension crate must name a file that exists (the
    clinic writes it from the including file's blocks); otherwise one located line says why,
    before rustc's `couldn't read` would."""
    crates = [ext.crate_dir for ext in project.extensions]
    for crate in crates:
        src = crate / "src"
        for rs in sorted(src.rglob("*.rs")) if src.is_dir() else []:
            if "clinic" in rs.relative_to(src).parts[:-1]:
                continue
            text = rs.read_text(encoding="utf-8", errors="replace")
            for m in _INCLUDE_RE.finditer(text):
                target = rs.parent / m["path"]
                if not target.is_file():
                    line = text.count("\n", 0, m.start()) + 1
                    raise BuildError(
                        f"{rs}:{line}: includes {m['path']}, which does not exist: the clinic writes it "
                        f"from the clinic blocks of {rs.name}, which has none (add one, or remove the include)"
                    )


def _target_dir(project: Project, target: Target) -> Path:
    override = os.environ.get("FERROCPY_TARGET_DIR")
    base = Path(override) if override else project.root / "target" / "ferrocpy"
    return base / target.build_id


def _module_arcname(ext: Extension, target: Target) -> str:
    parts = ext.module.split(".")
    return "/".join(parts[:-1] + [parts[-1] + target.ext_suffix])


def _stub_files(ext: Extension) -> list[Path]:
    """The type stub the clinic wrote for this crate's module (``<crate>/<name>.pyi``), if any."""
    stub = ext.crate_dir / (ext.module.rsplit(".", 1)[-1] + ".pyi")
    return [stub] if stub.is_file() else []


def _compile(project: Project) -> tuple[Target, dict[str, Path]]:
    """Builds the extensions (module name -> library) and, with ``[tool.ferrocpy.ports]``, the
    one library of every port (under its dotted ``library`` name)."""
    target = current()
    _regenerate_clinic(project)
    check_generated_includes(project)
    check_rust_toolchain()
    built = cargo.build(project.extensions, target, _target_dir(project, target))
    if project.ports is not None:
        built[project.ports.library] = cargo.build_ports(project.ports, target, _target_dir(project, target))
    return target, built


REGISTRY = "ports.json"


def registry_text(ports: Ports) -> str:
    """What the installed package knows of its ports (``<package>/ports.json``): the library's
    module name and, per port, CPython's test modules for it."""
    data = {
        "library": ports.library.rsplit(".", 1)[-1],
        "ports": {p.name: {"tests": list(p.tests)} for p in ports.ports},
    }
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def _ports_files(project: Project, target: Target, built: dict[str, Path]) -> dict[str, Path | str]:
    """Archive name -> file (or text) for the ports: the shared library, the registry and each
    port's type stub."""
    ports = project.ports
    if ports is None:
        return {}
    pkg = ports.package.replace(".", "/")
    out: dict[str, Path | str] = {
        "/".join(ports.library.split(".")[:-1] + [ports.library.rsplit(".", 1)[-1] + target.ext_suffix]):
            built[ports.library],
        f"{pkg}/{REGISTRY}": registry_text(ports),
    }
    for port in ports.ports:
        stub = port.crate_dir / f"{port.name}.pyi"
        if stub.is_file():
            out[f"{pkg}/{stub.name}"] = stub
    return out


def _add_pth_hooks(writer: WheelWriter, project: Project) -> None:
    """Ships top-level ``*.pth`` files found in the Python source root (e.g. activation hooks)."""
    if project.python_source and project.python_source.is_dir():
        for pth in sorted(project.python_source.glob("*.pth")):
            writer.add_file(pth.name, pth)


# ---- wheels ----------------------------------------------------------------------------------


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = _project(config_settings)
    target, built = _compile(project)
    writer = WheelWriter(project, target.tag)
    if project.python_source and project.python_source.is_dir():
        for child in sorted(project.python_source.iterdir()):
            if child.is_dir() and (child / "__init__.py").exists():
                writer.add_tree(child, prefix=child.name + "/")
        _add_pth_hooks(writer, project)
    for ext in project.extensions:
        writer.add_file(_module_arcname(ext, target), built[ext.module])
        for stub in _stub_files(ext):
            parts = ext.module.split(".")
            writer.add_file("/".join(parts[:-1] + [stub.name]), stub)
    for arcname, src in _ports_files(project, target, built).items():
        if isinstance(src, str):
            writer.add_bytes(arcname, src.encode())
        else:
            writer.add_file(arcname, src)
    for dest, files in project.shipped.items():
        for f in files:
            writer.add_file(f"{dest}/{f.name}", f)
    if project.rust_sources:
        ws = cargo.workspace_root(project.rust_sources[0] / "Cargo.toml")
        packed = sources.packaged_files(project.rust_sources, ws if ws.parent != project.rust_sources[0] else None)
        for rel, data in packed.items():
            writer.add_bytes(f"ferrocpy/{sources.SHIPPED}/{rel}", data)
    writer.add_metadata()
    return writer.write(Path(wheel_directory))


def in_tree_base(project: Project, target: Target) -> Path:
    """Where in-tree builds put modules that have no place among the Python sources (and where
    ``ferrocpy develop`` keeps its stamp): ``build/editable/<abi>-<platform>``."""
    return project.root / "build" / "editable" / target.build_id


def in_tree_destinations(project: Project, target: Target) -> dict[str, Path]:
    """Module name -> where an editable install (and ``ferrocpy develop``) puts it: next to the
    Python sources when it lives in one of their packages, else under :func:`in_tree_base`."""
    fallback = in_tree_base(project, target)
    out = {}
    for ext in project.extensions:
        base = project.python_source if project.python_source else fallback
        dest = base / _module_arcname(ext, target)
        if project.python_source and "." not in ext.module:
            dest = fallback / _module_arcname(ext, target)
        out[ext.module] = dest
    return out


def _replace(dest: Path, src: Path | str) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    if isinstance(src, str):
        tmp.write_text(src)
    else:
        shutil.copyfile(src, tmp)
    os.replace(tmp, dest)  # atomic: a running interpreter keeps its mapped copy


def place_in_tree(project: Project, target: Target, built: dict[str, Path]) -> list[Path]:
    """Copies the built modules (and the ports' library and registry) into the source tree;
    returns the files written."""
    written = []
    for module, dest in in_tree_destinations(project, target).items():
        _replace(dest, built[module])
        written.append(dest)
    if project.ports is not None:
        base = project.python_source if project.python_source else in_tree_base(project, target)
        for arcname, src in _ports_files(project, target, built).items():
            if arcname.endswith(".pyi"):
                continue  # the stubs stay beside their crates
            _replace(base / arcname, src)
            written.append(base / arcname)
    return written


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """An editable install: Python sources are used in place through a ``.pth`` file, and each
    extension module is compiled into the source tree next to them (one file per interpreter,
    told apart by the extension suffix). Re-running it on an unchanged tree only asks cargo,
    which answers in about a second; ``ferrocpy develop`` rebuilds in place without pip."""
    project = _project(config_settings)
    target, built = _compile(project)
    writer = WheelWriter(project, target.tag)
    paths: list[Path] = []
    if project.python_source and project.python_source.is_dir():
        paths.append(project.python_source.resolve())
    fallback = in_tree_base(project, target)
    for dest in place_in_tree(project, target, built):
        if dest.is_relative_to(fallback) and fallback.resolve() not in paths:
            paths.append(fallback.resolve())
    pth = "".join(f"{p}\n" for p in paths)
    writer.add_bytes(f"__editable__.{project.dist_name}.pth", pth.encode())
    _add_pth_hooks(writer, project)
    writer.add_metadata()
    return writer.write(Path(wheel_directory))


def _write_metadata(metadata_directory, editable: bool) -> str:
    project = _project()
    writer = WheelWriter(project, current().tag)
    writer.add_metadata()
    dist_info = Path(metadata_directory) / writer.dist_info
    dist_info.mkdir(parents=True, exist_ok=True)
    for name, data in writer.files.items():
        (Path(metadata_directory) / name).write_bytes(data)
    return writer.dist_info


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _write_metadata(metadata_directory, editable=False)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return _write_metadata(metadata_directory, editable=True)


def _requires() -> list[str]:
    """Build requirements beyond pyproject's: tomli on 3.10, and the 'libclang' wheel when no
    libclang is found here (so that an isolated build needs no root and no system package)."""
    from .toolchain import have_libclang

    reqs = ["tomli>=1.1"] if sys.version_info < (3, 11) else []
    if not have_libclang():
        reqs.append("libclang>=16")
    return reqs


def get_requires_for_build_wheel(config_settings=None):
    return _requires()


def get_requires_for_build_editable(config_settings=None):
    return _requires()


def get_requires_for_build_sdist(config_settings=None):
    return _requires()


# ---- sdist -----------------------------------------------------------------------------------

# Skipped at the project's top level only (a vendored crate may have a `build/` directory of its
# own), and anywhere for caches.
_SDIST_SKIP_TOP = {"target", "build", "dist"}
_SDIST_SKIP = {"__pycache__", ".git", ".hypothesis", ".pytest_cache"}


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    base = f"{project.dist_name}-{project.version}"
    out = Path(sdist_directory) / f"{base}.tar.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))

    def keep(path: Path) -> bool:
        rel = path.relative_to(project.root)
        if rel.parts[0] in _SDIST_SKIP_TOP or rel.parts[0].startswith(".venv"):
            return False
        if any(part in _SDIST_SKIP for part in rel.parts):
            return False
        # Vendored crates are kept byte for byte (their checksums cover every file).
        if rel.parts[0] == "vendor":
            return True
        return path.suffix not in (".so", ".pyc")

    with tarfile.open(out, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(project.root.rglob("*")):
            if path.is_file() and keep(path):
                info = tar.gettarinfo(str(path), arcname=f"{base}/{path.relative_to(project.root).as_posix()}")
                info.mtime = mtime
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                with path.open("rb") as f:
                    tar.addfile(info, f)
        data = metadata_text(project).encode()
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(data)
        info.mtime = mtime
        tar.addfile(info, io.BytesIO(data))
    return out.name


__all__ = [
    "BuildError",
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]
