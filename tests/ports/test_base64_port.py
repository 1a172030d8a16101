"""ferrocpy.ports._base64.standard_b64encode against base64.standard_b64encode."""

from __future__ import annotations

import array
import base64
import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import binascii_port as bp

_base64 = pytest.importorskip("ferrocpy.ports._base64")
f = _base64.standard_b64encode


def test_signature():
    assert f.__text_signature__ == "($module, /, s)"
    assert str(inspect.signature(f)) == str(inspect.signature(base64.standard_b64encode))


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        # Above the GIL-release threshold, built from a small seed (drawing 64 KiB is slow).
        st.builds(lambda b, n: b * (64 * 1024 // len(b) + n), st.binary(min_size=1, max_size=40), st.integers(0, 99)),
    )
)
def test_values(data):
    assert f(data) == base64.standard_b64encode(data)
    assert f(s=bytearray(data)) == base64.standard_b64encode(bytearray(data))
    assert f(memoryview(data)) == base64.standard_b64encode(memoryview(data))


@pytest.mark.parametrize(
    "arg", ["abc", "", 1, None, [1], memoryview(b"abcd")[::2], array.array("I", [1, 2])], ids=repr
)
def test_errors(arg):
    assert bp.outcome(f, arg) == bp.outcome(base64.standard_b64encode, arg)


def test_call_shapes():
    assert bp.outcome(f) == ("raise", "TypeError", "standard_b64encode() missing required argument 's' (pos 1)")
    assert bp.outcome(f, b"a", b"b")[1] == "TypeError"
    assert bp.outcome(f, x=b"a")[1] == "TypeError"
