"""The _bisect and _heapq ports expose what the C accelerators of the running interpreter expose:
the same public names, the same module docstring, and for every function the same
`__text_signature__`, `__doc__`, `__module__`, `__name__`, `__qualname__` and
`inspect.signature`. These differ across versions (bisect's docstrings gained a paragraph in
3.12 and were rewrapped in 3.14; heapq's max-heap variants became public in 3.14), so each run
compares with the C module of the interpreter it runs on."""

from __future__ import annotations

import inspect

import pytest

from bh_support import MAX_PUBLIC, c_module, load_port

MODULES = ["_bisect", "_heapq"]
ATTRIBUTES = ["__text_signature__", "__doc__", "__module__", "__name__", "__qualname__"]


def public(mod) -> list[str]:
    return sorted(n for n in dir(mod) if not n.startswith("__"))


@pytest.fixture(scope="module", params=MODULES)
def pair(request):
    return c_module(request.param), load_port(request.param)


def test_same_names(pair):
    c, r = pair
    assert public(r) == public(c)


def test_same_module_docstring(pair):
    c, r = pair
    assert r.__doc__ == c.__doc__


@pytest.mark.parametrize("attr", ATTRIBUTES)
def test_same_function_attributes(pair, attr):
    c, r = pair
    names = public(c)
    assert names
    for n in names:
        assert getattr(getattr(r, n), attr) == getattr(getattr(c, n), attr), n


def test_same_inspect_signatures(pair):
    c, r = pair
    for n in public(c):
        assert str(inspect.signature(getattr(r, n))) == str(inspect.signature(getattr(c, n))), n


def test_heapq_max_variants_of_this_version():
    # The port's own function set, independently of the C module.
    r = load_port("_heapq")
    found = {n for n in public(r) if n.endswith("_max")}
    if MAX_PUBLIC:
        assert found == {"heapify_max", "heappop_max", "heappush_max", "heappushpop_max", "heapreplace_max"}
    else:
        assert found == {"_heapify_max", "_heappop_max", "_heapreplace_max"}
    for n in found:
        assert getattr(r, n).__module__ == "_heapq"
