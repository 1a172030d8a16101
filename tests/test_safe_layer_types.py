"""The safe layer's object types and calls (dict, str code points, float repr, iteration,
keyword and method calls, the recursion guard, StopIteration values, chained exceptions),
driven through ferrocpy._selftest."""

from __future__ import annotations

import math
import random
import struct
import sys

import pytest

from ferrocpy import _selftest as st


class DictSub(dict):
    def __getitem__(self, key):  # not used by the C API, nor by types::dict
        raise AssertionError("overridden __getitem__ called")


class BadHash:
    def __hash__(self):
        raise ValueError("no hash")


class EvilKey:
    """Equal to everything with the same hash; removes itself from the dict when compared."""

    def __init__(self, target=None):
        self.target = target

    def __hash__(self):
        return 1

    def __eq__(self, other):
        if self.target is not None:
            self.target.clear()
        return True


def test_dict_build_keeps_insertion_order_and_last_value():
    pairs = [("b", 1), ("a", 2), (3, "x"), ("b", 4), ((1, 2), None)]
    d, items, n = st.dict_build(pairs)
    assert type(d) is dict
    assert d == dict(pairs)
    assert items == list(dict(pairs).items())
    assert n == len(d) == 4
    with pytest.raises(TypeError, match="unhashable"):
        st.dict_build([([1], 2)])
    with pytest.raises(ValueError, match="no hash"):
        st.dict_build([(BadHash(), 2)])


def test_dict_get_and_contains():
    d = {"a": 1, 2: "two", None: 0}
    assert st.dict_get(d, "a") == (True, 1)
    assert st.dict_get(d, 2) == (True, "two")
    assert st.dict_get(d, None) == (True, 0)
    assert st.dict_get(d, "zz") == (False, None)
    sub = DictSub(k="v")
    assert st.dict_get(sub, "k") == (True, "v")
    with pytest.raises(TypeError, match="expected dict, list found"):
        st.dict_get([], "a")
    with pytest.raises(TypeError, match="unhashable"):
        st.dict_get(d, [])
    with pytest.raises(ValueError, match="no hash"):
        st.dict_get(d, BadHash())


def test_dict_get_survives_a_key_that_empties_the_dict():
    for _ in range(50):
        d = {}
        d[EvilKey()] = object()
        found, value = st.dict_get(d, EvilKey(d))
        # Whatever the lookup answers, the value (if any) is a live object.
        assert found in (True, False)
        repr(value)


def test_dict_walk_in_order_and_mutation_detected():
    d = {i: str(i) for i in range(20)}
    calls = []
    assert st.dict_walk(d, lambda k, v: calls.append((k, v))) == list(range(20))
    assert calls == list(d.items())

    def grow(k, v):
        d[k + 1000] = v

    with pytest.raises(RuntimeError, match="dictionary changed size during iteration"):
        st.dict_walk(d, grow)

    def replace(k, v):
        d[k] = v + "!"  # same size: allowed, as in Python

    st.dict_walk(d, replace)

    def boom(k, v):
        raise KeyError("from callback")

    with pytest.raises(KeyError, match="from callback"):
        st.dict_walk(d, boom)


SAMPLES = [
    "", "a", "abc", "h\u00e9llo", "\u00ff" * 3, "\u0100", "\u20ac x", "\U0001f600",
    "a\ud800b", "\udfff", "\ud83d\ude00", "x" * 1000 + "\U00010000",
]


@pytest.mark.parametrize("s", SAMPLES)
def test_str_chars_read_in_place(s):
    kind, points = st.str_chars(s)
    assert points == [ord(c) for c in s]
    widest = max(points, default=0)
    assert kind == (1 if widest < 0x100 else 2 if widest < 0x10000 else 4)


def test_str_chars_of_subclass_and_errors():
    class S(str):
        pass

    assert st.str_chars(S("\u0101bc")) == (2, [0x101, ord("b"), ord("c")])
    with pytest.raises(TypeError, match="expected str, bytes found"):
        st.str_chars(b"abc")


@pytest.mark.parametrize("s", SAMPLES)
def test_str_from_points_round_trip_with_surrogates(s):
    out = st.str_from_points([ord(c) for c in s])
    assert out == s
    assert st.str_chars(out) == st.str_chars(s)  # canonical (narrowest) kind


def test_str_from_points_random_and_out_of_range():
    rng = random.Random(5)
    for _ in range(200):
        top = rng.choice([0x7F, 0xFF, 0xFFFF, 0x10FFFF])
        pts = [rng.randrange(top + 1) for _ in range(rng.randrange(30))]
        assert [ord(c) for c in st.str_from_points(pts)] == pts
    with pytest.raises(ValueError, match=r"character U\+110000 is not in range"):
        st.str_from_points([0x41, 0x110000])


