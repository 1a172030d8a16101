"""ferrocpy.build: wheel tags, wheel contents, editable installs, one-line errors."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

BACKEND_PATH = str(ROOT / "python")


def run_backend(hook: str, outdir: Path, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "import ferrocpy.build as b\n"
        "print(b.%s(%r))\n" % (BACKEND_PATH, hook, str(outdir))
    )
    e = dict(os.environ)
    e.setdefault("FERROCPY_TARGET_DIR", str(ROOT / "target" / "ferrocpy"))
    if env:
        e.update(env)
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=e, capture_output=True, text=True)


def expected_tag() -> str:
    v = f"{sys.version_info[0]}{sys.version_info[1]}"
    flags = sys.abiflags
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"cp{v}-cp{v}{flags}-{plat}"


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    r = run_backend("build_wheel", out, env={"FERROCPY_TEST_MODULES": "0"})
    assert r.returncode == 0, r.stderr
    return out / r.stdout.strip().splitlines()[-1]


TEST_MODULES = ("ferrocpy/_selftest", "ferrocpy/_clinic_mirror")


def test_wheel_is_tagged_for_this_exact_interpreter(built_wheel):
    assert built_wheel.name == f"ferrocpy-0.1.0-{expected_tag()}.whl"
    if hasattr(sys, "gettotalrefcount"):
        assert "d-" in built_wheel.name.split("-", 3)[3]  # e.g. cp311d


def test_wheel_contents_and_record(built_wheel):
    with zipfile.ZipFile(built_wheel) as zf:
        names = zf.namelist()
        assert "ferrocpy/build/hooks.py" in names
        assert f"ferrocpy/ports/_ports{sysconfig.get_config_var('EXT_SUFFIX')}" in names
        # The production wheel leaves the test-only modules out (issue 15 item 6).
        assert not [n for n in names if n.startswith(TEST_MODULES)], names
        assert "ferrocpy/__init__.py" in names
        assert not any("__pycache__" in n for n in names)
        wheel_meta = zf.read("ferrocpy-0.1.0.dist-info/WHEEL").decode()
        assert f"Tag: {expected_tag()}" in wheel_meta
        assert "Root-Is-Purelib: false" in wheel_meta
        record = zf.read("ferrocpy-0.1.0.dist-info/RECORD").decode().splitlines()
        for line in record:
            name, digest, size = line.rsplit(",", 2)
            if not digest:
                continue
            data = zf.read(name)
            assert int(size) == len(data)
            algo, value = digest.split("=", 1)
            assert algo == "sha256"
            assert base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode() == value
        assert "ferrocpy = ferrocpy.cli:main" in zf.read("ferrocpy-0.1.0.dist-info/entry_points.txt").decode()


def test_test_modules_only_when_asked_for(monkeypatch):
    # The production wheel (above) leaves them out; the test command's builds ask for them with
    # FERROCPY_TEST_MODULES=1 (its venvs import them throughout this suite), and
    # --config-settings test-modules=... decides over the environment.
    sys.path.insert(0, BACKEND_PATH)
    try:
        from ferrocpy.build import hooks
    finally:
        sys.path.remove(BACKEND_PATH)
    monkeypatch.chdir(ROOT)
    cases = [(None, None, False), ("0", None, False), ("1", None, True), ("yes", None, True),
             ("0", {"test-modules": "1"}, True), ("1", {"test-modules": "false"}, False),
             (None, {"test-modules": ["0", "true"]}, True)]
    for env_value, settings, wanted in cases:
        if env_value is None:
            monkeypatch.delenv("FERROCPY_TEST_MODULES", raising=False)
        else:
            monkeypatch.setenv("FERROCPY_TEST_MODULES", env_value)
        modules = {ext.module for ext in hooks._project(settings).extensions}
        assert ({"ferrocpy._selftest", "ferrocpy._clinic_mirror"} <= modules) == wanted, (env_value, settings)
        assert not ({"ferrocpy._selftest", "ferrocpy._clinic_mirror"} & modules) or wanted
        # The clinic is not run on a crate the build leaves out.
        dirs = hooks.clinic_dirs(hooks._project(settings))
        assert any(d == ROOT / "tests" / "clinic_mirror" for d in dirs) == wanted


def test_editable_wheel_points_at_the_source_tree(tmp_path):
    r = run_backend("build_editable", tmp_path, env={"FERROCPY_TEST_MODULES": "1"})
    assert r.returncode == 0, r.stderr
    whl = tmp_path / r.stdout.strip().splitlines()[-1]
    with zipfile.ZipFile(whl) as zf:
        pth = zf.read("__editable__.ferrocpy.pth").decode().split()
    assert str((ROOT / "python").resolve()) in pth
    assert (ROOT / "python" / "ferrocpy" / f"_selftest{sysconfig.get_config_var('EXT_SUFFIX')}").is_file()


def test_missing_cargo_is_one_clear_line(tmp_path):
    # No cargo on PATH, none in ~/.cargo/bin (HOME is empty), no $CARGO.
    e = {k: v for k, v in os.environ.items() if k != "CARGO"}
    e.update({"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    code = "import sys; sys.path.insert(0, %r)\nimport ferrocpy.build as b\nb.build_wheel(%r)\n" % (
        BACKEND_PATH,
        str(tmp_path),
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=e, capture_output=True, text=True)
    assert r.returncode == 1
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert lines == [lines[0]] and lines[0].startswith("ferrocpy.build: error: cargo not found: install Rust")
    assert "Traceback" not in r.stderr


def test_missing_libclang_is_one_clear_line(monkeypatch, tmp_path):
    sys.path.insert(0, BACKEND_PATH)
    try:
        from ferrocpy.build import hooks, toolchain
        from ferrocpy.build.errors import BuildError
    finally:
        sys.path.remove(BACKEND_PATH)
    monkeypatch.delenv("LIBCLANG_PATH", raising=False)
    monkeypatch.delenv("BINDGEN_EXTRA_CLANG_ARGS", raising=False)
    monkeypatch.setattr(toolchain, "_LIBCLANG_GLOBS", ())
    monkeypatch.setattr(toolchain.sysconfig, "get_paths", lambda: {"purelib": str(tmp_path), "platlib": str(tmp_path)})
    with pytest.raises(BuildError) as info:
        toolchain.libclang_env()
    assert str(info.value.code) == (
        "ferrocpy.build: error: libclang not found (bindgen needs it): pip install libclang (no root needed), "
        "or apt-get install libclang-dev, or set LIBCLANG_PATH to the directory of libclang.so"
    )
    # An isolated build asks pip for the libclang wheel.
    assert "libclang>=16" in hooks._requires()
    # The libclang wheel's layout is found automatically; the C compiler's builtin headers
    # stand in for clang's, which the wheel lacks.
    native = tmp_path / "clang" / "native"
    native.mkdir(parents=True)
    (native / "libclang.so").write_bytes(b"")
    cc_include = subprocess.run(["cc", "-print-file-name=include"], capture_output=True, text=True).stdout.strip()
    assert toolchain.libclang_env() == {"LIBCLANG_PATH": str(native),
                                        "BINDGEN_EXTRA_CLANG_ARGS": f"-idirafter {cc_include}"}
    assert "libclang>=16" not in hooks._requires()


def test_bad_project_table_is_one_clear_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    r = run_backend("build_wheel", tmp_path / "out", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr.strip() == "ferrocpy.build: error: pyproject.toml needs a [project] table with 'name' and 'version'"


def test_third_party_project_builds_with_its_own_workspace(tmp_path):
    r = run_backend("build_wheel", tmp_path, cwd=ROOT / "examples" / "seed_demo")
    assert r.returncode == 0, r.stderr
    whl = tmp_path / r.stdout.strip().splitlines()[-1]
    assert whl.name == f"seed_demo-0.1.0-{expected_tag()}.whl"
    with zipfile.ZipFile(whl) as zf:
        assert f"seed_demo{sysconfig.get_config_var('EXT_SUFFIX')}" in zf.namelist()


def test_wheel_ships_the_rust_crates_standalone(built_wheel):
    # The installed package carries cpython-sys and ferrocpy, made standalone (no workspace
    # inheritance, ferrocpy -> ../cpython-sys), without tests.
    with zipfile.ZipFile(built_wheel) as zf:
        names = set(zf.namelist())
        for crate in ("cpython-sys", "ferrocpy"):
            assert f"ferrocpy/_rust/{crate}/Cargo.toml" in names
            manifest = zf.read(f"ferrocpy/_rust/{crate}/Cargo.toml").decode()
            assert ".workspace" not in manifest and "[workspace" not in manifest
            assert 'version = "0.1.0"' in manifest
        assert "ferrocpy/_rust/cpython-sys/build.rs" in names
        assert "ferrocpy/_rust/cpython-sys/wrapper.h" in names
        assert "ferrocpy/_rust/ferrocpy/src/lib.rs" in names
        assert not any(n.startswith("ferrocpy/_rust/ferrocpy/tests/") for n in names)
        assert 'cpython-sys = { path = "../cpython-sys" }' in zf.read("ferrocpy/_rust/ferrocpy/Cargo.toml").decode()


TOY_LIB = """\
use ferrocpy::{Owned, PyResult};
type M<'a, 'py> = ferrocpy::Module<'a, 'py, ()>;
const HELLO: ferrocpy::MethodDef<()> =
    ferrocpy::function!(noargs, (), "hello", "hello($module, /)\\n--\\n\\nGreet.", hello);
