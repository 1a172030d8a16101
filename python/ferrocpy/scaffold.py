"""``ferrocpy new NAME``: a complete project for one Rust extension module.

The project builds with ``ferrocpy.build`` (``pip install --no-build-isolation .`` once ferrocpy
is installed), its crate depends on ``ferrocpy = "0.1"`` (resolved by the backend to the sources
the installed ferrocpy ships), and its clinic-declared examples -- a function, a function taking
a buffer, and a class with a constructor, an attribute, a method and a special method -- come
with their generated glue and type stub (the clinic runs here, at scaffold time), pytest tests,
Rust unit tests, a README and ``.ci/run``, the script that checks everything.
"""

from __future__ import annotations

import keyword
import re
import sys
from pathlib import Path

_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


class ScaffoldError(Exception):
    """A name or destination the scaffold refuses (one line, exit status 2)."""


def module_name(name: str) -> str:
    """The import name for a project name: ``my-project`` -> ``my_project``."""
    if not _NAME_RE.match(name):
        raise ScaffoldError(
            f"invalid project name {name!r}: use letters, digits, '_' and '-', starting with a letter"
        )
    mod = name.replace("-", "_").lower()
    if keyword.iskeyword(mod) or mod in sys.stdlib_module_names or mod == "ferrocpy":
        raise ScaffoldError(f"invalid project name {name!r}: {mod!r} would shadow a Python module or keyword")
    return mod


def _ferrocpy_version() -> str:
    """The crates' version series to depend on (``0.1`` for ferrocpy 0.1.x)."""
    try:
        from importlib.metadata import version

        v = version("ferrocpy")
    except Exception:  # a checkout on sys.path, not installed
        v = "0.1.0"
    major, minor = (v.split(".") + ["0"])[:2]
    return f"{major}.{minor}"


def files(name: str) -> dict[str, str]:
    """Relative path -> contents of every file of the new project (before the clinic runs)."""
    mod = module_name(name)
    upper = mod.upper()
    dep = _ferrocpy_version()
    sub = {"NAME": name, "MOD": mod, "UPPER": upper, "DEP": dep}

    def fill(text: str) -> str:
        return re.sub(r"@(NAME|MOD|UPPER|DEP)@", lambda m: sub[m[1]], text)

    return {fill(path): fill(text) for path, text in _TEMPLATES.items()}


def create(name: str, dest: Path) -> Path:
    """Writes the project into ``dest`` (which must not exist or be empty), runs the clinic on
    its crate, and returns ``dest``."""
    content = files(name)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ScaffoldError(f"{dest}: already exists and is not an empty directory")
    for rel, text in content.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (dest / ".ci" / "run").chmod(0o755)
    from .clinic import regenerate

    regenerate([dest / "rust" / "src"])
    return dest


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="ferrocpy new", description="Create a project for a Rust extension module.")
    ap.add_argument("name", metavar="NAME", help="project name (its module is NAME with '-' as '_')")
    ap.add_argument("--path", type=Path, metavar="DIR", help="where to create it (default: ./NAME)")
    args = ap.parse_args(argv)
    try:
        dest = create(args.name, args.path if args.path is not None else Path(args.name))
    except ScaffoldError as e:
        print(f"ferrocpy new: error: {e}", file=sys.stderr)
        return 2
    mod = module_name(args.name)
    print(f"created {dest}/ (module {mod}); next:")
    print(f"  cd {dest} && python -m pip install --no-build-isolation . && python -m pytest tests")
    print("  (or .ci/run, which also checks the clinic output and runs the Rust unit tests)")
    return 0


_PYPROJECT = '''\
[build-system]
# ferrocpy is the build backend. With ferrocpy installed in the environment, build with
# `pip install --no-build-isolation .`; with a ferrocpy wheel in ./wheels,
# `pip install --find-links wheels .` works too.
requires = ["ferrocpy>=@DEP@"]
build-backend = "ferrocpy.build"

[project]
name = "@NAME@"
version = "0.1.0"
description = "A Python extension module written in Rust on ferrocpy"
readme = "README.md"
requires-python = ">=3.10"

[tool.ferrocpy]
# The backend brings the clinic output of these directories up to date before compiling.
clinic = ["rust/src"]

[[tool.ferrocpy.extension]]
crate = "rust"
module = "@MOD@"
'''

