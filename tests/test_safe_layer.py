"""The safe layer and the raw bindings, checked against the real interpreter through the
test-only module ferrocpy._selftest."""

from __future__ import annotations

import gc
import inspect
import sys
import threading

import pytest

from ferrocpy import _selftest as st


def test_inline_replicas_match_c_macros():
    # Every Rust replica of a C macro/static inline (refcounting, Py_TYPE, type checks, tuple/list
    # access, singletons) gives what the C compiler's expansion gives on this interpreter.
    assert st.check_inline() == []


def test_panic_raises_system_error_and_interpreter_survives():
    with pytest.raises(SystemError, match="panic in Rust code: boom"):
        st.panic("boom")
    assert st.identity(42) == 42
    for i in range(100):
        with pytest.raises(SystemError):
            st.panic(f"again {i}")
    assert st.noargs() is None


def test_panic_with_pending_exception_is_replaced():
    with pytest.raises(TypeError):
        st.panic(123)  # extraction fails before the panic: a normal TypeError


def test_buffer_released_on_panic_and_error_paths():
    b = bytearray(b"abc")
    with pytest.raises(SystemError, match="holding a buffer of 3 bytes"):
        st.buffer_then_panic(b)
    b.extend(b"def")  # would raise BufferError if the view had leaked
    with pytest.raises(ValueError, match="held 6 bytes"):
        st.buffer_then_raise(b)
    b.extend(b"g")
    m = memoryview(b)
    assert st.buffer_len(m) == 7
    m.release()
    b.clear()
    assert st.buffer_len(b) == 0


def test_buffer_rejects_non_buffers():
    with pytest.raises(TypeError, match="a bytes-like object is required, not 'str'"):
        st.buffer_len("abc")


def test_detach_releases_the_gil_and_reattaches():
    data = bytes(range(256)) * 4096
    assert st.detached_sum(data) == sum(data)
    results = []

    def work():
        results.append(st.detached_sum(data))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [sum(data)] * 8


@pytest.mark.parametrize(
    "kind,lo,hi",
    [
        ("i8", -(2**7), 2**7 - 1),
        ("i16", -(2**15), 2**15 - 1),
        ("i32", -(2**31), 2**31 - 1),
        ("i64", -(2**63), 2**63 - 1),
        ("isize", -(2**63), 2**63 - 1),
        ("i128", -(2**127), 2**127 - 1),
        ("u8", 0, 2**8 - 1),
        ("u16", 0, 2**16 - 1),
        ("u32", 0, 2**32 - 1),
        ("u64", 0, 2**64 - 1),
        ("usize", 0, 2**64 - 1),
        ("u128", 0, 2**128 - 1),
    ],
)
def test_integer_widths_round_trip_and_overflow(kind, lo, hi):
    for v in (lo, hi, 0, 1, lo + 1, hi - 1):
        assert st.int_roundtrip(kind, v) == v
    with pytest.raises(OverflowError):
        st.int_roundtrip(kind, hi + 1)
    with pytest.raises(OverflowError):
        st.int_roundtrip(kind, lo - 1)


def test_integer_conversion_uses_index_and_rejects_non_integers():
    class Idx:
        def __index__(self):
            return 7

    assert st.int_roundtrip("i32", Idx()) == 7
    assert st.int_roundtrip("u16", True) == 1
    with pytest.raises(TypeError, match="'str' object cannot be interpreted as an integer"):
        st.int_roundtrip("i64", "5")
    with pytest.raises(TypeError, match="'float' object cannot be interpreted as an integer"):
        st.int_roundtrip("u8", 1.0)
    with pytest.raises(OverflowError, match="can't convert negative int to unsigned"):
        st.int_roundtrip("u64", -1)


def test_other_conversions():
    assert st.int_roundtrip("bool", True) is True
    assert st.int_roundtrip("bool", False) is False
    with pytest.raises(TypeError):
        st.int_roundtrip("bool", 1)
    assert st.int_roundtrip("none", 0) is None
    assert st.float_roundtrip(1.25) == 1.25
    assert st.float_roundtrip(3) == 3.0
    with pytest.raises(TypeError):
        st.float_roundtrip("x")
    for s in ("", "abc", "h\u00e9llo", "\U0001f600", "a\x00b"):
        assert st.str_roundtrip(s) == s
    with pytest.raises(UnicodeEncodeError):
        st.str_roundtrip("\ud800")
    with pytest.raises(TypeError, match="expected str, bytes found"):
        st.str_roundtrip(b"x")
    for b in (b"", b"abc", bytes(range(256))):
        assert st.bytes_roundtrip(b) == b
    with pytest.raises(TypeError, match="expected bytes, bytearray found"):
        st.bytes_roundtrip(bytearray(b"x"))


