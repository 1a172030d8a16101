"""ferrocpy: Rust for CPython, on any installed CPython.

The Python side of ferrocpy: the Argument Clinic for Rust (:mod:`ferrocpy.clinic`), the PEP 517
build backend (:mod:`ferrocpy.build`), port activation, CPython's own test suites and benchmarks
for the ports, and the ``ferrocpy`` command line.
"""

__version__ = "0.1.0"


def __getattr__(name):
    # `ferrocpy.activate(...)` and `ferrocpy.active()`, imported on first use.
    if name in ("activate", "active", "deactivate"):
        from . import activation

        return getattr(activation, name)
    raise AttributeError(f"module 'ferrocpy' has no attribute {name!r}")
