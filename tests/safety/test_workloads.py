"""The shared workloads (workloads.py) cover each port completely on the running interpreter:
every function of the C module is called (the set changes between versions: binascii's hqx
functions until 3.10, its codecs from 3.15, _heapq's public max-heap functions from 3.14), and
the port has exactly the C module's functions."""

from __future__ import annotations

import pytest

import workloads


def _c_functions(name: str) -> set[str]:
    ref = workloads.reference_module(name)
    return {
        n for n in dir(ref)
        if not n.startswith("__") and callable(getattr(ref, n)) and not isinstance(getattr(ref, n), type)
    }


def test_workloads_call_every_function(port_name):
    c_functions = _c_functions(port_name)
    assert c_functions, f"{port_name}: the C module has no function"
    assert workloads.called_functions(port_name) == c_functions


def test_port_has_the_c_functions(port_name):
    assert set(workloads.port_functions(port_name)) == _c_functions(port_name)


def test_heapq_max_names_are_the_c_modules():
    c_max = {n for n in _c_functions("_heapq") if n.endswith("_max")}
    assert set(workloads.HEAPQ_MAX.values()) == c_max
    takes_item = {n for n in c_max if "push" in n or "replace" in n}
    assert workloads.HEAPQ_TAKES_ITEM == {"heappush", "heappushpop", "heapreplace"} | takes_item


def test_every_built_port_has_workloads():
    # A port declared in its Cargo.toml and built is exercised by the safety tests: it needs a
    # prelude and calls in workloads.py.
    missing = set(workloads.built_ports()) - set(workloads.KNOWN_PORTS)
    assert not missing, f"ports without safety workloads: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(workloads.KNOWN_PORTS))
def test_every_call_evaluates_against_c(name):
    # The workload is valid Python for this version: the C module runs every expression.
    results = workloads.evaluate(name, workloads.reference_module(name))
    assert len(results) == len(workloads.CALLS[name])
    assert not [r for r in results if r[0] == "raise" and r[1] in ("AttributeError", "NameError")]
