"""Substituting ferrocpy's Rust ports for CPython's C modules.

``activate("binascii")`` makes every later ``import binascii`` load the port
``ferrocpy.ports.binascii`` *under the name* ``binascii``: a finder placed first on
``sys.meta_path`` answers for the activated names with an ``ExtensionFileLoader`` spec named
after the C module whose origin is the port's file (an extension module's init symbol follows
the last component of the name it is imported as, and every port exports the one of the module
it replaces). Fresh imports, such as ``test.support.import_helper.import_fresh_module('bisect',
fresh=['_bisect'])``, go through the finders again and so get the port too.

Setting ``FERROCPY_ACTIVATE=binascii,_bisect`` in the environment does the same at interpreter
start, through the ``ferrocpy-activate.pth`` hook installed with ferrocpy; when the variable is
unset the hook costs one dictionary lookup.

If a module was already imported when it is activated, the port replaces it in ``sys.modules``.
Objects taken from the old module before that (``from binascii import hexlify``, or a module
that did ``from _bisect import *`` at its own import, as ``bisect`` does) keep referring to the C
functions; activate before those imports (the environment variable does) to substitute
everywhere.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

ENV_VAR = "FERROCPY_ACTIVATE"

__all__ = ["ENV_VAR", "UnknownPortError", "activate", "active", "available", "deactivate", "port_file"]


class UnknownPortError(ValueError):
    """Raised for a name that has no port in ``ferrocpy.ports``."""


# Activated module name -> the port's extension file.
_active: dict[str, str] = {}
# The FERROCPY_ACTIVATE value already acted on.
_env_done: str | None = None
# How many times the finder served each name (for `ferrocpy test`'s check that the port ran).
_served: dict[str, int] = {}


def _ports_dirs() -> list[Path]:
    import ferrocpy.ports

    return [Path(p) for p in ferrocpy.ports.__path__]


REGISTRY = "ports.json"


def registry() -> dict[str, dict]:
    """The ports installed with ferrocpy for this interpreter: name -> ``{"tests": [...],
    "file": <the library that holds it>}``, from the ``ports.json`` the build writes beside the
    one shared library of every port. Ports built as separate extension files (one per module,
    as older builds did) are listed too, without tests."""
    found: dict[str, dict] = {}
    for d in _ports_dirs():
        if not d.is_dir():
            continue
        library = None
        reg = d / REGISTRY
        if reg.is_file():
            data = json.loads(reg.read_text(encoding="utf-8"))
            library = data["library"]
            lib = _extension_file(d, library)
            if lib is not None:  # else built for other interpreters only
                for name, info in data["ports"].items():
                    found.setdefault(name, {"tests": list(info.get("tests", [])), "file": lib})
        for f in sorted(d.iterdir()):
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                stem = f.name[: -len(suffix)]
                # `x.cpython-311-....so` also ends in `.so`: a stem with a dot is another
                # interpreter's file.
                if f.name.endswith(suffix) and "." not in stem and stem != library and f.is_file():
                    found.setdefault(stem, {"tests": [], "file": str(f)})
    return found


def _extension_file(directory: Path, stem: str) -> str | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        f = directory / (stem + suffix)
        if f.is_file():
            return str(f)
    return None


def available() -> list[str]:
    """The names of the ports built for this interpreter (``ferrocpy.ports.<name>``)."""
    return sorted(registry())


def port_tests(name: str) -> list[str]:
    """CPython's regression-test modules that exercise the port ``name`` (from its declaration
    in the port's ``Cargo.toml``)."""
    return list(registry().get(name, {}).get("tests", []))


def port_file(name: str) -> str:
    """The extension file holding the port of ``name`` (the shared library of every port);
    :class:`UnknownPortError` if there is none."""
    info = registry().get(name)
    if info is not None:
        return info["file"]
    have = ", ".join(available()) or "none"
    raise UnknownPortError(
        f"ferrocpy has no port named {name!r} for this interpreter "
        f"(ports built for Python {sys.version_info[0]}.{sys.version_info[1]}: {have})"
    )