_CARGO = '''\
[package]
name = "@MOD@"
version = "0.1.0"
edition = "2021"
publish = false

# A workspace of its own.
[workspace]

[lib]
crate-type = ["cdylib"]
doctest = false

[dependencies]
# Resolved by ferrocpy.build (and `ferrocpy cargo`) to the sources the installed ferrocpy ships:
# no registry access is needed for it.
ferrocpy = "@DEP@"

[lints.clippy]
undocumented_unsafe_blocks = "deny"
missing_safety_doc = "deny"

[profile.release]
# ferrocpy turns a panic into a Python exception (SystemError); it needs unwinding.
panic = "unwind"
'''

_LIB = '''\
//! `@MOD@`: a Python extension module written in Rust on ferrocpy.
//!
//! Every function, class and method Python sees is declared in a clinic block (CPython's
//! Argument Clinic language, see ferrocpy's docs/CLINIC.md). `ferrocpy.clinic` -- run by the build
//! backend before compiling, or by hand with `python -m ferrocpy.clinic rust/src` -- writes the
//! `_impl` signature under each block, the argument-parsing glue to `src/clinic/lib.rs` and the
//! type stub `@MOD@.pyi`. Edit a block, rebuild, and the glue follows.
//!
//! The computations are plain Rust functions (`greeting`, `adler32`, `Count`) with their own
//! unit tests; the `_impl` functions only convert between them and Python.

use ferrocpy::class::TypeRef;
use ferrocpy::exc::OverflowError;
use ferrocpy::{ClassType, IntoPyObject, Module, ModuleState, Owned, PyResult, Python, Ref, Visit};
use std::sync::Mutex;

mod clinic {
    include!("clinic/lib.rs");
}

/// What each module object keeps: its class (one per interpreter).
pub struct State {
    counter: ClassType<Counter>,
}

impl ModuleState for State {
    fn init(_py: Python<'_>, module: Module<'_, '_, Self>) -> PyResult<Self> {
        Ok(State {
            counter: ClassType::create(module)?,
        })
    }

    fn exec(module: Module<'_, '_, Self>) -> PyResult<()> {
        let state = module.state()?;
        module.add("Counter", state.counter.bind(module.py()))
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), ferrocpy::module::TraverseError> {
        self.counter.visit(visit)
    }
}

ferrocpy::module! {
    name: "@MOD@",
    doc: "An extension module written in Rust on ferrocpy.",
    state: State,
    methods: [clinic::@UPPER@_GREET_METHODDEF, clinic::@UPPER@_ADLER32_METHODDEF],
}

// ---- a function -------------------------------------------------------------------------------

/*[clinic input]
module @MOD@ state=State
@MOD@.greet -> object(annotation="str")

    name: str
    /
    *
    punctuation: str = "!"

Return a greeting for name.
[clinic start generated code]*/
{
    greeting(name, punctuation).into_py(module.py())
}

/// `greet`'s text.
pub fn greeting(name: &str, punctuation: &str) -> String {
    format!("Hello, {name}{punctuation}")
}

// ---- a function taking a buffer -----------------------------------------------------------------

/*[clinic input]
@MOD@.adler32 -> unsigned_int

    data: Py_buffer
    value: unsigned_int(bitwise=True) = 1
        Starting value of the checksum.
    /

Compute an Adler-32 checksum of data (the same as zlib.adler32).
[clinic start generated code]*/
{
    let _ = module; // every function's impl gets its module (and state), used or not
    Ok(adler32(data, value))
}

/// The Adler-32 checksum of `data`, continuing from `value` (1 for a new checksum).
pub fn adler32(data: &[u8], value: u32) -> u32 {
    const MOD: u32 = 65521;
    // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced.
    let (mut a, mut b) = (value & 0xffff, value >> 16);
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

// ---- a class ------------------------------------------------------------------------------------

/// The state of a `Counter`: where it stands and by how much it moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    pub value: i64,
    pub step: i64,
}

impl Count {
    /// Advances `times` steps; `None` (and no change) if the value would overflow.
    pub fn advance(&mut self, times: i64) -> Option<i64> {
        let value = self.step.checked_mul(times)?.checked_add(self.value)?;
        self.value = value;
        Some(value)
    }
}

/// A `Counter` instance (methods get `&self`, so the count sits behind a lock).
pub struct Counter {
    count: Mutex<Count>,
}

impl Counter {
    fn snapshot(&self) -> Count {
        *self.count.lock().unwrap_or_else(|e| e.into_inner())
    }
}

ferrocpy::class! {
    type: Counter,
    name: "@MOD@.Counter",
    state: State,
    subclassable: true,
    entries: [clinic::@UPPER@_COUNTER_ENTRIES],
}

/*[clinic input]
class @MOD@.Counter "Counter" subclassable
@classmethod
@MOD@.Counter.__new__

    start: int = 0
    *
    step: int = 1

A counter going from start up by step.
[clinic start generated code]*/
{
    let _ = cls; // the class being instantiated: Counter or a subclass
    Ok(Counter {
        count: Mutex::new(Count {
            value: start.into(),
            step: step.into(),
        }),
    })
}

/*[clinic input]
@MOD@.Counter.increment -> Py_ssize_t

    times: int = 1
    /

Advance the counter times steps and return its new value.
[clinic start generated code]*/
{
    let py = slf.py();
    let mut count = slf.count.lock().unwrap_or_else(|e| e.into_inner());
    let value = count
        .advance(times.into())
        .ok_or_else(|| OverflowError::new_err(py, "Counter value out of range"))?;
    isize::try_from(value).map_err(|_| OverflowError::new_err(py, "Counter value out of range"))
}

/*[clinic input]
@getter
@MOD@.Counter.value

The current value.
[clinic start generated code]*/
{
    slf.snapshot().value.into_py(slf.py())
}

/*[clinic input]
@MOD@.Counter.__repr__
[clinic start generated code]*/
{
    let Count { value, step } = slf.snapshot();
    format!("Counter({value}, step={step})").into_py(slf.py())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greeting_text() {
        assert_eq!(greeting("world", "!"), "Hello, world!");
        assert_eq!(greeting("Ada", "?"), "Hello, Ada?");
    }

    #[test]
    fn adler32_known_values() {
        assert_eq!(adler32(b"", 1), 1);
        assert_eq!(adler32(b"Wikipedia", 1), 0x11E6_0398);
        // Continuing from a previous value gives the checksum of the concatenation.
        let whole = adler32(b"hello world", 1);
        assert_eq!(adler32(b" world", adler32(b"hello", 1)), whole);
        // Long runs of 0xff need the periodic reduction.
        let big = vec![0xffu8; 100_000];
        let mut a: u64 = 1;
        let mut b: u64 = 0;
        for &x in &big {
            a = (a + u64::from(x)) % 65521;
            b = (b + a) % 65521;
        }
        assert_eq!(adler32(&big, 1), ((b << 16) | a) as u32);
    }

    #[test]
    fn count_advances_and_refuses_overflow() {
        let mut c = Count { value: 10, step: 3 };
        assert_eq!(c.advance(2), Some(16));
        assert_eq!(c.advance(-1), Some(13));
        let mut c = Count {
            value: i64::MAX - 1,
            step: 1,
        };
        assert_eq!(c.advance(2), None);
        assert_eq!(c.value, i64::MAX - 1);
    }
}
'''