def test_bytes_written_in_place():
    assert st.bytes_with(10, 4) == bytes(range(4))
    assert st.bytes_with(4, 4) == bytes(range(4))
    assert st.bytes_with(0, 0) == b""
    with pytest.raises(ValueError):
        st.bytes_with(2, 3)


def test_module_state_exception_class():
    assert issubclass(st.SelftestError, Exception)
    assert st.SelftestError.__module__ == "ferrocpy._selftest"
    with pytest.raises(st.SelftestError, match="mine"):
        st.raise_own_error("mine")


@pytest.mark.parametrize("name", ["TypeError", "ValueError", "OverflowError", "MemoryError", "BufferError"])
def test_builtin_exceptions(name):
    with pytest.raises(getattr(__builtins__, name, None) or __builtins__[name], match="msg"):
        st.raise_builtin(name, "msg")


def test_calling_conventions_and_signatures():
    assert inspect.signature(st.identity) == inspect.signature(lambda obj, /: 0)
    assert str(inspect.signature(st.bind)) == "(a, /, b, c=None, *, d, e=None)"
    assert st.positional(1) == (1, None)
    assert st.positional(1, 2) == (1, 2)
    assert st.callable(len) is True and st.callable(3) is False


def test_fastcall_keyword_binding():
    assert st.bind(1, 2, d=4) == (1, 2, None, 4, None)
    assert st.bind(1, b=2, d=4, c=3, e=5) == (1, 2, 3, 4, 5)
    assert st.bind(*[1, 2, 3], **{"d": 4}) == (1, 2, 3, 4, None)


def test_binding_errors_are_type_errors():
    new = sys.version_info >= (3, 13)
    cases = [
        (lambda: st.bind(), "bind() takes at least 1 positional argument (0 given)"),
        (lambda: st.bind(1, 2), "bind() missing required argument 'd' (pos 4)"),
        (lambda: st.bind(1, 2, 3, 4), "bind() takes at most 3 positional arguments (4 given)"),
        (lambda: st.bind(1, 2, b=3, d=1), "argument for bind() given by name ('b') and position (2)"),
        (lambda: st.bind(1, 2, 3, 4, 5, 6), "bind() takes at most 5 arguments (6 given)"),
        (
            lambda: st.bind(1, 2, d=1, x=2),
            "bind() got an unexpected keyword argument 'x'" if new else "'x' is an invalid keyword argument for bind()",
        ),
        (lambda: st.positional(), "positional expected at least 1 argument, got 0"),
        (lambda: st.positional(1, 2, 3), "positional expected at most 2 arguments, got 3"),
        (lambda: st.identity(), "identity() takes exactly one argument (0 given)"),
        (lambda: st.noargs(1), "noargs() takes no arguments (1 given)"),
        (lambda: st.identity(obj=1), "identity() takes no keyword arguments"),
    ]
    for call, msg in cases:
        with pytest.raises(TypeError) as info:
            call()
        assert str(info.value).endswith(msg), (str(info.value), msg)


@pytest.mark.skipif(sys.version_info < (3, 13), reason="suggestions are 3.13+")
def test_keyword_suggestions_313():
    with pytest.raises(TypeError, match=r"bind\(\) got an unexpected keyword argument 'dd'. Did you mean 'd'\?"):
        st.bind(1, 2, dd=1, d=1)


def test_arguments_are_borrowed_not_leaked():
    obj = object()
    before = sys.getrefcount(obj)
    for _ in range(10_000):
        st.identity(obj)
        st.positional(obj, obj)
        st.bind(obj, obj, obj, d=obj, e=obj)
    assert sys.getrefcount(obj) == before


def test_module_reimport_gets_fresh_state():
    import importlib.util

    spec = importlib.util.find_spec("ferrocpy._selftest")
    mod2 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod2)
    assert mod2.SelftestError is not st.SelftestError
    with pytest.raises(mod2.SelftestError):
        mod2.raise_own_error("x")
    del mod2
    gc.collect()

