"""Hypothesis differential tests: random calls of every _bisect and _heapq function on the Rust
port and on the C accelerator must give the same result or the same exception (type and
message), leave the same list behind, and make the same comparisons in the same order, including
when comparisons raise or mutate the list at random points."""

from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bh_support import HEAPQ_ONE_ARG, Log, c_module, load_port, outcome, snapshot

C = {"_bisect": c_module("_bisect"), "_heapq": c_module("_heapq")}
R = {"_bisect": load_port("_bisect"), "_heapq": load_port("_heapq")}

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Program:
    """What the n-th comparison of a call does to the list before answering."""

    def __init__(self, actions: dict[int, str]):
        self.actions = actions
        self.count = 0
        self.target: list | None = None

    def step(self):
        self.count += 1
        act = self.actions.get(self.count)
        lst = self.target
        if act is None or lst is None:
            return
        if act == "raise":
            raise ArithmeticError(f"comparison {self.count} raised")
        if act == "clear":
            lst.clear()
        elif act == "pop" and lst:
            lst.pop()
        elif act == "append":
            lst.append(H(0))
        elif act == "reverse":
            lst.reverse()
        elif act == "swap" and len(lst) > 1:
            lst[0], lst[-1] = lst[-1], lst[0]
        elif act == "notimpl":
            return NotImplemented


class H:
    """A hostile orderable value driven by the current Program."""

    program: Program | None = None
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v

    def _cmp(self, other, op):
        if Log.current is not None:
            Log.current.append((op, self.v, getattr(other, "v", other)))
        if H.program is not None and H.program.step() is NotImplemented:
            return NotImplemented
        o = other.v if isinstance(other, H) else other
        return self.v < o if op == "lt" else self.v > o

    def __lt__(self, other):
        return self._cmp(other, "lt")

    def __gt__(self, other):
        return self._cmp(other, "gt")


ACTIONS = st.dictionaries(
    st.integers(1, 30), st.sampled_from(["raise", "clear", "pop", "append", "reverse", "swap", "notimpl"]), max_size=3
)
VALUES = st.integers(-20, 20)


def run(mod, fname, make_list, args, kwargs, actions, hostile):
    lst = make_list()
    if hostile:
        lst = [H(v) for v in lst]
        args = tuple(H(a) if isinstance(a, int) and not isinstance(a, bool) and i == 0 else a for i, a in enumerate(args))
        H.program = Program(actions)
        H.program.target = lst
    try:
        with Log() as log:
            res = outcome(getattr(mod, fname), lst, *args, **kwargs)
    finally:
        H.program = None
    if res[0] == "ok":
        res = ("ok", getattr(res[1], "v", res[1]))
    return res, snapshot(lst), log.events


def both(modname, fname, make_list, args, kwargs, actions, hostile):
    c = run(C[modname], fname, make_list, args, kwargs, actions, hostile)
    r = run(R[modname], fname, make_list, args, kwargs, actions, hostile)
    assert r == c


HEAP_FUNCS = sorted(n for n in dir(C["_heapq"]) if not n.startswith("__"))
ONE_ARG = HEAPQ_ONE_ARG


@SETTINGS
@given(
    fname=st.sampled_from(HEAP_FUNCS),
    values=st.lists(VALUES, max_size=40),
    item=VALUES,
    prepare=st.sampled_from(["heap", "maxheap", "raw"]),
    hostile=st.booleans(),
    actions=ACTIONS,
)
def test_heapq_differential(fname, values, item, prepare, hostile, actions):
    import heapq

    if prepare == "heap":
        heapq.heapify(values)
    elif prepare == "maxheap":
        values.sort(reverse=True)
    args = () if fname in ONE_ARG else (item,)
    both("_heapq", fname, lambda: list(values), args, {}, actions, hostile)


