"""Property test: for random call shapes, the generated glue and `inspect.Signature.bind` of the
same declaration agree on whether the call binds, and on the bound values."""

from __future__ import annotations

import inspect

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PROBES = ["probe_mixed", "probe_kwonly", "probe_pos_kw"]
# Keyword names to draw from: the parameters' own and some near misses.
EXTRA_NAMES = ["z", "aa", "A", "b_", "cc", "key"]


class Token:
    """A distinct argument value, so bound values can be traced back to the call."""

    def __init__(self, n: int):
        self.n = n

    def __repr__(self) -> str:
        return f"T{self.n}"


@st.composite
def call_shapes(draw, names):
    npos = draw(st.integers(min_value=0, max_value=len(names) + 2))
    kwnames = draw(st.lists(st.sampled_from(names + EXTRA_NAMES), unique=True, max_size=len(names) + 2))
    args = [Token(i) for i in range(npos)]
    kwargs = {k: Token(100 + i) for i, k in enumerate(kwnames)}
    return args, kwargs


def expected(sig: inspect.Signature, args, kwargs):
    try:
        bound = sig.bind(*args, **kwargs)
    except TypeError:
        return None
    bound.apply_defaults()
    return tuple(bound.arguments[p] for p in sig.parameters)


@pytest.mark.parametrize("name", [*PROBES, "Decompress.probe_method"])
def test_glue_binds_like_inspect(mirror, name):
    if name.startswith("Decompress."):
        # A bound method of a class, taking `defining_class` (METH_METHOD).
        f = getattr(mirror.decompressobj(), name.split(".")[1])
    else:
        f = getattr(mirror, name)
    sig = inspect.signature(f)
    names = list(sig.parameters)

    @settings(max_examples=400, deadline=None)
    @given(call_shapes(names))
    def check(shape):
        args, kwargs = shape
        want = expected(sig, args, kwargs)
        try:
            got = f(*args, **kwargs)
        except TypeError as e:
            assert want is None, f"glue rejected a call inspect binds: {e}"
            return
        assert want is not None, f"glue bound a call inspect rejects: {args} {kwargs} -> {got}"
        assert got == want
        for g, w in zip(got, want):
            assert g is w

    check()
