"""Differential tests of ferrocpy's _json port against the C module of the running interpreter.

Seeded random documents (nested dicts, lists and tuples; str of every storage width with
escapes, control characters and lone surrogates; ints of any size, bool, float with NaN and
infinities; int/float/str/list/dict subclasses with overridden methods; objects only `default`
can encode; non-str keys) are encoded by both modules' encoders with every option
(markers, default, both string encoders and a Python one, indent, separators, sort_keys,
skipkeys, allow_nan, indent level), and their text, mutated (truncated, characters changed), is
scanned by both modules' scanners with every decoder option (strict, object_hook,
object_pairs_hook, parse_float, parse_int, parse_constant, array_hook on 3.15) at random start
indices. Results must be equal in value and type, errors in type, message, ``pos`` and notes.

Each test is bounded by a time budget (``JSON_FUZZ_SECONDS``, default 1 s) so CI stays short.
"""

from __future__ import annotations

import decimal
import importlib
import json
import os
import random
import sys
import time

import _json as c_json
import pytest

try:
    port = importlib.import_module("ferrocpy.ports._json")
except ImportError:  # pragma: no cover - the port is not built
    pytest.skip("ferrocpy.ports._json is not built", allow_module_level=True)

if port is c_json:  # pragma: no cover - activation replaced the C module
    pytest.skip("_json is the port here: no C module to compare with", allow_module_level=True)

BUDGET = float(os.environ.get("JSON_FUZZ_SECONDS", "1.0"))
SEED = int(os.environ.get("JSON_FUZZ_SEED", "20261130"))


def deadline():
    end = time.monotonic() + BUDGET
    return lambda: time.monotonic() < end


