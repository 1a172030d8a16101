"""How extension modules are exported: `PyInit_<name>` everywhere, PEP 793's
`PyModExport_<name>` (a `PySlot` array) on 3.15 and later, which those interpreters use."""

from __future__ import annotations

import ctypes
import importlib
import sys

import pytest

MODULES = [
    "ferrocpy.ports.binascii",
    "ferrocpy.ports._base64",
    "ferrocpy.ports._bisect",
    "ferrocpy.ports._heapq",
    "seed_demo",
]

NEW_EXPORT = sys.version_info >= (3, 15)

# Slot ids of 3.15's headers (slots_generated.h).
Py_mod_exec = 85
Py_mod_multiple_interpreters = 86
Py_mod_gil = 87
Py_mod_name = 100
Py_mod_doc = 101
Py_mod_state_size = 102
Py_mod_methods = 103
Py_mod_state_traverse = 104
Py_mod_state_clear = 105
Py_mod_state_free = 106
Py_mod_abi = 109
Py_mod_token = 110
PySlot_STATIC = 2


class PySlot(ctypes.Structure):
    _fields_ = [
        ("sl_id", ctypes.c_uint16),
        ("sl_flags", ctypes.c_uint16),
        ("sl_reserved", ctypes.c_uint32),
        ("sl_ptr", ctypes.c_void_p),
    ]


class PyABIInfo(ctypes.Structure):
    _fields_ = [
        ("major", ctypes.c_uint8),
        ("minor", ctypes.c_uint8),
        ("flags", ctypes.c_uint16),
        ("build_version", ctypes.c_uint32),
        ("abi_version", ctypes.c_uint32),
    ]


def _load(name: str):
    try:
        mod = importlib.import_module(name)
    except ImportError:
        pytest.skip(f"{name} is not installed")
    short = mod.__name__.rsplit(".", 1)[-1]
    return mod, short, ctypes.CDLL(mod.__file__)


def _get_def(mod) -> int | None:
    f = ctypes.pythonapi.PyModule_GetDef
    f.restype = ctypes.c_void_p
    f.argtypes = [ctypes.py_object]
    return f(mod)


@pytest.mark.parametrize("name", MODULES)
def test_init_symbols(name):
    mod, short, lib = _load(name)
    assert hasattr(lib, f"PyInit_{short}")
    assert hasattr(lib, f"PyModExport_{short}") == NEW_EXPORT


@pytest.mark.parametrize("name", MODULES)
def test_module_created_through_the_right_entry(name):
    mod, short, lib = _load(name)
    if NEW_EXPORT:
        # Created from slots: no PyModuleDef behind the module object.
        assert _get_def(mod) is None
    else:
        assert _get_def(mod) is not None


@pytest.mark.skipif(not NEW_EXPORT, reason="PEP 793 export is 3.15+")
@pytest.mark.parametrize("name", MODULES)
def test_export_slots(name):
    mod, short, lib = _load(name)
    export = getattr(lib, f"PyModExport_{short}")
    export.restype = ctypes.POINTER(PySlot)
    export.argtypes = []
    slots = export()
    seen = {}
    for i in range(64):
        s = slots[i]
        if s.sl_id == 0:
            break
        assert s.sl_id not in seen, f"slot {s.sl_id} twice"
        seen[s.sl_id] = s
    else:
        pytest.fail("no terminating slot")
    assert ctypes.string_at(seen[Py_mod_name].sl_ptr).decode() == short
    assert ctypes.string_at(seen[Py_mod_doc].sl_ptr).decode() == mod.__doc__
    for sid in (Py_mod_name, Py_mod_doc, Py_mod_methods, Py_mod_abi, Py_mod_token):
        assert seen[sid].sl_flags & PySlot_STATIC, sid
    assert (seen[Py_mod_state_size].sl_ptr or 0) > 0
    for sid in (Py_mod_exec, Py_mod_state_traverse, Py_mod_state_clear, Py_mod_state_free, Py_mod_methods):
        assert seen[sid].sl_ptr, sid
    assert seen[Py_mod_multiple_interpreters].sl_ptr in (1, 2)
    assert (seen[Py_mod_gil].sl_ptr or 0) in (0, 1)
    abi = PyABIInfo.from_address(seen[Py_mod_abi].sl_ptr)
    assert (abi.major, abi.minor) == (1, 0)
    assert abi.build_version == sys.hexversion
    assert abi.flags == 0x0002  # PyABIInfo_GIL: built for a GIL build, not the stable ABI
    # The same method table as the module's functions.
    names = []
    MethodDef = ctypes.c_void_p * 4  # ml_name, ml_meth, ml_flags (padded), ml_doc
    at = seen[Py_mod_methods].sl_ptr
    while True:
        entry = MethodDef.from_address(at)
        if not entry[0]:
            break
        names.append(ctypes.string_at(entry[0]).decode())
        at += ctypes.sizeof(MethodDef)
    assert names and all(callable(getattr(mod, n)) for n in names)
