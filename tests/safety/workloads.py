"""Calls of every port function, written as source text so the same workload runs in threads,
in subinterpreters, and against the C module.

For each port, ``PRELUDE[port]`` builds the shared inputs (pure Python, no port involved) and
``CALLS[port]`` lists expressions evaluated with the port (or the C module) bound to ``m``.
Calls that mutate their argument work on a copy (``list(S)``), so every expression's result is
deterministic. A port that lands adds its entry here and joins every safety test.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

_LARGE = 300 * 1024  # above the ports' 64 KiB threshold for releasing the GIL

PRELUDE = {
    "binascii": f"""
DATA = bytes(range(256)) * 16 + b"=\\r\\n \\t.xyz=\\n"
LARGE = bytes((i * 7 + (i >> 9)) & 255 for i in range({_LARGE}))
B64 = {{b64}}
LARGE_B64 = {{large_b64}}
HEX = DATA.hex().encode()
LARGE_HEX = LARGE.hex()
UU = {{uu}}
QP = b"caf=C3=A9 =\\r\\nsoft break_with_underscore=3D\\t \\n" * 50
""",
    "_base64": f"""
DATA = bytes(range(256)) * 16
LARGE = bytes((i * 7 + (i >> 9)) & 255 for i in range({_LARGE}))
""",
    "_bisect": """