def describe(value):
    """A comparable description of a decoded or encoded value: types all the way down."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [describe(v) for v in value])
    if isinstance(value, dict) or (FROZENDICT is not None and isinstance(value, FROZENDICT)):
        return (type(value).__name__, [(describe(k), describe(v)) for k, v in value.items()])
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, repr(value))


def outcome(f, *args):
    """('ok', description) or ('raise', type name, message, pos, notes)."""
    try:
        return ("ok", describe(f(*args)))
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        return (
            "raise",
            type(e).__qualname__,
            str(e),
            getattr(e, "pos", None),
            getattr(e, "__notes__", None),
        )


# ---- values -----------------------------------------------------------------------------------


class MyInt(int):
    def __repr__(self):
        return "MyInt!"

    __str__ = __repr__


class MyFloat(float):
    def __repr__(self):
        return "MyFloat!"


class MyStr(str):
    def __str__(self):
        return "MyStr!"


class MyList(list):
    def __iter__(self):
        return iter(["overridden"])


class MyDict(dict):
    def items(self):
        return list(reversed(list(super().items())))


class Opaque:
    """Encodable only through `default`."""

    def __init__(self, n):
        self.n = n


FROZENDICT = getattr(__builtins__ if isinstance(__builtins__, dict) else vars(__builtins__), "get")("frozendict")

ALPHABETS = [
    "abcxyz ",
    "\"\\/\b\f\n\r\t\x00\x01\x1f\x7f",
    "éü\xa0\xff",
    "Ωж€\u2028\ufeff",
    "\U0001f600\U00010000\U0010ffff",
    "\ud800\udc00\udbff",
]


def rand_str(rng: random.Random) -> str:
    alphabet = "".join(rng.sample(ALPHABETS, rng.randrange(1, 4)))
    s = "".join(rng.choice(alphabet) for _ in range(rng.choice([0, 1, 3, 10, 40])))
    return MyStr(s) if rng.random() < 0.05 else s


def rand_number(rng: random.Random):
    k = rng.randrange(9)
    if k == 0:
        return rng.randrange(-10, 10)
    if k == 1:
        return rng.randrange(-(10**30), 10**30)
    if k == 2:
        return rng.choice([True, False])
    if k == 3:
        return MyInt(rng.randrange(-5, 5))
    if k == 4:
        return rng.choice([float("nan"), float("inf"), float("-inf"), -0.0, 0.0])
    if k == 5:
        return MyFloat(rng.uniform(-1e10, 1e10))
    if k == 6:
        return rng.choice([1e300, 5e-324, 1.7976931348623157e308, 0.1, 1 / 3])
    return rng.uniform(-1e6, 1e6)


def rand_key(rng: random.Random):
    k = rng.randrange(10)
    if k < 5:
        return rand_str(rng)
    if k == 5:
        return rand_number(rng)
    if k == 6:
        return None
    if k == 7:
        return (1, 2)  # not a valid key: TypeError, or skipped
    if k == 8:
        return rng.randrange(-(10**20), 10**20)
    return rng.uniform(-100, 100)


def rand_value(rng: random.Random, depth: int = 0):
    k = rng.randrange(12 if depth < 4 else 6)
    if k == 0:
        return None
    if k in (1, 2):
        return rand_str(rng)
    if k in (3, 4):
        return rand_number(rng)
    if k == 5:
        return Opaque(rng.randrange(3)) if rng.random() < 0.2 else rand_str(rng)
    if k in (6, 7):
        items = [rand_value(rng, depth + 1) for _ in range(rng.randrange(5))]
        c = rng.randrange(6)
        return tuple(items) if c == 0 else MyList(items) if c == 1 else items
    d = {}
    for _ in range(rng.randrange(5)):
        d[rand_key(rng)] = rand_value(rng, depth + 1)
    c = rng.random()
    if c < 0.1:
        return MyDict(d)
    if c < 0.2 and FROZENDICT is not None:
        return FROZENDICT(d)
    return d


def default(o):
    if isinstance(o, Opaque):
        if o.n == 0:
            raise ValueError("opaque 0")
        return [o.n, "opaque"] if o.n == 1 else {"n": o.n}
    raise TypeError(f"not serializable: {type(o).__name__}")


def py_encoder(s):
    return json.encoder.py_encode_basestring(s)


def encoders(rng: random.Random):
    """The same encoder made by both modules: (C's, the port's)."""
    kind = rng.randrange(3)
    indent = rng.choice([None, None, "  ", "\t", ""])
    key_sep, item_sep = rng.choice([(": ", ", "), (":", ","), (" = ", ";\n")])
    sort_keys = rng.random() < 0.3
    skipkeys = rng.random() < 0.5
    allow_nan = rng.random() < 0.7
    use_markers = rng.random() < 0.7

    def make(mod):
        enc = [mod.encode_basestring_ascii, mod.encode_basestring, py_encoder][kind]
        return mod.make_encoder(
            {} if use_markers else None,
            default,
            enc,
            indent,
            key_sep,
            item_sep,
            sort_keys,
            skipkeys,
            allow_nan,
        )

    return make(c_json), make(port)


def test_encoder_differential():
    rng = random.Random(SEED)
    more = deadline()
    n = 0
    while more() or n < 50:
        n += 1
        c_enc, p_enc = encoders(rng)
        value = rand_value(rng)
        level = rng.choice([0, 0, 1, 3, -2])
        c = outcome(c_enc, value, level)
        p = outcome(p_enc, value, level)
        assert p == c, (value, c_enc.indent, c_enc.sort_keys, c_enc.skipkeys)


def test_encoder_circular_and_errors():
    for mod in (c_json, port):
        pass
    cyc = []
    cyc.append(cyc)
    d = {}
    d["d"] = d
    cases = [cyc, d, [Opaque(0)], {"a": [1, {"b": Opaque(0)}]}, [object()], {(1,): 2}]
    for value in cases:
        got = []
        for mod in (c_json, port):
            enc = mod.make_encoder({}, default, mod.encode_basestring_ascii, None, ": ", ", ", False, False, True)
            got.append(outcome(enc, value, 0))
        assert got[1] == got[0], value
    # markers must be a dict or None; the separators str
    for args in [
        (1, None, None, None, ": ", ", ", False, False, False),
        (None, None, None, None, b": ", ", ", False, False, False),
        (None, None, None, None, ": ", 3, False, False, False),
    ]:
        assert outcome(port.make_encoder, *args) == outcome(c_json.make_encoder, *args)


def mutate(rng: random.Random, text: str) -> str:
    k = rng.randrange(6)
    if not text or k == 0:
        return text
    i = rng.randrange(len(text))
    if k == 1:
        return text[:i]
    if k == 2:
        return text[:i] + rng.choice(',:[]{}"\\ 0-.eE\x01u') + text[i:]
    if k == 3:
        return text[:i] + text[i + 1 :]
    if k == 4:
        return text[:i] + rng.choice(['\\u12', '\\ud800', '\\x', ',]', ',}', 'NaN', '-Infinity', '1e5', '01']) + text[i:]
    return text


class Ctx:
    """A decoder context (what `make_scanner` reads)."""

    def __init__(self, rng: random.Random):
        self.strict = rng.random() < 0.7
        self.object_hook = rng.choice([None, None, lambda d: ("hooked", sorted(map(repr, d)))])
        self.object_pairs_hook = rng.choice([None, None, None, list, lambda p: tuple(p)])
        self.parse_float = rng.choice([float, float, decimal.Decimal, lambda s: ("f", s)])
        self.parse_int = rng.choice([int, int, str, float])
        self.parse_constant = rng.choice([json.decoder._CONSTANTS.__getitem__, lambda s: ("const", s)])
        self.array_hook = rng.choice([None, None, tuple])
        self.memo = {}


def test_scanner_differential():
    rng = random.Random(SEED + 1)
    more = deadline()
    n = 0
    while more() or n < 100:
        n += 1
        value = rand_value(rng)
        text = json.dumps(
            value, default=repr, skipkeys=True, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1])
        )
        text = mutate(rng, mutate(rng, text))
        ctx = Ctx(rng)
        c_scan = c_json.make_scanner(ctx)
        p_scan = port.make_scanner(ctx)
        idx = rng.choice([0, 0, 0, rng.randrange(len(text) + 2), -1])
        assert outcome(p_scan, text, idx) == outcome(c_scan, text, idx), (text, idx)


def test_scanstring_differential():
    rng = random.Random(SEED + 2)
    more = deadline()
    n = 0
    while more() or n < 200:
        n += 1
        s = json.dumps(rand_str(rng), ensure_ascii=rng.random() < 0.5)
        s = mutate(rng, s)
        end = rng.choice([1, 1, 1, 0, len(s), len(s) + 1, -1, rng.randrange(len(s) + 1)])
        strict = rng.choice([True, False, 1, 0])
        assert outcome(port.scanstring, s, end, strict) == outcome(c_json.scanstring, s, end, strict), (s, end)


def test_encode_basestring_differential():
    rng = random.Random(SEED + 3)
    more = deadline()
    n = 0
    while more() or n < 200:
        n += 1
        s = rand_str(rng)
        for name in ("encode_basestring", "encode_basestring_ascii"):
            c = getattr(c_json, name)(s)
            p = getattr(port, name)(s)
            assert p == c and type(p) is type(c), (name, s)
    for bad in (b"x", 1, None):
        for name in ("encode_basestring", "encode_basestring_ascii"):
            assert outcome(getattr(port, name), bad) == outcome(getattr(c_json, name), bad)


def test_api_surface():
    for name in ("scanstring", "encode_basestring", "encode_basestring_ascii"):
        assert getattr(port, name).__doc__ == getattr(c_json, name).__doc__, name
        # None before 3.15, where C's docstrings are hand-written (no signature line)
        assert getattr(port, name).__text_signature__ == getattr(c_json, name).__text_signature__, name
        # the module's name: `_json` once activated (CPython's test_json checks it)
        assert getattr(port, name).__module__ == port.__name__
    for name in ("make_scanner", "make_encoder"):
        c, p = getattr(c_json, name), getattr(port, name)
        assert p.__doc__ == c.__doc__
        assert p.__name__ == c.__name__ and p.__qualname__ == c.__qualname__
        assert p.__module__ == c.__module__ == "_json"
        c_attrs = {k for k in vars(c) if not k.startswith("__")}
        p_attrs = {k for k in vars(p) if not k.startswith("__")}
        assert p_attrs == c_attrs
        for k in c_attrs:
            assert getattr(p, k).__doc__ == getattr(c, k).__doc__, (name, k)
    ctx = Ctx(random.Random(0))
    c_scan, p_scan = c_json.make_scanner(ctx), port.make_scanner(ctx)
    for k in ("strict", "object_hook", "object_pairs_hook", "parse_float", "parse_int", "parse_constant"):
        assert getattr(p_scan, k) == getattr(c_scan, k)
    args = ({}, default, None, "  ", ": ", ", ", True, False, True)
    c_enc, p_enc = c_json.make_encoder(*args), port.make_encoder(*args)
    for k in ("markers", "default", "encoder", "indent", "key_separator", "item_separator", "sort_keys", "skipkeys"):
        assert getattr(p_enc, k) == getattr(c_enc, k), k
    with pytest.raises(AttributeError):
        port.make_scanner(1)


def test_argument_errors_of_the_functions():
    # Counts, keywords and types, worded as C words them in each version (PyArg_ParseTuple's
    # messages before 3.15, the clinic's from 3.15).
    calls = [((), {}), (("a",), {}), (("a", 1, True, 4), {}), (("a", 1), {"strict": True}),
             (("a",), {"end": 1}), (("a", "x"), {}), (("a", 1.5), {}), ((1, 1), {}), ((b"a", 1), {})]
    def port_error(f, *args, **kwargs):
        # CPython names the module in some of these messages (METH_O counts, METH_FASTCALL
        # keywords): `_json` once the port is activated, as CPython's own tests see it.
        e = _call_error(f, *args, **kwargs)
        return e and (e[0], e[1].replace(f"{port.__name__}.", "_json."))

    for args, kwargs in calls:
        assert port_error(port.scanstring, *args, **kwargs) == _call_error(c_json.scanstring, *args, **kwargs), args
    for name in ("encode_basestring", "encode_basestring_ascii"):
        for args, kwargs in [((), {}), (("a", "b"), {}), ((), {"s": "a"}), ((1,), {})]:
            c = _call_error(getattr(c_json, name), *args, **kwargs)
            assert port_error(getattr(port, name), *args, **kwargs) == c, (name, args, kwargs)


def _call_error(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except Exception as e:  # every type: the comparison is the point
        return type(e), str(e)
    return None


def test_bad_calls_of_scanner_and_encoder_match_c():
    # C parses these calls by hand under the names scan_once and _iterencode (`@error_name`).
    ctx = Ctx(random.Random(0))
    c_scan, p_scan = c_json.make_scanner(ctx), port.make_scanner(ctx)
    for args, kwargs in [((), {}), (("x",), {}), (("x", "y"), {}), (("x", 0, 1), {}), (("x",), {"idx": 0}),
                         ((), {"string": "x", "idx": 0, "z": 1})]:
        assert _call_error(p_scan, *args, **kwargs) == _call_error(c_scan, *args, **kwargs), (args, kwargs)
    enc_args = ({}, default, None, None, ": ", ", ", False, False, True)
    c_enc, p_enc = c_json.make_encoder(*enc_args), port.make_encoder(*enc_args)
    for args in [(), (1,), (1, "x"), (1, 0, 2)]:
        assert _call_error(p_enc, *args) == _call_error(c_enc, *args), args


def test_deep_nesting_raises_recursion_error():
    deep = "[" * 100000 + "]" * 100000
    for mod in (c_json, port):
        scan = mod.make_scanner(Ctx(random.Random(0)))
        with pytest.raises(RecursionError):
            scan(deep, 0)
    value = []
    for _ in range(100000):
        value = [value]
    for mod in (c_json, port):
        enc = mod.make_encoder(None, default, mod.encode_basestring, None, ": ", ", ", False, False, True)
        with pytest.raises(RecursionError):
            enc(value, 0)


def _deepest_ok(ok) -> int:
    """The largest n in [0, 2**15) for which ok(n) holds, ok being true up to some n and false
    after it (bisection)."""
    lo, hi = 0, 1 << 15
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            lo = mid
        else:
            hi = mid
    return lo


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="3.14+ limit the machine stack, not a count")
def test_recursion_depth_limit_is_cs():
    """Up to 3.13 the interpreter counts C recursion levels: the deepest document that scans,
    and the deepest list that encodes, are the same for the port as for C (each nested
    container one level, taken and given back exactly as C does)."""

    def scans(mod):
        scan = mod.make_scanner(Ctx(random.Random(0)))

        def ok(n):
            try:
                scan("[" * n + "]" * n, 0)
            except RecursionError:
                return False
            return True

        return ok

    def encodes(mod):
        enc = mod.make_encoder(None, default, mod.encode_basestring, None, ": ", ", ", False, False, True)

        def ok(n):
            value = []
            for _ in range(n):
                value = [value]
            try:
                enc(value, 0)
            except RecursionError:
                return False
            return True

        return ok

    for probe in (scans, encodes):
        depths = [_deepest_ok(probe(mod)) for mod in (c_json, port, c_json, port)]
        assert 0 < depths[0] < (1 << 15) - 1, depths
        assert depths == [depths[0]] * 4, (probe.__name__, depths)


@pytest.mark.skipif(sys.version_info < (3, 14), reason="notes on encoding errors are 3.14's")
def test_notes_on_errors():
    cases = [[1, [2, Opaque(0)]], {"a": {1: Opaque(0)}}, [Opaque(1), Opaque(0)], MyDict(x=[Opaque(0)])]
    for value in cases:
        got = []
        for mod in (c_json, port):
            enc = mod.make_encoder(None, default, mod.encode_basestring, None, ": ", ", ", False, False, True)
            got.append(outcome(enc, value, 0))
        assert got[1] == got[0], value


def test_hostile_callbacks():
    """Hooks, parsers, `default` and `encoder` that raise, mutate what is being built or
    encoded, or recurse: both modules give the same outcome and nothing crashes."""

    def raising(*args):
        raise ZeroDivisionError("hook")

    def recursing(d):
        return json.loads('{"again": [1, 2]}')

    doc = '{"a": [1, 2.5, {"b": NaN}], "c": {"d": null}, "e": [3, 4, [5]]}'
    hooks = [
        ("object_hook", raising),
        ("object_pairs_hook", raising),
        ("parse_float", raising),
        ("parse_int", raising),
        ("parse_constant", raising),
        ("object_hook", recursing),
        ("parse_int", lambda s: ctx.memo.clear() or int(s)),
    ]
    for name, hook in hooks:
        ctx = Ctx(random.Random(0))
        setattr(ctx, name, hook)
        got = [outcome(mod.make_scanner(ctx), doc, 0) for mod in (c_json, port)]
        assert got[1] == got[0], name

    for mod_kind in range(4):
        results = []
        for mod in (c_json, port):
            lst = [Opaque(1) for _ in range(6)]
            calls = 0

            def default_mutating(o):
                nonlocal calls
                calls += 1
                if mod_kind == 0 and calls == 2:
                    lst.clear()
                if mod_kind == 1:
                    lst.append(Opaque(2)) if calls < 5 else None
                if mod_kind == 2:
                    raise ValueError("default")
                return None

            def encoder_raising(s):
                raise KeyError("encoder")

            enc_fn = encoder_raising if mod_kind == 3 else mod.encode_basestring
            enc = mod.make_encoder({}, default_mutating, enc_fn, None, ": ", ", ", False, False, True)
            results.append((outcome(enc, [lst, {"k": lst}, "s"], 0), calls))
        assert results[1] == results[0], mod_kind


def test_markers_as_python_code_sees_them():
    """The markers dict as Python code sees it while encoding (from `default`, a Python
    `encoder`, a dict subclass's `items`, a list subclass's `__iter__`, key sorting) and as an
    error leaves it: the same containers, in the same order, as with C, also past the depth
    at which the port stops keeping its markers to itself; a re-entrant call with the same
    encoder (and so the same markers) finds the containers being encoded."""

    def run(mod, shape, encoder_kind, fail_at, reenter, sort_keys):
        markers = {}
        names = {}
        seen = []

        def name(o, n):
            names[id(o)] = n
            return o

        def snapshot(where):
            # Keys are the ids of the values, in C's insertion order.
            seen.append((where, [names.get(id(v), "?") for v in markers.values()],
                         all(k == id(v) for k, v in markers.items())))

        class Items(dict):
            def items(self):
                snapshot("items")
                return super().items()

        class Seq(list):
            def __iter__(self):
                snapshot("iter")
                return super().__iter__()

        class Key(str):
            def __lt__(self, other):
                snapshot("lt")
                return str(self) < str(other)

        calls = 0

        def default(o):
            nonlocal calls
            calls += 1
            snapshot(f"default {o.n}")
            if calls == fail_at:
                raise ValueError("stop")
            if reenter and calls == 1:
                seen.append(("reenter", outcome(enc, outer, 0)))
            return o.n

        def py_enc(s):
            snapshot("encoder")
            return json.encoder.py_encode_basestring(s)

        def nest(depth, leaf):
            v = leaf
            for i in range(depth):
                v = name([v, i], f"deep{i}")
            return v

        if shape == "mixed":
            outer = name([
                name({"a": Opaque(1), "b": name([1, Opaque(2)], "l1")}, "d1"),
                name(Seq([Opaque(3), name({"x": Opaque(4)}, "d2")]), "seq"),
                name(Items(k=name([Opaque(5)], "l2")), "items"),
                name({Key("z"): 1, Key("y"): name([Opaque(6)], "l3")}, "sorted"),
                "tail",
            ], "outer")
        else:
            outer = name([nest(45, Opaque(7)), name({"after": Opaque(8)}, "d3")], "outer")
        enc_fn = py_enc if encoder_kind == "python" else mod.encode_basestring_ascii
        enc = mod.make_encoder(markers, default, enc_fn, None, ": ", ", ", sort_keys, False, True)
        result = outcome(enc, outer, 0)
        left = [names.get(id(v), "?") for v in markers.values()]
        return result, seen, left

    for shape in ("mixed", "deep"):
        for encoder_kind in ("ours", "python"):
            for fail_at in (0, 1, 3, 5):
                for reenter in (False, True):
                    for sort_keys in (False, True):
                        args = (shape, encoder_kind, fail_at, reenter, sort_keys)
                        got = [run(mod, *args) for mod in (c_json, port)]
                        assert got[1] == got[0], args


def test_dict_changed_while_encoding():
    """`default` adding items to, or removing them from, the dict being encoded: C walks the
    dict as it is at each step (3.12+ in place, earlier a snapshot of its items)."""

    for change in ("grow", "shrink", "replace"):
        results = []
        for mod in (c_json, port):
            d = {"a": Opaque(1), "b": 1, "z": Opaque(1)}

            def mutating(o, d=d):
                if change == "grow":
                    d.setdefault("c", 2)
                    d.setdefault("e", 3)
                elif change == "shrink":
                    d.pop("b", None)
                else:
                    d["b"] = "new"
                return None

            enc = mod.make_encoder(None, mutating, mod.encode_basestring, None, ": ", ", ", False, False, True)
            results.append(outcome(enc, d, 0))
        assert results[1] == results[0], change


def test_threads_share_scanner_and_encoder():
    import threading

    ctx = Ctx(random.Random(0))
    ctx.object_hook = ctx.object_pairs_hook = ctx.array_hook = None
    ctx.parse_float, ctx.parse_int = float, int
    scan = port.make_scanner(ctx)
    enc = port.make_encoder(None, default, port.encode_basestring_ascii, None, ": ", ", ", True, False, True)
    rng = random.Random(SEED + 4)
    docs = [{"k%d" % i: [i, str(i) * 3, {"x": i / 7}]} for i in range(50)]
    expected = [c_json.make_encoder(None, default, c_json.encode_basestring_ascii, None, ": ", ", ", True, False, True)(d, 0) for d in docs]
    errors = []

    def work(seed):
        r = random.Random(seed)
        for _ in range(300):
            i = r.randrange(len(docs))
            out = enc(docs[i], 0)
            if out != expected[i]:
                errors.append(("enc", i))
            value, end = scan(out[0], 0)
            if value != docs[i] or end != len(out[0]):
                errors.append(("scan", i))

    threads = [threading.Thread(target=work, args=(rng.random(),)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
