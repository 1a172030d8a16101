"""``ferrocpy develop`` and ``ferrocpy cargo``: working on a project without reinstalling it.

``ferrocpy develop`` rebuilds the project's extension modules in place, where an editable install
(``pip install -e .``) put them: next to the Python sources, or in ``build/editable/<abi>-<platform>``
(which the editable install's ``.pth`` file puts on ``sys.path``). A stamp file records a digest of
every input (the crates' files, ``pyproject.toml``, the ferrocpy crates they build against, the
interpreter); when nothing changed the command only computes that digest and returns, well under
two seconds, without starting cargo.

``ferrocpy cargo ARGS...`` runs cargo on each extension crate with what the backend gives it:
``FERROCPY_PYTHON`` (this interpreter's headers), the ferrocpy crates resolved to the installed
sources, the same target directory. ``ferrocpy cargo test`` runs a project's Rust unit tests.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from .config import Project, load_project, load_toml, wants_test_modules
from .errors import BuildError
from .target import current

STAMP = ".ferrocpy-develop-stamp"
_SKIP = {"target", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "build", "dist"}


def find_root(start: Path) -> Path:
    """The nearest directory from `start` upwards whose pyproject.toml has a [tool.ferrocpy] table."""
    for d in [start, *start.parents]:
        pp = d / "pyproject.toml"
        if pp.is_file() and "ferrocpy" in load_toml(pp).get("tool", {}):
            return d
    raise BuildError(f"no pyproject.toml with a [tool.ferrocpy] table in {start} or above")


def _walk(root: Path):
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                if e.name not in _SKIP and not e.name.startswith(".venv"):
                    stack.append(Path(e.path))
            elif e.is_file():
                yield e


def inputs_digest(project: Project, outputs: list[Path]) -> str:
    """A digest of what a build depends on: path, size and modification time of every file of the
    extension crates and of the ferrocpy crates, pyproject.toml, the interpreter, and whether
    each built module is still in place."""
    from .sources import rust_sources

    h = hashlib.sha256()
    h.update(f"{sys.executable}\0{current().tag}\0".encode())
    dirs = [ext.crate_dir for ext in project.extensions]
    if project.ports is not None:
        dirs.append(project.ports.directory)
    dirs += sorted(rust_sources().values())
    for f in [project.root / "pyproject.toml"]:
        st = f.stat()
        h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    for d in dirs:
        for e in _walk(d):
            st = e.stat()
            h.update(f"{e.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    for o in outputs:
        h.update(f"{o}\0{o.is_file()}\n".encode())
    return h.hexdigest()


def develop(root: Path, force: bool = False, quiet: bool = False) -> list[Path]:
    """Rebuilds the modules of the project at `root` in place unless the stamp says nothing
    changed; returns the modules written (empty for a no-op)."""
    from . import hooks

    project = load_project(root, test_modules=wants_test_modules())
    target = current()
    outputs = hooks.in_tree_destinations(project, target)
    stamp = hooks.in_tree_base(project, target) / STAMP
    digest = inputs_digest(project, list(outputs.values()))
    if not force and stamp.is_file() and stamp.read_text() == digest:
        if not quiet:
            print(f"ferrocpy develop: up to date ({', '.join(outputs) or 'no modules'})")
        return []
    _, built = hooks._compile(project)
    written = hooks.place_in_tree(project, target, built)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    # The digest after the build: the clinic may have rewritten sources it then compiled.
    stamp.write_text(inputs_digest(project, list(outputs.values())))
    if not quiet:
        for path in written:
            print(f"ferrocpy develop: rebuilt {path}")
    return written


def develop_main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(
        prog="ferrocpy develop",
        description="Rebuild the project's extension modules in place (where `pip install -e .` put "
        "them) when a source changed; a no-op otherwise.",
    )
    ap.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    ap.add_argument("-q", "--quiet", action="store_true", help="print nothing when it succeeds")
    args = ap.parse_args(argv)
    try:
        develop(find_root(Path.cwd().resolve()), force=args.force, quiet=args.quiet)
    except BuildError as e:
        print(str(e.code).replace("ferrocpy.build:", "ferrocpy develop:", 1), file=sys.stderr)
        return 1
    return 0


def cargo_main(argv: list[str]) -> int:
    """``ferrocpy cargo SUBCOMMAND ARGS...`` on each extension crate of the project."""
    from .cargo import workspace_root
    from .sources import patch_args
    from .toolchain import find_cargo, libclang_env
    from .hooks import _target_dir

    if not argv or argv[0] in ("-h", "--help"):
        print("usage: ferrocpy cargo SUBCOMMAND [ARGS...]\n\n"
              "Runs `cargo SUBCOMMAND ARGS...` on each extension crate of the project, for this\n"
              "interpreter (FERROCPY_PYTHON), with the ferrocpy crates resolved to the installed\n"
              "sources and the build backend's target directory. Example: ferrocpy cargo test")
        return 0 if argv else 2
    try:
        project = load_project(find_root(Path.cwd().resolve()), test_modules=wants_test_modules())
        if not project.extensions:
            raise BuildError("the project declares no [[tool.ferrocpy.extension]]")
        cargo = find_cargo()
        env = dict(os.environ)
        env.update(libclang_env())
        target = current()
        env["FERROCPY_PYTHON"] = target.python
        env.setdefault("CARGO_TARGET_DIR", str(_target_dir(project, target)))
    except BuildError as e:
        print(str(e.code).replace("ferrocpy.build:", "ferrocpy cargo:", 1), file=sys.stderr)
        return 1
    roots: dict[Path, list[Path]] = {}
    for ext in project.extensions:
        roots.setdefault(workspace_root(ext.manifest), []).append(ext.manifest)
    for root, manifests in roots.items():
        cmd = [cargo, argv[0], "--manifest-path", str(root), *patch_args([root, *manifests]), *argv[1:]]
        rc = subprocess.run(cmd, env=env).returncode
        if rc:
            return rc
    return 0
