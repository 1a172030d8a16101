"""Shared helpers for the _bisect and _heapq port tests: the C accelerator and the Rust port
side by side, and a runner that records what a call did (result or exception, the list after
the call, and every comparison it made) so that both can be compared."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys

import pytest

# The max-heap variants of _heapq: private before 3.14 (`_heappop_max`, `_heapreplace_max`,
# `_heapify_max`), public from 3.14 on, with `heappush_max` and `heappushpop_max` added.
MAX_PUBLIC = sys.version_info >= (3, 14)


def max_name(base: str) -> str:
    """The running version's name of the max-heap variant of `base` (e.g. "heappop")."""
    return f"{base}_max" if MAX_PUBLIC else f"_{base}_max"


# _heapq functions that take only the heap.
HEAPQ_ONE_ARG = {"heappop", "heapify", "heappop_max", "heapify_max", "_heappop_max", "_heapify_max"}


def load_port(name: str):
    """A fresh module object of ``ferrocpy.ports.<name>`` named ``name``, like the C module
    (not registered in sys.modules)."""
    spec = importlib.util.find_spec(f"ferrocpy.ports.{name}")
    if spec is None or spec.origin is None:
        pytest.skip(f"ferrocpy.ports.{name} is not built for this interpreter")
    loader = importlib.machinery.ExtensionFileLoader(name, spec.origin)
    spec = importlib.util.spec_from_file_location(name, spec.origin, loader=loader)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def c_module(name: str):
    mod = importlib.import_module(name)
    if "ferrocpy" in (getattr(mod, "__file__", None) or ""):
        pytest.skip(f"{name} is activated to the port in this process")
    return mod


def outcome(fn, *args, **kwargs):
    """('ok', result) or ('raise', type name, message)."""
    try:
        return ("ok", fn(*args, **kwargs))
    except Exception as e:  # noqa: BLE001 - any exception is a result to compare
        return ("raise", type(e).__name__, str(e))


class Log:
    """Collects comparison events; the objects below report to the current log."""

    current: list | None = None

    def __init__(self):
        self.events: list = []

    def __enter__(self):
        Log.current = self.events
        return self

    def __exit__(self, *exc):
        Log.current = None


class Item:
    """An orderable value whose `<` is logged and can run a hostile action first."""

    __slots__ = ("v",)
    action = None  # callable(self, other) run inside __lt__, set per scenario

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        if Log.current is not None:
            Log.current.append(("lt", self.v, getattr(other, "v", other)))
        if Item.action is not None:
            Item.action(self, other)
        return self.v < (other.v if isinstance(other, Item) else other)

    def __eq__(self, other):
        return isinstance(other, Item) and self.v == other.v

    def __hash__(self):
        return hash(self.v)

    def __repr__(self):
        return f"Item({self.v!r})"


def snapshot(obj):
    """A comparable picture of a list (or other sequence) after a call."""
    try:
        return [getattr(x, "v", x) for x in obj]
    except Exception as e:  # noqa: BLE001
        return ("unlistable", type(e).__name__)