_README = '''\
# @NAME@

A Python extension module, `@MOD@`, written in Rust on [ferrocpy](https://github.com/) -- no PyO3,
no C. It was created by `ferrocpy new @NAME@`.

```python
>>> import @MOD@
>>> @MOD@.greet("world")
'Hello, world!'
>>> @MOD@.adler32(b"Wikipedia")       # any bytes-like object; the same as zlib.adler32
300286872
>>> c = @MOD@.Counter(10, step=5)
>>> c.increment(), c.increment(2), c.value
(15, 25, 25)
>>> c
Counter(25, step=5)
```

## Layout

| path | what |
|------|------|
| `pyproject.toml` | the project, built by `ferrocpy.build` |
| `rust/Cargo.toml` | the crate (`crate-type = ["cdylib"]`, `ferrocpy = "@DEP@"`) |
| `rust/src/lib.rs` | the module: clinic blocks declare what Python sees; plain Rust does the work |
| `rust/src/clinic/lib.rs` | generated argument-parsing glue (do not edit) |
| `rust/@MOD@.pyi` | generated type stub, shipped in the wheel (do not edit) |
| `tests/` | pytest tests of the built module |
| `.ci/run` | what CI runs: clinic check, Rust unit tests, build, pytest |

## Build and test

ferrocpy must be installed in the environment (it is the build backend, and it carries the Rust
sources of the `ferrocpy` crate, so the build needs no crate registry):

```sh
python -m pip install --no-build-isolation .     # compile for this interpreter and install
python -m pytest tests
ferrocpy cargo test                             # the Rust unit tests
.ci/run                                         # all of the above, as CI runs it
```

While developing, install once with `python -m pip install --no-build-isolation -e .`, then
run `ferrocpy develop` after each change: it rebuilds the module in place (into
`build/editable/<abi>-<platform>/`, which the editable install puts on `sys.path`) and does
nothing, in a fraction of a second, when no source changed.

## Changing the module

Edit or add a clinic block in `rust/src/lib.rs` (the `/*[clinic input] ... [clinic start
generated code]*/` comments), then run `python -m ferrocpy.clinic rust/src` (the build does it
too): the `_impl` signature appears under the block, and you write its body. Parameters use
CPython's converters (`int`, `str`, `Py_buffer`, `object`, ...; see ferrocpy's docs/CLINIC.md),
so signatures, `inspect.signature` and error messages are those of CPython's own builtins.

## Publishing

`python -m pip wheel --no-build-isolation --no-deps . -w dist/` writes a wheel tagged for the
interpreter that built it (e.g. `cp311-cp311-linux_x86_64`); build one per interpreter you
support. `python -m build --sdist --no-isolation` (or the backend's `build_sdist`) writes the
sdist, which builds wherever ferrocpy is installed.
'''