@pytest.mark.parametrize("s", SAMPLES + ["abcdefghijklmnopqrstuvwxyz0123456789"])
def test_str_substring_every_bound(s):
    # Up to the end's clamping, the same as slicing, with the same storage form (an ASCII
    # slice is a compact ASCII str of the same size as Python's) and, for no character or one
    # character of Latin-1, the interpreter's shared string.
    n = len(s)
    # Every bound of short strings; near both ends and the middle of long ones.
    starts = range(n + 1) if n <= 64 else [*range(20), n // 2, *range(n - 20, n + 1)]
    ends = range(n + 3) if n <= 64 else [*starts, n + 1, n + 2]
    for start in starts:
        for end in ends:
            out = st.str_substring(s, start, end)
            want = s[start:end]
            assert out == want and type(out) is str
            assert sys.getsizeof(out) == sys.getsizeof(want)
            if not want or (len(want) == 1 and ord(want) < 0x100):
                assert out is want
    assert st.str_substring(s, 0, n) is s  # all of an exact str: the str itself


def test_str_substring_subclass_and_errors():
    class S(str):
        pass

    sub = S("hello world")
    assert st.str_substring(sub, 0, 11) == "hello world" and type(st.str_substring(sub, 0, 11)) is str
    assert st.str_substring(sub, 6, 11) == "world"
    with pytest.raises(TypeError):
        st.str_substring(b"abc", 0, 1)


def test_str_from_ascii():
    for text in ["", "a", "ab", "abcd", "abcdefg", "abcdefgh", "x" * 16, "y" * 17, "z" * 300]:
        out = st.str_from_ascii(text.encode())
        assert out == text and sys.getsizeof(out) == sys.getsizeof(text)
    assert st.str_from_ascii(b"q") is chr(ord("q"))  # the shared one-character string
    with pytest.raises(SystemError, match="non-ASCII"):
        st.str_from_ascii(b"ab\xe9")


def test_list_from_slice_takes_new_references():
    marker = object()
    before = sys.getrefcount(marker)
    for n in (0, 1, 7, 100):
        items = [marker] * n
        out = st.list_from_slice(items)
        assert out == items and out is not items
        assert sys.getrefcount(marker) == before + 2 * n
        del out, items
    assert sys.getrefcount(marker) == before


FLOATS = [
    0.0, -0.0, 1.0, -1.5, 0.1, 1 / 3, 1e16, 1e22, 1.7976931348623157e308, 5e-324, 2.5e-5,
    123456789012345678.0, math.inf, -math.inf, math.nan, 1e-7, 9007199254740993.0,
]


def test_float_repr_matches_float_repr():
    for x in FLOATS:
        assert st.float_repr(x) == repr(x)
    rng = random.Random(7)
    for _ in range(2000):
        x = struct.unpack("<d", rng.randbytes(8))[0]
        assert st.float_repr(x) == repr(x)
    assert st.float_repr(3) == "3.0"
    with pytest.raises(TypeError):
        st.float_repr("1.0")


def test_iterate_any_iterable_and_errors():
    assert st.iterate(range(5)) == [0, 1, 2, 3, 4]
    assert st.iterate("ab") == ["a", "b"]
    assert st.iterate({"x": 1}) == ["x"]

    def gen():
        yield 1
        raise ZeroDivisionError("in generator")

    with pytest.raises(ZeroDivisionError, match="in generator"):
        st.iterate(gen())
    with pytest.raises(TypeError, match="not iterable"):
        st.iterate(5)


def test_call_with_keywords_and_methods():
    def f(*args, **kwargs):
        return args, kwargs

    assert st.call_kw(f, (1, 2), {"a": 3, "b": 4}) == ((1, 2), {"a": 3, "b": 4})
    assert st.call_kw(f, (), {}) == ((), {})
    assert st.call_kw(sorted, ([3, 1, 2],), {"reverse": True}) == [3, 2, 1]
    def g(a):
        return a

    assert st.call_kw(g, (), {"a": 9}) == 9
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        st.call_kw(g, (1,), {"nope": 1})
    assert st.call_method([3, 1], "index", (1,)) == 1
    assert st.call_method("a,b", "split", (",",)) == ["a", "b"]

    class C:
        def m(self, x):
            return ("m", self, x)

    c = C()
    assert st.call_method(c, "m", (5,)) == ("m", c, 5)
    c.m = lambda x: ("instance attr", x)  # an instance attribute wins, as in Python
    assert st.call_method(c, "m", (6,)) == ("instance attr", 6)
    with pytest.raises(AttributeError):
        st.call_method(c, "missing", ())


def test_recursion_guard():
    assert st.nest(50) == 50
    # Where the limit lies depends on the version: the Python recursion limit up to 3.11, a
    # fixed C-level limit in 3.12/3.13, the remaining C stack from 3.14. A million levels of
    # Rust recursion exceed each of them (and each guard is taken before the next frame).
    with pytest.raises(RecursionError, match="in ferrocpy selftest nest"):
        st.nest(1_000_000)
    # The levels were all left: ordinary recursion still works afterwards.
    assert st.nest(50) == 50

    def depth(n):
        return 0 if n == 0 else depth(n - 1) + 1

    assert depth(sys.getrecursionlimit() // 2) == sys.getrecursionlimit() // 2


@pytest.mark.parametrize("value", [0, 42, None, (1, 2), (), [1], "s"])
def test_stop_iteration_carries_the_value_whole(value):
    with pytest.raises(StopIteration) as info:
        st.stop_with(value)
    assert info.value.value == value
    assert info.value.args == (value,)


def test_raise_from_chains_cause_and_context():
    with pytest.raises(TypeError, match="outer") as info:
        st.raise_from("outer")
    cause = info.value.__cause__
    assert isinstance(cause, ValueError) and cause.args == ("inner",)
    assert info.value.__context__ is cause


def test_int_of_any_size_from_and_to_decimal():
    for text in ["0", "-7", "+12", "1_000", " 42 ", str(2**200), "-" + "9" * 4000]:
        assert st.int_from_decimal(text) == int(text)
    for bad in ["", "1.5", "0x10", "12a", "--1", "1__0"]:
        with pytest.raises(ValueError):
            int(bad)
        with pytest.raises(ValueError, match="invalid literal for int"):
            st.int_from_decimal(bad)
    for x in [0, -1, 2**63, -(2**300), 10**4000]:
        assert st.int_to_decimal(x) == repr(x)

    class Loud(int):
        def __repr__(self):
            return "loud"

        __str__ = __repr__

    assert st.int_to_decimal(Loud(5)) == "5"  # int's own digits, not the subclass's methods
    assert st.int_to_decimal(True) == int.__repr__(True) == "1"
    with pytest.raises(TypeError, match="expected int, float found"):
        st.int_to_decimal(1.0)


def test_int_to_i64_without_exceptions():
    for x in [0, 1, -1, 2**30 - 1, 2**30, -(2**30), 2**62, 2**63 - 1, -(2**63)]:
        assert st.int_to_i64(x) == x
    for x in [2**63, -(2**63) - 1, 10**30, 1.0, "1", None]:
        assert st.int_to_i64(x) is None

    class Loud(int):
        def __index__(self):
            raise AssertionError("not called")

    assert st.int_to_i64(Loud(-5)) == -5
    assert st.int_to_i64(True) == 1


def test_int_digit_limits_apply():
    if not hasattr(sys, "get_int_max_str_digits"):
        pytest.skip("no int digit limit before 3.11")
    limit = sys.get_int_max_str_digits()
    if limit == 0:
        pytest.skip("limit disabled")
    with pytest.raises(ValueError, match="Exceeds the limit"):
        st.int_from_decimal("1" * (limit + 1))
    with pytest.raises(ValueError, match="Exceeds the limit"):
        st.int_to_decimal(10 ** (limit + 1))


# ---- calls: the callee's vectorcall entry, inline ----------------------------------------------

DEBUG_BUILD = hasattr(sys, "gettotalrefcount")


class CallableObj:
    """Instances are called through tp_call (a Python class: no vectorcall entry)."""

    def __call__(self, *args):
        return ("obj", args)


class WithMeth:
    def meth(self, *args):
        return ("meth", args)


def _callees():
    def pyfunc(*args):
        return ("func", args)

    return [
        pyfunc,
        lambda *a: a,
        len.__call__,  # method-wrapper
        abs,  # builtin METH_O
        max,  # builtin METH_VARARGS|KEYWORDS
        str.upper,  # method descriptor
        "x".join,  # bound builtin
        WithMeth().meth,  # bound method
        CallableObj(),  # tp_call only
        int,  # type (vectorcall of the type)
        tuple,
        __import__("functools").partial(pow, 2),
        __import__("operator").itemgetter(0),
    ]


@pytest.mark.parametrize("arg", [3, -4, "ab", (1, 2), [5], 2.5])
def test_call1_matches_python_call(arg):
    for f in _callees():
        try:
            expected = ("ok", f(arg))
        except Exception as e:  # noqa: BLE001
            expected = ("raise", type(e), str(e))
        try:
            got = ("ok", st.call1(f, arg))
        except Exception as e:  # noqa: BLE001
            got = ("raise", type(e), str(e))
        assert got == expected, f


@pytest.mark.parametrize("args", [(), (1,), (1, 2), (1, 2, 3), ("a", "b", "c", "d")])
def test_call_matches_python_call(args):
    for f in _callees():
        try:
            expected = ("ok", f(*args))
        except Exception as e:  # noqa: BLE001
            expected = ("raise", type(e), str(e))
        try:
            got = ("ok", st.call(f, args))
        except Exception as e:  # noqa: BLE001
            got = ("raise", type(e), str(e))
        assert got == expected, f


def test_call1_keeps_exceptions_and_references():
    def boom(x):
        raise KeyError(x)

    with pytest.raises(KeyError) as info:
        st.call1(boom, "k")
    assert info.value.args == ("k",)
    arg = object()
    before = sys.getrefcount(arg)
    for _ in range(100):
        st.call1(lambda v: v, arg)
        st.call(lambda *v: v, (arg, arg))
    assert sys.getrefcount(arg) == before


@pytest.mark.skipif(DEBUG_BUILD, reason="a debug build's interpreter ends the process here")
def test_call_of_a_callee_that_breaks_the_protocol():
    # What the interpreter says when Python code makes the same call.
    with pytest.raises(SystemError) as py_null:
        st.misbehave(0)
    with pytest.raises(SystemError) as py_set:
        st.misbehave(7)
    assert "returned NULL without setting an exception" in str(py_null.value)
    assert "returned a result with an exception set" in str(py_set.value)
    for call in (lambda m: st.call1(st.misbehave, m), lambda m: st.call(st.misbehave, (m,))):
        with pytest.raises(SystemError) as null:
            call(0)
        assert str(null.value) == str(py_null.value)
        with pytest.raises(SystemError) as set_:
            call(7)
        assert str(set_.value) == str(py_set.value)
        # The exception the callee left set is chained, as the interpreter chains it.
        for exc in (set_.value, py_set.value):
            assert isinstance(exc.__cause__, ValueError) and exc.__cause__.args == (7,)
            assert exc.__context__ is exc.__cause__


# ---- list::insert / list::append in place ------------------------------------------------------


def _histories():
    """Lists of every length up to 40 reached by appends, by list(), by literal-like
    construction, and after shrinking by pops and slice deletion: their storage differs."""
    for n in range(0, 41):
        yield f"append{n}", lambda n=n: _appended(n)
        yield f"list{n}", lambda n=n: list(range(n))
        yield f"mul{n}", lambda n=n: [0] * n
        yield f"popped{n}", lambda n=n: _popped(n)
        yield f"sliced{n}", lambda n=n: _sliced(n)


def _appended(n):
    lst = []
    for i in range(n):
        lst.append(i)
    return lst


def _popped(n):
    lst = list(range(n + 25))
    for _ in range(25):
        lst.pop()
    return lst


def _sliced(n):
    lst = _appended(3 * n + 5)
    del lst[n:]
    return lst


@pytest.mark.parametrize("where", [0, 1, -1, -3, 5, 1000, -1000])
def test_list_insert_matches_list_insert(where):
    for name, make in _histories():
        a, b = make(), make()
        for step in range(6):
            item = object() if step % 2 else f"x{step}"
            a.insert(where, item)
            st.list_insert(b, where, item)
            assert b == a, (name, where, step)
            assert sys.getsizeof(b) == sys.getsizeof(a), (name, where, step)


def test_list_append_matches_list_append():
    for name, make in _histories():
        a, b = make(), make()
        for step in range(6):
            item = object()
            a.append(item)
            st.list_append(b, item)
            assert b == a, (name, step)
            assert sys.getsizeof(b) == sys.getsizeof(a), (name, step)


def test_list_insert_append_on_subclass_and_references():
    class L(list):
        def insert(self, *a):  # not used by the C API, nor by types::list
            raise AssertionError("overridden insert called")

        append = insert

    lst = L([1, 2, 3])
    item = object()
    before = sys.getrefcount(item)
    st.list_insert(lst, 1, item)
    st.list_append(lst, item)
    assert lst == [1, item, 2, 3, item]
    assert sys.getrefcount(item) == before + 2
    del lst
    assert sys.getrefcount(item) == before
    with pytest.raises(SystemError):
        st.list_insert((1, 2), 0, item)
    with pytest.raises(SystemError):
        st.list_append((1, 2), item)


def test_list_pop_last_matches_slice_deletion():
    # C's heapq pops with PyList_SetSlice(heap, n - 1, n, NULL), i.e. `del lst[n - 1:]`.
    for name, make in _histories():
        a, b = make(), make()
        extra = [object() for _ in range(3)]
        a.extend(extra)
        b.extend(extra)
        while a:
            expected = a[-1]
            del a[len(a) - 1:]
            got = st.list_pop_last(b)
            assert got is expected, name
            assert b == a, name
            assert sys.getsizeof(b) == sys.getsizeof(a), (name, len(a))
        assert st.list_pop_last(b) is None
        item = object()
        before = sys.getrefcount(item)
        b.append(item)
        b.append(1)
        st.list_pop_last(b)
        st.list_pop_last(b)
        assert sys.getrefcount(item) == before
