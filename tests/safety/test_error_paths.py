"""Error paths: panics (also while a buffer is held), exceptions raised by callbacks the ports
call (comparisons, keys, __index__, __len__, insert), and sizes that make allocation fail.
The interpreter survives, the exception is the one C raises, and no reference is lost."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import workloads
from workloads import IS_DEBUG_BUILD, PORTS
from test_refcounts import _deltas, _leaks

from ferrocpy import _selftest as st


class Boom(Exception):
    pass


class BadCmp:
    """Compares fine `fuse` times, then raises."""

    def __init__(self, v, fuse):
        self.v, self.fuse = v, fuse

    def __lt__(self, other):
        self.fuse[0] -= 1
        if self.fuse[0] < 0:
            raise Boom("from __lt__")
        return self.v < (other.v if isinstance(other, BadCmp) else other)

    __gt__ = lambda self, other: not self.__lt__(other)  # noqa: E731


def _both(name):
    return workloads.port_module(name), workloads.reference_module(name)


def _outcome_and_state(f, make_args):
    args = make_args()
    out = workloads.outcome(f, *args)
    return out, [getattr(a, "v", a) if not isinstance(a, list) else [getattr(x, "v", x) for x in a] for a in args]


def test_panic_while_holding_buffers_releases_them():
    for data in (bytearray(b"x" * 10), bytearray(b"y" * (1 << 20))):
        refs = sys.getrefcount(data)
        for _ in range(50):
            with pytest.raises(SystemError, match="holding a buffer"):
                st.buffer_then_panic(data)
            with pytest.raises(ValueError):
                st.buffer_then_raise(data)
        data.extend(b"z")  # BufferError if an export leaked
        assert sys.getrefcount(data) == refs
    assert st.identity("alive") == "alive"


def test_panic_is_contained_in_threads():
    import threading

    seen = []

    def run():
        for _ in range(20):
            try:
                st.panic("in a thread")
            except SystemError as e:
                seen.append(str(e))

    ts = [threading.Thread(target=run) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert seen == ["panic in Rust code: in a thread"] * 80


@pytest.mark.skipif("_bisect" not in PORTS, reason="_bisect port not built")
@pytest.mark.parametrize("fname", ["bisect_left", "bisect_right", "insort_left", "insort_right"])
@pytest.mark.parametrize("fuse", [0, 1, 3, 7])
def test_bisect_callbacks_raising(fname, fuse):
    port, c = _both("_bisect")

    def run(mod):
        f = [fuse]
        a = [BadCmp(i, f) for i in range(20)]
        x = BadCmp(9, f)
        refs = sys.getrefcount(x)
        out = workloads.outcome(getattr(mod, fname), a, x)
        return out, [y.v for y in a], sys.getrefcount(x) - refs

    assert run(port) == run(c)

    def key_run(mod):
        calls = [0]

        def key(v):
            calls[0] += 1
            if calls[0] > fuse:
                raise Boom("from key")
            return v

        a = list(range(20))
        return workloads.outcome(getattr(mod, fname), a, 9, key=key), a

    assert key_run(port) == key_run(c)


class BadLen(list):
    def __len__(self):
        raise Boom("from __len__")


class BadIndex:
    def __index__(self):
        raise Boom("from __index__")


class BadInsert(list):
    def insert(self, i, x):
        raise Boom("from insert")


@pytest.mark.skipif("_bisect" not in PORTS, reason="_bisect port not built")
def test_bisect_other_callbacks_raising():
    port, c = _both("_bisect")
    cases = [
        lambda m: m.bisect_left(BadLen([1, 2]), 1),
        lambda m: m.bisect_left([1, 2], 1, BadIndex()),
        lambda m: m.bisect_right([1, 2], 1, 0, BadIndex()),
        lambda m: m.insort_left(BadInsert([1, 2]), 1),
        lambda m: m.insort_right(BadInsert([1, 2]), 1, key=lambda v: v),
    ]
    for case in cases:
        assert workloads.outcome(case, port) == workloads.outcome(case, c)


@pytest.mark.skipif("_heapq" not in PORTS, reason="_heapq port not built")
@pytest.mark.parametrize("fname", ["heapify", "heappop", "heappush", "heappushpop", "heapreplace",
                                   *workloads.HEAPQ_MAX.values()])
@pytest.mark.parametrize("fuse", [0, 1, 4, 10])
def test_heapq_comparisons_raising(fname, fuse):
    port, c = _both("_heapq")
    takes_item = fname in workloads.HEAPQ_TAKES_ITEM

    def run(mod):
        f = [fuse]
        heap = [BadCmp(v, f) for v in (5, 9, 7, 12, 10, 8, 30, 1, 2, 3, 4)]
        args = [heap] + ([BadCmp(6, f)] if takes_item else [])
        refs = [sys.getrefcount(x) for x in heap]
        out = workloads.outcome(getattr(mod, fname), *args)
        out = (out[0], getattr(out[1], "v", out[1])) if out[0] == "ok" else out
        # Items stay alive with exactly their references (those still in the heap).
        return out, [x.v for x in heap], all(sys.getrefcount(x) >= 2 for x in heap), len(refs)

    assert run(port) == run(c)


def _alloc_fail_script(port: str | None, body: str) -> str:
    """A child that caps its address space, then runs `body` with the port (or C) as `m`."""
    load = (
        f"import importlib; m = importlib.import_module('ferrocpy.ports.{port}')"
        if port else "import binascii as m"
    )
    return textwrap.dedent("""
        import resource, sys
        LOAD
        big = bytes(100 * 1024 * 1024)
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        # Room for what is mapped now plus ~50 MiB: every output below needs more.
        with open("/proc/self/statm") as f:
            vm = int(f.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (vm + 50 * 1024 * 1024, hard))
        results = []
        for call in CALLS:
            try:
                call()
                results.append("ok")
            except MemoryError:
                results.append("MemoryError")
            except Exception as e:
                results.append(type(e).__name__)
        del big
        print(results)
        print(m.hexlify(b"still alive"))
    """).replace("LOAD", load).replace("CALLS", " ".join(body.split()))


ALLOC_BODY = """[
    lambda: m.b2a_base64(big),
    lambda: m.hexlify(big),
    lambda: m.b2a_hex(big, b'-', 1),
    lambda: m.b2a_qp(big),
]"""


@pytest.mark.skipif("binascii" not in PORTS, reason="binascii port not built")
def test_allocation_failure_raises_memory_error_and_interpreter_survives():
    def run(port):
        proc = subprocess.run([sys.executable, "-c", _alloc_fail_script(port, ALLOC_BODY)],
                              capture_output=True, text=True)
        return proc.returncode, proc.stdout.splitlines()

    rc, out = run("binascii")
    assert rc == 0, out
    assert out == ["['MemoryError', 'MemoryError', 'MemoryError', 'MemoryError']", "b'7374696c6c20616c697665'"]
    assert run(None) == (rc, out)  # what C does under the same limit


def test_sizes_that_cannot_be_allocated():
    # More than isize::MAX: MemoryError before any allocation; a size C refuses: OverflowError.
    with pytest.raises(MemoryError):
        st.bytes_with(1 << 63, 0)
    with pytest.raises(OverflowError):
        st.bytes_with((1 << 63) - 1, 0)
    with pytest.raises(MemoryError):
        st.bytes_with(1 << 62, 0)  # a real allocation of 4 EiB fails
    with pytest.raises(OverflowError):
        st.bytes_with(1 << 64, 0)
    assert st.bytes_with(3, 3) == b"\x00\x01\x02"


@pytest.mark.skipif(not IS_DEBUG_BUILD, reason="sys.gettotalrefcount needs a debug build")
def test_error_paths_do_not_leak_total_refcount():
    port = workloads.port_module("_heapq") if "_heapq" in PORTS else None

    def once():
        for _ in range(50):
            try:
                st.buffer_then_panic(bytearray(b"abc"))
            except SystemError:
                pass
            if port is not None:
                f = [3]
                try:
                    port.heapify([BadCmp(v, f) for v in range(10, 0, -1)])
                except Boom:
                    pass

    refs, blocks = _deltas([once], repeat=1)
    assert not _leaks(refs), refs
    assert not _leaks(blocks), blocks
