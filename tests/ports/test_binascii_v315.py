"""The codecs binascii gained in 3.15 (a2b/b2a_base32, a2b/b2a_base85, a2b/b2a_ascii85): the port
against the running interpreter's C module. Hypothesis draws data (valid encodings, damaged ones
and junk, in every buffer form), every parameter (right and wrong types and values: alphabets,
ignorechars, wrapcol, pad/padded, foldspaces, adobe, canonical) and the call shape; the port must
return the same bytes, or raise the same exception type with the same message. Text signatures
and docstrings must be C's. Skipped before 3.15, where these functions do not exist."""

from __future__ import annotations

import array
import inspect
import sys

import pytest

if sys.version_info < (3, 15):
    pytest.skip("binascii's base32/base85/Ascii85 codecs are new in 3.15", allow_module_level=True)

import binascii as C

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import binascii_port as bp

P = bp.load()

NEW = ("a2b_ascii85", "b2a_ascii85", "a2b_base85", "b2a_base85", "a2b_base32", "b2a_base32")

B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B32HEX = b"0123456789ABCDEFGHIJKLMNOPQRSTUV"
B85 = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"
Z85 = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"

SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---- signatures and docstrings ------------------------------------------------------------------


@pytest.mark.parametrize("name", NEW)
def test_signature_and_doc(name):
    c, p = getattr(C, name), getattr(P, name)
    assert p.__text_signature__ == c.__text_signature__
    assert p.__doc__ == c.__doc__
    assert p.__name__ == c.__name__
    assert str(inspect.signature(p)) == str(inspect.signature(c))


# ---- values -------------------------------------------------------------------------------------


class BadBool:
    def __bool__(self):
        raise KeyError("bool")


class Index:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class BadIndex:
    def __index__(self):
        raise KeyError("index")


class BytesSub(bytes):
    pass


def chunked(pieces, max_size=30):
    return st.lists(st.sampled_from(pieces), max_size=max_size).map(b"".join)


# Raw data with whole groups of zeros and of spaces (the Ascii85 short forms) mixed in.
raw = st.one_of(
    st.binary(max_size=120),
    chunked([b"\0\0\0\0", b"    ", b"\0", b" ", b"ab", b"\xff\xff\xff"], 20),
)


def damaged(strategy):
    """Valid encodings, some with a byte overwritten, cut short or extended."""

    @st.composite
    def build(draw):
        enc = bytearray(draw(strategy))
        how = draw(st.integers(0, 5))
        if how == 1 and enc:
            enc[draw(st.integers(0, len(enc) - 1))] = draw(st.integers(0, 255))
        elif how == 2 and enc:
            del enc[draw(st.integers(0, len(enc) - 1)):]
        elif how == 3:
            enc += draw(st.binary(max_size=3))
        return bytes(enc)

    return build()


def encoded32(draw_alphabet=st.sampled_from([B32, B32HEX])):
    return st.builds(
        lambda d, padded, wrapcol, a: C.b2a_base32(d, padded=padded, wrapcol=wrapcol, alphabet=a),
        raw, st.booleans(), st.sampled_from([0, 0, 8, 16]), draw_alphabet,
    )


def encoded85():
    return st.builds(
        lambda d, pad, wrapcol, a: C.b2a_base85(d, pad=pad, wrapcol=wrapcol, alphabet=a),
        raw, st.booleans(), st.sampled_from([0, 0, 5, 10]), st.sampled_from([B85, Z85]),
    )


def encoded_a85():
    return st.builds(
        lambda d, f, w, p, a: C.b2a_ascii85(d, foldspaces=f, wrapcol=w, pad=p, adobe=a),
        raw, st.booleans(), st.sampled_from([0, 0, 1, 2, 7]), st.booleans(), st.booleans(),
    )


b32_text = st.one_of(
    damaged(encoded32()),
    chunked([b"A", b"B", b"M", b"Z", b"7", b"0", b"=", b"==", b"======", b" ", b"\n", b"a", b"1", b"\x80"]),
    st.tuples(encoded32(), encoded32()).map(b"".join),
    encoded32().map(lambda e: e.rstrip(b"=")),
)
b85_text = st.one_of(
    damaged(encoded85()),
    chunked([b"0", b"a", b"|", b"}", b"~", b"|Ns", b"z", b".", b" ", b"\n", b"\x80", b"\x00"]),
    st.binary(max_size=12),
)
a85_text = st.one_of(
    damaged(encoded_a85()),
    chunked([b"!", b"u", b"s8W", b"t", b"z", b"y", b"<~", b"~>", b"~", b" ", b"\n", b"\x80", b"@", b"v",
             b"+<VdL", b"!!!!!", b"\x00"]),
    st.binary(max_size=12),
)