_TESTS = '''\
"""Tests of the @MOD@ extension module (run after `pip install .`)."""

import inspect
import sys
import zlib

import pytest

import @MOD@


def test_greet():
    assert @MOD@.greet("world") == "Hello, world!"
    assert @MOD@.greet("Ada", punctuation="?") == "Hello, Ada?"
    assert str(inspect.signature(@MOD@.greet)) == "(name, /, *, punctuation='!')"
    with pytest.raises(TypeError, match="must be str, not int"):
        @MOD@.greet(3)
    with pytest.raises(TypeError):
        @MOD@.greet("a", "b")  # punctuation is keyword-only


@pytest.mark.parametrize("data", [b"", b"a", b"Wikipedia", bytes(range(256)) * 300, b"\\xff" * 100_000])
def test_adler32_matches_zlib(data):
    assert @MOD@.adler32(data) == zlib.adler32(data)
    assert @MOD@.adler32(bytearray(data)) == zlib.adler32(data)
    assert @MOD@.adler32(memoryview(data)) == zlib.adler32(data)
    assert @MOD@.adler32(data, 12345) == zlib.adler32(data, 12345)


def test_adler32_errors_and_signature():
    assert str(inspect.signature(@MOD@.adler32)) == "(data, value=1, /)"
    with pytest.raises(TypeError, match="a bytes-like object is required, not 'str'"):
        @MOD@.adler32("text")
    assert @MOD@.adler32(b"abc", -1) == zlib.adler32(b"abc", -1)  # bitwise: wraps like zlib


def test_counter():
    c = @MOD@.Counter()
    assert (c.increment(), c.increment(), c.value) == (1, 2, 2)
    c = @MOD@.Counter(10, step=5)
    assert c.increment(2) == 20
    assert c.value == 20
    assert repr(c) == "Counter(20, step=5)"
    assert str(inspect.signature(@MOD@.Counter)) == "(start=0, *, step=1)"
    assert type(c).__module__ == "@MOD@"
    with pytest.raises(AttributeError):
        c.value = 3  # read-only
    with pytest.raises(TypeError):
        @MOD@.Counter(1, 2)  # step is keyword-only
    big = 2**31 - 1  # the largest C int
    c = @MOD@.Counter(0, step=big)
    assert c.increment(big) == big * big
    assert c.increment(big) == 2 * big * big
    with pytest.raises(OverflowError, match="Counter value out of range"):
        c.increment(big)  # past 2**63 - 1
    assert c.value == 2 * big * big  # unchanged
    with pytest.raises(OverflowError):
        @MOD@.Counter(2**31)  # not a C int


def test_counter_subclass():
    class Loud(@MOD@.Counter):
        def shout(self):
            return f"{self.value}!"

    c = Loud(3)
    c.increment()
    assert c.shout() == "4!"
'''

_CI_RUN = '''\
#!/bin/sh
# What CI runs for @NAME@, with the interpreter in $PYTHON (default: python3) whose environment
# has ferrocpy and pytest installed: the clinic output is current, the Rust unit tests pass, the
# module builds and installs, and its Python tests pass.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
set -x
"$PYTHON" -m ferrocpy.clinic --check rust/src
"$PYTHON" -m ferrocpy cargo test --release
"$PYTHON" -m pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps --force-reinstall .
"$PYTHON" -m pytest tests -q -p no:cacheprovider
'''

_GITIGNORE = '''\
/target/
/build/
/dist/
__pycache__/
*.so
'''

_TEMPLATES = {
    "pyproject.toml": _PYPROJECT,
    "rust/Cargo.toml": _CARGO,
    "rust/src/lib.rs": _LIB,
    "README.md": _README,
    "tests/test_@MOD@.py": _TESTS,
    ".ci/run": _CI_RUN,
    ".gitignore": _GITIGNORE,
}
