"""The in-place fast paths of the safe layer and the ports (exact bytes read without a buffer
export, compact ASCII str read in place, keyword names compared in place, the separator of
hexlify resolved in place, bisect's cached comparison slot) against the general paths they
shortcut: every neighbouring representation must behave exactly as the C module does."""

from __future__ import annotations

import array
import binascii as C

import pytest

import binascii_port as bp
from bh_support import c_module, load_port

P = bp.load()


class BytesSub(bytes):
    pass


class StrSub(str):
    def __len__(self):  # a subclass may lie about its length: C asks len() first
        return 1


class LyingBytes(bytes):
    def __len__(self):
        return 1


class PlainStrSub(str):
    pass


def same(mod_c, mod_p, f, *args, **kwargs):
    c = bp.outcome(getattr(mod_c, f), *args, **kwargs)
    p = bp.outcome(getattr(mod_p, f), *args, **kwargs)
    assert p == c, f"{f}{args!r}{kwargs!r}: port {p!r}, C {c!r}"


DATA = [b"", b"\x00", bytes(range(16)), bytes(range(256)) * 3]
WRAPPERS = [bytes, bytearray, BytesSub, memoryview, lambda b: array.array("B", b)]


@pytest.mark.parametrize("wrap", WRAPPERS, ids=["bytes", "bytearray", "bytes_sub", "memoryview", "array"])
@pytest.mark.parametrize("data", DATA, ids=len)
def test_buffer_arguments_of_every_kind(wrap, data):
    for f in ("hexlify", "b2a_hex", "b2a_base64", "crc32", "crc_hqx" if hasattr(C, "crc_hqx") else "crc32"):
        args = (wrap(data), 0) if f == "crc_hqx" else (wrap(data),)
        same(C, P, f, *args)
    same(C, P, "a2b_hex", wrap(C.hexlify(data)))
    same(C, P, "a2b_base64", wrap(C.b2a_base64(data)))


@pytest.mark.parametrize(
    "text",
    ["", "00ff", "0" * 64, "é0", "00\u20ac", "\U0001f600", PlainStrSub("00ff"), PlainStrSub("0é")],
    ids=repr,
)
def test_ascii_buffer_str_arguments(text):
    same(C, P, "a2b_hex", text)
    same(C, P, "a2b_base64", text)


@pytest.mark.parametrize(
    "sep",
    [b":", ":", "é", "\u20ac", "::", b"", "", bytearray(b":"), BytesSub(b"-"), PlainStrSub("-"),
     StrSub("ab"), StrSub(""), StrSub("a\u20ac"), StrSub("\xe9\u20ac"), LyingBytes(b"xy"),
     LyingBytes(b""), memoryview(b":"), 1, None],
    ids=repr,
)
@pytest.mark.parametrize("per", [1, 2, -2, 3, 16, -17, 0])
def test_hexlify_separators(sep, per):
    for data in (b"", b"\x01", bytes(range(40))):
        same(C, P, "hexlify", data, sep, per)
        same(C, P, "b2a_hex", data, sep=sep, bytes_per_sep=per)


def test_keyword_names_outside_ascii():
    cb, pb = c_module("_bisect"), load_port("_bisect")
    for kw in ("é", "k\u20acy", "lo\U0001f600", "keyy", "ke"):
        same(cb, pb, "bisect_left", [1, 2, 3], 2, **{kw: 1})
    # A keyword given as a non-compact str (a str subclass instance) is still matched.
    same(cb, pb, "bisect_left", [1, 2, 3], 2, **{PlainStrSub("lo"): 1})
    same(cb, pb, "bisect_right", [1, 2, 3], 2, **{PlainStrSub("key"): None})


class Ordered:
    """Compares through __lt__, which may return NotImplemented or a non-bool."""

    log: list = []

    def __init__(self, v, answer=None):
        self.v, self.answer = v, answer

    def __lt__(self, other):
        Ordered.log.append(("lt", self.v, getattr(other, "v", other)))
        if self.answer is not None:
            return self.answer
        return self.v < other.v

    def __gt__(self, other):
        Ordered.log.append(("gt", self.v, getattr(other, "v", other)))
        return self.v > other.v

    def __repr__(self):
        return f"Ordered({self.v})"


@pytest.mark.parametrize("answer", [None, NotImplemented, 1, 0, "", "x"], ids=repr)
@pytest.mark.parametrize("side", ["bisect_left", "bisect_right"])
def test_key_results_through_the_cached_slot(answer, side):
    cb, pb = c_module("_bisect"), load_port("_bisect")
    items = list(range(20))

    def run(mod):
        Ordered.log = []
        r = bp.outcome(getattr(mod, side), items, Ordered(7, answer), key=lambda v: Ordered(v, answer))
        return r[0], r[1:] if r[0] == "raise" else r[1], Ordered.log

    assert run(pb) == run(cb)