def forms(strategy, allow_str):
    """The same content as bytes, bytearray, memoryview, array, a sliced view or (for the
    decoders) an ASCII-decodable str."""
    out = [
        strategy,
        strategy.map(bytearray),
        strategy.map(memoryview),
        strategy.map(lambda b: array.array("B", b)),
        strategy.map(lambda b: memoryview(b + b"xy")[1:-1]),
    ]
    if allow_str:
        out.append(strategy.map(lambda b: b.decode("latin-1")))
    return st.one_of(*out)


odd = st.sampled_from(
    [None, 0, 1, -1, 1.5, "x", "", b"", [], [1], (), 2**64, True, BadBool(), BadIndex(), Index(3),
     memoryview(b"abcd")[::2], "\u00e9", object()]
)
flags = st.one_of(st.booleans(), st.integers(-2, 2), odd)
wrapcols = st.one_of(
    st.integers(0, 20),
    st.sampled_from([0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 16, 76, 2**63 - 1, 2**64 - 1, 2**64, -1, -(2**70)]),
    st.builds(Index, st.integers(-3, 40)),
    odd,
)


def alphabets(valid, length):
    """`alphabet` values: the standard ones, shuffled and random ones (repeats allowed), wrong
    lengths and wrong types; bytearray/memoryview ones are right for the encoders only."""
    good = st.one_of(
        st.sampled_from(valid),
        st.permutations(list(valid[0])).map(bytes),
        st.binary(min_size=length, max_size=length),
        st.lists(st.sampled_from(b"AB=\x80 z~"), min_size=length, max_size=length).map(bytes),
    )
    return st.one_of(
        good,
        good.map(BytesSub),
        good.map(bytearray),
        good.map(memoryview),
        good.map(lambda b: b.decode("latin-1")),
        st.sampled_from(valid).map(lambda b: b[:-1]),
        st.sampled_from(valid).map(lambda b: b + b"?"),
        st.just(memoryview(valid[0] * 2)[::2]),
        odd,
    )


ignores = st.one_of(
    st.sampled_from([b"", b" ", b" \n", b"=", b"= \n", b"\n", b"~", b"z", b"y", b"!", b"<~>", b"\x80",
                     b"A", b"|!z"]),
    st.binary(max_size=6),
    st.sampled_from([bytearray(b" \n="), memoryview(b" ="), array.array("B", b" "), BytesSub(b"=")]),
    odd,
)

# name -> (data strategy, decoder?, [(keyword, values)])
FUNCS = {
    "a2b_base32": (b32_text, True, [
        ("padded", flags), ("alphabet", alphabets([B32, B32HEX], 32)), ("ignorechars", ignores),
        ("canonical", flags),
    ]),
    "b2a_base32": (raw, False, [
        ("padded", flags), ("wrapcol", wrapcols), ("alphabet", alphabets([B32, B32HEX], 32)),
    ]),
    "a2b_base85": (b85_text, True, [
        ("alphabet", alphabets([B85, Z85], 85)), ("ignorechars", ignores), ("canonical", flags),
    ]),
    "b2a_base85": (raw, False, [
        ("pad", flags), ("wrapcol", wrapcols), ("alphabet", alphabets([B85, Z85], 85)),
    ]),
    "a2b_ascii85": (a85_text, True, [
        ("foldspaces", flags), ("adobe", flags), ("ignorechars", ignores), ("canonical", flags),
    ]),
    "b2a_ascii85": (raw, False, [
        ("foldspaces", flags), ("wrapcol", wrapcols), ("pad", flags), ("adobe", flags),
    ]),
}


def mostly_valid(strategy, bad):
    """`strategy` nine times out of ten, otherwise anything from `bad`."""
    return st.integers(0, 9).flatmap(lambda n: strategy if n else bad)


@st.composite
def calls(draw, name):
    data_st, decoder, params = FUNCS[name]
    data = draw(mostly_valid(forms(data_st, decoder), odd))
    args, kwargs = [data], {}
    for pname, values in params:
        if draw(st.booleans()):
            kwargs[pname] = draw(values)
    shape = draw(st.integers(0, 40))
    if shape == 0:
        args.append(draw(odd))  # positional after the positional-only data: too many
    elif shape == 1:
        kwargs["bogus"] = 1
    elif shape == 2:
        args = []
    elif shape == 3:
        args, kwargs = [], {"data": data, **kwargs}  # data is positional-only
    return args, kwargs


