"""No reference grows: every _selftest function (success, error and panic paths) and every
port call, repeated in a loop, leaves sys.gettotalrefcount() and sys.getallocatedblocks()
where they were (debug build), and leaves its arguments' reference counts unchanged
(every build).

The criterion is regrtest's: a leak shows in every one of several rounds, noise does not; one
reference lost per call shows as a growth of at least ROUND_CALLS in each round."""

from __future__ import annotations

import gc
import sys

import pytest

import workloads
from workloads import IS_DEBUG_BUILD

from ferrocpy import _selftest as st

ROUNDS = 3
ROUND_CALLS = 100


def _swallow(f, /, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except Exception:  # noqa: BLE001 - error paths are part of what is measured
        pass


class _Idx:
    def __index__(self):
        return 7


class _BadIdx:
    def __index__(self):
        raise RuntimeError("from __index__")


def _selftest_calls() -> list:
    ba = bytearray(b"refcount probe " * 100)
    big = bytes(range(256)) * 512  # 128 KiB
    return [
        lambda: st.identity(object()),
        lambda: st.noargs(),
        lambda: st.callable(len),
        lambda: st.positional(1),
        lambda: st.positional(1, "two"),
        lambda: _swallow(st.positional),
        lambda: _swallow(st.positional, 1, 2, 3),
        lambda: st.bind(1, 2, d=4),
        lambda: st.bind(1, b=2, c=3, d=4, e=5),
        lambda: _swallow(st.bind, 1, 2),
        lambda: _swallow(st.bind, 1, 2, d=4, zz=5),
        lambda: _swallow(st.bind, 1, 2, b=3, d=4),
        *[(lambda k=k: st.int_roundtrip(k, 1)) for k in ("i8", "i32", "i64", "i128", "u64", "usize")],
        lambda: st.int_roundtrip("bool", True),
        lambda: st.int_roundtrip("i64", _Idx()),
        lambda: _swallow(st.int_roundtrip, "i8", 1000),
        lambda: _swallow(st.int_roundtrip, "u64", -1),
        lambda: _swallow(st.int_roundtrip, "i128", 1 << 200),
        lambda: _swallow(st.int_roundtrip, "i64", _BadIdx()),
        lambda: _swallow(st.int_roundtrip, "i64", "x"),
        lambda: st.float_roundtrip(1.5),
        lambda: _swallow(st.float_roundtrip, "x"),
        lambda: st.str_roundtrip("héllo ☃"),
        lambda: _swallow(st.str_roundtrip, "\ud800"),
        lambda: st.bytes_roundtrip(b"abc"),
        lambda: st.bytes_with(64, 10),
        lambda: _swallow(st.bytes_with, 4, 10),
        lambda: _swallow(st.bytes_with, 1 << 62, 0),
        lambda: st.buffer_len(ba),
        lambda: st.buffer_len(memoryview(ba)[3:]),
        lambda: _swallow(st.buffer_len, "str"),
        lambda: _swallow(st.buffer_then_panic, ba),
        lambda: _swallow(st.buffer_then_raise, ba),
        lambda: st.detached_sum(big),
        lambda: _swallow(st.raise_own_error, "own"),
        *[(lambda n=n: _swallow(st.raise_builtin, n, "msg"))
          for n in ("TypeError", "ValueError", "OverflowError", "MemoryError", "BufferError", "Nope")],
        lambda: _swallow(st.panic, "refcount probe"),
        lambda: _swallow(st.panic, 42),
        lambda: st.refcnt(ba),
    ]


def _deltas(calls, repeat: int = ROUND_CALLS) -> tuple[list[int], list[int]]:
    """Growth of the total reference count and of allocated blocks over ROUNDS rounds of
    `repeat` repetitions of every call (after one warm-up round)."""
    def round_():
        for _ in range(repeat):
            for c in calls:
                c()

    round_()
    # Preallocated, and the counters read into names that already exist, so the measurement
    # itself allocates nothing that survives a round (as regrtest's dash_R does).
    refs, blocks = [0] * ROUNDS, [0] * ROUNDS
    r0 = b0 = r1 = b1 = 0
    # Everything alive before the rounds is moved out of the collector's sight (gc.freeze), so
    # each collection below scans only what the rounds made: the same garbage is found, in
    # microseconds instead of the tenths of a second a debug build takes to traverse the whole
    # test process. (A cycle through a pre-existing object would now survive and count as a
    # leak: this can only report more, never less.)
    gc.collect()
    gc.freeze()
    try:
        for k in range(ROUNDS):
            gc.collect()
            r0, b0 = sys.gettotalrefcount(), sys.getallocatedblocks()
            round_()
            gc.collect()
            r1, b1 = sys.gettotalrefcount(), sys.getallocatedblocks()
            refs[k], blocks[k] = r1 - r0, b1 - b0
    finally:
        gc.unfreeze()
    return refs, blocks


def _leaks(deltas: list[int]) -> bool:
    return all(d > 0 for d in deltas)


@pytest.mark.skipif(not IS_DEBUG_BUILD, reason="sys.gettotalrefcount needs a debug build")
def test_selftest_functions_do_not_leak():
    calls = _selftest_calls()
    # One call at a time, so a leak names its function.
    for i, c in enumerate(calls):
        refs, blocks = _deltas([c])
        assert not _leaks(refs), f"call #{i} leaks references: {refs}"
        assert not _leaks(blocks), f"call #{i} leaks memory blocks: {blocks}"


@pytest.mark.skipif(not IS_DEBUG_BUILD, reason="sys.gettotalrefcount needs a debug build")
def test_port_calls_do_not_leak(port_name):
    mod = workloads.port_module(port_name)
    ns = workloads.namespace(port_name, mod)
    for expr in workloads.CALLS[port_name]:
        code = compile(expr, expr, "eval")
        # Each expression calls the port at least once per repetition.
        refs, blocks = _deltas([lambda: _swallow(eval, code, ns)], repeat=5)
        assert not _leaks(refs), f"{port_name}: {expr} leaks references: {refs}"
        assert not _leaks(blocks), f"{port_name}: {expr} leaks memory blocks: {blocks}"


def test_leak_detector_detects_a_leak():
    if not IS_DEBUG_BUILD:
        pytest.skip("sys.gettotalrefcount needs a debug build")
    kept = []
    refs, blocks = _deltas([lambda: kept.append(object())])
    assert _leaks(refs) and min(refs) >= ROUND_CALLS


def test_argument_refcounts_unchanged_on_every_path():
    # sys.getrefcount works on every build: the arguments of error and panic paths get back
    # exactly the references they had.
    ba = bytearray(b"x" * 1000)
    msg = "a message " + str(id(ba))  # not interned
    obj = object()
    before = [sys.getrefcount(x) for x in (ba, msg, obj)]
    for _ in range(1000):
        _swallow(st.buffer_then_panic, ba)
        _swallow(st.buffer_then_raise, ba)
        _swallow(st.panic, msg)
        _swallow(st.raise_own_error, msg)
        st.identity(obj)
        _swallow(st.bind, obj, obj, obj, d=obj, e=obj, zz=obj)
        _swallow(st.positional, obj, obj, obj)
    assert [sys.getrefcount(x) for x in (ba, msg, obj)] == before
    ba.append(0)  # no buffer export survived


def test_port_arguments_refcounts_unchanged(port_name):
    mod = workloads.port_module(port_name)
    ns = workloads.namespace(port_name, mod)
    shared = {k: v for k, v in ns.items() if not k.startswith("_") and k != "m" and not callable(v)
              and not isinstance(v, type(sys))}
    before = {k: sys.getrefcount(v) for k, v in shared.items()}
    for _ in range(20):
        workloads.evaluate(port_name, mod)
    gc.collect()
    assert {k: sys.getrefcount(v) for k, v in shared.items()} == before
