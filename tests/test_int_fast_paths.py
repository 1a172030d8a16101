"""The in-place paths of the safe layer's int conversions (issue 16: the fixed cost of a call).

One-digit ints are read without a call (`cpython_sys::long_compact_value`), results are built
through the cheapest exported constructor, and `bool(x)` answers True/False/None in place. Each
path must give exactly what the general path (and C) gives, on both sides of every boundary:
the digit size (2**30), each Rust width, signs, int subclasses and bools.
"""

from __future__ import annotations

import importlib
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from ferrocpy import _selftest as st

RANGES = {
    "i8": (-(2**7), 2**7 - 1),
    "i16": (-(2**15), 2**15 - 1),
    "i32": (-(2**31), 2**31 - 1),
    "i64": (-(2**63), 2**63 - 1),
    "isize": (-(2**63), 2**63 - 1),
    "u8": (0, 2**8 - 1),
    "u16": (0, 2**16 - 1),
    "u32": (0, 2**32 - 1),
    "u64": (0, 2**64 - 1),
    "usize": (0, 2**64 - 1),
}

# Both sides of the one-digit boundary, the cached small ints, each width's limits.
EDGES = sorted(
    {
        s * v
        for s in (1, -1)
        for base in (0, 1, 5, 6, 255, 256, 257, 1000, 2**15, 2**16, 2**30, 2**31, 2**32, 2**62, 2**63, 2**64)
        for v in (base - 1, base, base + 1)
    }
)


class IntSub(int):
    pass


def expected(kind: str, v: int) -> int | type[OverflowError]:
    lo, hi = RANGES[kind]
    return v if lo <= v <= hi else OverflowError


def roundtrip(kind: str, v: object) -> object:
    try:
        return st.int_roundtrip(kind, v)
    except OverflowError:
        return OverflowError


@pytest.mark.parametrize("kind", sorted(RANGES))
def test_every_width_at_every_edge(kind):
    for v in EDGES:
        assert roundtrip(kind, v) == expected(kind, v), v
        assert roundtrip(kind, IntSub(v)) == expected(kind, v), v
        r = roundtrip(kind, v)
        if r is not OverflowError:
            assert type(r) is int


@settings(max_examples=400, deadline=None)
@given(
    hs.sampled_from(sorted(RANGES)),
    hs.one_of(hs.integers(-(2**31), 2**31), hs.integers(-(2**70), 2**70), hs.sampled_from(EDGES)),
)
def test_any_int_any_width(kind, v):
    assert roundtrip(kind, v) == expected(kind, v)


def test_bools_convert_as_ints():
    for kind in RANGES:
        assert st.int_roundtrip(kind, True) == 1
        assert st.int_roundtrip(kind, False) == 0


def test_overflow_messages_do_not_depend_on_the_path():
    # 300 is read in place and does not fit i8; 2**40 goes through the general path.
    for kind, small, large in (("i8", 300, 2**40), ("i16", -(2**16), -(2**40)), ("u8", 256, 2**40)):
        with pytest.raises(OverflowError) as a:
            st.int_roundtrip(kind, small)
        with pytest.raises(OverflowError) as b:
            st.int_roundtrip(kind, large)
        assert str(a.value) == str(b.value)
    # A negative one-digit int for an unsigned width keeps C's message.
    for kind in ("u8", "u32", "u64", "usize"):
        with pytest.raises(OverflowError, match="can't convert negative int to unsigned"):
            st.int_roundtrip(kind, -1)


def test_index_objects_still_go_through_index():
    class Idx:
        def __index__(self):
            return 7

    class BadIdx:
        def __index__(self):
            raise ZeroDivisionError

    for kind in RANGES:
        assert st.int_roundtrip(kind, Idx()) == 7
        with pytest.raises(ZeroDivisionError):
            st.int_roundtrip(kind, BadIdx())


def test_non_compact_zero_and_subclass_zero():
    # Zeros that are not the cached 0 object (an int subclass instance; an arithmetic result on
    # versions that do not normalise to the cache) read as 0.
    for z in (IntSub(0), int("0"), 10**20 - 10**20, -0):
        for kind in RANGES:
            assert st.int_roundtrip(kind, z) == 0


# ---- the same paths through clinic converters, against the C modules ----------------------------

ports_binascii = importlib.import_module("ferrocpy.ports.binascii")
ports_bisect = importlib.import_module("ferrocpy.ports._bisect")
c_binascii = importlib.import_module("binascii")
c_bisect = importlib.import_module("_bisect")


def outcome(f, *args, **kwargs):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = ("ok", f(*args, **kwargs))
        except Exception as e:  # noqa: BLE001 - the exception is the outcome compared
            r = ("raise", type(e), str(e))
    return r, [(x.category, str(x.message)) for x in w]


@pytest.mark.parametrize("crc", [*EDGES, True, False, IntSub(-3), IntSub(2**40)])
def test_unsigned_int_bitwise_matches_c(crc):
    # crc32's crc is `unsigned_int(bitwise=True)`: low 32 bits (3.15 warns out of range).
    assert outcome(ports_binascii.crc32, b"abc", crc) == outcome(c_binascii.crc32, b"abc", crc)


@pytest.mark.parametrize("bound", [*EDGES, True, IntSub(2)])
def test_ssize_t_lo_hi_match_c(bound):
    a = list(range(10))
    for kwargs in ({"lo": bound}, {"hi": bound}, {"lo": 0, "hi": bound}):
        assert outcome(ports_bisect.bisect_left, a, 5, **kwargs) == outcome(c_bisect.bisect_left, a, 5, **kwargs)


class Truthy:
    def __init__(self, value):
        self.value = value

    def __bool__(self):
        if isinstance(self.value, BaseException):
            raise self.value
        return self.value


@pytest.mark.parametrize(
    "flag", [True, False, None, 0, 1, -1, 2**40, "", "x", [], [0], Truthy(True), Truthy(False), Truthy(ValueError("no"))]
)
def test_bool_converter_matches_c(flag):
    # b2a_base64's newline is `bool` (PyObject_IsTrue) from 3.12 and an int before; either way
    # the port answers what C answers, True/False/None now in place.
    port = outcome(ports_binascii.b2a_base64, b"ab", newline=flag)
    c = outcome(c_binascii.b2a_base64, b"ab", newline=flag)
    assert port == c