@SETTINGS
@given(
    ops=st.lists(st.tuples(st.sampled_from(HEAP_FUNCS), VALUES), min_size=1, max_size=30),
    start=st.lists(VALUES, max_size=20),
    floats=st.booleans(),
)
def test_heapq_operation_sequences(ops, start, floats):
    def play(mod):
        h = [float(v) if floats else v for v in start]
        out = []
        for fname, v in ops:
            args = () if fname in ONE_ARG else (float(v) if floats else v,)
            out.append(outcome(getattr(mod, fname), h, *args))
        return out, h

    assert play(R["_heapq"]) == play(C["_heapq"])


BISECT_FUNCS = ["bisect_left", "bisect_right", "insort_left", "insort_right"]
BOUND = st.one_of(st.none(), st.integers(-3, 45), st.sampled_from([-1, -(2**63), 2**63 - 1, 2**63, True]))
KEYS = st.sampled_from([None, "neg", "abs", "raises", "mutates"])


def make_key(name, holder):
    if name is None:
        return None
    if name == "neg":
        return lambda v: -v if isinstance(v, int) else H(-v.v)
    if name == "abs":
        return lambda v: abs(v) if isinstance(v, int) else H(abs(v.v))
    if name == "raises":
        calls = [0]

        def key(v):
            calls[0] += 1
            if calls[0] == 3:
                raise LookupError("key raised")
            return v

        return key

    def key(v):  # mutates the list being searched on its second call
        holder[0] += 1
        if holder[0] == 2 and holder[1] is not None:
            del holder[1][len(holder[1]) // 2 :]
        return v

    return key


@SETTINGS
@given(
    fname=st.sampled_from(BISECT_FUNCS),
    values=st.lists(VALUES, max_size=40).map(sorted),
    x=VALUES,
    lo=BOUND,
    hi=BOUND,
    key=KEYS,
    hostile=st.booleans(),
    actions=ACTIONS,
    container=st.sampled_from(["list", "tuple", "subclass"]),
)
def test_bisect_differential(fname, values, x, lo, hi, key, hostile, actions, container):
    def call(mod):
        holder = [0, None]
        lst = [H(v) for v in values] if hostile else list(values)
        if container == "tuple":
            lst = tuple(lst)
        elif container == "subclass":
            lst = Sub(lst)
        holder[1] = lst if isinstance(lst, list) else None
        xx = H(x) if hostile else x
        kwargs = {}
        if lo is not None:
            kwargs["lo"] = lo
        if hi is not None or lo is None:
            kwargs["hi"] = hi
        k = make_key(key, holder)
        if k is not None:
            kwargs["key"] = k
        if hostile:
            H.program = Program(actions)
            H.program.target = lst if isinstance(lst, list) else None
        try:
            with Log() as log:
                res = outcome(getattr(mod, fname), lst, xx, **kwargs)
        finally:
            H.program = None
        return res, snapshot(lst), log.events, list(Sub.inserts)

    Sub.inserts = []
    c = call(C["_bisect"])
    Sub.inserts = []
    r = call(R["_bisect"])
    assert r == c


class Sub(list):
    inserts: list = []

    def insert(self, i, v):
        Sub.inserts.append(i)
        super().insert(i, v)


def test_bisect_float_and_str_lists():
    import random

    rnd = random.Random(5)
    for _ in range(300):
        vals = sorted(rnd.random() for _ in range(rnd.randrange(50)))
        strs = sorted(str(rnd.randrange(1000)) for _ in range(rnd.randrange(50)))
        for f in BISECT_FUNCS[:2]:
            x = rnd.random()
            assert getattr(R["_bisect"], f)(vals, x) == getattr(C["_bisect"], f)(vals, x)
            assert getattr(R["_bisect"], f)(vals, 1) == getattr(C["_bisect"], f)(vals, 1)
            s = str(rnd.randrange(1000))
            assert getattr(R["_bisect"], f)(strs, s) == getattr(C["_bisect"], f)(strs, s)


NAN = float("nan")
TUPLE_ITEMS = st.one_of(
    st.integers(-3, 3),
    st.sampled_from([0.5, -0.0, 0.0, NAN, True, False, "a", "b", b"a", (), (1,), None]),
)
TUPLES = st.lists(TUPLE_ITEMS, max_size=3).map(tuple)


@SETTINGS
@given(
    ops=st.lists(st.tuples(st.sampled_from(HEAP_FUNCS), TUPLES), min_size=1, max_size=30),
    start=st.lists(TUPLES, max_size=20),
    shared=st.booleans(),
)
def test_heapq_tuple_items(ops, start, shared):
    # Tuples are compared in place when the items they compare are inert, as tuple's own
    # comparison does it: NaN (never equal, identity aside), -0.0 == 0.0, int/float/bool mixes,
    # str against bytes or None (TypeError), nested tuples and unequal lengths.
    def play(mod):
        h = list(start)
        if shared and h:
            h.append(h[0])  # the same tuple object twice: identity counts as equal
        out = []
        for fname, v in ops:
            args = () if fname in ONE_ARG else (v,)
            res = outcome(getattr(mod, fname), h, *args)
            out.append(res)
        return out, h

    assert repr(play(R["_heapq"])) == repr(play(C["_heapq"]))


@SETTINGS
@given(
    values=st.lists(st.tuples(st.integers(-3, 3), st.floats(allow_nan=True)), max_size=30),
    x=st.tuples(st.integers(-3, 3), st.floats(allow_nan=True)),
    fname=st.sampled_from(BISECT_FUNCS),
)
def test_bisect_tuple_items(values, x, fname):
    def play(mod):
        lst = sorted(values, key=lambda t: t[0])
        return outcome(getattr(mod, fname), lst, x), lst

    assert repr(play(R["_bisect"])) == repr(play(C["_bisect"]))


def test_tuples_with_hostile_items_keep_c_behaviour():
    # A tuple holding a hostile item is compared through references, with the same calls.
    for mod_pair in range(3):

        def play(mod):
            lst = [(0, H(i)) for i in range(8)]
            H.program = Program({3: "clear"} if mod_pair == 0 else {2: "raise"} if mod_pair == 1 else {})
            H.program.target = lst
            try:
                with Log() as log:
                    res = outcome(mod.heappush, lst, (0, H(-1)))
            finally:
                H.program = None
            return res, [(a, b.v) for a, b in lst], log.events

        assert play(R["_heapq"]) == play(C["_heapq"])


if sys.version_info >= (3, 12):

    def test_recursion_guard_matches():
        # 3.12's C module counts a search as one level of C recursion.
        def depth_at_failure(mod):
            class Deep:
                def __lt__(self, other):
                    return mod.bisect_right([Deep()], Deep()) > 0

            try:
                mod.bisect_right([Deep()], Deep())
            except RecursionError as e:
                return type(e).__name__
            return None

        assert depth_at_failure(R["_bisect"]) == depth_at_failure(C["_bisect"]) == "RecursionError"


if (3, 12) <= sys.version_info < (3, 14):

    def test_recursion_depth_matches():
        # 3.12 and 3.13 count C recursion levels (3.14+ limit the machine stack instead): a
        # search nested in comparisons fails at the same depth with the port as with C, so each
        # search takes and gives back one level exactly as C does.
        def depth_at_failure(mod):
            depth = [0, 0]

            class Deep:
                def __lt__(self, other):
                    depth[0] += 1
                    depth[1] = max(depth[1], depth[0])
                    try:
                        return mod.bisect_right([Deep()], Deep()) > 0
                    finally:
                        depth[0] -= 1

            try:
                mod.bisect_right([Deep()], Deep())
            except RecursionError:
                # (Which limit's message it carries varies from run to run with C alone.)
                return depth[1]
            return None

        c = depth_at_failure(C["_bisect"])
        assert c is not None and c > 10, c
        assert depth_at_failure(R["_bisect"]) == c
        assert depth_at_failure(C["_bisect"]) == c