S = list(range(0, 4000, 2))
T = [(i // 3, str(i)) for i in range(900)]
F = [i / 4 for i in range(-400, 400)]
""",
    "_heapq": """
import random as _random
_r = _random.Random(1234)
R = [_r.randrange(10_000) for _ in range(3000)]
RS = [str(x) for x in R[:500]]
H = sorted(R)
""",
}

# 3.14 made the max-heap functions of _heapq public and added heappush_max and heappushpop_max;
# before, the C module had three private ones. The max-heap function for each min-heap function,
# as the running version names them (test_workloads_call_every_function checks them against C).
if sys.version_info >= (3, 14):
    HEAPQ_MAX = {"heapify": "heapify_max", "heappop": "heappop_max", "heappush": "heappush_max",
                 "heappushpop": "heappushpop_max", "heapreplace": "heapreplace_max"}
else:
    HEAPQ_MAX = {"heapify": "_heapify_max", "heappop": "_heappop_max", "heapreplace": "_heapreplace_max"}
# The _heapq functions taking an item after the heap.
HEAPQ_TAKES_ITEM = {"heappush", "heappushpop", "heapreplace"}
HEAPQ_TAKES_ITEM |= {HEAPQ_MAX[n] for n in HEAPQ_TAKES_ITEM if n in HEAPQ_MAX}
_MAX = HEAPQ_MAX

CALLS = {
    "binascii": [
        "m.b2a_base64(DATA)",
        "m.b2a_base64(DATA, newline=False)",
        "m.b2a_base64(LARGE)",
        "m.a2b_base64(B64)",
        "m.a2b_base64(LARGE_B64)",
        "m.a2b_base64(B64.decode('ascii'))",
        "m.a2b_base64(b'ab=c!')",
        "m.a2b_base64(b'abc')",
        "m.b2a_hex(DATA)",
        "m.b2a_hex(DATA, '-', 3)",
        "m.hexlify(LARGE)",
        "m.hexlify(DATA, b':', -2)",
        "m.a2b_hex(HEX)",
        "m.unhexlify(LARGE_HEX)",
        "m.unhexlify(b'abc')",
        "m.unhexlify(b'zz')",
        "m.b2a_uu(DATA[:45])",
        "m.b2a_uu(DATA[:45], backtick=True)",
        "m.a2b_uu(UU)",
        "m.b2a_qp(DATA)",
        "m.b2a_qp(DATA, quotetabs=True, istext=False, header=True)",
        "m.a2b_qp(QP)",
        "m.a2b_qp(QP, header=True)",
        "m.crc32(DATA)",
        "m.crc32(LARGE, 12345)",
        "m.crc_hqx(DATA, 0)",
        "m.crc_hqx(LARGE, 0xFFFF)",
        "m.b2a_base64(bytearray(DATA))",
        "m.b2a_base64(memoryview(DATA)[1::1])",
        "m.b2a_hex('text')",
    ],
    "_base64": [
        "m.standard_b64encode(DATA)",
        "m.standard_b64encode(LARGE)",
        "m.standard_b64encode(b'')",
        "m.standard_b64encode(bytearray(DATA[:7]))",
        "m.standard_b64encode(memoryview(DATA))",
        "m.standard_b64encode('text')",
    ],
    "_bisect": [
        "[m.bisect_left(S, x) for x in range(-3, 4004, 97)]",
        "[m.bisect_right(S, x) for x in range(-3, 4004, 97)]",
        "[m.bisect_left(S, x, 10, 1500) for x in range(0, 4000, 211)]",
        "[m.bisect_right(S, x, lo=5, hi=None) for x in range(0, 4000, 211)]",
        "[m.bisect_left(T, (x, '')) for x in range(0, 300, 7)]",
        "[m.bisect_right(F, x / 3) for x in range(-300, 300, 13)]",
        "[m.bisect_left(S, x, key=lambda v: -v) for x in (0, -10, -3999)]",
        "[m.bisect_right(T, x, key=lambda t: t[0]) for x in range(0, 300, 11)]",
        "(lambda a: (m.insort_left(a, 1001), m.insort_right(a, 1000), a[495:505])[2])(list(S))",
        "(lambda a: (m.insort_right(a, (5, 'z')), m.insort_left(a, (5, '')), a[12:22])[2])(list(T))",
        "(lambda a: ([m.insort_left(a, x, key=abs) for x in (-3, 2, -1)], a[:6])[1])(list(S))",
        "m.bisect_left(S, 1, -1)",
        "m.bisect_left(None, 1)",
        "m.bisect_right('abcdef', 'c')",
        "m.bisect_left(tuple(S), 1234)",
    ],
    "_heapq": [
        "(lambda h: (m.heapify(h), h)[1])(list(R))",
        "(lambda h: (m.heapify(h), [m.heappop(h) for _ in range(200)])[1])(list(R))",
        "(lambda h: ([m.heappush(h, x) for x in R[:800]], h)[1])([])",
        "(lambda h: [m.heappushpop(h, x) for x in R[:300]])(list(H))",
        "(lambda h: [m.heapreplace(h, x) for x in R[:300]])(list(H))",
        "(lambda h: (m.heapify(h), [m.heappop(h) for _ in range(100)])[1])(list(RS))",
        f"(lambda h: (m.{_MAX['heapify']}(h), [m.{_MAX['heappop']}(h) for _ in range(100)])[1])(list(R))",
        f"(lambda h: (m.{_MAX['heapify']}(h), [m.{_MAX['heapreplace']}(h, x) for x in R[:100]], h)[2])(list(R))",
        f"(lambda h: (m.{_MAX['heapify']}(h), [m.{_MAX['heappop']}(h) for _ in range(100)])[1])(list(RS))",
        "m.heappop([])",
        "m.heapify((1, 2))",
        "m.heappush(['a'], 0)",
        f"m.{_MAX['heappop']}([])",
        f"m.{_MAX['heapify']}((1, 2))",
        f"m.{_MAX['heapreplace']}([], 0)",
    ],
}

# zlib: the port's compressed bytes need not be C's (zlib-rs), so compression is checked by
# round trips; decompression, checksums, stream state and errors compare as they are. Streams
# to decompress are made by C's module (prelude()).
PRELUDE["zlib"] = f"""
DATA = bytes(range(256)) * 16 + b"the quick brown fox jumps over the lazy dog " * 200
LARGE = bytes((i * 7 + (i >> 9)) & 255 for i in range({_LARGE})) + DATA * 20
ZDICT = b"the quick brown fox jumps"
Z = {{z}}
ZRAW = {{zraw}}
ZGZ = {{zgz}}
ZLARGE = {{zlarge}}
ZD = {{zd}}
"""
CALLS["zlib"] = [
    "m.decompress(Z)",
    "m.decompress(ZRAW, -12)",
    "m.decompress(ZGZ, 31)",
    "m.decompress(ZGZ, 47, 1)",
    "m.decompress(ZLARGE)",
    "m.decompress(bytearray(ZLARGE))",
    "m.decompress(Z[:-3])",
    "m.decompress(b'xx\\x00junk')",
    "m.decompress(Z, 100)",
    "m.decompress(m.compress(DATA)) == DATA",
    "m.decompress(m.compress(LARGE, 9)) == LARGE",
    "m.decompress(m.compress(bytearray(LARGE), 1)) == LARGE",
    "m.compress(DATA, 10)",
    "(lambda d: (d.decompress(Z, 100), d.unconsumed_tail, d.decompress(d.unconsumed_tail), d.eof, d.unused_data, d.flush()))(m.decompressobj())",
    "(lambda d: (d.decompress(Z + b'tail'), d.unused_data, d.eof, d.copy().flush()))(m.decompressobj())",
    "(lambda d: [d.decompress(ZLARGE[i:i + 999], 5000) for i in range(0, len(ZLARGE), 999)][-3:])(m.decompressobj())",
    "(lambda d: (d.decompress(ZD), d.eof))(m.decompressobj(zdict=ZDICT))",
    "m.decompressobj().decompress(ZD)",
    "(lambda d: (d.decompress(ZRAW[:50]), d.copy().decompress(ZRAW[50:])))(m.decompressobj(-12))",
    "(lambda c: m.decompress(c.compress(DATA) + c.flush(m.Z_SYNC_FLUSH) + c.copy().flush()) == DATA)(m.compressobj(6, m.DEFLATED, 15, 9, m.Z_FILTERED))",
    "(lambda c: m.decompress(c.compress(LARGE) + c.flush(m.Z_FULL_FLUSH) + c.flush(), 31) == LARGE)(m.compressobj(wbits=31))",
    "(lambda c: m.decompressobj(zdict=ZDICT).decompress(c.compress(DATA) + c.flush()) == DATA)(m.compressobj(zdict=ZDICT))",
    "(lambda c: (c.flush(), c.compress(b'x')))(m.compressobj())",
    "m.compressobj(10)",
    "m.compressobj(zdict='x')",
    "m.decompressobj(zdict=1)",
    "m.decompressobj(100)",
    "m.crc32(DATA)",
    "m.crc32(LARGE, 12345)",
    "m.crc32(bytearray(DATA))",
    "m.adler32(DATA)",
    "m.adler32(LARGE, 7)",
    "m.adler32(memoryview(DATA))",
]
if sys.version_info >= (3, 11):
    CALLS["zlib"] += ["m.decompress(m.compress(DATA, 1, -9), -9) == DATA"]
if sys.version_info >= (3, 12):
    # _ZlibDecompressor is a class (called_functions counts functions only).
    CALLS["zlib"] += [
        "(lambda z: (z.decompress(ZGZ, 10), z.needs_input, z.decompress(b''), z.eof, z.unused_data))(getattr(m, '_ZlibDecompressor')(31))",
        "(lambda z: [z.decompress(ZLARGE[i:i + 4096], 1000) for i in range(0, len(ZLARGE), 4096)][-2:])(getattr(m, '_ZlibDecompressor')())",
    ]
if sys.version_info >= (3, 15):
    CALLS["zlib"] += [
        "m.crc32_combine(m.crc32(DATA), m.crc32(LARGE), len(LARGE)) == m.crc32(DATA + LARGE)",
        "m.adler32_combine(m.adler32(DATA), m.adler32(LARGE), len(LARGE)) == m.adler32(DATA + LARGE)",
        "m.crc32_combine(1, 2, -1)",
        "m.adler32_combine(1, 2, 2**70)",
    ]

# _json: the module functions, and scanners and encoders made from the classes (called through
# getattr: called_functions counts functions only) with every kind of value and option.
PRELUDE["_json"] = """
import json as _j
CTX = _j.JSONDecoder()
PAIRS = _j.JSONDecoder(object_pairs_hook=list, parse_float=str, parse_int=float, strict=False)
DOC = '{"a": [1, 2.5, -3e2, true, false, null, "x\\\\u00e9\\\\ud83d\\\\ude00\\\\ud800", {"b": []}], "c": Infinity, "d": "' + 'y' * 100 + '\\u20ac"}'
VALUE = {"a": [1, 2.5, None, True, "\\u00e9\\U0001f600\\n\\ud800"], "b": {"c": (1, 2)}, 3: 4.5, None: [], "d": "z" * 200}
BIG = [{"k%d" % i: [i, i / 3, str(i) * 5, 10 ** 30 + i]} for i in range(500)]
BIGDOC = _j.dumps(BIG)
"""
CALLS["_json"] = [
    "m.scanstring(DOC, 2)",
    "m.scanstring(DOC, 53)",
    "m.scanstring(chr(34) + 'abc' + chr(92) + 'x', 1)",
    "m.scanstring(DOC, 1000)",
    "m.encode_basestring(DOC)",
    "m.encode_basestring_ascii(DOC)",
    "m.encode_basestring_ascii(b'x')",
    "getattr(m, 'make_scanner')(CTX)(DOC, 0)",
    "getattr(m, 'make_scanner')(PAIRS)(DOC, 0)",
    "getattr(m, 'make_scanner')(CTX)(BIGDOC, 0)",
    "getattr(m, 'make_scanner')(CTX)('[1, 2', 0)",
    "getattr(m, 'make_scanner')(CTX)('[1, 2]', 6)",
    "getattr(m, 'make_encoder')({}, repr, m.encode_basestring_ascii, None, ': ', ', ', False, True, True)(VALUE, 0)",
    "getattr(m, 'make_encoder')(None, repr, m.encode_basestring, None, ',', ':', True, False, False)(BIG, 0)",
    "getattr(m, 'make_encoder')({}, repr, m.encode_basestring, '  ', ': ', ', ', False, False, False)([VALUE['a'], 1e300], 2)",
    "getattr(m, 'make_encoder')({}, repr, m.encode_basestring, None, ': ', ', ', False, False, False)([float('inf')], 0)",
    "getattr(m, 'make_encoder')(None, repr, m.encode_basestring, None, ': ', ', ', True, False, True)({1: 2, 'a': 3}, 0)",
]

if sys.version_info >= (3, 14):
    CALLS["_heapq"] += [
        "(lambda h: ([m.heappush_max(h, x) for x in R[:800]], h)[1])([])",
        "(lambda h: (m.heapify_max(h), [m.heappushpop_max(h, x) for x in R[:300]])[1])(list(R))",
        "m.heappush_max(['a'], 0)",
        "m.heappushpop_max((1,), 0)",
    ]

if sys.version_info < (3, 11):
    # binascii's hqx functions (deprecated, removed in 3.11).
    PRELUDE["binascii"] += """
RLE = {rle}
HQX = {hqx}
"""
    CALLS["binascii"] += [
        "m.rlecode_hqx(DATA + bytes(300) + b'\\x90' * 5)",
        "m.rledecode_hqx(RLE)",
        "m.rledecode_hqx(b'a\\x90')",
        "m.b2a_hqx(DATA)",
        "m.a2b_hqx(HQX)",
        "m.a2b_hqx(b'!!!:')",
        "m.a2b_hqx(b'\\xff')",
    ]

if sys.version_info >= (3, 15):
    # The codecs and parameters 3.15 added to binascii.
    PRELUDE["binascii"] += """
B32 = {b32}
B85 = {b85}
A85 = {a85}
"""
    CALLS["binascii"] += [
        "m.b2a_base32(DATA)",
        "m.b2a_base32(LARGE, wrapcol=76)",
        "m.a2b_base32(B32)",
        "m.a2b_base32(B32.lower())",
        "m.b2a_base85(DATA)",
        "m.b2a_base85(LARGE, pad=True)",
        "m.a2b_base85(B85)",
        "m.a2b_base85(b'|NsC0~')",
        "m.b2a_ascii85(DATA, foldspaces=True, wrapcol=60)",
        "m.b2a_ascii85(LARGE, adobe=True)",
        "m.a2b_ascii85(A85)",
        "m.a2b_ascii85(A85, foldspaces=True, ignorechars=b'\\n')",
        "m.a2b_ascii85(b'<~z~>', adobe=True)",
        "m.b2a_base64(LARGE, wrapcol=76, padded=False)",
        "m.a2b_base64(B64, ignorechars=b'\\n')",
        "m.a2b_hex(b'ab:cd', ignorechars=b':')",
        "m.b2a_hex(DATA, b'-', 2**40)",
    ]


def outcome(f, *args, **kwargs):
    """('ok', value) or ('raise', exception type name, message): comparable across modules
    and interpreters (a module-defined class compares by qualified name)."""
    try:
        return ("ok", f(*args, **kwargs))
    except Exception as e:  # noqa: BLE001 - every exception is the thing compared
        t = type(e)
        name = t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"
        return ("raise", name, str(e))


def prelude(port: str) -> str:
    """The prelude's source, with any input that needs a reference encoder computed by the
    standard library (pure Python or C, never the port)."""
    src = PRELUDE[port]
    if port == "binascii":
        import base64

        ns: dict = {}
        blank = src
        for name in ("b64", "large_b64", "uu", "rle", "hqx", "b32", "b85", "a85"):
            blank = blank.replace("{%s}" % name, "b''")
        exec(blank, ns)
        uu = b"".join(_uu_line(ns["DATA"][i:i + 45]) for i in range(0, 450, 45))
        src = (
            src.replace("{b64}", repr(base64.encodebytes(ns["DATA"])))
            .replace("{large_b64}", repr(base64.b64encode(ns["LARGE"])))
            .replace("{uu}", repr(uu))
        )
        if sys.version_info < (3, 11):
            import warnings

            c = reference_module("binascii")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                rle = c.rlecode_hqx(ns["DATA"] + bytes(300) + b"\x90" * 5)
                hqx = c.b2a_hqx(rle)
            src = src.replace("{rle}", repr(rle)).replace("{hqx}", repr(hqx + b":"))
        if sys.version_info >= (3, 15):
            src = (
                src.replace("{b32}", repr(base64.b32encode(ns["DATA"])))
                .replace("{b85}", repr(base64.b85encode(ns["DATA"])))
                .replace("{a85}", repr(base64.a85encode(ns["DATA"], foldspaces=True, wrapcol=60)))
            )
    if port == "zlib":
        c = reference_module("zlib")
        ns: dict = {}
        blank = src
        for name in ("z", "zraw", "zgz", "zlarge", "zd"):
            blank = blank.replace("{%s}" % name, "b''")
        exec(blank, ns)
        data, large, zdict = ns["DATA"], ns["LARGE"], ns["ZDICT"]
        raw = c.compressobj(9, c.DEFLATED, -12)
        gz = c.compressobj(6, c.DEFLATED, 31)
        zd = c.compressobj(zdict=zdict)
        src = (
            src.replace("{zraw}", repr(raw.compress(data) + raw.flush()))
            .replace("{zgz}", repr(gz.compress(data) + gz.flush()))
            .replace("{zlarge}", repr(c.compress(large, 6)))
            .replace("{zd}", repr(zd.compress(data) + zd.flush()))
            .replace("{z}", repr(c.compress(data)))
        )
    return src


def _uu_line(chunk: bytes) -> bytes:
    """One uuencoded line, in pure Python (the reference for a2b_uu's input)."""
    out = bytearray([32 + len(chunk)])
    chunk = chunk + b"\0" * (-len(chunk) % 3)
    for i in range(0, len(chunk), 3):
        n = int.from_bytes(chunk[i:i + 3], "big")
        out += bytes(32 + ((n >> s) & 63) for s in (18, 12, 6, 0))
    return bytes(out) + b"\n"


_namespaces: dict[str, dict] = {}


def namespace(port: str, module) -> dict:
    """Globals for evaluating the calls of ``port`` with ``m`` bound to ``module``."""
    if port not in _namespaces:
        ns: dict = {}
        exec(prelude(port), ns)
        _namespaces[port] = ns
    return dict(_namespaces[port], m=module)


def evaluate(port: str, module) -> list:
    """Outcome of every call of ``port``, in order."""
    ns = namespace(port, module)
    return [outcome(eval, compile(expr, expr, "eval"), ns) for expr in CALLS[port]]


def built_ports() -> list[str]:
    """The ports built for this interpreter, as their declarations list them (the registry the
    build installs beside the ports' library); every one of them needs workloads here."""
    try:
        from ferrocpy.activation import available
    except ImportError:
        return []
    return available()


def port_module(name: str):
    return importlib.import_module(f"ferrocpy.ports.{name}")


class _Base64Reference:
    """What ``_base64`` is compared with: ``base64.standard_b64encode`` (on C's binascii)."""

    @staticmethod
    def standard_b64encode(s):
        import binascii

        return binascii.b2a_base64(s, newline=False)


def reference_module(name: str):
    """CPython's own module for ``name`` (never the port, even if activated)."""
    if name == "_base64":
        return _Base64Reference
    mod = importlib.import_module(name)
    if "ferrocpy" in (getattr(mod, "__file__", None) or ""):
        raise RuntimeError(f"{name} resolves to the port {mod.__file__}; unset FERROCPY_ACTIVATE")
    return mod


def port_functions(name: str) -> list[str]:
    """The public callables of the port."""
    mod = port_module(name)
    return sorted(n for n in dir(mod) if callable(getattr(mod, n)) and not isinstance(getattr(mod, n), type)
                  and not n.startswith("__"))


def called_functions(name: str) -> set[str]:
    import re

    return set(re.findall(r"\bm\.(\w+)\(", " ".join(CALLS[name])))


# The ports that have workloads: every port needs a prelude and calls (test_workloads checks
# that each built port is among them).
KNOWN_PORTS = tuple(sorted(CALLS))
assert set(CALLS) == set(PRELUDE), "every port needs a prelude and calls"


PORTS = built_ports()
IS_DEBUG_BUILD = hasattr(sys, "gettotalrefcount")
