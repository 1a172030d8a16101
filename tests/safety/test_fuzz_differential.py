"""Differential fuzzing of the Python-facing functions against CPython's C modules
(hypothesis): random inputs and arguments, and the port must give exactly C's result or raise
exactly C's exception (type and message).

Bounded in CI: FERROCPY_FUZZ_EXAMPLES examples per test (default 50, 20 on a debug build, so
the five interpreters' runs together stay well under a minute). Long run (see
docs/SAFETY.md):

    FERROCPY_FUZZ_EXAMPLES=200000 .venv/cp311/bin/python -m pytest tests/safety/test_fuzz_differential.py -q -s
"""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as s

import workloads
from workloads import PORTS

EXAMPLES = int(os.environ.get("FERROCPY_FUZZ_EXAMPLES", "20" if hasattr(sys, "gettotalrefcount") else "50"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXECUTIONS = {"calls": 0}


def _pair(name):
    if name not in PORTS:
        pytest.skip(f"{name} port not built")
    return workloads.port_module(name), workloads.reference_module(name)


def same(port, c, fname, *args, **kwargs):
    EXECUTIONS["calls"] += 1
    a = workloads.outcome(getattr(port, fname), *args, **kwargs)
    b = workloads.outcome(getattr(c, fname), *args, **kwargs)
    assert a == b, (fname, args, kwargs)
    return a


def teardown_module(module):
    print(f"\nfuzz: {EXECUTIONS['calls']} differential executions ({EXAMPLES} examples per test)")


B64_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n\r \t!-_."
HEX_CHARS = b"0123456789abcdefABCDEFgG \n"
QP_CHARS = b"=ABCDEF0123456789abc_ \t\r\n.?\x00\xff"
UU_CHARS = bytes(range(32, 97)) + b"`\n "

data = s.binary(max_size=400)
big_data = s.binary(min_size=0, max_size=5000)


def alphabet(chars):
    return s.lists(s.sampled_from(chars), max_size=300).map(bytes)


@FUZZ
@given(d=big_data, newline=s.booleans())
def test_b2a_base64(d, newline):
    port, c = _pair("binascii")
    same(port, c, "b2a_base64", d, newline=newline)
    same(port, c, "b2a_base64", bytearray(d))


@FUZZ
@given(d=s.one_of(alphabet(B64_CHARS), data), strict=s.booleans(), as_str=s.booleans())
def test_a2b_base64(d, strict, as_str):
    port, c = _pair("binascii")
    arg = d.decode("latin-1") if as_str else d
    if sys.version_info >= (3, 11):
        same(port, c, "a2b_base64", arg, strict_mode=strict)
    else:
        same(port, c, "a2b_base64", arg)


@FUZZ
@given(d=data, sep=s.one_of(s.none(), s.sampled_from([b"-", ":", b"", "ab", b"\xff", "é", 1])),
       n=s.integers(-10, 10))
def test_hexlify(d, sep, n):
    port, c = _pair("binascii")
    for f in ("hexlify", "b2a_hex"):
        if sep is None:
            same(port, c, f, d)
        else:
            same(port, c, f, d, sep, n)


@FUZZ
@given(d=s.one_of(alphabet(HEX_CHARS), data), as_str=s.booleans())
def test_unhexlify(d, as_str):
    port, c = _pair("binascii")
    arg = d.decode("latin-1") if as_str else d
    same(port, c, "unhexlify", arg)
    same(port, c, "a2b_hex", arg)


@FUZZ
@given(d=s.one_of(alphabet(QP_CHARS), data), q=s.booleans(), t=s.booleans(), h=s.booleans())
def test_qp(d, q, t, h):
    port, c = _pair("binascii")
    same(port, c, "b2a_qp", d, quotetabs=q, istext=t, header=h)
    same(port, c, "a2b_qp", d, header=h)


@FUZZ
@given(d=s.binary(max_size=60), bt=s.booleans(), enc=alphabet(UU_CHARS))
def test_uu(d, bt, enc):
    port, c = _pair("binascii")
    same(port, c, "b2a_uu", d, backtick=bt)
    same(port, c, "a2b_uu", enc)
    same(port, c, "a2b_uu", enc.decode("latin-1"))


@FUZZ
@given(d=big_data, crc=s.integers(-(1 << 70), 1 << 70))
def test_crc(d, crc):
    port, c = _pair("binascii")
    same(port, c, "crc32", d)
    same(port, c, "crc32", d, crc)
    same(port, c, "crc_hqx", d, crc)


@FUZZ
@given(d=big_data)
def test_base64_module(d):
    port, c = _pair("_base64")
    same(port, c, "standard_b64encode", d)
    same(port, c, "standard_b64encode", memoryview(d))


keys = s.sampled_from([None, abs, lambda v: -v, str])


@FUZZ
@given(a=s.lists(s.integers(-50, 50), max_size=40), x=s.integers(-60, 60),
       lo=s.one_of(s.none(), s.integers(-3, 45)), hi=s.one_of(s.none(), s.integers(-3, 45)), key=keys)
def test_bisect(a, x, lo, hi, key):
    port, c = _pair("_bisect")
    kw = {} if key is None else {"key": key}
    if key is None:
        a = sorted(a)
    else:
        a = sorted(a, key=key)
    pos = () if lo is None else (lo,) if hi is None else (lo, hi)
    for f in ("bisect_left", "bisect_right"):
        same(port, c, f, a, x, *pos, **kw)
    for f in ("insort_left", "insort_right"):
        la, lc = list(a), list(a)
        ra = workloads.outcome(getattr(port, f), la, x, *pos, **kw)
        rc = workloads.outcome(getattr(c, f), lc, x, *pos, **kw)
        EXECUTIONS["calls"] += 1
        assert (ra, la) == (rc, lc)


ops = s.lists(s.tuples(s.sampled_from(["heappush", "heappop", "heappushpop", "heapreplace", "heapify",
                                        *workloads.HEAPQ_MAX.values()]),
                       s.one_of(s.integers(-100, 100), s.floats(allow_nan=True), s.text(max_size=2))),
              max_size=40)


@FUZZ
@given(start=s.lists(s.integers(-100, 100), max_size=30), program=ops)
def test_heapq(start, program):
    port, c = _pair("_heapq")
    hp, hc = list(start), list(start)
    for op, item in program:
        args = (item,) if op in workloads.HEAPQ_TAKES_ITEM else ()
        ra = workloads.outcome(getattr(port, op), hp, *args)
        rc = workloads.outcome(getattr(c, op), hc, *args)
        EXECUTIONS["calls"] += 1
        assert repr((ra, hp)) == repr((rc, hc)), (op, item)
