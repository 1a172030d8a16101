"""ferrocpy.ports.binascii against the running interpreter's C binascii: the module's surface
(names, text signatures, docstrings, exception classes) and the bad inputs of issue 4."""

from __future__ import annotations

import array
import binascii as C
import os
import subprocess
import sys
import textwrap
import threading
import warnings

import pytest

import binascii_port as bp

P = bp.load()
HERE = os.path.dirname(os.path.abspath(__file__))

FUNCTIONS = sorted(n for n in bp.public_names(C) if callable(getattr(C, n)) and not isinstance(getattr(C, n), type))


def same(f, *args, **kwargs):
    """The port and C give the same value, or the same exception type and message."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.10's hqx functions
        c = bp.outcome(getattr(C, f), *args, **kwargs)
        p = bp.outcome(getattr(P, f), *args, **kwargs)
    assert p == c, f"{f}{args!r}{kwargs!r}: port {p!r}, C {c!r}"
    return c


# ---- the module's surface ----------------------------------------------------------------------


def test_public_names_equal():
    assert bp.public_names(P) == bp.public_names(C)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_text_signature_and_doc_equal(name):
    c, p = getattr(C, name), getattr(P, name)
    assert p.__text_signature__ == c.__text_signature__
    assert p.__doc__ == c.__doc__
    assert p.__name__ == c.__name__
    assert p.__module__ == "binascii"


def test_module_doc():
    assert P.__doc__ == C.__doc__


def test_exception_classes():
    assert issubclass(P.Error, ValueError)
    assert P.Error.__module__ == "binascii" and P.Error.__qualname__ == "Error"
    assert P.Incomplete.__module__ == "binascii" and P.Incomplete.__qualname__ == "Incomplete"
    assert P.Incomplete.__mro__[1:] == C.Incomplete.__mro__[1:]
    assert P.Error.__mro__[1:] == C.Error.__mro__[1:]
    assert P.Error is not C.Error
    with pytest.raises(C.Error) as c_err:
        C.a2b_hex(b"abc")
    with pytest.raises(P.Error) as p_err:
        P.a2b_hex(b"abc")
    # "Odd-length string" until 3.14, "Odd number of hexadecimal digits" from 3.15.
    assert str(p_err.value) == str(c_err.value)


def test_exception_classes_are_per_module_object():
    # Module state, not statics: two module objects have their own classes, and each raises its
    # own.
    other = bp.load()
    assert other.Error is not P.Error and other.Incomplete is not P.Incomplete
    with pytest.raises(other.Error):
        other.a2b_hex(b"0")
    with pytest.raises(P.Error):
        P.a2b_hex(b"0")
    try:
        other.a2b_hex(b"0")
    except Exception as e:  # noqa: BLE001
        assert not isinstance(e, P.Error)


def test_import_name_follows_spec():
    q = bp.load("ferrocpy.ports.binascii")
    assert q.__name__ == "ferrocpy.ports.binascii"
    assert q.Error.__module__ == "binascii"


# ---- bad input: the list ----------------------------------------------------------------


@pytest.mark.parametrize("f", ["a2b_hex", "unhexlify"])
@pytest.mark.parametrize("arg", [b"a", "abc", b"0g", "zz", b"\xff\xff", bytearray(b"123"), memoryview(b"12345")])
def test_bad_hex(f, arg):
    kind = same(f, arg)
    assert kind[0] == "raise" and kind[1] == "binascii.Error"


BAD_BASE64 = [
    b"a", b"ab", b"abc", b"abcde", b"ab=", b"a===", b"=", b"==", b"====", b"ab==c", b"ab==cd==",
    b"YQ", b"YQ=", b"YWJj=", b"YWJj==", b"YW=J", b"Y W J j", b"YWJj\n", b"\nYWJj", b"YW\x00Jj",
    b"YWJj\xff", b"!!!!", b"YQ===", b"YQ==\n\n", b"YQ==YQ==", b"YQ==Y", b"Zm9v=YmFy",
    b"Zm9vYmFy===", b"Zm9vYg=", b"Zm9vYg", b"Zm9vYg==", "Zm9vYg==", "Zm9v\nYmFy\n",
    bytearray(b"Zm9v*"), memoryview(b"@@Zm9vYg"),
]


@pytest.mark.parametrize("arg", BAD_BASE64, ids=repr)
def test_base64_decode_non_strict(arg):
    same("a2b_base64", arg)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="strict_mode is new in 3.11")
@pytest.mark.parametrize("arg", BAD_BASE64, ids=repr)
def test_base64_decode_strict(arg):
    same("a2b_base64", arg, strict_mode=True)


@pytest.mark.skipif(sys.version_info >= (3, 11), reason="3.10 has no strict_mode")
def test_base64_strict_mode_rejected_on_310():
    r = same("a2b_base64", b"YQ==", strict_mode=True)
    assert r[0] == "raise" and r[1] == "TypeError"


@pytest.mark.parametrize("f", ["a2b_base64", "a2b_hex", "unhexlify", "a2b_uu", "a2b_qp"])
@pytest.mark.parametrize("arg", ["\u00e9", "abc\u20ac", "YQ==\U0001f600", "\ud800", "ab\x80"], ids=ascii)
def test_non_ascii_str(f, arg):
    r = same(f, arg)
    assert r == ("raise", "ValueError", "string argument should contain only ASCII characters")


@pytest.mark.parametrize("f", FUNCTIONS)
@pytest.mark.parametrize(
    "arg", [None, 1, 1.5, [1, 2], object(), array.array("I", [1, 2]), memoryview(b"abcdef")[::2]],
    ids=repr,
)
def test_wrong_types(f, arg):
    extra = (0,) if f == "crc_hqx" else ()
    same(f, arg, *extra)


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview, "array", "str"])
def test_buffer_kinds(kind):
    raw = b"Zm9vYmFyYmF6\n"
    if kind == "array":
        arg = array.array("B", raw)
    elif kind == "str":
        arg = raw.decode()
    else:
        arg = kind(raw)
    for f, extra in [("a2b_base64", ()), ("a2b_hex", ()), ("a2b_qp", ()), ("a2b_uu", ()),
                     ("b2a_base64", ()), ("b2a_hex", ()), ("hexlify", (b":", 2)), ("b2a_qp", ()),
                     ("b2a_uu", ()), ("crc32", ()), ("crc_hqx", (7,)), ("unhexlify", ())]:
        same(f, arg, *extra)
    # A memoryview of a bytearray (the exporter underneath is what is locked during the call).
    same("b2a_base64", memoryview(bytearray(raw)))


def test_empty_inputs():
    for f in ["a2b_base64", "a2b_hex", "unhexlify", "a2b_qp", "a2b_uu", "b2a_base64", "b2a_hex",
              "hexlify", "b2a_qp", "b2a_uu", "crc32"]:
        for arg in (b"", bytearray(), memoryview(b""), memoryview(b"a")[1:], "", array.array("B")):
            if f.startswith("b2a") or f in ("hexlify", "crc32"):
                if isinstance(arg, str):
                    continue
            same(f, arg)
    same("crc_hqx", b"", 0)


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="3.14 refuses an empty line")
def test_a2b_uu_empty_view_reads_nothing_past_its_end():
    """Before 3.14, C reads the length byte of an empty a2b_uu input past the buffer's end (the
    exporter's NUL terminator for bytes; a foreign byte for an empty view into a larger object).
    The port never reads outside the buffer: every empty input is treated like b'' (as C treats
    b'')."""
    assert P.a2b_uu(b"") == C.a2b_uu(b"") == bytes(32)
    assert P.a2b_uu(memoryview(b"xy")[1:-1]) == bytes(32)


@pytest.mark.skipif(sys.version_info < (3, 14), reason="3.14 refuses an empty line")
def test_a2b_uu_empty_is_missing_length_byte():
    for arg in (b"", "", bytearray(), memoryview(b"xy")[1:-1]):
        r = same("a2b_uu", arg)
        assert r == ("raise", "binascii.Error", "Missing length byte")


@pytest.mark.parametrize(
    "call",
    [
        ("hexlify", (b"abc", b":", 2**31), {}),
        ("hexlify", (b"abc", b":", -(2**31) - 1), {}),
        ("b2a_hex", (b"abc",), {"bytes_per_sep": 2**64}),
        ("b2a_base64", (b"abc",), {"newline": 2**100}),
        ("b2a_uu", (b"abc",), {"backtick": -(2**100)}),
        ("a2b_qp", (b"abc",), {"header": 2**100}),
        ("b2a_qp", (b"abc",), {"istext": 2**100}),
        ("crc32", (b"abc", 2**100), {}),
        ("crc32", (b"abc", -(2**100) - 1), {}),
        ("crc_hqx", (b"abc", 2**70 + 5), {}),
        ("crc_hqx", (b"abc", -1), {}),
    ],
    ids=repr,
)
def test_integer_overflow(call):
    f, args, kwargs = call
    same(f, *args, **kwargs)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="strict_mode is new in 3.11")
def test_strict_mode_overflow():
    same("a2b_base64", b"YQ==", strict_mode=2**100)


def test_sep_forms():
    data = b"\x01\x02\x03\x04\x05"
    for sep in [":", b":", "\u00e9", b"\xe9", "\u20ac", "\ud800", "", b"", "ab", b"ab",
                bytearray(b":"), memoryview(b":"), [1], [1, 2], 1, None, 1.5]:
        for bps in [1, 2, -2, 0, 5, 6, -6, 2**31 - 1]:
            same("hexlify", data, sep, bps)
            same("b2a_hex", data, sep=sep, bytes_per_sep=bps)


@pytest.mark.skipif(sys.version_info >= (3, 11), reason="the hqx functions were removed in 3.11")
@pytest.mark.parametrize("f", bp.HQX)
def test_hqx_deprecation_warning(f):
    for mod in (C, P):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            getattr(mod, f)(b"")
        assert [(x.category, str(x.message)) for x in w] == [
            (DeprecationWarning, f"binascii.{f}() is deprecated")
        ]
        assert w[0].filename == __file__  # stacklevel 1: the caller's line
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        same(f, b"abc")


@pytest.mark.skipif(sys.version_info >= (3, 11), reason="the hqx functions were removed in 3.11")
@pytest.mark.parametrize(
    "call",
    [("a2b_hqx", b"abc:"), ("a2b_hqx", b"ab"), ("a2b_hqx", b"a~"), ("a2b_hqx", b"ab\ncd\r:"),
     ("a2b_hqx", "abcé"), ("b2a_hqx", b"hello"), ("rlecode_hqx", b"aaaaaa\x90b" + b"c" * 300),
     ("rledecode_hqx", b"a\x90\x05"), ("rledecode_hqx", b"\x90\x05"), ("rledecode_hqx", b"a\x90"),
     ("rledecode_hqx", b"a\x90\x00\x90\xff"), ("b2a_hqx", bytearray(b"xyz")), ("b2a_hqx", "str")],
    ids=repr,
)
def test_hqx_values_and_errors(call):
    same(*call)


def test_too_much_data():
    same("b2a_uu", b"x" * 46)
    same("b2a_uu", b"x" * 45, backtick=True)


MEMORY_CHILD = textwrap.dedent(
    """
    import resource, sys
    sys.path.insert(0, {here!r})
    import binascii as C, binascii_port as bp
    P = bp.load()
    n = 96 * 1024 * 1024
    data = bytes(n)  # allocated before the limit
    with open("/proc/self/statm") as f:
        vm = int(f.read().split()[0]) * resource.getpagesize()
    # Room for a few MiB more, not for a 2n-byte (hex) or 4n/3-byte (base64) result.
    resource.setrlimit(resource.RLIMIT_AS, (vm + 64 * 1024 * 1024, resource.RLIM_INFINITY))
    out = []
    for mod in (C, P):
        for f in ("hexlify", "b2a_base64", "b2a_qp"):
            try:
                getattr(mod, f)(data)
                out.append(f + ":ok")
            except MemoryError as e:
                out.append(f + ":MemoryError:" + repr(e.args))
    print(" ".join(out))
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS semantics")
def test_output_too_large_is_memory_error():
    """An output that cannot be allocated is a MemoryError, as in C, not a crash or an abort:
    run under an address-space limit in a child process, so nothing huge is ever allocated."""
    r = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD.format(here=HERE)],
        capture_output=True, text=True, timeout=120,
    )
    assert r.returncode == 0, r.stderr
    words = r.stdout.split()
    half = len(words) // 2
    c_side, p_side = words[:half], words[half:]
    assert p_side == c_side
    assert all("MemoryError" in w for w in p_side), r.stdout


