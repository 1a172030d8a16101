"""ferrocpy.build: a PEP 517 / PEP 660 build backend for Rust extension modules on ferrocpy.

A project names its extension crates in ``pyproject.toml``::

    [build-system]
    requires = []                      # ferrocpy must already be installed: see docs/BUILD.md
    build-backend = "ferrocpy.build"

    [tool.ferrocpy]
    python-source = "python"           # optional: pure-Python packages to ship
    clinic = ["src"]                   # optional: regenerate clinic output here before building

    [[tool.ferrocpy.extension]]
    crate = "rust"                     # directory holding the crate's Cargo.toml (a cdylib)
    module = "seed_demo"               # import name of the built module

``pip install .`` then compiles every crate with cargo for the interpreter running pip (its
headers and ``pyconfig.h`` reach bindgen through ``FERROCPY_PYTHON``), and tags the wheel for
exactly that interpreter (``cp311-cp311-linux_x86_64``, ``cp311-cp311d-...`` for a debug build).
"""

from __future__ import annotations

from .hooks import (
    build_editable,
    build_sdist,
    build_wheel,
    get_requires_for_build_editable,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]
