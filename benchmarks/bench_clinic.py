"""Per-call overhead of clinic-generated ferrocpy glue vs the C function (and vs PyO3).

    python benchmarks/bench_clinic.py [pyperf options] [-o results.json]

Each shape calls the C function, the ferrocpy mirror (tests/clinic_mirror, declared with the
same clinic block) and, when `pyo3_mirror` is importable (benchmarks/build_pyo3_mirror.py builds
it into a throwaway venv), the PyO3 version, with arguments for which the bodies do almost
nothing, so the time is the call and argument binding. The mirror's bodies are not the C
bodies: see docs/BENCHMARKS.md for how to read the figures.

Where ferrocpy ships a port of the C function (`ferrocpy.ports.binascii`, `ferrocpy.ports._bisect`)
a fourth row calls the port: same clinic block, same work as C. `--site DIR` names a
site-packages directory holding an installed ferrocpy (for runs from a venv without it)."""

from __future__ import annotations

import sys
from pathlib import Path

import pyperf

ROOT = Path(__file__).resolve().parents[1]

# (shape, C function "module.name", call arguments as source)
SHAPES = [
    ("METH_NOARGS", "gc.isenabled", ""),
    ("METH_O ascii_buffer", "binascii.a2b_hex", "b''"),
    ("METH_FASTCALL posonly", "binascii.crc32", "b'', 5"),
    ("FASTCALL|KEYWORDS posonly+kwonly", "binascii.b2a_base64", "b'', newline=False"),
    ("FASTCALL|KEYWORDS lo/hi/key", "_bisect.bisect_left", "EMPTY, 1, 0, 0, key=None"),
    ("FASTCALL|KEYWORDS positional", "_bisect.bisect_left", "EMPTY, 1"),
]


def load_mirror():
    try:
        from ferrocpy import _clinic_mirror

        return "ferrocpy._clinic_mirror"
    except ImportError:
        sys.path.insert(0, str(ROOT / "tests" / "clinic"))
        import mirror_build

        m = mirror_build.build_mirror()
        return m.__name__, str(Path(m.__file__).parent)


# C module -> the ferrocpy port of it
PORTS = {"binascii": "ferrocpy.ports.binascii", "_bisect": "ferrocpy.ports._bisect"}


def _forward_site(cmd: list[str], args) -> None:
    if args.site:
        cmd.extend(["--site", args.site])


def main() -> None:
    runner = pyperf.Runner(add_cmdline_args=_forward_site)
    runner.argparser.add_argument("--site", default="", help="site-packages with ferrocpy installed")
    opts = runner.parse_args()
    if opts.site:
        sys.path.insert(0, opts.site)
    site_setup = f"import sys; sys.path.insert(0, {opts.site!r}); " if opts.site else ""
    runner.metadata["description"] = "clinic call overhead: C vs ferrocpy (vs PyO3)"
    mirror = load_mirror()
    if isinstance(mirror, tuple):
        mirror_mod, mirror_dir = mirror
        mirror_setup = f"import sys; sys.path.insert(0, {mirror_dir!r}); import {mirror_mod} as M"
    else:
        mirror_setup = f"{site_setup}import {mirror} as M"
    try:
        import pyo3_mirror

        have_pyo3 = hasattr(pyo3_mirror, "crc32")
    except ImportError:
        have_pyo3 = False
    for shape, cfunc, args in SHAPES:
        mod, name = cfunc.rsplit(".", 1)
        common = "EMPTY = []"
        runner.timeit(f"{shape} | C {cfunc}", f"f({args})", setup=f"import {mod}; f = {mod}.{name}; {common}")
        runner.timeit(f"{shape} | ferrocpy", f"f({args})", setup=f"{mirror_setup}; f = M.{name}; {common}")
        port = PORTS.get(mod)
        if port is not None and _importable(port):
            runner.timeit(f"{shape} | ferrocpy port", f"f({args})", setup=f"{site_setup}import {port} as P; f = P.{name}; {common}")
        if have_pyo3:
            runner.timeit(f"{shape} | PyO3", f"f({args})", setup=f"import pyo3_mirror; f = pyo3_mirror.{name}; {common}")


def _importable(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    main()
