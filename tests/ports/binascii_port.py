"""Loading ferrocpy's binascii port under the import name ``binascii``.

The port's shared library lives at ``ferrocpy.ports.binascii``; loading that file with an
``ExtensionFileLoader`` whose spec is named ``binascii`` gives a module object indistinguishable
by name from the C module (``PyInit_binascii``, functions' ``__module__``, and the
``binascii.f()`` prefix of argument errors), without putting it into ``sys.modules``.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys

PORT = "ferrocpy.ports.binascii"

# The public names of the running interpreter's binascii (3.10 still has the hqx functions,
# 3.11 removed them).
HQX = ("a2b_hqx", "b2a_hqx", "rlecode_hqx", "rledecode_hqx")


def port_path() -> str:
    spec = importlib.util.find_spec(PORT)
    if spec is None or spec.origin is None:
        raise ImportError(f"{PORT} is not built (pip install -e . first)")
    return spec.origin


def load(name: str = "binascii"):
    """A fresh module object of the port, named `name` (not registered in sys.modules)."""
    path = port_path()
    loader = importlib.machinery.ExtensionFileLoader(name, path)
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def public_names(mod) -> set[str]:
    return {n for n in dir(mod) if not n.startswith("_")}


def outcome(f, *args, **kwargs):
    """('ok', value) or ('raise', qualified exception type name, message)."""
    try:
        return ("ok", f(*args, **kwargs))
    except Exception as e:  # noqa: BLE001 - every exception is the thing compared
        t = type(e)
        name = t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"
        return ("raise", name, str(e))


def install_as_binascii():
    """Loads the port as `binascii` and installs it in sys.modules, dropping modules that hold
    the C functions (base64 binds binascii's functions at import). For a fresh subprocess that
    runs CPython's own suites."""
    for name in ("binascii", "base64"):
        sys.modules.pop(name, None)
    mod = load("binascii")
    sys.modules["binascii"] = mod
    return mod
