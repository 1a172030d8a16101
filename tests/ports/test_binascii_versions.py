"""What changed in binascii in 3.14 and 3.15, port against the running interpreter's C module,
exhaustively where the inputs are small enough:

* 3.14: base64 padding no longer ends the input (the strict-mode errors name each misplaced
  '='), an empty a2b_uu line is "Missing length byte";
* 3.15: a2b_base64's padded/alphabet/ignorechars/canonical and its new strict_mode default,
  b2a_base64's padded/wrapcol/alphabet, a2b_hex's ignorechars (and its reworded errors),
  bytes_per_sep as a Py_ssize_t, the DeprecationWarning of out-of-range crc arguments, and
  the alphabet constants.

Every check compares outcomes (value, or exception type and message) of the port and of C for
the same call on the same interpreter, so the same tests hold on 3.10-3.13 wherever the
parameters exist there.
"""

from __future__ import annotations

import binascii as C
import itertools
import sys
import warnings

import pytest

import binascii_port as bp

P = bp.load()

B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
PY315 = sys.version_info >= (3, 15)
needs_315 = pytest.mark.skipif(not PY315, reason="new in 3.15")


def outcomes(f, *args, **kwargs):
    return bp.outcome(getattr(C, f), *args, **kwargs), bp.outcome(getattr(P, f), *args, **kwargs)


def strings(symbols: bytes, max_len: int):
    for n in range(max_len + 1):
        for t in itertools.product(symbols, repeat=n):
            yield bytes(t)


def mismatches(f, inputs, modes):
    bad = []
    for kwargs in modes:
        for data in inputs:
            c, p = outcomes(f, data, **kwargs)
            if c != p:
                bad.append(f"{f}({data!r}, **{kwargs!r}): C {c!r}, port {p!r}")
    return bad


def a2b_base64_modes():
    """Every combination of the keyword arguments the running version has (absent counts)."""
    if sys.version_info < (3, 11):
        return [{}]
    if not PY315:
        return [{}, {"strict_mode": False}, {"strict_mode": True}]
    modes = []
    for strict, padded, canonical, ign in itertools.product(
        (None, False, True), (True, False), (False, True), (None, b"", b" ", b"=", b" =")
    ):
        m = {}
        if strict is not None:
            m["strict_mode"] = strict
        if not padded:
            m["padded"] = False
        if canonical:
            m["canonical"] = True
        if ign is not None:
            m["ignorechars"] = ign
        modes.append(m)
    return modes


def test_a2b_base64_short_strings_exhaustive():
    # Data characters whose low bits are zero or not (A=0, B=1, Q=16), padding, a character
    # outside the alphabet and one that ignorechars lists: every string up to 5 of them, under
    # every combination of flags. Covers each rule of every version's decoder (where padding
    # stops, which error comes first, "leading" padding after ignored characters, canonical
    # bits, missing padding).
    bad = mismatches("a2b_base64", list(strings(b"ABQ=: ", 5)), a2b_base64_modes())
    assert not bad, f"{len(bad)} mismatches, first: " + "\n".join(bad[:10])


def test_a2b_base64_bulk_paths_match_short_ones():
    # Long inputs take the SIMD kernels and, without strict mode, the line-joining path: a valid
    # prefix long enough for both, followed by each short tail.
    prefix = C.b2a_base64(bytes(range(256)) * 2, newline=False)
    lines = C.b2a_base64(bytes(range(200)) * 3).replace(b"\n", b"")
    mime = b"\n".join(lines[i:i + 76] for i in range(0, len(lines), 76)) + b"\n"
    tails = list(strings(b"AB=:", 4))
    modes = a2b_base64_modes()
    bad = mismatches("a2b_base64", [prefix + t for t in tails], modes)
    bad += mismatches("a2b_base64", [mime + t for t in tails], modes)
    bad += mismatches("a2b_base64", [t + prefix for t in tails], modes[:6])
    assert not bad, f"{len(bad)} mismatches, first: " + "\n".join(bad[:10])


@needs_315
def test_a2b_base64_alphabets():
    urlsafe = B64[:62] + b"-_"
    repeats = b"A" + B64[1:63] + b"A"  # 'A' decodes to its last position
    with_pad = B64[:62] + b"=/"  # '=' is padding before it is a character of the alphabet
    high = B64[:62] + b"\x80\xff"
    inputs = list(strings(b"A/-=\x80", 4)) + [b"+/+/", b"-_-_", b"AA==", B64, urlsafe]
    modes = [{"alphabet": a, **extra} for a in (urlsafe, repeats, with_pad, high, B64)
             for extra in ({}, {"strict_mode": True}, {"canonical": True, "padded": False})]
    bad = mismatches("a2b_base64", inputs, modes)
    assert not bad, f"{len(bad)} mismatches, first: " + "\n".join(bad[:10])


@needs_315
@pytest.mark.parametrize(
    "kwargs",
    [{"alphabet": B64[:63]}, {"alphabet": B64 + b"?"}, {"alphabet": b""}, {"alphabet": bytearray(B64)},
     {"alphabet": B64.decode()}, {"alphabet": None}, {"alphabet": 64},
     {"alphabet": type("B", (bytes,), {})(B64)}, {"ignorechars": "x"}, {"ignorechars": None},
     {"ignorechars": memoryview(b"abcd")[::2]}, {"strict_mode": 2**100}, {"padded": []},
     {"canonical": [1]}, {"alphabet": B64[:10], "ignorechars": 5}, {"alphabet": 5, "ignorechars": 5},
     {"strict": True}],
    ids=repr,
)
def test_a2b_base64_bad_arguments(kwargs):
    for data in (b"AB==", b"", 5):
        c, p = outcomes("a2b_base64", data, **kwargs)
        assert p == c


