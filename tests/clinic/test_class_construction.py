"""Classes constructed from Python, declared as CPython declares them (issue 12, items 1-2).

`_clinic_mirror.pairwise` declares `@classmethod pairwise.__new__(iterable, /)` with
`itertools.pairwise`'s block and `__iter__`/`__next__`, holding the source iterator and the
previous item in GC-visible fields; `_clinic_mirror.SimpleQueue` declares `_queue.SimpleQueue`'s
`__new__` (no parameters) and methods, its items behind a lock. Both are compared with the C
classes: text signatures, docs, flags, behaviour, and the exception type and message of a table
of bad calls (also through subclasses, where CPython's clinic skips some checks).
`_clinic_mirror.Tally` (no C counterpart) covers `__init__` and the other special methods.
"""

from __future__ import annotations

import copy
import gc
import inspect
import itertools
import sys
import threading
import weakref

import _queue
import pytest

BASETYPE = 1 << 10
IMMUTABLE = 1 << 8


def outcome(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - comparing whatever is raised
        return type(e).__name__, str(e)
    return "ok", r


def run(expr, cls):
    try:
        r = eval(expr, {"C": cls})
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, str(e)
    return "ok", type(r).__name__


@pytest.fixture
def pairs(mirror):
    return mirror.pairwise


@pytest.fixture
def queue(mirror):
    return mirror.SimpleQueue


# ---- the class objects ---------------------------------------------------------------------


@pytest.mark.parametrize("ours,theirs", [("pairwise", itertools.pairwise), ("SimpleQueue", _queue.SimpleQueue)])
def test_class_signature_doc_and_names_match_c(mirror, ours, theirs):
    cls = getattr(mirror, ours)
    assert cls.__text_signature__ == theirs.__text_signature__
    assert cls.__doc__ == theirs.__doc__
    assert str(inspect.signature(cls)) == str(inspect.signature(theirs))
    assert cls.__qualname__ == cls.__name__ == theirs.__qualname__
    assert cls.__module__ == mirror.__name__.rsplit(".", 1)[-1] == "_clinic_mirror"  # tp_name's module part
    assert bool(cls.__flags__ & BASETYPE) == bool(theirs.__flags__ & BASETYPE)


@pytest.mark.parametrize("name", ["put", "put_nowait", "get_nowait", "empty", "qsize"])
def test_queue_methods_match_c(queue, name):
    ours, theirs = getattr(queue, name), getattr(_queue.SimpleQueue, name)
    assert ours.__text_signature__ == theirs.__text_signature__
    assert ours.__doc__ == theirs.__doc__


def test_slot_wrappers_are_cpythons(pairs, mirror):
    # Special methods that are slots show CPython's own wrappers and docs.
    for name in ("__iter__", "__next__", "__new__"):
        assert getattr(pairs, name).__doc__ == getattr(itertools.pairwise, name).__doc__
    c_slots = {
        "__len__": list, "__call__": type(len), "__repr__": object, "__hash__": object,
        "__getitem__": memoryview, "__init__": object, "__iter__": list, "__lt__": object,
    }
    for name, c in c_slots.items():
        ours = getattr(mirror.Tally, name)
        assert type(ours).__name__ == "wrapper_descriptor", name
        assert ours.__doc__ == getattr(c, name).__doc__, name


def test_types_are_immutable(mirror):
    for cls in (mirror.pairwise, mirror.SimpleQueue, mirror.Tally):
        assert cls.__flags__ & IMMUTABLE
        with pytest.raises(TypeError):
            cls.x = 1


# ---- construction and bad calls ------------------------------------------------------------

NEW_CALLS = {
    "pairwise": [
        "C()", "C(1, 2)", "C(x=1)", "C([], x=1)", "C(iterable=[])", "C(1)", "C(None)", "C([1])",
        "C(*[[1, 2]])", "C(**{})", "C(**{'iterable': []})", "C([], *[], **{'a': 1})",
    ],
    "SimpleQueue": ["C()", "C(1)", "C(x=1)", "C(1, x=2)", "C(*[], **{})", "C(**{'a': 1})"],
}


@pytest.mark.parametrize(
    "name,expr", [(n, e) for n, es in NEW_CALLS.items() for e in es], ids=lambda x: str(x)
)
def test_construction_matches_c(mirror, name, expr):
    theirs = {"pairwise": itertools.pairwise, "SimpleQueue": _queue.SimpleQueue}[name]
    assert run(expr, getattr(mirror, name)) == run(expr, theirs)


@pytest.mark.parametrize(
    "name,expr", [(n, e) for n, es in NEW_CALLS.items() for e in es], ids=lambda x: str(x)
)
def test_construction_through_subclasses_matches_c(mirror, name, expr):
    theirs = {"pairwise": itertools.pairwise, "SimpleQueue": _queue.SimpleQueue}[name]

    def subclasses(base):
        class Plain(base):
            pass

        class WithInit(base):
            def __init__(self, *args, **kwargs):
                pass

        return Plain, WithInit

    for ours, c in zip(subclasses(getattr(mirror, name)), subclasses(theirs)):
        a, b = run(expr, ours), run(expr, c)
        assert a[0] == b[0]
        assert a[1] == b[1]


def test_classes_without_new_refuse_instantiation(mirror):
    with pytest.raises(TypeError) as ours:
        mirror.Decompress()
    assert "cannot create" in str(ours.value)
    with pytest.raises(TypeError, match="not an acceptable base type"):
        type("Sub", (mirror.Decompress,), {})


# ---- behaviour -------------------------------------------------------------------------------

SOURCES = [[], [1], [1, 2], [1, 2, 3, 4, 5], "abc", range(10), (x * x for x in range(4))]


@pytest.mark.parametrize("i", range(len(SOURCES)))
def test_pairwise_values_match_c(pairs, i):
    src = SOURCES[i]
    if inspect.isgenerator(src):
        ours, theirs = pairs(x * x for x in range(4)), itertools.pairwise(x * x for x in range(4))
    else:
        ours, theirs = pairs(src), itertools.pairwise(src)
    assert iter(ours) is ours
    assert list(ours) == list(theirs)
    # Exhausted for good.
    assert list(ours) == list(theirs) == []
    with pytest.raises(StopIteration):
        next(ours)


def test_pairwise_error_then_exhausted_like_c(pairs):
    def source():
        yield 1
        yield 2
        raise ValueError("boom")

    for cls in (pairs, itertools.pairwise):
        it = cls(source())
        assert next(it) == (1, 2)
        with pytest.raises(ValueError, match="boom"):
            next(it)
        with pytest.raises(StopIteration):
            next(it)


def test_pairwise_reentrant_source(pairs):
    # The source iterator calls back into the pairwise object (C's test_pairwise_reenter shape):
    # no crash, no deadlock, values are pairs.
    it = None

    class Src:
        n = 0

        def __iter__(self):
            return self

        def __next__(self):
            self.n += 1
            if self.n > 6:
                raise StopIteration
            if self.n == 3:
                next(it, None)
            return self.n

    it = pairs(Src())
    out = list(it)
    assert all(isinstance(p, tuple) and len(p) == 2 for p in out)


def test_queue_behaviour_matches_c(queue):
    ours, theirs = queue(), _queue.SimpleQueue()
    for q in (ours, theirs):
        assert q.empty() and q.qsize() == 0
        q.put(1)
        q.put(2, block=False, timeout=3)
        q.put_nowait(item=3)
        assert q.qsize() == 3 and not q.empty()
        assert [q.get_nowait() for _ in range(3)] == [1, 2, 3]
    for expr in ["q.put()", "q.put(1, 2, 3, 4)", "q.put(1, x=2)", "q.put_nowait()", "q.qsize(1)",
                 "q.empty(x=1)", "q.get_nowait(1)"]:
        a = outcome(lambda e=expr: eval(e, {"q": ours}))
        b = outcome(lambda e=expr: eval(e, {"q": theirs}))
        assert a == b, expr


def test_queue_from_many_threads(queue):
    q = queue()
    n, per = 8, 2000

    def work(k):
        for i in range(per):
            q.put((k, i))
            q.qsize()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert q.qsize() == n * per
    seen = sorted(q.get_nowait() for _ in range(n * per))
    assert seen == sorted((k, i) for k in range(n) for i in range(per))
    assert q.empty()


# ---- __init__ and the other special methods ------------------------------------------------


def test_tally_init_and_special_methods(mirror):
    T = mirror.Tally
    assert T.__text_signature__ == "(start=0, *, step=1)"
    assert T.__doc__ == "Count calls, adding step each time."
    t = T(5, step=2)
    assert (t(), t(3), len(t)) == (7, 13, 2)
    assert (t[0], t[1], t[2]) == (9, 11, 13)
    with pytest.raises(IndexError):
        t[3]
    assert list(t) == [9, 11, 13]
    assert repr(t) == "Tally(total=13, step=2)"
    assert hash(t) == 13 and hash(T(-1)) == -2
    assert T(1) < T(2) and T(2) == T(2) and T(3) != T(2) and T(3) >= T(2)
    assert (T(1) == 1) is False and T(1).__eq__(1) is NotImplemented
    with t as u:
        assert u is t
    assert len(t) == 3
    assert copy.copy(t) == t and copy.deepcopy(t) == t and copy.copy(t) is not t
    assert t.__reduce__() == (T, (13,))
    # __init__ runs again on an existing object, like C's.
    t.__init__(100)
    assert t() == 101


def test_tally_bad_calls(mirror):
    T = mirror.Tally
    t = T()
    assert outcome(T, 1, 2) == ("TypeError", "Tally() takes at most 1 positional argument (2 given)")
    assert outcome(T, 1, step="a") == ("TypeError", "'str' object cannot be interpreted as an integer")
    assert outcome(t, 1, 2) == ("TypeError", "Tally expected at most 1 argument, got 2")
    assert outcome(t, x=1) == ("TypeError", "Tally() takes no keyword arguments")
    if sys.version_info >= (3, 13):
        assert outcome(T, x=1) == ("TypeError", "Tally() got an unexpected keyword argument 'x'")
    else:
        assert outcome(T, x=1) == ("TypeError", "'x' is an invalid keyword argument for Tally()")


def test_tally_subclass(mirror):
    class Sub(mirror.Tally):
        def extra(self):
            return len(self)

    s = Sub(step=3)
    s()
    assert s.extra() == 1 and s[1] == 3 and isinstance(s, mirror.Tally)
    # Methods that reach the module state work for subclass instances too.
    assert copy.copy(s) == s


# ---- the garbage collector sees objects held by instances ----------------------------------


class Box:
    pass


def test_cycle_through_tally_is_collected(mirror):
    t = mirror.Tally()
    b = Box()
    b.t = t
    t.keep(b)
    w = weakref.ref(b)
    del t, b
    gc.collect()
    assert w() is None


def test_self_cycle_through_subclass_instance_is_collected(mirror):
    class Sub(mirror.Tally):
        pass

    s = Sub()
    s.keep(s)
    w = weakref.ref(s)
    del s
    gc.collect()
    assert w() is None


def test_cycle_through_pairwise_is_collected(pairs):
    class Src:
        def __iter__(self):
            return self

        def __next__(self):
            return self

    src = Src()
    p = pairs(src)
    src.p = p
    next(p)  # now `old` holds src too
    w = weakref.ref(src)
    del src, p
    gc.collect()
    assert w() is None


def test_cycle_through_queue_is_collected(queue):
    class Sub(queue):
        pass

    q = Sub()
    q.put(q)
    b = Box()
    b.q = q
    q.put(b)
    w = weakref.ref(q)
    del q, b
    gc.collect()
    assert w() is None


def test_instances_are_tracked_and_report_their_fields(mirror):
    t = mirror.Tally()
    b = Box()
    t.keep(b)
    assert gc.is_tracked(t)
    assert b in gc.get_referents(t)
    assert mirror.Tally in gc.get_referents(t)


# ---- reference leaks (debug builds) ----------------------------------------------------------


@pytest.mark.skipif(not hasattr(sys, "gettotalrefcount"), reason="needs a debug build (sys.gettotalrefcount)")
def test_no_reference_leaks(mirror):
    def work():
        list(mirror.pairwise([1, 2, 3]))
        for e in ("mirror.pairwise()", "mirror.pairwise(1)", "mirror.pairwise([], x=1)",
                  "mirror.SimpleQueue(1)", "mirror.Tally(1, 2)", "mirror.Tally(x=1)", "mirror.Tally(step='a')"):
            outcome(lambda e=e: eval(e, {"mirror": mirror}))
        q = mirror.SimpleQueue()
        q.put(object())
        q.put(q)
        q.get_nowait()
        t = mirror.Tally(3, step=2)
        t(2)
        t.keep(t)
        t[1], repr(t), hash(t), list(t), copy.copy(t), t == t
        with t:
            pass
        b = Box()
        b.t = t
        z = mirror._ZlibDecompressor(15, b"")
        z.decompress(b"abc", 1), z.eof, z.needs_input, z.unused_data
        outcome(lambda: z.decompress("a"))
        outcome(lambda: mirror._ZlibDecompressor(x=1))
        del q, t, b, z
        gc.collect()

    def deltas(f):
        out = [0] * 6
        for i in range(6):
            gc.collect()
            before = sys.gettotalrefcount()
            f()
            gc.collect()
            out[i] = sys.gettotalrefcount() - before
        return out[3:]

    # The measuring loop itself moves the total by a constant: compare with an empty run.
    assert deltas(work) == deltas(lambda: None)


# ---- attributes: @getter / @setter -----------------------------------------------------------


def test_getters_and_setters(mirror):
    import io

    T = mirror.Tally
    t = T(4, step=2)
    assert type(T.__dict__["total"]).__name__ == type(io.StringIO.__dict__["closed"]).__name__ == "getset_descriptor"
    assert T.total.__doc__ == "The running total (read-only)."
    assert T.step.__doc__ is None
    assert (t.total, t.step) == (4, 2)
    t()
    assert t.total == 6
    t.step = 5
    assert t() == 11 and t.step == 5
    with pytest.raises(TypeError):
        t.step = "a"
    with pytest.raises(AttributeError, match="cannot delete step"):
        del t.step
    # A read-only attribute refuses writes and deletion exactly as C's getsets do.
    c = io.StringIO()
    for action in ("set", "del"):
        def act(obj, name):
            if action == "set":
                setattr(obj, name, 1)
            else:
                delattr(obj, name)

        ours, theirs = outcome(act, t, "total"), outcome(act, c, "closed")
        assert ours[0] == theirs[0] == "AttributeError"
        assert ours[1] == theirs[1].replace("closed", "total").replace("_io.StringIO", "_clinic_mirror.Tally").replace(
            "StringIO", "Tally"
        )
    # Subclass instances have the attributes too.

    class Sub(T):
        pass

    s = Sub(7)
    assert s.total == 7


# ---- _ZlibDecompressor: constructor, method, members -----------------------------------------

import zlib  # noqa: E402

C_ZD = getattr(zlib, "_ZlibDecompressor", None)
needs_c_zd = pytest.mark.skipif(C_ZD is None, reason="zlib._ZlibDecompressor is new in 3.12")


@needs_c_zd
def test_zlib_decompressor_class_matches_c(mirror, monkeypatch):
    ours = mirror._ZlibDecompressor
    assert ours.__text_signature__ == C_ZD.__text_signature__
    # 3.15's signature has a symbolic default (`wbits=MAX_WBITS`), which inspect evaluates in
    # `sys.modules[cls.__module__]`: the class names the module `_clinic_mirror` (as C's names
    # `zlib`), while this test imported it as `ferrocpy._clinic_mirror`.
    assert mirror.MAX_WBITS == zlib.MAX_WBITS
    monkeypatch.setitem(sys.modules, ours.__module__, mirror)
    assert str(inspect.signature(ours)) == str(inspect.signature(C_ZD))
    if sys.version_info < (3, 15):
        # 3.12-3.14's C docstring is a hand-written PyDoc_STRVAR that ends in a blank line,
        # which no clinic output has (the clinic strips trailing blank lines, as CPython's does).
        assert C_ZD.__doc__.endswith("\n\n")
        assert ours.__doc__ == C_ZD.__doc__[:-2]
    else:
        assert ours.__doc__ == C_ZD.__doc__
    assert ours.decompress.__text_signature__ == C_ZD.decompress.__text_signature__
    assert ours.decompress.__doc__ == C_ZD.decompress.__doc__
    assert (ours.__flags__ & BASETYPE) == (C_ZD.__flags__ & BASETYPE) == 0
    for name in ("eof", "needs_input", "unused_data"):
        assert getattr(ours, name).__doc__ == getattr(C_ZD, name).__doc__
    for name in ("eof", "needs_input"):
        assert type(getattr(ours, name)) is type(getattr(C_ZD, name))


ZD_CALLS = [
    "C()", "C(1, 2, 3)", "C(x=1)", "C('a')", "C(wbits='a')", "C(1, wbits=2)", "C(zdict=b'x')",
    "C(15, b'', x=1)",
]
if sys.version_info >= (3, 15):
    # Before 3.15 C parsed wbits with PyArg_ParseTupleAndKeywords("i"), whose overflow errors
    # name C long or the int range; 3.15 declares it with the clinic, as the mirror does.
    ZD_CALLS += ["C(2**80)", "C(2**40)"]
ZD_METHOD_CALLS = [
    "d.decompress()", "d.decompress('a')", "d.decompress(b'', 1, 2)", "d.decompress(b'', max_length='a')",
    "d.decompress(data=b'')", "d.decompress(b'', x=1)", "d.decompress(b'', 2**80)",
    "d.decompress(memoryview(b'abcd')[::2])", "setattr(d, 'eof', True)", "delattr(d, 'needs_input')",
    "setattr(d, 'unused_data', b'')", "d.eof", "d.needs_input",
]


@needs_c_zd
@pytest.mark.parametrize("expr", ZD_CALLS)
def test_zlib_decompressor_construction_matches_c(mirror, expr):
    assert run(expr, mirror._ZlibDecompressor) == run(expr, C_ZD)


@needs_c_zd
@pytest.mark.parametrize("expr", ZD_METHOD_CALLS)
def test_zlib_decompressor_calls_match_c(mirror, expr):
    def go(cls):
        d = cls()
        try:
            r = eval(expr, {"d": d})
        except Exception as e:  # noqa: BLE001
            return type(e).__name__, str(e)
        return "ok", r if isinstance(r, bool) else type(r).__name__

    ours, theirs = go(mirror._ZlibDecompressor), go(C_ZD)
    if expr.startswith("setattr(d, 'unused_data'"):
        # unused_data is a getter here (object members are not offered): same error type.
        assert ours[0] == theirs[0] == "AttributeError"
    else:
        assert ours == theirs


def test_zlib_decompressor_members(mirror):
    d = mirror._ZlibDecompressor()
    assert (d.eof, d.needs_input, d.unused_data) == (False, True, b"")
    assert d.decompress(b"abcdef", 2) == b"ab" and d.needs_input is False
    assert d.decompress(b"abc") == b"abc" and d.needs_input is True
    with pytest.raises(AttributeError, match="readonly attribute"):
        d.eof = True
    with pytest.raises(TypeError, match="not an acceptable base type"):
        type("Sub", (mirror._ZlibDecompressor,), {})


# ---- isolated subinterpreters (own GIL) -------------------------------------------------------


@pytest.mark.skipif(sys.version_info < (3, 12), reason="per-interpreter GIL is new in 3.12")
def test_constructed_classes_in_isolated_subinterpreter(mirror, tmp_path):
    import pickle
    import textwrap

    out = tmp_path / "out"
    src = textwrap.dedent(f"""
        import gc, importlib.util, pickle, weakref
        spec = importlib.util.spec_from_file_location({mirror.__name__!r}, {mirror.__file__!r})
        m = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(m)
        t = m.Tally(2, step=3)
        t(); t(2)
        class Box: pass
        b = Box(); b.t = t; t.keep(b); w = weakref.ref(b)
        q = m.SimpleQueue(); q.put(q); q.put(1)
        z = m._ZlibDecompressor()
        r = {{
            "ids": [id(m.Tally), id(m.pairwise), id(m.SimpleQueue)],
            "pairs": list(m.pairwise([1, 2, 3])),
            "tally": (t.total, len(t), repr(t)),
            "queue": q.qsize(),
            "members": (z.eof, z.needs_input),
        }}
        try:
            m.pairwise(x=1)
        except TypeError as e:
            r["error"] = str(e)
        del t, b, q
        gc.collect()
        r["collected"] = w() is None
        with open({str(out)!r}, "wb") as f:
            pickle.dump(r, f)
    """)
    if sys.version_info >= (3, 13):
        import _interpreters as low

        config = low.new_config("isolated")
        iid = low.create(config)
        try:
            err = low.exec(iid, src)
            assert err is None, f"{err.type.__name__}: {err.msg}\n{err.formatted}"
        finally:
            low.destroy(iid)
    else:
        import _xxsubinterpreters as low

        iid = low.create(isolated=True)
        try:
            low.run_string(iid, src)
        finally:
            low.destroy(iid)
    r = pickle.loads(out.read_bytes())
    assert not set(r["ids"]) & {id(mirror.Tally), id(mirror.pairwise), id(mirror.SimpleQueue)}
    assert r["pairs"] == [(1, 2), (2, 3)]
    assert r["tally"] == (11, 2, "Tally(total=11, step=3)")
    assert r["queue"] == 2 and r["members"] == (False, True)
    assert r["error"] == "pairwise() takes no keyword arguments"
    assert r["collected"]


def test_tally_from_many_threads_with_collections(mirror):
    t = mirror.Tally(0, step=1)
    n, per = 8, 3000
    stop = threading.Event()

    def work():
        for _ in range(per):
            t()
            t.keep(Box())
            len(t), t.total

    def collect():
        while not stop.is_set():
            gc.collect()

    c = threading.Thread(target=collect)
    c.start()
    threads = [threading.Thread(target=work) for _ in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    stop.set()
    c.join()
    assert (t.total, len(t)) == (n * per, n * per)
    assert isinstance(t.kept(), Box)


def test_every_declared_class_entry_is_registered(mirror):
    # The classes are registered from the clinic's output (`entries:`), so everything the
    # stub declares (from the same declarations) is on the class itself.
    import ast
    from pathlib import Path

    stub = Path(__file__).resolve().parents[1] / "clinic_mirror" / "_clinic_mirror.pyi"
    tree = ast.parse(stub.read_text())
    checked = 0
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(mirror, node.name)
        for item in ast.walk(node):
            if isinstance(item, ast.FunctionDef):
                assert item.name in vars(cls), (node.name, item.name)
                checked += 1
    assert checked > 30


def test_class_assignment_between_classes_is_refused(mirror):
    # Instances of Python subclasses of two different classes (here with zero-sized values,
    # the case CPython's layout check would otherwise let through) cannot swap classes.
    class A(mirror.Empty):
        pass

    class B(mirror.Empty2):
        pass

    class A2(mirror.Empty):
        pass

    a = A()
    with pytest.raises(TypeError, match="layout differs"):
        a.__class__ = B
    a.__class__ = A2  # the same class's subclasses share its layout
    assert type(a) is A2
    with pytest.raises(TypeError):
        mirror.Empty().__class__ = mirror.Empty2


@pytest.mark.skipif(sys.version_info < (3, 12), reason="per-interpreter GIL is new in 3.12")
def test_field_shared_across_interpreters_is_refused(mirror, tmp_path):
    # A PyField is Sync, so a static one is reachable from every interpreter; an interpreter
    # must not touch another's object (their GILs are separate): the access panics instead.
    import pickle
    import textwrap

    keep = ["main's object"]
    assert mirror.shared_field(keep) is keep
    out = tmp_path / "out"
    src = textwrap.dedent(f"""
        import importlib.util, pickle
        spec = importlib.util.spec_from_file_location({mirror.__name__!r}, {mirror.__file__!r})
        m = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(m)
        r = []
        for args in [(), (["sub's object"],)]:
            try:
                m.shared_field(*args)
                r.append("ok")
            except SystemError as e:
                r.append(str(e))
        with open({str(out)!r}, "wb") as f:
            pickle.dump(r, f)
    """)
    if sys.version_info >= (3, 13):
        import _interpreters as low

        iid = low.create(low.new_config("isolated"))
        try:
            err = low.exec(iid, src)
            assert err is None, f"{err.type.__name__}: {err.msg}\n{err.formatted}"
        finally:
            low.destroy(iid)
    else:
        import _xxsubinterpreters as low

        iid = low.create(isolated=True)
        try:
            low.run_string(iid, src)
        finally:
            low.destroy(iid)
    r = pickle.loads(out.read_bytes())
    assert len(r) == 2
    for msg in r:
        assert "PyField used from an interpreter other than the one owning its object" in msg
    assert mirror.shared_field() is keep
