"""Golden tests of the clinic's generated code, `--check`, checksums and input errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ferrocpy.clinic import main, regenerate

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
ROOT = HERE.parents[1]
CASES = sorted(p.name for p in (GOLDEN / "cases").iterdir())


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def case(tmp_path):
    def make(name: str) -> Path:
        dst = tmp_path / name
        shutil.copytree(GOLDEN / "cases" / name, dst)
        # Inputs are stored as `*.rs.in` so that no tool mistakes them for real, stale sources.
        for src in dst.rglob("*.rs.in"):
            src.rename(src.with_suffix(""))
        return dst

    return make


@pytest.mark.parametrize("name", CASES)
def test_generated_code_matches_golden(case, name, capsys):
    root = case(name)
    assert main([str(root)]) == 0
    assert tree(root) == tree(GOLDEN / "expected" / name)
    # A second run has nothing to do, and --check agrees.
    assert main(["--check", str(root)]) == 0
    assert regenerate([root]) == []


def test_regenerate_returns_changed_files(case):
    root = case("shapes")
    changed = regenerate([root / "src" / "lib.rs"])
    assert sorted(p.relative_to(root).as_posix() for p in changed) == [
        "shapes.pyi", "src/clinic/lib.rs", "src/lib.rs",
    ]


def test_generated_source_is_rustfmt_stable(case):
    rustfmt = shutil.which("rustfmt")
    if rustfmt is None:
        pytest.skip("rustfmt not installed")
    root = case("shapes")
    main([str(root)])
    r = subprocess.run([rustfmt, "--edition", "2021", "--check", str(root / "src" / "lib.rs")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout


def test_checked_in_outputs_are_current():
    # The mirror crate's generated files are committed; they must match their declarations.
    assert main(["--check", str(ROOT / "tests" / "clinic_mirror")]) == 0


def _generated(root: Path) -> Path:
    main([str(root)])
    return root


def test_check_reports_stale_input(case, capsys):
    root = _generated(case("shapes"))
    src = root / "src" / "lib.rs"
    text = src.read_text()
    src.write_text(text.replace("Take one object (METH_O).", "Take one object."))
    before = tree(root)
    capsys.readouterr()
    assert main(["--check", str(root)]) == 1
    err = capsys.readouterr().err
    assert tree(root) == before  # --check writes nothing
    lines = src.read_text().splitlines()
    sig = next(i for i, ln in enumerate(lines, 1) if "fn one_impl" in ln)
    marker = next(i for i, ln in enumerate(lines, 1) if i > sig and "clinic end generated code" in ln)
    assert f"{src}:{marker}: clinic output is out of date" in err
    assert f"src/clinic/lib.rs:1: generated file is out of date; run `python -m ferrocpy.clinic {src}`" in err


@pytest.mark.parametrize("target", ["source", "destination", "stub"])
def test_check_reports_hand_edits(case, capsys, target):
    root = _generated(case("shapes"))
    path = {
        "source": root / "src" / "lib.rs",
        "destination": root / "src" / "clinic" / "lib.rs",
        "stub": root / "shapes.pyi",
    }[target]
    text = path.read_text()
    if target == "source":
        edited = text.replace("obj: Borrowed<'a, 'py>", "obj: Borrowed<'a, 'py> /* mine */")
    elif target == "destination":
        edited = text.replace("None => -1,", "None => -2,", 1)
    else:
        edited = text.replace("def nothing() -> bool", "def nothing() -> int")
    assert edited != text
    path.write_text(edited)
    capsys.readouterr()
    assert main(["--check", str(root)]) == 1
    assert "edited by hand" in capsys.readouterr().err
    # Regenerating refuses to overwrite the edit.
    assert main([str(root)]) == 2
    assert path.read_text() == edited


def test_check_reports_missing_destination(case, capsys):
    root = _generated(case("shapes"))
    (root / "src" / "clinic" / "lib.rs").unlink()
    assert main(["--check", str(root)]) == 1
    assert "generated file is missing" in capsys.readouterr().err


BAD_INPUT = [
    # (clinic input lines, line offset within the block of the reported line, message fragment)
    (["module m", "m.f", "", "    a: floaty", ""], 4, "unknown converter 'floaty'"),
    (["m.f", ""], 1, "module 'm' was not declared"),
    (["module m", "m.f", "", "    a: object = 1", "    b: object", ""], 5,
     "without a default follows parameter 'a'"),
    (["module m", "m.f", "", "    a: object", "    /", "    /", ""], 6, "'/' given twice"),
    (["module m", "m.f", "", "    a: object", "    *", ""], 5, "'*' must be followed"),
    (["module m", "m.f", "", "    a: int = Z_LEVEL", ""], 4, "named constant"),
    (["module m", "m.f", "", "    a: int = 1.5", ""], 4, "cannot have the default 1.5"),
    (["module m", "m.f", "", "    a: int = 2**40", ""], 4, "unsupported default"),
    (["module m", "m.f", "", "    a: int = 4294967296", ""], 4, "out of range for int"),
    (["module m", "m.f", "", "    a: bool(accept={str})", ""], 4, "bool: accept must be"),
    (["module m", "m.f", "", "    a: unsigned_int", ""], 4, "bitwise=True"),
    (["module m", "m.f", "", "    a: Py_ssize_t(accept={int, NoneType}) = None", ""], 4, "c_default"),
    (["module m", "m.f", "", "    a: Py_ssize_t(allow_negative=False, accept={int, NoneType}) = None", ""], 4,
     "allow_negative=False with accept={int, NoneType} is not supported"),
    (["module m", "m.f", "", "    a: Py_ssize_t(allow_negative=False) = -1", ""], 4, "is negative"),
    (["module m", "m.f", "", "    a: Py_ssize_t(allow_negative=1)", ""], 4, "must be True or False"),
    (["module m", "m.f", "", "    a: slice_index(allow_negative=False)", ""], 4, "unknown argument(s) allow_negative"),
    (["module m", "m.f", "", "    a: object", "    a: object", ""], 5, "declared twice"),
    (["module m", "m.f", "", "    module: object", ""], 4, "cannot be named 'module'"),
    (["module m", "m.f", "", "    a: object(subclass_of='&Foo_Type')", ""], 4, "subclass_of"),
    (["module m", "m.f -> complex", ""], 2, "unknown return converter 'complex'"),
    (["module m", "m.f", "", "    a: object", "", "Summary", "runs on."], 7, "no summary line"),
    (["module m", "m.f", "", "    a object", ""], 4, "cannot parse parameter line"),
    (["module m", "class m.C", "class m.C.D", "m.f", ""], 3, "nested classes are not supported"),
    (["module m", "m.C.meth", ""], 2, "class 'm.C' was not declared"),
    (["module m", 'class m.C "not a type"', "m.f", ""], 2, "is not a Rust type name"),
    (["module m", "class m.C", "m.C.__new__", ""], 3, "__new__ must be declared @classmethod"),
    (["module m", "class m.C", "@classmethod", "m.C.__init__", ""], 4, "@classmethod is only supported for __new__"),
    (["module m", "@classmethod", "m.f", ""], 3, "@classmethod is only supported for __new__"),
    (["module m", "class m.C", "@staticmethod", "m.C.f", ""], 3,
     "decorator '@staticmethod' is not supported"),
    (["module m", "@critical_section b", "m.f", "", "    a: object", ""], 3, "names 'b', which is not a parameter"),
    (["module m", "@critical_section", "m.f", "", "    a: int", ""], 3, "must be a required object parameter"),
    (["module m", "@critical_section", "m.f", ""], 3, "needs an object to lock"),
    (["module m", "@critical_section", "@critical_section", "m.f", ""], 3, "@critical_section given twice"),
    (["module m", "@critical_section a b c", "m.f", ""], 2, "at most two objects"),
    (["module m", "class m.C", "@critical_section", "m.C.__len__", ""], 4, "functions and methods only"),
    (["module m", "@error_name", "m.f", ""], 2, "@error_name takes one name"),
    (["module m", "@error_name a b", "m.f", ""], 2, "@error_name takes one name"),
    (["module m", "@error_name a", "@error_name b", "m.f", ""], 3, "@error_name given twice"),
    (["module m", "class m.C", "@error_name x", "@getter", "m.C.y", ""], 5, "does not apply to @getter/@setter"),
    (["module m", "@parse_tuple x", "m.f", ""], 2, "@parse_tuple takes no arguments"),
    (["module m", "@parse_tuple", "@parse_tuple", "m.f", ""], 3, "@parse_tuple given twice"),
    (["module m", "@parse_tuple", "m.f", "", "    a: object", ""], 3, "needs positional-only parameters"),
    (["module m", "class m.C", "@parse_tuple", "m.C.f", "", "    a: object", "    /", ""], 4,
     "applies to module functions only"),
    (["module m", "class m.C", "m.C.__add__", ""], 3, "special method __add__ is not supported"),
    (["module m", "class m.C", "m.C.__len__", "", "    a: object", ""], 3, "__len__ takes no parameters"),
    (["module m", "class m.C", "m.C.__len__ -> Py_ssize_t", ""], 3, "takes no return converter"),
    (["module m", "class m.C", "m.C.__repr__", "", "Summary."], 3, "__repr__ takes no docstring"),
    (["module m", "class m.C", "m.C.__getitem__", "", "    key: int", "    /", ""], 3,
     "takes exactly one parameter, 'key: object'"),
    (["module m", "class m.C", "m.C.__call__", "", "    cls: defining_class", ""], 3, "cannot take defining_class"),
    (["module m", "class m.C", "@classmethod", "m.C.__new__", "", "    cls: object", ""], 6, "cannot be named 'cls'"),
    (["module m", "@getter", "m.f", ""], 3, "@getter is only for attributes of classes"),
    (["module m", "class m.C", "@getter", "m.C.x", "", "    a: object", ""], 4, "@getter takes no parameters"),
    (["module m", "class m.C", "@setter", "m.C.x", "", "Doc."], 4, "@setter takes no docstring"),
    (["module m", "class m.C", "@getter", "m.C.__len__", ""], 4, "cannot declare a special method"),
    (["module m", "class m.C", "@getter", "@classmethod", "m.C.x", ""], 4, "only one decorator"),
    (["module m", "m.f", "", "    cls: defining_class", ""], 4, "only for methods"),
    (["module m", "class m.C", "m.C.g", "", "    a: object", "    cls: defining_class", ""], 6,
     "must be the first parameter"),
    (["module m", "class m.C", "m.C.g", "", "    slf: object", ""], 5, "cannot be named 'slf'"),
    (["module m", "class m.C", "m.C.g", "", "    cls: defining_class = None", ""], 5, "no default"),
    (["module m", "m.f", "", "    *", "    a: object = None", "    b: object", ""], 6,
     "required keyword-only parameter 'b'"),
    (["module m", "m.f", "", "    a: Py_buffer(handle=True) = b''", ""], 4, "must be required"),
    (["module m python=3.11", "m.f", ""], 1, "python='3.11' must look like"),
    (["module m python=<=3.11", "m.f", ""], 1, "must look like python=>=3.11"),
    (["module m python=<3.15,>=3.11", "m.f", ""], 1, "or python=>=3.11,<3.15"),
    (["module m python=>=3.11,>=3.12", "m.f", ""], 1, "or python=>=3.11,<3.15"),
    (["module m python=>=3.11<3.15", "m.f", ""], 1, "or python=>=3.11,<3.15"),
    (["module m python=>=3.11,", "m.f", ""], 1, "or python=>=3.11,<3.15"),
    (["module m python=,<3.15", "m.f", ""], 1, "or python=>=3.11,<3.15"),
    (["module m python=>=3.15,<3.11", "m.f", ""], 1, "python='>=3.15,<3.11' is an empty version range"),
    (["module m python=>=3.11,<3.11", "m.f", ""], 1, "is an empty version range"),
]


@pytest.mark.parametrize("lines,offset,fragment", BAD_INPUT, ids=[b[2] for b in BAD_INPUT])
def test_bad_input_is_one_located_error(tmp_path, capsys, lines, offset, fragment):
    src = tmp_path / "lib.rs"
    text = "// header\n/*[clinic input]\n" + "\n".join(lines) + "\n[clinic start generated code]*/\n{}\n"
    src.write_text(text)
    assert main([str(src)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(f"{src}:{2 + offset}: "), err[0]
    assert fragment in err[0]
    assert "Traceback" not in err[0]
    assert src.read_text() == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib.rs"]  # nothing written


def test_bad_block_structure(tmp_path, capsys):
    src = tmp_path / "lib.rs"
    src.write_text("fn a() {}\n/*[clinic input]\nmodule m\n")
    assert main([str(src)]) == 2
    assert capsys.readouterr().err.strip() == f"{src}:2: clinic block has no '[clinic start generated code]*/' line"


def test_error_in_one_file_writes_no_file(tmp_path, capsys):
    good = tmp_path / "a.rs"
    good.write_text("/*[clinic input]\nmodule m\nm.f\n\nDoc.\n[clinic start generated code]*/\n{}\n")
    bad = tmp_path / "b.rs"
    bad.write_text("/*[clinic input]\nm.f\n[clinic start generated code]*/\n{}\n")
    assert main([str(good), str(bad)]) == 2
    assert not (tmp_path / "clinic").exists()
    assert "end generated code" not in good.read_text()


def test_cli_entry_point_runs_as_module(case):
    root = case("shapes")
    r = subprocess.run([sys.executable, "-m", "ferrocpy.clinic", "--check", str(root)],
                       capture_output=True, text=True, cwd=ROOT / "python")
    assert r.returncode == 1
    assert "out of date" in r.stderr or "missing" in r.stderr


def test_buffer_handle_gives_the_impl_the_buffer(tmp_path):
    # `handle=True` hands the impl `&ArgBuffer` (bytes plus is_immutable()) instead of `&[u8]`.
    src = tmp_path / "lib.rs"
    src.write_text(
        "/*[clinic input]\nmodule m\nm.f\n\n    a: Py_buffer(handle=True)\n    b: ascii_buffer(handle=True)\n"
        "    c: Py_buffer\n    /\n\nDoc.\n[clinic start generated code]*/\n{}\n"
    )
    assert main([str(src)]) == 0
    text = src.read_text()
    assert "a: &ArgBuffer<'a, 'py>," in text and "b: &ArgBuffer<'a, 'py>," in text and "c: &[u8]," in text
    glue = (tmp_path / "clinic" / "lib.rs").read_text()
    assert "let v0 = &h0;" in glue and "let v2 = h2.as_bytes();" in glue


def test_version_conditional_files_give_conditional_stubs(tmp_path):
    # One declaration per version range, each in a file the crate compiles only for that range:
    # the module's stub declares each under `if sys.version_info ...`, as typeshed does.
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "m"\n')
    block = "/*[clinic input]\nmodule m{cond}\nm.{name}\n\n    a: object\n{extra}    /\n\nDoc.\n[clinic start generated code]*/\n{{}}\n"
    (tmp_path / "lib.rs").write_text(block.format(cond="", name="always", extra=""))
    (tmp_path / "old.rs").write_text(
        block.format(cond=" python=<3.11", name="f", extra="")
        + block.format(cond="", name="gone", extra="")
    )
    (tmp_path / "new.rs").write_text(block.format(cond=" python=>=3.11", name="f", extra="    b: object = None\n"))
    (tmp_path / "later.rs").write_text(block.format(cond=" python=>=3.13", name="fresh", extra=""))
    assert main([str(tmp_path)]) == 0
    stub = (tmp_path / "m.pyi").read_text()
    body = [ln for ln in stub.splitlines() if ln and not ln.startswith("#")]
    assert body == [
        "import sys",
        "from typing import Any",
        "def always(a: object, /) -> Any: ...",
        "if sys.version_info < (3, 11):",
        "    def f(a: object, /) -> Any: ...",
        "    def gone(a: object, /) -> Any: ...",
        "else:",
        "    def f(a: object, b: object = ..., /) -> Any: ...",
        "if sys.version_info >= (3, 13):",
        "    def fresh(a: object, /) -> Any: ...",
    ]
    compile(stub, "m.pyi", "exec")  # valid Python, as stubs must be
    assert main(["--check", str(tmp_path)]) == 0


def test_bounded_version_ranges(tmp_path):
    # A range bounded on both sides: part of an if/elif/else chain when the file's ranges cover
    # every version, else its own `if` with both tests.
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "m"\n')
    block = "/*[clinic input]\nmodule m{cond}\nm.{name}\n\n    a: object\n    /\n\nDoc.\n[clinic start generated code]*/\n{{}}\n"
    (tmp_path / "a.rs").write_text(block.format(cond=" python=>=3.11,<3.13", name="mid"))
    (tmp_path / "b.rs").write_text(block.format(cond=" python=>=3.12,<3.14", name="other"))
    (tmp_path / "c.rs").write_text(block.format(cond=" python=<3.11", name="low"))
    (tmp_path / "d.rs").write_text(block.format(cond=" python=>=3.13", name="high"))
    assert main([str(tmp_path)]) == 0
    stub = (tmp_path / "m.pyi").read_text()
    body = [ln for ln in stub.splitlines() if ln and not ln.startswith("#")]
    assert body == [
        "import sys",
        "from typing import Any",
        "if sys.version_info < (3, 11):",
        "    def low(a: object, /) -> Any: ...",
        "elif sys.version_info < (3, 13):",
        "    def mid(a: object, /) -> Any: ...",
        "else:",
        "    def high(a: object, /) -> Any: ...",
        "if sys.version_info >= (3, 12) and sys.version_info < (3, 14):",
        "    def other(a: object, /) -> Any: ...",
    ]
    compile(stub, "m.pyi", "exec")
    assert main(["--check", str(tmp_path)]) == 0


def test_critical_section_wraps_the_call(tmp_path):
    # CPython's @critical_section: the first parameter (functions), `self` (methods), or the
    # objects named; the glue runs the implementation inside Python::with_critical_section.
    src = tmp_path / "lib.rs"
    src.write_text(
        "/*[clinic input]\nmodule m\nclass m.C\n@critical_section\nm.f\n\n    a: object\n    /\n\nDoc.\n"
        "[clinic start generated code]*/\n{}\n"
        "/*[clinic input]\n@critical_section a b\nm.g\n\n    a: object\n    b: object\n    /\n\nDoc.\n"
        "[clinic start generated code]*/\n{}\n"
        "/*[clinic input]\n@critical_section\nm.C.h\n\nDoc.\n[clinic start generated code]*/\n{}\n"
    )
    assert main([str(src)]) == 0
    glue = (tmp_path / "clinic" / "lib.rs").read_text()
    assert "__module.py().with_critical_section(v0, || super::f_impl(__module, v0))" in glue
    assert "__module.py().with_critical_section2(v0, v1, || super::g_impl(__module, v0, v1))" in glue
    assert "__self.py().with_critical_section(__self.as_borrowed(), || super::c_h_impl(__self))" in glue