PACKAGE = "ferrocpy.ports."


class PortFinder:
    """The ``sys.meta_path`` finder that serves activated names from ``ferrocpy.ports``."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        origin = _active.get(fullname)
        if origin is None:
            return None
        _served[fullname] = _served.get(fullname, 0) + 1
        return _spec(fullname, origin)

    @classmethod
    def invalidate_caches(cls):
        pass


class PackageFinder:
    """Finds ``ferrocpy.ports.<name>`` in the shared library of every port (installed on
    ``sys.meta_path`` by ``ferrocpy.ports`` itself)."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if not fullname.startswith(PACKAGE):
            return None
        info = registry().get(fullname[len(PACKAGE):])
        if info is None:
            return None
        return _spec(fullname, info["file"])

    @classmethod
    def invalidate_caches(cls):
        pass


def install_package_finder() -> None:
    """Makes ``import ferrocpy.ports.<name>`` load the port from the shared library."""
    if PackageFinder not in sys.meta_path:
        sys.meta_path.append(PackageFinder)


def _spec(fullname: str, origin: str):
    """An extension-module spec for ``fullname`` from ``origin``: the loader calls the init
    function named after the name's last component, which the library exports for each port."""
    loader = importlib.machinery.ExtensionFileLoader(fullname, origin)
    return importlib.util.spec_from_file_location(fullname, origin, loader=loader)


def _install_finder() -> None:
    if sys.meta_path and sys.meta_path[0] is PortFinder:
        return
    while PortFinder in sys.meta_path:
        sys.meta_path.remove(PortFinder)
    sys.meta_path.insert(0, PortFinder)


def _split(names) -> list[str]:
    out: list[str] = []
    for n in names:
        if not isinstance(n, str):
            raise TypeError(f"port names must be str, not {type(n).__name__}")
        out.extend(part.strip() for part in n.split(",") if part.strip())
    return out


def activate(*names: str) -> list[str]:
    """Substitutes the ports of ``names`` (``"binascii"``, ``"_bisect"``, or comma-separated
    lists of them) for the C modules; returns :func:`active`. Unknown names raise
    :class:`UnknownPortError` before anything changes."""
    wanted = _split(names)
    files = {name: port_file(name) for name in wanted}  # all checked first
    _install_finder()
    for name, origin in files.items():
        _active[name] = origin
        old = sys.modules.get(name)
        if old is not None and getattr(old, "__file__", None) != origin:
            # Already imported (the C module): replace it, so later imports get the port.
            del sys.modules[name]
            sys.modules[name] = importlib.import_module(name)
    return active()


def deactivate(*names: str) -> list[str]:
    """Undoes :func:`activate` for ``names`` (all when none are given): later imports get the C
    modules again. A port already in ``sys.modules`` is removed from it."""
    for name in _split(names) if names else list(_active):
        origin = _active.pop(name, None)
        mod = sys.modules.get(name)
        if origin is not None and mod is not None and getattr(mod, "__file__", None) == origin:
            del sys.modules[name]
    return active()


def active() -> list[str]:
    """The module names currently substituted by ports."""
    return sorted(_active)


def served() -> dict[str, int]:
    """How many imports of each activated name the finder has served in this process."""
    return dict(_served)


def _activate_from_env() -> None:
    """Called by ``ferrocpy-activate.pth`` at interpreter start when ``FERROCPY_ACTIVATE`` is
    set. Problems are reported on stderr; interpreter start-up is never aborted."""
    global _env_done
    value = os.environ.get(ENV_VAR, "")
    # site may process the same .pth twice (a venv's lib64 -> lib symlink): act once per value.
    if value == _env_done:
        return
    _env_done = value
    for name in _split([value]):
        try:
            activate(name)
        except UnknownPortError as e:
            print(f"ferrocpy: {ENV_VAR}: {e}", file=sys.stderr)
        except Exception as e:  # a port that fails to load must not break every interpreter
            print(f"ferrocpy: {ENV_VAR}: cannot activate {name!r}: {type(e).__name__}: {e}", file=sys.stderr)