fn hello<'a, 'py>(m: M<'a, 'py>) -> PyResult<Owned<'py>> {
    ferrocpy::types::str::new(m.py(), "hello from a versioned dependency")
}
ferrocpy::module! { name: "toy", doc: "A project depending on ferrocpy by version.", state: (), methods: [HELLO] }
"""


@pytest.mark.skipif(sys.version_info[:2] != (3, 11) or hasattr(sys, "gettotalrefcount"),
                    reason="one release interpreter suffices: a full build of the shipped crates")
def test_project_depending_on_ferrocpy_by_version_builds_offline(built_wheel, tmp_path):
    # A project elsewhere says `ferrocpy = "0.1"`; the ferrocpy it builds with (here: the wheel,
    # unpacked as an installation would be) resolves it to its own shipped sources, with Cargo
    # forbidden to touch the network.
    site = tmp_path / "site"
    with zipfile.ZipFile(built_wheel) as zf:
        zf.extractall(site)
    proj = tmp_path / "proj"
    (proj / "src").mkdir(parents=True)
    (proj / "pyproject.toml").write_text(
        '[build-system]\nrequires = []\nbuild-backend = "ferrocpy.build"\n\n'
        '[project]\nname = "toy"\nversion = "0.1.0"\n\n'
        '[[tool.ferrocpy.extension]]\ncrate = "."\nmodule = "toy"\n'
    )
    (proj / "Cargo.toml").write_text(
        '[package]\nname = "toy"\nversion = "0.1.0"\nedition = "2021"\n\n[workspace]\n\n'
        '[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\nferrocpy = "0.1"\n\n'
        '[profile.release]\npanic = "unwind"\n'
    )
    (proj / "src" / "lib.rs").write_text(TOY_LIB)
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "import ferrocpy.build as b\n"
        "assert b.__file__.startswith(%r), b.__file__\n"
        "print(b.build_wheel(%r))\n" % (str(site), str(site), str(tmp_path / "out"))
    )
    env = dict(os.environ, CARGO_NET_OFFLINE="true", FERROCPY_TARGET_DIR=str(tmp_path / "target"))
    r = subprocess.run([sys.executable, "-c", code], cwd=proj, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    # Cargo compiled the shipped copies (a fresh target directory, so it reports each crate).
    assert f"Compiling ferrocpy v0.1.0 ({site / 'ferrocpy' / '_rust' / 'ferrocpy'})" in r.stderr, r.stderr[-3000:]
    assert f"Compiling cpython-sys v0.1.0 ({site / 'ferrocpy' / '_rust' / 'cpython-sys'})" in r.stderr
    whl = tmp_path / "out" / r.stdout.strip().splitlines()[-1]
    with zipfile.ZipFile(whl) as zf:
        zf.extractall(tmp_path / "toy")
    out = subprocess.run(
        [sys.executable, "-c", "import toy; print(toy.hello())"],
        cwd=tmp_path / "toy", capture_output=True, text=True,
    )
    assert out.stdout.strip() == "hello from a versioned dependency", out.stderr
