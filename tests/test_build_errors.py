"""A build that never surprises (issue 15 item 5): the backend brings clinic output up to date
before compiling, with or without `clinic = [...]` in pyproject.toml, and each user mistake ends
the build with one located line and no Python traceback. None of these builds reaches the
compiler (cargo is hidden or the error comes first), so they take a second each."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "python"

# The backend's error paths are the same Python code under every interpreter: one suffices.
pytestmark = pytest.mark.skipif(
    sys.version_info[:2] != (3, 11) or hasattr(sys, "gettotalrefcount"),
    reason="run on the host's 3.11 release build only (CI time)",
)


@pytest.fixture
def project(tmp_path) -> Path:
    """A scaffolded project whose pyproject.toml does not name its clinic directory."""
    proj = tmp_path / "errdemo"
    subprocess.run([sys.executable, "-m", "ferrocpy", "new", "errdemo", "--path", str(proj)], check=True,
                   env=dict(os.environ, PYTHONPATH=str(SRC)), capture_output=True)
    pp = proj / "pyproject.toml"
    text = pp.read_text()
    assert 'clinic = ["rust/src"]' in text
    pp.write_text(text.replace('clinic = ["rust/src"]', ""))
    return proj


def no_cargo_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No cargo on PATH, none in ~/.cargo/bin, no $CARGO: the build stops before compiling."""
    e = {k: v for k, v in os.environ.items() if k not in ("CARGO", "RUSTC", "PYTHONPATH")}
    e.update({"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    e.update(extra)
    return e


def build(proj: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    code = "import sys; sys.path.insert(0, %r)\nimport ferrocpy.build as b\nb.build_wheel(%r)\n" % (
        str(SRC), str(proj / "dist"))
    return subprocess.run([sys.executable, "-c", code], cwd=proj, env=env, capture_output=True, text=True)


def one_error_line(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("ferrocpy.build: error:")]
    others = [ln for ln in r.stderr.splitlines() if ln.strip() and not ln.startswith("ferrocpy.build: ")]
    assert len(errors) == 1 and not others, r.stderr
    return errors[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def test_edited_block_is_regenerated_without_a_clinic_setting(project, tmp_path):
    lib = project / "rust" / "src" / "lib.rs"
    glue = project / "rust" / "src" / "clinic" / "lib.rs"
    stub = project / "rust" / "errdemo.pyi"
    edit(lib, "Return a greeting for name.", "Return a warm greeting for name.")
    assert "warm" not in glue.read_text()
    r = build(project, no_cargo_env(tmp_path))
    assert one_error_line(r).startswith("ferrocpy.build: error: cargo not found")
    assert f"ferrocpy.build: clinic regenerated {glue}" in r.stderr
    assert "Return a warm greeting for name." in glue.read_text()
    assert "punctuation: str = ...) -> str: ..." in stub.read_text()
    # Regenerated before compiling: `ferrocpy clinic --check` now finds nothing stale.
    chk = subprocess.run([sys.executable, "-m", "ferrocpy.clinic", "--check", str(project / "rust" / "src")],
                         env=dict(os.environ, PYTHONPATH=str(SRC)), capture_output=True, text=True)
    assert chk.returncode == 0, chk.stderr


def test_missing_generated_file_is_regenerated(project, tmp_path):
    glue = project / "rust" / "src" / "clinic" / "lib.rs"
    glue.unlink()
    r = build(project, no_cargo_env(tmp_path))
    assert one_error_line(r).startswith("ferrocpy.build: error: cargo not found")
    assert glue.is_file() and "ERRDEMO_GREET_METHODDEF" in glue.read_text()


def test_include_of_a_generated_file_that_cannot_exist(project, tmp_path):
    src = project / "rust" / "src"
    (src / "extra.rs").write_text('//! No clinic block here.\n\nmod clinic {\n    include!("clinic/extra.rs");\n}\n')
    edit(src / "lib.rs", "mod clinic {\n", "mod extra;\nmod clinic {\n")
    r = build(project, no_cargo_env(tmp_path))
    assert one_error_line(r) == (
        f"ferrocpy.build: error: {src / 'extra.rs'}:4: includes clinic/extra.rs, which does not exist: the "
        "clinic writes it from the clinic blocks of extra.rs, which has none (add one, or remove the include)"
    )


def test_clinic_error_is_one_located_line(project, tmp_path):
    lib = project / "rust" / "src" / "lib.rs"
    edit(lib, "    name: str\n", "    name: strr\n")
    line = lib.read_text().splitlines().index("    name: strr") + 1
    r = build(project, no_cargo_env(tmp_path))
    msg = one_error_line(r)
    assert msg.startswith(f"ferrocpy.build: error: clinic: {lib}:{line}: "), msg
    assert "strr" in msg


def test_handwritten_impl_signature_is_refused(project, tmp_path):
    lib = project / "rust" / "src" / "lib.rs"
    block = (
        "/*[clinic input]\nerrdemo.twice\n\n    n: int\n    /\n\nTwice n.\n[clinic start generated code]*/\n"
        "fn twice_impl<'a, 'py>(module: Module<'a, 'py, State>, n: i32) -> PyResult<Owned<'py>> {\n"
        "    (2 * n).into_py(module.py())\n}\n\n"
    )
    edit(lib, "/// `greet`'s text.", block + "/// `greet`'s text.")
    line = lib.read_text().splitlines().index(block.splitlines()[8]) + 1
    before = lib.read_text()
    expected = (f"{lib}:{line}: hand-written signature `fn twice_impl` after the clinic block: the clinic "
                "writes the impl signature itself; delete this line and keep only the body `{ ... }`")
    # From the command line: exit status 2, nothing written.
    r = subprocess.run([sys.executable, "-m", "ferrocpy.clinic", str(project / "rust" / "src")],
                       env=dict(os.environ, PYTHONPATH=str(SRC)), capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.strip() == expected
    assert lib.read_text() == before
    # From a build: the same line.
    r = build(project, no_cargo_env(tmp_path))
    assert one_error_line(r) == f"ferrocpy.build: error: clinic: {expected}"
    # The same signature after a block that already has its end marker (the clinic's own
    # signature, then a hand-written second one) is refused as well.
    lib.write_text(before.replace(block.splitlines()[8] + "\n", "{\n", 1).replace("\n{\n{\n", "\n{\n", 1))
    fixed = subprocess.run([sys.executable, "-m", "ferrocpy.clinic", str(project / "rust" / "src")],
                           env=dict(os.environ, PYTHONPATH=str(SRC)), capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stderr
    text = lib.read_text()
    assert text.count("fn twice_impl") == 1
    end = text.index("[clinic end generated code", text.index("errdemo.twice"))
    nl = text.index("\n", end) + 1
    lib.write_text(text[:nl] + "fn twice_impl() {}\n" + text[nl:])
    r = subprocess.run([sys.executable, "-m", "ferrocpy.clinic", "--check", str(project / "rust" / "src")],
                       env=dict(os.environ, PYTHONPATH=str(SRC)), capture_output=True, text=True)
    assert r.returncode == 2 and "hand-written signature `fn twice_impl`" in r.stderr


def test_stub_lands_next_to_cargo_toml_from_any_directory(project):
    stub = project / "rust" / "errdemo.pyi"
    stub.unlink()
    src = project / "rust" / "src"
    r = subprocess.run([sys.executable, "-m", "ferrocpy", "clinic", "."], cwd=src,
                       env=dict(os.environ, PYTHONPATH=str(SRC)), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert stub.is_file()
    assert not (src / "errdemo.pyi").exists()
    r = subprocess.run([sys.executable, "-m", "ferrocpy", "clinic", "--check", "lib.rs"], cwd=src,
                       env=dict(os.environ, PYTHONPATH=str(SRC)), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def _fake_tool(bindir: Path, name: str, script: str) -> None:
    bindir.mkdir(exist_ok=True)
    (bindir / name).write_text("#!/bin/sh\n" + script)
    (bindir / name).chmod(0o755)


@pytest.mark.skipif(any(Path(d, "rustc").exists() for d in ("/usr/bin", "/bin")), reason="a system rustc")
def test_missing_rustc_is_one_line(project, tmp_path):
    bindir = tmp_path / "bin"
    _fake_tool(bindir, "cargo", 'echo "cargo 1.80.0"\n')
    r = build(project, no_cargo_env(tmp_path, PATH=f"{bindir}:/usr/bin:/bin"))
    assert one_error_line(r) == (
        "ferrocpy.build: error: rustc not found: install Rust (rustup, or your distribution's 'rustc' "
        "package) and make sure 'rustc' is on PATH"
    )


def test_toolchain_that_does_not_run_is_one_line(project, tmp_path):
    # What rustup's proxies do when no toolchain is installed.
    bindir = tmp_path / "bin"
    _fake_tool(bindir, "cargo", 'echo "cargo 1.80.0"\n')
    _fake_tool(bindir, "rustc", "echo \"error: rustup could not choose a version of rustc to run, because one "
               "wasn't specified explicitly, and no default is configured.\" >&2\nexit 1\n")
    r = build(project, no_cargo_env(tmp_path, PATH=f"{bindir}:/usr/bin:/bin"))
    assert one_error_line(r) == (
        f"ferrocpy.build: error: {bindir / 'rustc'} --version failed: error: rustup could not choose a "
        "version of rustc to run, because one wasn't specified explicitly, and no default is configured. "
        "(with rustup: rustup default stable)"
    )
