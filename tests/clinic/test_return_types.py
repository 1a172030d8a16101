"""Return converters give the stub's return type (issue 15 item 5): `-> int`, `-> double`, ...
map to the Rust type the impl returns and to the Python type the stub declares; without one the
impl returns an object and the stub says `Any`, unless `-> object(annotation="...")` names it."""

from __future__ import annotations

import pytest

from ferrocpy.clinic.errors import ClinicError
from ferrocpy.clinic.files import plan

CASES = [
    # (return converter, impl return type, stub return type)
    ("", "PyResult<Owned<'py>>", "Any"),
    (" -> object", "PyResult<Owned<'py>>", "Any"),
    (' -> object(annotation="dict[str, int]")', "PyResult<Owned<'py>>", "dict[str, int]"),
    (" -> bool", "PyResult<bool>", "bool"),
    (" -> int", "PyResult<i32>", "int"),
    (" -> long", "PyResult<i64>", "int"),
    (" -> unsigned_long", "PyResult<u64>", "int"),
    (" -> Py_ssize_t", "PyResult<isize>", "int"),
    (" -> size_t", "PyResult<usize>", "int"),
    (" -> unsigned_int(bitwise=True)", "PyResult<u32>", "int"),
    (" -> double", "PyResult<f64>", "float"),
    (" -> float", "PyResult<f32>", "float"),
]


def _crate(tmp_path, ret: str):
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "m"\nversion = "0.1.0"\n')
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    lib = src / "lib.rs"
    lib.write_text(
        "/*[clinic input]\nmodule m state=()\nm.f" + ret + "\n\n    x: object\n    /\n\nDo it.\n"
        "[clinic start generated code]*/\n{\n    todo!()\n}\n"
    )
    return lib


@pytest.mark.parametrize("ret,rust,stub", CASES)
def test_return_converter_types(tmp_path, ret, rust, stub):
    lib = _crate(tmp_path, ret)
    outputs = {o.path: o.new for o in plan([lib])}
    assert f") -> {rust}\n" in outputs[lib].split("[clinic start generated code]*/")[1]
    stub_text = outputs[tmp_path.resolve() / "m.pyi"]
    assert f"def f(x: object, /) -> {stub}: ..." in stub_text
    assert ("from typing import Any" in stub_text) == (stub == "Any")


@pytest.mark.parametrize("ret,msg", [
    (' -> object(annotation="")', "object: annotation must be a non-empty string"),
    (' -> object(kind="str")', "object: unknown argument(s) kind"),
    (" -> complex", "unknown return converter 'complex'"),
])
def test_bad_return_converters(tmp_path, ret, msg):
    lib = _crate(tmp_path, ret)
    with pytest.raises(ClinicError) as info:
        plan([lib])
    assert msg in str(info.value)
    assert str(info.value).startswith(f"{lib}:")
