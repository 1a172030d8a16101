"""Acceptance of examples/seed_demo, the third-party-style project built by ferrocpy.build."""

from __future__ import annotations

import inspect
import sys

import pytest

seed_demo = pytest.importorskip("seed_demo")


def test_fibonacci():
    assert seed_demo.fibonacci(30) == 832040
    assert [seed_demo.fibonacci(n) for n in range(10)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    assert seed_demo.fibonacci(-4) == -4  # like the Python version: n <= 1 returns n


def test_parse_header():
    assert seed_demo.parse_header(b"abcdef") == "abcd"
    assert seed_demo.parse_header(bytearray(b"\xc3\xa9\xc3\xa9!")) == "\u00e9\u00e9"
    assert seed_demo.parse_header(memoryview(b"wxyz")) == "wxyz"
    with pytest.raises(ValueError, match="Header too short"):
        seed_demo.parse_header(b"ab")
    with pytest.raises(ValueError, match="Invalid UTF-8"):
        seed_demo.parse_header(b"\xff\xfe\xfd\xfc")
    assert seed_demo.parse_header("\u20acx".encode()) == "\u20acx"
    with pytest.raises(ValueError, match="Invalid UTF-8"):
        seed_demo.parse_header("\u00e9\u20ac".encode())  # the 4-byte cut splits the euro sign

def test_signatures():
    assert str(inspect.signature(seed_demo.fibonacci)) == "(n, /)"
    assert str(inspect.signature(seed_demo.parse_header)) == "(data, /)"


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: seed_demo.fibonacci(), "seed_demo.fibonacci() takes exactly one argument (0 given)"),
        (lambda: seed_demo.fibonacci(1, 2), "seed_demo.fibonacci() takes exactly one argument (2 given)"),
        (lambda: seed_demo.fibonacci(n=3), "seed_demo.fibonacci() takes no keyword arguments"),
        (lambda: seed_demo.fibonacci("3"), "'str' object cannot be interpreted as an integer"),
        (lambda: seed_demo.fibonacci(3.0), "'float' object cannot be interpreted as an integer"),
        (lambda: seed_demo.parse_header(), "seed_demo.parse_header() takes exactly one argument (0 given)"),
        (lambda: seed_demo.parse_header("abcd"), "a bytes-like object is required, not 'str'"),
        (lambda: seed_demo.parse_header(1234), "a bytes-like object is required, not 'int'"),
    ],
)
def test_wrong_types_and_counts_are_worded_like_builtins(call, message):
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value) == message


def test_builtin_wording_reference():
    # The same wording CPython's own builtins use for the same mistakes.
    with pytest.raises(TypeError, match=r"takes exactly one argument \(0 given\)"):
        len()
    with pytest.raises(TypeError, match="'str' object cannot be interpreted as an integer"):
        range("3")
    with pytest.raises(TypeError, match="a bytes-like object is required, not 'str'"):
        memoryview("abcd")


def test_million_calls_keep_refcounts_and_rss_flat(rss):
    class Int(int):
        pass

    n = Int(3)
    data = b"abcdefgh"
    buf = bytearray(b"wxyz1234")
    short = b"ab"
    for _ in range(100_000):  # warm-up: allocator pools, caches
        seed_demo.fibonacci(n)
        seed_demo.parse_header(data)
    refs = [sys.getrefcount(o) for o in (n, data, buf, short)]
    before = rss()
    for _ in range(1_000_000):
        seed_demo.fibonacci(n)
        seed_demo.parse_header(data)
        seed_demo.parse_header(buf)
    for _ in range(200_000):
        try:
            seed_demo.parse_header(short)
        except ValueError:
            pass
    after = rss()
    assert [sys.getrefcount(o) for o in (n, data, buf, short)] == refs
    assert after - before < 1 << 20, f"RSS grew by {(after - before) / 1024:.0f} KiB"
    buf.extend(b"!")  # no buffer export left behind
