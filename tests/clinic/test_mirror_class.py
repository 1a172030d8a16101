"""Methods of classes: `_clinic_mirror.Decompress` declares its methods with the clinic blocks of
`zlib.Decompress` (including `cls: defining_class`), so text signatures, docstrings and the
errors of bad calls must be C's; the class itself behaves like zlib's (made by a module
function, not instantiable, not subclassable, immutable), and its values live as long as their
objects."""

from __future__ import annotations

import gc
import inspect
import sys
import threading
import weakref
import zlib

import pytest

C_TYPE = type(zlib.decompressobj())
METHODS = ["decompress", "flush", "copy"]


@pytest.fixture
def obj(mirror):
    return mirror.decompressobj()


@pytest.mark.parametrize("name", METHODS)
def test_method_text_signature_matches_c(mirror, name):
    assert getattr(mirror.Decompress, name).__text_signature__ == getattr(C_TYPE, name).__text_signature__


@pytest.mark.parametrize("name", METHODS)
def test_method_doc_matches_c(mirror, name):
    assert getattr(mirror.Decompress, name).__doc__ == getattr(C_TYPE, name).__doc__


@pytest.mark.parametrize("name", METHODS)
def test_bound_method_signature_matches_c(mirror, obj, name):
    c = getattr(zlib.decompressobj(), name)
    assert str(inspect.signature(getattr(obj, name))) == str(inspect.signature(c))


BAD_CALLS = {
    "decompress": [
        "f()", "f(b'', 1, 2)", "f(b'', x=1)", "f(data=b'')", "f(1)", "f('x')",
        "f(b'', max_length=None)", "f(b'', 1, max_length=2)", "f(b'', max_lngth=1)",
        "f(b'', 2**70)", "f(b'', 1.5)", "f(memoryview(b'abcd')[::2])",
    ],
    "flush": ["f(1, 2)", "f(length=1)", "f('a')", "f(2**70)", "f(None)", "f(1.5)"],
    "copy": ["f(1)", "f(1, x=2)", "f(1, 2)"],
}


def outcome(f, expr):
    try:
        eval(expr, {"f": f})
    except Exception as e:  # noqa: BLE001 - comparing whatever is raised
        return type(e).__name__, str(e)
    return "ok", None


@pytest.mark.parametrize("name,expr", [(n, e) for n, calls in BAD_CALLS.items() for e in calls])
def test_bad_method_call_matches_c(obj, name, expr):
    expected = outcome(getattr(zlib.decompressobj(), name), expr)
    got = outcome(getattr(obj, name), expr)
    if expected[0] == "ok" or expected[0] == "error":
        # Binding succeeded in C and its body then ran (zlib.error on bad data): binding must
        # succeed here too.
        assert got[0] == "ok", got
    else:
        assert got == expected


def test_no_argument_method_refuses_keywords(obj):
    # 3.13's C raises; 3.10-3.12's generated C ignored keywords given to a method with only
    # `defining_class` (a bug fixed in 3.13): the port follows the fix on every version.
    with pytest.raises(TypeError, match=r"^copy\(\) takes no arguments$"):
        obj.copy(x=1)


def test_unbound_method_checks_self(mirror):
    with pytest.raises(TypeError, match="descriptor 'decompress' for '_clinic_mirror.Decompress' objects doesn't apply to a 'int' object"):
        mirror.Decompress.decompress(1, b"")
    with pytest.raises(TypeError, match="doesn't apply to a 'zlib.Decompress' object"):
        mirror.Decompress.copy(zlib.decompressobj())


def test_method_values_and_state(mirror, obj):
    assert obj.decompress(b"ab", 3) == (b"ab", 3, 15, True)
    assert obj.decompress(memoryview(b"xyz"), max_length=2) == (b"xyz", 2, 15, True)
    assert obj.flush() == 16 * 1024
    assert obj.flush(7) == 7
    assert obj.calls() == 4
    other = mirror.decompressobj(wbits=-9)
    assert other.decompress(b"") == (b"", 0, -9, True)
    assert other.calls() == 1 and obj.calls() == 4
    c = obj.copy()
    assert type(c) is mirror.Decompress and c is not obj
    assert c.decompress(b"") == (b"", 0, 15, True)
    assert c.calls() == 1 and obj.calls() == 5


def test_class_like_c_types(mirror, obj):
    T = mirror.Decompress
    assert type(obj) is T
    assert T.__module__ == "_clinic_mirror" and T.__qualname__ == "Decompress"
    assert T.__doc__ == "Mirror of zlib's decompression object (test-only)."
    with pytest.raises(TypeError, match="cannot create '_clinic_mirror.Decompress' instances"):
        T()
    with pytest.raises(TypeError, match="not an acceptable base type"):
        type("Sub", (T,), {})
    with pytest.raises(TypeError, match="immutable type"):
        T.flush = None
    with pytest.raises(TypeError):
        obj.__class__ = type("Other", (), {})
    with pytest.raises(AttributeError):
        obj.attr = 1
    with pytest.raises(TypeError, match="cannot pickle"):
        import pickle

        pickle.dumps(obj)


def test_instances_are_freed(mirror):
    gc.collect()
    T = mirror.Decompress
    before = sys.getrefcount(T)
    objs = [mirror.decompressobj() for _ in range(1000)]
    copies = [o.copy() for o in objs]
    assert sys.getrefcount(T) == before + 2000  # each instance owns a reference to its type
    del objs, copies
    gc.collect()
    assert sys.getrefcount(T) == before


def test_instances_are_gc_tracked(obj):
    assert gc.is_tracked(obj)
    assert type(obj) in gc.get_referents(obj)


def test_type_cannot_be_weakly_referenced_by_instances(obj):
    # Like zlib's objects: no __weakref__ slot.
    with pytest.raises(TypeError):
        weakref.ref(obj)


def test_methods_from_many_threads(mirror):
    obj = mirror.decompressobj()
    n_threads, n_calls = 8, 2000
    errors = []

    def work():
        try:
            for _ in range(n_calls):
                assert obj.decompress(b"a")[0] == b"a"
                obj.flush(1)
                obj.copy()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert obj.calls() == n_threads * n_calls * 3


PANIC_ON_DROP = 12345  # the mirror's wbits value whose object panics when its value is dropped


def test_panic_in_drop_is_unraisable_and_keeps_the_pending_exception(mirror):
    seen = []
    old = sys.unraisablehook
    sys.unraisablehook = lambda u: seen.append((u.exc_type, str(u.exc_value), u.object))
    try:
        def raise_with_local():
            obj = mirror.decompressobj(wbits=PANIC_ON_DROP)  # noqa: F841 - freed while raising
            raise KeyError("pending")

        with pytest.raises(KeyError, match="pending"):
            raise_with_local()
        gc.collect()
        obj = mirror.decompressobj(wbits=PANIC_ON_DROP)
        del obj
    finally:
        sys.unraisablehook = old
    assert len(seen) == 2, seen
    for exc_type, msg, context in seen:
        assert exc_type is SystemError
        assert msg == "panic in Rust code: Decompress dropped with wbits=12345"
        assert context is mirror.Decompress