@needs_315
def test_b2a_base64_options_exhaustive():
    urlsafe = B64[:62] + b"-_"
    odd = bytes(range(33, 97))
    inputs = [bytes(range(7, 7 + n)) for n in range(14)] + [b"\xff" * 58, bytes(1000)]
    modes = [
        {"padded": padded, "wrapcol": wrapcol, "newline": newline, **alphabet}
        for padded in (True, False)
        for wrapcol in (0, 1, 3, 4, 5, 7, 8, 12, 13, 76, 2**64 - 1)
        for newline in (True, False)
        for alphabet in ({}, {"alphabet": urlsafe}, {"alphabet": odd}, {"alphabet": bytearray(B64)})
    ]
    bad = mismatches("b2a_base64", inputs, modes)
    assert not bad, f"{len(bad)} mismatches, first: " + "\n".join(bad[:10])


@needs_315
@pytest.mark.parametrize(
    "kwargs",
    [{"wrapcol": -1}, {"wrapcol": 2**64}, {"wrapcol": 1.0}, {"wrapcol": None}, {"wrapcol": "8"},
     {"alphabet": None}, {"alphabet": B64.decode()}, {"alphabet": B64[:63]},
     {"alphabet": memoryview(B64 * 2)[::2]}, {"alphabet": B64[:10], "wrapcol": -1},
     {"padded": 2**100, "newline": []}, {"backtick": True}],
    ids=repr,
)
def test_b2a_base64_bad_arguments(kwargs):
    for data in (b"abc", b"", "abc"):
        c, p = outcomes("b2a_base64", data, **kwargs)
        assert p == c


@pytest.mark.parametrize("f", ["a2b_hex", "unhexlify"])
def test_a2b_hex_short_strings_exhaustive(f):
    modes = [{}]
    if PY315:
        modes += [{"ignorechars": i} for i in (b"", b" ", b"a ", b"g", bytearray(b" :"))]
    bad = mismatches(f, list(strings(b"aF g:", 5)), modes)
    assert not bad, f"{len(bad)} mismatches, first: " + "\n".join(bad[:10])


@needs_315
@pytest.mark.parametrize("f", ["a2b_hex", "unhexlify"])
def test_a2b_hex_ignorechars_long(f):
    h = C.hexlify(bytes(range(256)) * 4)
    spaced = b" ".join(h[i:i + 8] for i in range(0, len(h), 8)) + b"\n"
    for data in (h, h + b"0", h + b"g", spaced, spaced + b"a", spaced.replace(b" ", b":")):
        for kwargs in ({}, {"ignorechars": b" \n"}, {"ignorechars": b"\n"}):
            c, p = outcomes(f, data, **kwargs)
            assert p == c, (data[-12:], kwargs)


@pytest.mark.parametrize("f", ["hexlify", "b2a_hex"])
@pytest.mark.parametrize(
    "bps", [0, 1, -1, 3, -3, 2**31 - 1, -(2**31), 2**31, -(2**31) - 1, 2**62, -(2**62),
            2**63 - 1, -(2**63), 2**63, -(2**63) - 1, 2**100, True, 2.0, "2", None],
    ids=repr,
)
def test_bytes_per_sep_range(f, bps):
    # A C int until 3.14 (larger values are an OverflowError), a Py_ssize_t from 3.15.
    for data, sep in ((b"\x01\x02\x03\x04\x05\x06\x07", b":"), (b"", ":"), (b"abc", None)):
        c, p = outcomes(f, data, sep, bps)
        assert p == c


def warned(f, *args):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = bp.outcome(f, *args)
    return r, [(x.category, str(x.message), x.filename, x.lineno) for x in w]


@pytest.mark.parametrize("f", ["crc32", "crc_hqx"])
@pytest.mark.parametrize(
    "crc", [0, 1, -1, 2**31 - 1, 2**32 - 1, -(2**31), 2**32, -(2**31) - 1, -(2**32) - 1, 2**40,
            -(2**40), 2**100, -(2**100), True, 1.5, "1"],
    ids=repr,
)
def test_crc_argument_range(f, crc):
    # 3.15 converts `crc` with PyLong_AsNativeBytes and warns when it fits 32 bits neither
    # signed nor unsigned (the low 32 bits are used either way); earlier versions do not warn.
    # The warning points at the caller's line (stack level 1).
    c = warned(getattr(C, f), b"abc", crc)
    p = warned(getattr(P, f), b"abc", crc)
    assert p == c
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        c, p = outcomes(f, b"abc", crc)
        assert p == c


def test_alphabet_constants():
    names = sorted(n for n in dir(C) if n.endswith("_ALPHABET"))
    assert names == sorted(n for n in dir(P) if n.endswith("_ALPHABET"))
    if PY315:
        assert len(names) == 10
    for n in names:
        assert type(getattr(P, n)) is bytes
        assert getattr(P, n) == getattr(C, n), n


@needs_315
def test_signatures_resolve():
    # The text signatures name the constants; inspect evaluates them against the module (that
    # of a2b_base64 has <unrepresentable> defaults, which inspect cannot parse, C's neither).
    import inspect

    sig = inspect.signature(P.b2a_base64)
    assert sig.parameters["alphabet"].default == B64
    assert str(sig) == str(inspect.signature(C.b2a_base64))
    for f in (C.a2b_base64, P.a2b_base64):
        with pytest.raises(ValueError, match="invalid signature"):
            inspect.signature(f)
