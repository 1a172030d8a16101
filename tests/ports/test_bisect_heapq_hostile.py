"""The _bisect and _heapq ports against the C accelerators under hostile callers: comparisons
that raise or mutate the list mid-call (shrink, grow, clear, rewrite), list subclasses, non-list
sequences, NotImplemented, key functions with side effects, and argument errors. Every scenario
runs on both modules and must give the same result or exception (type and message), leave the
list in the same state and make the same comparisons in the same order."""

from __future__ import annotations

import collections
import gc
import sys

import pytest

from bh_support import MAX_PUBLIC, HEAPQ_ONE_ARG, Item, Log, c_module, load_port, max_name, outcome, snapshot

C_BISECT = c_module("_bisect")
C_HEAPQ = c_module("_heapq")
R_BISECT = load_port("_bisect")
R_HEAPQ = load_port("_heapq")

HEAPQ_FUNCS = [n for n in dir(C_HEAPQ) if not n.startswith("__")]
BISECT_FUNCS = [n for n in dir(C_BISECT) if not n.startswith("__")]


# ---- hostile comparisons -----------------------------------------------------------------------

ACTIONS = {
    "raise": lambda lst: (_ for _ in ()).throw(ValueError("hostile comparison")),
    "clear": lambda lst: lst.clear(),
    "pop": lambda lst: lst.pop() if lst else None,
    "append": lambda lst: lst.append(Item(-1)),
    "halve": lambda lst: lst.__delitem__(slice(len(lst) // 2, None)),
    "double": lambda lst: lst.extend(Item(x.v) for x in list(lst)),
    "rewrite": lambda lst: lst.__setitem__(slice(None), [Item(100 - i) for i in range(len(lst))]),
    "reverse": lambda lst: lst.reverse(),
    "insert0": lambda lst: lst.insert(0, Item(-5)),
}


def run_scenario(mod, fname, make_list, args, kwargs, action, at):
    """Calls mod.fname(lst, *args, **kwargs), running `action` on the list inside comparison
    number `at` (1-based)."""
    lst = make_list()
    count = [0]

    def hook(self, other):
        count[0] += 1
        if count[0] == at:
            ACTIONS[action](lst)

    Item.action = hook
    try:
        with Log() as log:
            res = outcome(getattr(mod, fname), lst, *args, **kwargs)
    finally:
        Item.action = None
    if res[0] == "ok":
        res = ("ok", getattr(res[1], "v", res[1]))
    return res, snapshot(lst), log.events


def items(vals):
    return lambda: [Item(v) for v in vals]


def heapified(vals, maxheap=False):
    import heapq

    vals = list(vals)
    if maxheap:
        vals = sorted(vals, reverse=True)
    else:
        heapq.heapify(vals)
    return items(vals)


HEAP_CASES = [
    ("heappush", heapified(range(20, 0, -1)), (Item(0),)),
    ("heappush", heapified(range(40)), (Item(17),)),
    ("heappop", heapified(range(31, 0, -1)), ()),
    ("heapreplace", heapified(range(25)), (Item(30),)),
    ("heappushpop", heapified(range(25)), (Item(30),)),
    ("heappushpop", heapified(range(25)), (Item(-3),)),
    ("heapify", items(range(30, 0, -1)), ()),
    ("heapify", items([5, 3, 8, 1, 9, 2, 7] * 5), ()),
    (max_name("heappop"), heapified(range(31), maxheap=True), ()),
    (max_name("heapreplace"), heapified(range(25), maxheap=True), (Item(-1),)),
    (max_name("heapreplace"), heapified(range(25), maxheap=True), (Item(30),)),
    (max_name("heapify"), items(range(30)), ()),
    (max_name("heapify"), items([5, 3, 8, 1, 9, 2, 7] * 5), ()),
]
if MAX_PUBLIC:
    HEAP_CASES += [
        ("heappush_max", heapified(range(20), maxheap=True), (Item(30),)),
        ("heappush_max", heapified(range(40), maxheap=True), (Item(17),)),
        ("heappushpop_max", heapified(range(25), maxheap=True), (Item(-3),)),
        ("heappushpop_max", heapified(range(25), maxheap=True), (Item(30),)),
        ("heappushpop_max", heapified(range(25), maxheap=True), (Item(12),)),
    ]


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("case", HEAP_CASES, ids=lambda c: c[0] if isinstance(c, tuple) else str(c))
def test_heapq_hostile_comparisons(case, action):
    fname, make, args = case
    for at in (1, 2, 3, 4, 5, 7, 9, 12, 16, 21, 27, 34, 10**9):
        c = run_scenario(C_HEAPQ, fname, make, args, {}, action, at)
        r = run_scenario(R_HEAPQ, fname, make, args, {}, action, at)
        assert r == c, (fname, action, at)


def test_heapify_cache_friendly_order_with_side_effects():
    # Above 2500 items C switches to another traversal; the comparison order must follow.
    vals = [(i * 7919) % 3001 for i in range(3001)]
    for action in ("raise", "append", "reverse"):
        for at in (1, 500, 1400, 2600):
            c = run_scenario(C_HEAPQ, "heapify", items(vals), (), {}, action, at)
            r = run_scenario(R_HEAPQ, "heapify", items(vals), (), {}, action, at)
            assert r == c, (action, at)
    for action in ("raise", "append"):
        for at in (1400, 10**9):
            c = run_scenario(C_HEAPQ, max_name("heapify"), items(vals), (), {}, action, at)
            r = run_scenario(R_HEAPQ, max_name("heapify"), items(vals), (), {}, action, at)
            assert r == c, (action, at)


BISECT_CASES = [
    (fname, args, kwargs)
    for fname in ("bisect_left", "bisect_right", "insort_left", "insort_right")
    for args, kwargs in [
        ((Item(7),), {}),
        ((Item(0),), {}),
        ((Item(99),), {}),
        ((Item(7), 3, 15), {}),
        ((Item(7),), {"hi": 40}),
        ((Item(7),), {"key": lambda it: it}),
        ((Item(7),), {"key": lambda it: Item(it.v // 2)}),
    ]
]


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("case", BISECT_CASES, ids=lambda c: c[0])
def test_bisect_hostile_comparisons(case, action):
    fname, args, kwargs = case
    for at in range(1, 8):
        c = run_scenario(C_BISECT, fname, items(range(0, 40, 2)), args, kwargs, action, at)
        r = run_scenario(R_BISECT, fname, items(range(0, 40, 2)), args, kwargs, action, at)
        assert r == c, (fname, action, at)


def test_key_function_that_mutates_and_raises():
    for mod_pair in ((C_BISECT, R_BISECT),):
        results = []
        for mod in mod_pair:
            lst = list(range(50))
            calls = []

            def key(v, lst=lst, calls=calls):
                calls.append(v)
                if len(calls) == 3:
                    del lst[10:]
                if len(calls) == 5:
                    raise KeyError("k")
                return v

            results.append((outcome(mod.bisect_right, lst, 30, key=key), calls, list(lst)))
            lst2 = list(range(50))
            results.append((outcome(mod.insort_left, lst2, 30, key=lambda v: lst2.clear() or v), list(lst2)))
        n = len(results) // 2
        assert results[n:] == results[:n]


# ---- NotImplemented and mixed types ------------------------------------------------------------


class NI:
    """Same-type comparisons return NotImplemented first (3.12's C shortcut then falls back)."""

    calls = []

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        NI.calls.append(("lt", self.v, other.v))
        return NotImplemented

    def __gt__(self, other):
        NI.calls.append(("gt", self.v, other.v))
        return self.v > other.v


class Truthy:
    """`<` returns a non-bool object whose truth value is computed (and logged)."""

    log = []

    def __init__(self, v):
        self.v = v

    def __bool__(self):
        Truthy.log.append(self.v)
        return bool(self.v)


class TL:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return Truthy(self.v < other.v)


@pytest.mark.parametrize("fname", ["bisect_left", "bisect_right", "insort_left", "insort_right"])
def test_bisect_notimplemented_and_non_bool_results(fname):
    out = []
    for mod in (C_BISECT, R_BISECT):
        NI.calls = []
        lst = [NI(v) for v in range(16)]
        res = outcome(getattr(mod, fname), lst, NI(5))
        Truthy.log = []
        lst2 = [TL(v) for v in range(16)]
        res2 = outcome(getattr(mod, fname), lst2, TL(9))
        out.append((res, NI.calls, res2, Truthy.log))
    assert out[1] == out[0]


@pytest.mark.parametrize("fname", HEAPQ_FUNCS)
def test_heapq_mixed_and_incomparable(fname):
    arg = () if fname in HEAPQ_ONE_ARG else (3,)
    for heap in ([1, "a", 2.5], [None, None, None], [3, 1.5, True, 2**80, -(2**70)], [b"x", "x"]):
        c = outcome(getattr(C_HEAPQ, fname), list(heap), *arg)
        r = outcome(getattr(R_HEAPQ, fname), list(heap), *arg)
        assert r == c


def test_nan_and_identity():
    nan = float("nan")
    for fname in ("bisect_left", "bisect_right"):
        lst = [1.0, nan, 3.0, nan]
        assert getattr(R_BISECT, fname)(lst, nan) == getattr(C_BISECT, fname)(lst, nan)
    h1, h2 = [nan, 1.0, nan, 0.5], [nan, 1.0, nan, 0.5]
    C_HEAPQ.heapify(h1)
    R_HEAPQ.heapify(h2)
    assert [repr(x) for x in h1] == [repr(x) for x in h2]


# ---- list subclasses and other sequences --------------------------------------------------------


class LoggingList(list):
    log = []

    def insert(self, i, x):
        LoggingList.log.append(("insert", i, x))
        super().insert(i, x)

    def __getitem__(self, i):
        LoggingList.log.append(("getitem", i))
        return super().__getitem__(i)

    def __len__(self):
        LoggingList.log.append(("len",))
        return super().__len__()


class SeqOnly:
    def __init__(self, data):
        self.data = data

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        return self.data[i]


class LenOnly:
    def __len__(self):
        return 3


SEQUENCES = [
    lambda: LoggingList(range(0, 20, 2)),
    lambda: tuple(range(0, 20, 2)),
    lambda: "acegikmoq",
    lambda: range(0, 20, 2),
    lambda: collections.deque(range(0, 20, 2)),
    lambda: SeqOnly(list(range(0, 20, 2))),
    lambda: LenOnly(),
    lambda: {0: 1, 1: 2},
    lambda: 42,
    lambda: None,
    lambda: b"acegikmoq",
    lambda: bytearray(b"acegikmoq"),
]


@pytest.mark.parametrize("make", SEQUENCES, ids=lambda m: type(m()).__name__)
@pytest.mark.parametrize("fname", ["bisect_left", "bisect_right", "insort_left", "insort_right"])
def test_bisect_sequences(make, fname):
    for x in (6, "f", 102, None):
        for kw in ({}, {"lo": 1, "hi": 4}, {"hi": 0}, {"hi": 50}, {"key": lambda v: v}):
            got = []
            for mod in (C_BISECT, R_BISECT):
                LoggingList.log = []
                seq = make()
                got.append((outcome(getattr(mod, fname), seq, x, **kw), snapshot(seq), list(LoggingList.log)))
            assert got[1] == got[0], (x, kw)


class HeapList(list):
    """heapq ignores overridden item access: C reads the list storage directly."""

    def __getitem__(self, i):
        raise AssertionError("not used")

    def __len__(self):
        return 0


@pytest.mark.parametrize("fname", HEAPQ_FUNCS)
def test_heapq_list_subclass_and_non_lists(fname):
    arg = () if fname in HEAPQ_ONE_ARG else (4,)
    for make in (lambda: HeapList([5, 1, 9, 3, 7]), lambda: (5, 1), lambda: None, lambda: collections.deque([1])):
        got = []
        for mod in (C_HEAPQ, R_HEAPQ):
            h = make()
            got.append((outcome(getattr(mod, fname), h, *arg), list.copy(h) if isinstance(h, list) else snapshot(h)))
        assert got[1] == got[0]


# ---- arguments -----------------------------------------------------------------------------------


BAD_BISECT_CALLS = [
    ((), {}),
    (([1],), {}),
    (([1], 1, 0, 1, None), {}),
    (([1], 1), {"foo": 1}),
    (([1], 1), {"a": [1]}),
    (([1], 1, -1), {}),
    (([1], 1, 1.0), {}),
    (([1], 1, None), {}),
    (([1], 1, 2**63), {}),
    (([1], 1, -(2**63)), {}),
    (([1], 1, 0, "x"), {}),
    (([1], 1, 0, 1.5), {}),
    (([1], 1, 0, 2**70), {}),
    (([1], 1, 0, -(2**63)), {}),
    (([1], 1, 0, -1), {}),
    (([1], 1, True, False), {}),
    (([1, 2, 3], 2), {"lo": 1, "hi": None, "key": None}),
    (([1, 2, 3], 2), {"key": 5}),
    ((), {"a": [1, 2], "x": 1}),
    ((), {"x": 1}),
]


@pytest.mark.parametrize("call", BAD_BISECT_CALLS, ids=repr)
@pytest.mark.parametrize("fname", ["bisect_left", "bisect_right", "insort_left", "insort_right"])
def test_bisect_argument_handling(fname, call):
    args, kwargs = call
    c = outcome(getattr(C_BISECT, fname), *[list(a) if isinstance(a, list) else a for a in args], **kwargs)
    r = outcome(getattr(R_BISECT, fname), *[list(a) if isinstance(a, list) else a for a in args], **kwargs)
    assert r == c


class LoggedIndex:
    """An integer-like bound whose `__index__` calls are logged."""

    log: list = []

    def __init__(self, v):
        self.v = v

    def __index__(self):
        LoggedIndex.log.append(("index", self.v))
        return self.v


@pytest.mark.parametrize("fname", ["bisect_left", "bisect_right", "insort_left", "insort_right"])
def test_bisect_bound_conversion_order(fname):
    # A negative lo against a bad hi and against insort's key: 3.15's C refuses lo while
    # converting the arguments (before hi is converted and before key runs); earlier versions
    # convert both bounds first, and insort calls key(x) before checking lo.
    def key(v):
        LoggedIndex.log.append(("key", v))
        return v

    calls = [
        ((-1, 2**63), {}),
        ((-1, "x"), {}),
        ((-1, None), {}),
        ((), {"lo": -1, "hi": 2**64}),
        ((), {"hi": "y", "lo": -3}),
        ((LoggedIndex(-1), LoggedIndex(3)), {}),
        ((LoggedIndex(2), LoggedIndex(-7)), {}),
        ((-1,), {"key": key}),
        ((-(2**63),), {"key": key, "hi": 1}),
        ((LoggedIndex(-2),), {"hi": LoggedIndex(1), "key": key}),
        ((True, LoggedIndex(2)), {"key": key}),
        ((2**63,), {}),
        (("lo",), {"hi": -1}),
    ]
    for args, kwargs in calls:
        got = []
        for mod in (C_BISECT, R_BISECT):
            LoggedIndex.log = []
            lst = [0, 1, 2, 3]
            got.append((outcome(getattr(mod, fname), lst, 1, *args, **kwargs), LoggedIndex.log, lst))
        assert got[1] == got[0], (args, kwargs)


@pytest.mark.parametrize("fname", HEAPQ_FUNCS)
def test_heapq_argument_handling(fname):
    calls = ((), ([],), ([], 1), ([], 1, 2), ((1,), 1), ((1,),), (None,), ([1, 2],), ([2, 1], 0))
    for args in calls:
        a1 = [list(a) if isinstance(a, list) else a for a in args]
        a2 = [list(a) if isinstance(a, list) else a for a in args]
        c = outcome(getattr(C_HEAPQ, fname), *a1)
        r = outcome(getattr(R_HEAPQ, fname), *a2)
        assert (r, a2) == (c, a1), args
    c = outcome(getattr(C_HEAPQ, fname), heap=[])
    r = outcome(getattr(R_HEAPQ, fname), heap=[])
    assert r == c


# ---- no crash, no leak ---------------------------------------------------------------------------


class Freer:
    """`<` empties the list (dropping its references to every item) and collects garbage."""

    target = None

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        if Freer.target is not None:
            Freer.target[:] = []
            Freer.target = None
            gc.collect()
        return self.v < other.v


@pytest.mark.parametrize("fname", HEAPQ_FUNCS + ["bisect_left", "bisect_right", "insort_left", "insort_right"])
def test_comparisons_that_free_items_do_not_crash(fname):
    mod = R_HEAPQ if hasattr(R_HEAPQ, fname) else R_BISECT
    arg = () if fname in HEAPQ_ONE_ARG else (Freer(3),)
    for n in (2, 3, 10, 100):
        lst = [Freer(v) for v in range(n)]
        Freer.target = lst
        outcome(getattr(mod, fname), lst, *arg)  # any result or exception, but no crash


def _exercise(objs):
    h = list(objs)
    R_HEAPQ.heapify(h)
    while h:
        R_HEAPQ.heappop(h)
    h = list(reversed(objs))
    getattr(R_HEAPQ, max_name("heapify"))(h)
    getattr(R_HEAPQ, max_name("heappop"))(h)
    getattr(R_HEAPQ, max_name("heapreplace"))(h, objs[0])
    if MAX_PUBLIC:
        R_HEAPQ.heappush_max(h, objs[4])
        R_HEAPQ.heappushpop_max(h, objs[5])
        R_HEAPQ.heappushpop_max(h, objs[-1])
    R_HEAPQ.heappushpop(h, objs[1])
    R_HEAPQ.heapreplace(h, objs[2])
    R_HEAPQ.heappush(h, objs[3])
    s = []
    for o in objs:
        R_BISECT.insort_right(s, o, key=lambda it: it.v)
        R_BISECT.bisect_left(s, o)
        R_BISECT.insort_left(s, o)
        R_BISECT.bisect_right(s, o, key=lambda it: it)


def test_no_reference_leaks():
    objs = [Item(v) for v in range(64)]
    before = [sys.getrefcount(o) for o in objs]
    for _ in range(3):
        _exercise(objs)
    gc.collect()
    assert [sys.getrefcount(o) for o in objs] == before


# ---- key functions of every calling kind, and keys that break the call protocol ----------------


class KeyObj:
    """Called through tp_call (no vectorcall entry)."""

    def __call__(self, v):
        return -v


class KeyHolder:
    def key(self, v):
        return -v


def _keys():
    import functools
    import operator

    return {
        "function": lambda v: -v,
        "builtin": abs,
        "type": float,
        "method": KeyHolder().key,
        "tp_call": KeyObj(),
        "partial": functools.partial(operator.mul, -1),
        "method_descriptor": int.__neg__,
        "itemgetter": operator.itemgetter(0),
    }


@pytest.mark.parametrize("kind", sorted(_keys()))
@pytest.mark.parametrize("fname", ["bisect_left", "bisect_right", "insort_left", "insort_right"])
def test_bisect_key_kinds(kind, fname):
    key = _keys()[kind]
    for n in (0, 1, 2, 10, 33):
        if kind == "itemgetter":
            base = [(-v, v) for v in range(n)]
            probes = [(x, 0) for x in range(-n - 1, 2)]
        else:
            negating = kind not in ("builtin", "type")
            # Sorted in key order: descending for the negating keys.
            base = [-v for v in range(n)] if negating else list(range(n))
            probes = list(range(-n - 1, n + 2))
        for x in probes:
            got = []
            for mod in (C_BISECT, R_BISECT):
                lst = list(base)
                # bisect_* takes x already in key space; insort_* applies the key to x.
                arg = x if fname.startswith("insort") else key(x)
                got.append((outcome(getattr(mod, fname), lst, arg, key=key), lst))
            assert got[0] == got[1], (kind, fname, n, x)


@pytest.mark.skipif(hasattr(sys, "gettotalrefcount"), reason="a debug build's C module ends the process")
@pytest.mark.parametrize("fname", BISECT_FUNCS)
def test_bisect_key_that_breaks_the_call_protocol(fname):
    from ferrocpy import _selftest as st

    for mode in (0, 5):
        got = []
        for mod in (C_BISECT, R_BISECT):
            lst = [1, 2, 3, 4]
            try:
                getattr(mod, fname)(lst, mode, key=st.misbehave)
                got.append(("ok", list(lst)))
            except SystemError as e:
                cause = e.__cause__
                got.append((str(e), type(cause).__name__, getattr(cause, "args", None), e.__context__ is cause, list(lst)))
        assert got[0] == got[1], (fname, mode)
        assert got[0][0] != "ok"