def check(name, args, kwargs):
    c = bp.outcome(getattr(C, name), *args, **kwargs)
    p = bp.outcome(getattr(P, name), *args, **kwargs)
    assert p == c, f"{name}(*{args!r}, **{kwargs!r}): port {p!r} != C {c!r}"


@pytest.mark.parametrize("name", sorted(FUNCS))
def test_differential(name):
    @SETTINGS
    @given(calls(name))
    def run(call):
        check(name, *call)

    run()


# Decoders with only valid parameters: the decoding rules rather than the argument errors.
@SETTINGS
@given(b32_text, st.booleans(), st.sampled_from([B32, B32HEX, B32[::-1], B32[:31] + b"=", b"A" * 32]),
       st.sampled_from([b"", b"=", b" \n", b"= ", b"A", b"a1", b"\x80="]), st.booleans())
def test_a2b_base32_rules(data, padded, alphabet, ignore, canonical):
    check("a2b_base32", [data], dict(padded=padded, alphabet=alphabet, ignorechars=ignore,
                                     canonical=canonical))


@SETTINGS
@given(b85_text, st.sampled_from([B85, Z85, B85[::-1]]),
       st.sampled_from([b"", b" ", b" \n", b"|", b"~z.", b"\x80"]), st.booleans())
def test_a2b_base85_rules(data, alphabet, ignore, canonical):
    check("a2b_base85", [data], dict(alphabet=alphabet, ignorechars=ignore, canonical=canonical))


@SETTINGS
@given(a85_text, st.booleans(), st.booleans(),
       st.sampled_from([b"", b" ", b" \n", b"~", b"y", b"z", b"<~>", b"!", b"\x80"]), st.booleans())
def test_a2b_ascii85_rules(data, foldspaces, adobe, ignore, canonical):
    check("a2b_ascii85", [data], dict(foldspaces=foldspaces, adobe=adobe, ignorechars=ignore,
                                      canonical=canonical))


@SETTINGS
@given(raw, st.booleans(), st.integers(0, 40), st.booleans(), st.booleans())
def test_encoders_with_valid_parameters(data, flag, wrapcol, flag2, flag3):
    check("b2a_base32", [data], dict(padded=flag, wrapcol=wrapcol))
    check("b2a_base85", [data], dict(pad=flag, wrapcol=wrapcol, alphabet=Z85 if flag2 else B85))
    check("b2a_ascii85", [data], dict(foldspaces=flag, wrapcol=wrapcol, pad=flag2, adobe=flag3))


# ---- large inputs (the detached path) -----------------------------------------------------------

large = st.builds(
    lambda seed, extra: seed * (64 * 1024 // len(seed) + 1) + extra,
    st.binary(min_size=1, max_size=64),
    st.binary(max_size=8),
)


@pytest.mark.parametrize("name", sorted(FUNCS))
@settings(max_examples=25, deadline=None)
@given(data=large, edit=st.tuples(st.integers(0, 2**20), st.integers(0, 255)), damage=st.booleans())
def test_large(name, data, edit, damage):
    if name.startswith("a2b"):
        data = getattr(C, "b2a" + name[3:])(data)
        if damage:
            data = bytearray(data)
            data[edit[0] % len(data)] = edit[1]
            data = bytes(data)
    for form in (data, bytearray(data)):
        check(name, [form], {})
    if name == "b2a_ascii85":
        check(name, [data], dict(wrapcol=77, adobe=True, foldspaces=True))
    elif name.startswith("b2a"):
        check(name, [data], dict(wrapcol=76))
    else:
        check(name, [data], dict(canonical=True, ignorechars=b"\n"))


@settings(max_examples=300, deadline=None)
@given(raw)
def test_round_trips_across_implementations(data):
    for enc, dec, kw in [
        ("b2a_base32", "a2b_base32", {}),
        ("b2a_base85", "a2b_base85", {}),
        ("b2a_base85", "a2b_base85", {"alphabet": Z85}),
        ("b2a_ascii85", "a2b_ascii85", {}),
    ]:
        assert getattr(C, dec)(getattr(P, enc)(data, **kw), **kw) == data
        assert getattr(P, dec)(getattr(C, enc)(data, **kw), canonical=True, **kw) == data
