"""The _json port writes floats itself (json-core's float_repr, Rust's shortest digits laid out
as CPython's repr), where C calls float.__repr__: its text must be float.__repr__'s, digit for
digit, for every finite double. Checked against repr() of the running interpreter on random bit
patterns over the whole range, on doubles of every exponent with few mantissa bits (where
halfway ties between two shortest candidates occur: CPython rounds them to even), on
subnormals, powers of two and ten and their neighbours, the layout boundaries (1e16, 1e-4,
1e-5), integers around 2**53, and on values hypothesis picks; and as dict keys, and against C's
encoder for json.dumps-style calls.
"""

from __future__ import annotations

import importlib
import math
import os
import random
import struct

import _json as c_json
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

try:
    port = importlib.import_module("ferrocpy.ports._json")
except ImportError:  # pragma: no cover - the port is not built
    pytest.skip("ferrocpy.ports._json is not built", allow_module_level=True)

COUNT = int(os.environ.get("JSON_FLOAT_REPR_COUNT", "400000"))


def encoder(mod, allow_nan=True):
    return mod.make_encoder(None, None, mod.encode_basestring_ascii, None, ":", ",", False, False, allow_nan)


PORT = encoder(port)
C = encoder(c_json)


def text(enc, value):
    out = enc(value, 0)
    return "".join(out)


def check(values):
    """The port's array text of `values` (finite) is repr's, item for item."""
    values = [v for v in values if math.isfinite(v)]
    got = text(PORT, values)
    want = "[" + ",".join(map(float.__repr__, values)) + "]"
    if got != want:
        bad = [(v, r, p) for v, r, p in zip(values, want[1:-1].split(","), got[1:-1].split(",")) if r != p]
        pytest.fail(f"{len(bad)} differ, first: {bad[:5]} (value, repr, port)")


def from_bits(bits):
    return struct.unpack("<d", struct.pack("<Q", bits & (2**64 - 1)))[0]


def test_random_bit_patterns():
    rng = random.Random(20261130)
    check([from_bits(rng.getrandbits(64)) for _ in range(COUNT)])


def test_every_exponent_with_short_mantissas():
    # Exact halfway cases need few significant bits: mantissas of 1..20 random bits.
    rng = random.Random(7)
    values = []
    for _ in range(COUNT):
        exp = rng.randrange(0, 2047)
        bits = rng.randrange(1, 21)
        mant = rng.getrandbits(bits) << (52 - bits)
        values.append(from_bits((rng.getrandbits(1) << 63) | (exp << 52) | mant))
    check(values)


def test_ties_to_even():
    # Values exactly halfway between two shortest candidates (found by scanning quarters
    # around 1e15 and eighths/sixteenths around 1e14).
    values = []
    for base in (1669760939663944, 10**15, 2**50, 123456789012345, 7 * 10**14, 2**52 - 1):
        for frac in range(16):
            values.append(base + frac / 16)
            values.append(-(base + frac / 4))
    check(values)


def test_boundaries():
    values = [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308]
    for e in range(-330, 310):
        for m in (1, 2, 3, 5, 9.999999999999999, 9.5, 4.35, 1.2345678901234567):
            try:
                v = float(f"{m}e{e}")
            except OverflowError:  # pragma: no cover - float() does not overflow
                continue
            values += [v, math.nextafter(v, math.inf), math.nextafter(v, -math.inf)]
    for e in range(-1074, 1024):
        p = math.ldexp(1.0, e)
        values += [p, math.nextafter(p, math.inf), math.nextafter(p, 0.0)]
    for n in range(2**53 - 20, 2**53 + 20):
        values.append(float(n))
    for v in (1e16, 1e-4, 1e-5, 1e15, 9999999999999998.0, 0.0001, 0.00009999999999999999):
        values += [v, math.nextafter(v, math.inf), math.nextafter(v, -math.inf), -v]
    rng = random.Random(3)
    for _ in range(COUNT // 4):
        digits = rng.randrange(1, 18)
        values.append(float(f"{rng.randrange(10**digits)}e{rng.randrange(-30, 30)}"))
    check(values)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=50))
def test_hypothesis_floats(values):
    check(values)


def test_keys_and_special_values_as_c():
    rng = random.Random(11)
    values = [from_bits(rng.getrandbits(64)) for _ in range(2000)]
    values += [math.inf, -math.inf, math.nan, 0.0, -0.0, 1e16, 1e-5]
    keys = {v: i for i, v in enumerate(values) if not math.isnan(v)}
    assert text(PORT, values) == text(C, values)
    assert text(PORT, keys) == text(C, keys)

    class F(float):
        def __repr__(self):
            return "nope"

    assert text(PORT, [F(1.5), F(1e300)]) == text(C, [F(1.5), F(1e300)]) == "[1.5,1e+300]"