# ---- a bytearray resized from another thread ---------------------------------------------------


@pytest.mark.parametrize("f", ["hexlify", "b2a_base64", "crc32", "a2b_base64", "a2b_hex", "b2a_qp"])
def test_bytearray_resized_during_call(f):
    """While a call holds the buffer (with the GIL released for large inputs), another thread's
    resizes fail with BufferError; every call's outcome is C's outcome on one of the states the
    bytearray had (the mutator only resizes: in-place writes of the same length are not
    resizes, and are not locked out in C either)."""
    size = 1 << 20
    if f == "a2b_base64":
        base = C.b2a_base64(bytes(range(256)) * (size // 256), newline=False)
    elif f == "a2b_hex":
        base = C.hexlify(bytes(range(256)) * (size // 256))
    else:
        base = bytes(range(256)) * (size // 256)
    states = [base, base + b"AB"]
    ba = bytearray(base)
    expected = [bp.outcome(getattr(C, f), s) for s in states]
    stop = threading.Event()
    counts = {"buffer_errors": 0, "resizes": 0}

    def mutate():
        while not stop.is_set():
            try:
                ba.extend(b"AB")
            except BufferError:
                counts["buffer_errors"] += 1
                continue
            while True:
                try:
                    del ba[-2:]
                    break
                except BufferError:
                    counts["buffer_errors"] += 1
            counts["resizes"] += 1

    t = threading.Thread(target=mutate)
    t.start()
    try:
        results = []
        for _ in range(40):
            r = bp.outcome(getattr(P, f), ba)
            results.append(r if r[0] == "ok" or r[1] != "BufferError" else "BufferError")
    finally:
        stop.set()
        t.join()
    for r in results:
        assert r in expected or r == "BufferError", (f, r[:2] if r[0] == "raise" else len(r[1]))
    assert counts["buffer_errors"] + counts["resizes"] > 0
    assert bytes(ba) == base


@pytest.mark.parametrize("f", ["b2a_qp", "a2b_qp", "a2b_uu", "hexlify", "b2a_base64", "a2b_base64", "crc32"])
def test_bytearray_written_in_place_during_call(f):
    """Another thread writes into the bytearray in place (same length: not a resize, so not
    refused while exported). Functions that size their output from the content keep the GIL,
    so their outcome is C's on one of the states; the others may read a mixture (as C modules
    that release the GIL do) but must still return a well-formed result of the right size, or
    C's error, never an internal error."""
    size = 1 << 20
    plain = [bytes([i]) * size for i in (0x41, 0x3D)]  # 'A' and '=' (qp escapes)
    if f == "a2b_base64":
        states = [b"QUFB" * (size // 4), b"PT09" * (size // 4)]
    elif f == "a2b_uu":
        long_line, short_line = C.b2a_uu(b"x" * 45), C.b2a_uu(b"y" * 30)
        # Same length, different declared lengths (trailing spaces are allowed).
        states = [long_line, short_line[:-1] + b" " * (len(long_line) - len(short_line)) + b"\n"]
    else:
        states = plain
    assert len(states[0]) == len(states[1])
    ba = bytearray(states[0])
    expected = [bp.outcome(getattr(C, f), s) for s in states]
    stop = threading.Event()

    def write():
        i = 0
        while not stop.is_set():
            i ^= 1
            ba[:] = states[i]

    t = threading.Thread(target=write)
    t.start()
    try:
        results = [bp.outcome(getattr(P, f), ba) for _ in range(30)]
    finally:
        stop.set()
        t.join()
    keeps_gil = f in ("b2a_qp", "a2b_qp", "a2b_uu")
    for r in results:
        if keeps_gil:
            assert r in expected, r[:2] if r[0] == "raise" else len(r[1])
        elif r[0] == "raise":
            assert r[1] != "SystemError", r
        elif f != "crc32":
            assert len(r[1]) == len(expected[0][1]), (f, len(r[1]))


def test_bytearray_locked_only_during_call():
    ba = bytearray(b"abc")
    P.hexlify(ba)
    ba.extend(b"d")  # the export was released
    assert P.hexlify(ba) == b"61626364"
    try:
        P.a2b_hex(ba)
    except P.Error:
        pass
    ba.extend(b"e")  # released on the error path too


# ---- every SIMD level on this one machine -------------------------------------------------------

_LEVEL_SCRIPT = textwrap.dedent("""
    import binascii as C, random, sys
    sys.path.insert(0, {here!r})
    import binascii_port as bp
    P = bp.load()
    rng = random.Random(5)
    sizes = list(range(0, 300)) + [rng.randrange(300, 5000) for _ in range(40)] + [1 << 20]
    cases = 0
    for n in sizes:
        data = rng.randbytes(n)
        enc = C.b2a_base64(data)
        damaged = bytearray(enc)
        if n:
            damaged[rng.randrange(len(damaged))] = rng.choice(b"!=-_\\x80 ")
        calls = [("b2a_base64", (data,), {{}}), ("a2b_base64", (enc,), {{}}),
                 ("a2b_base64", (bytes(damaged),), {{}}), ("a2b_base64", (enc[:-2],), {{}}),
                 ("hexlify", (data,), {{}}), ("unhexlify", (C.hexlify(data),), {{}}),
                 ("crc32", (data,), {{}})]
        if hasattr(C, "b2a_base32"):
            e32 = C.b2a_base32(data)
            calls += [("b2a_base32", (data,), {{}}), ("a2b_base32", (e32,), {{}}),
                      ("a2b_base32", (e32[:-1] + b"!",), {{}})]
        for name, args, kwargs in calls:
            c = bp.outcome(getattr(C, name), *args, **kwargs)
            p = bp.outcome(getattr(P, name), *args, **kwargs)
            assert p == c, (name, n, p, c)
            cases += 1
    print(cases)
""")


@pytest.mark.parametrize("level", ["scalar", "avx2", "auto"])
def test_every_simd_level_agrees_with_c(level):
    # FERROCPY_BINASCII_SIMD caps the kernels the port picks at start-up, so an AVX-512 machine
    # also runs the AVX2 and scalar paths end to end ("auto": the best this CPU has).
    env = dict(os.environ)
    env.pop("FERROCPY_BINASCII_SIMD", None)
    if level != "auto":
        env["FERROCPY_BINASCII_SIMD"] = level
    r = subprocess.run([sys.executable, "-c", _LEVEL_SCRIPT.format(here=HERE)], env=env,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert int(r.stdout.split()[-1]) >= 2000
