"""`ferrocpy new`: the scaffolded project builds in a fresh virtual environment and its own tests
pass there (issue 15 item 4), with no network access: ferrocpy is installed from a wheel of this
checkout, and the project's crate finds `ferrocpy = "0.1"` in the sources that wheel ships.

One interpreter suffices (the host's 3.11 release build): the build is the same elsewhere, and
the end-to-end run costs about 20 s with warm cargo caches (a first run compiles cpython-sys and
ferrocpy once more, about 30 s more)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "python"

pytestmark = pytest.mark.skipif(
    sys.version_info[:2] != (3, 11) or hasattr(sys, "gettotalrefcount") or sys.prefix == sys.base_prefix,
    reason="end to end on one interpreter only: the host's 3.11 release build, from its test venv",
)


def _ferrocpy_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    env.update(extra)
    return env


def test_help_lists_project_commands_first():
    r = subprocess.run([sys.executable, "-m", "ferrocpy", "--help"], env=_ferrocpy_env(),
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    commands = [m[1] for m in (re.match(r"^ {4}(\S+)", line) for line in r.stdout.splitlines()) if m]
    assert commands[:4] == ["new", "clinic", "develop", "cargo"], r.stdout
    assert set(commands[4:]) >= {"activate", "test", "bench"}


def test_new_refuses_bad_names_and_existing_directories(tmp_path):
    for name, msg in [("3d", "invalid project name '3d'"), ("json", "would shadow a Python module"),
                      ("a b", "invalid project name 'a b'")]:
        r = subprocess.run([sys.executable, "-m", "ferrocpy", "new", name, "--path", str(tmp_path / "x")],
                           env=_ferrocpy_env(), capture_output=True, text=True)
        assert r.returncode == 2
        assert r.stderr.startswith("ferrocpy new: error: ") and msg in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    r = subprocess.run([sys.executable, "-m", "ferrocpy", "new", "ok", "--path", str(tmp_path / "full")],
                       env=_ferrocpy_env(), capture_output=True, text=True)
    assert r.returncode == 2 and "already exists and is not an empty directory" in r.stderr
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["keep.txt"]


def _align_mtimes(shipped: Path, crates: Path) -> None:
    """Gives the crate sources installed in the fresh venv the modification times of the
    checkout's files they were copied from, so that cargo, which decides freshness by mtime,
    reuses what it compiled from them in an earlier run (same paths, same times) instead of
    compiling cpython-sys and ferrocpy again; a change in the checkout still rebuilds them."""
    for f in shipped.rglob("*"):
        if f.is_file():
            origin = crates / f.relative_to(shipped)
            if origin.is_file():
                st = origin.stat()
                os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))


def _scaffold(project: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "ferrocpy", "new", project.name, "--path", str(project)],
                       env=_ferrocpy_env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def _ferrocpy_venv(tmp_path: Path, venv: Path) -> tuple[Path, Path, dict[str, str]]:
    """A fresh venv of the base interpreter at `venv` with ferrocpy installed from a wheel of this
    checkout without an index (cargo finds its crates compiled already), pytest borrowed from
    this environment; returns its python, its site-packages and an offline environment."""
    shutil.rmtree(venv, ignore_errors=True)
    wheels = tmp_path / "wheels"
    code = "import sys; sys.path.insert(0, %r)\nimport ferrocpy.build as b\nprint(b.build_wheel(%r))\n" % (
        str(SRC), str(wheels))
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       env=dict(os.environ, FERROCPY_TEST_MODULES="0", FERROCPY_TARGET_DIR=os.environ.get(
                           "FERROCPY_TARGET_DIR", str(ROOT / "target" / "ferrocpy"))))
    assert r.returncode == 0, r.stderr[-3000:]
    wheel = wheels / r.stdout.strip().splitlines()[-1]

    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['platlib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    pip = [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-index"]
    offline = dict(os.environ, CARGO_NET_OFFLINE="true", FERROCPY_TARGET_DIR=str(venv.parent / "target"))
    offline.pop("PYTHONPATH", None)
    offline.pop("FERROCPY_TEST_ENV", None)
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True, env=offline)
    shipped = site / "ferrocpy" / "_rust"
    assert (shipped / "ferrocpy" / "Cargo.toml").is_file()
    # pytest is borrowed from this environment (no index to install it from) through a .pth line,
    # which puts it after the venv's own site-packages: the venv's ferrocpy comes first.
    import pytest as _pytest

    (site / "zz_borrowed_test_tools.pth").write_text(str(Path(_pytest.__file__).parents[1]) + "\n")
    _align_mtimes(shipped, ROOT / "crates")
    return py, site, offline


def test_new_project_builds_and_passes_its_tests_in_a_fresh_venv(tmp_path):
    t0 = time.monotonic()
    # A stable place (the cargo target directory keys its cache by source path), made afresh.
    work = ROOT / "target" / "scaffold-e2e" / sysconfig.get_platform()
    project = tmp_path / "demo-app"

    _scaffold(project)
    for rel in ("pyproject.toml", "README.md", ".ci/run", "rust/Cargo.toml", "rust/src/lib.rs",
                "rust/src/clinic/lib.rs", "rust/demo_app.pyi", "tests/test_demo_app.py"):
        assert (project / rel).is_file(), rel
    assert 'ferrocpy = "0.1"' in (project / "rust" / "Cargo.toml").read_text()
    assert 'build-backend = "ferrocpy.build"' in (project / "pyproject.toml").read_text()
    assert os.access(project / ".ci" / "run", os.X_OK)

    py, site, offline = _ferrocpy_venv(tmp_path, work / "venv")
    t_install = time.monotonic()

    # The project's own test script: clinic check, Rust unit tests, pip install, pytest.
    r = subprocess.run([str(project / ".ci" / "run")], cwd=project, capture_output=True, text=True,
                       env=dict(offline, PYTHON=str(py)))
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-5000:]
    assert "test result: ok. 3 passed" in out, out[-3000:]
    assert "9 passed" in out, out[-3000:]
    # It was built against the sources shipped in the fresh venv's ferrocpy.
    r = subprocess.run([str(py), "-c", "import demo_app, ferrocpy; print(demo_app.__file__, ferrocpy.__file__)"],
                       capture_output=True, text=True, env=offline, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert all(p.startswith(str(site)) for p in r.stdout.split()), r.stdout
    t_ci = time.monotonic()

    # ferrocpy develop: rebuilds in place (here build/editable/<abi>-<platform>, the project
    # having no Python sources), then does nothing, quickly, until a source changes.
    develop = [str(py), "-m", "ferrocpy", "develop"]
    r = subprocess.run(develop, cwd=project / "rust" / "src", env=offline, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    built = [ln.split("rebuilt ", 1)[1] for ln in r.stdout.splitlines() if "ferrocpy develop: rebuilt" in ln]
    assert len(built) == 1 and Path(built[0]).is_file(), r.stdout
    inplace = Path(built[0]).parent
    assert inplace.parent == project / "build" / "editable"
    t = time.monotonic()
    r = subprocess.run(develop, cwd=project, env=offline, capture_output=True, text=True)
    noop = time.monotonic() - t
    assert r.returncode == 0 and r.stdout.startswith("ferrocpy develop: up to date"), r.stdout + r.stderr
    assert "Compiling" not in r.stderr and "cargo" not in r.stderr
    lib = project / "rust" / "src" / "lib.rs"
    lib.write_text(lib.read_text().replace("Return a greeting for name.", "Return a greeting, freshly built."))
    r = subprocess.run(develop, cwd=project, env=offline, capture_output=True, text=True)
    assert r.returncode == 0 and "ferrocpy develop: rebuilt" in r.stdout, r.stderr[-3000:]
    r = subprocess.run([str(py), "-c", "import demo_app; print(demo_app.greet.__doc__.splitlines()[-1])"],
                       env=dict(offline, PYTHONPATH=str(inplace)), capture_output=True, text=True, cwd=tmp_path)
    assert r.stdout.strip() == "Return a greeting, freshly built.", r.stderr
    print(f"scaffold e2e: ferrocpy wheel + venv {t_install - t0:.1f} s, "
          f"project .ci/run {t_ci - t_install:.1f} s, develop {time.monotonic() - t_ci:.1f} s "
          f"(no-op {noop:.2f} s)")


@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0,
                    reason="needs unshare(1) and root for a network namespace")
def test_vendored_sdist_installs_with_the_network_cut(tmp_path):
    """Issue 15 item 2: `ferrocpy vendor` copies the project's Rust dependencies into it; the
    sdist then builds and installs in a network namespace (no network at all) with an empty
    CARGO_HOME (no registry cache either), the crates ferrocpy ships coming from the installed
    ferrocpy."""
    work = ROOT / "target" / "scaffold-e2e" / sysconfig.get_platform()
    project = tmp_path / "offline-app"
    _scaffold(project)
    py, site, offline = _ferrocpy_venv(tmp_path, work / "venv-offline")

    # Vendoring fetches every locked package, also those of other platforms that no build here
    # has downloaded: it may use the network (crates.io), as `cargo vendor` does.
    online = {k: v for k, v in offline.items() if k != "CARGO_NET_OFFLINE"}
    r = subprocess.run([str(py), "-m", "ferrocpy", "vendor"], cwd=project, env=online,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.startswith("ferrocpy vendor: ") and "packages in" in r.stdout, r.stdout
    config = (project / ".cargo" / "config.toml").read_text()
    assert 'replace-with = "vendored-sources"' in config and 'directory = "vendor"' in config
    vendored = {d.name.rsplit("-", 1)[0] for d in (project / "vendor").iterdir()}
    assert {"bindgen", "cc"} <= vendored, sorted(vendored)
    assert not vendored & {"ferrocpy", "cpython-sys"}, "the shipped crates come from the installed ferrocpy"

    # A second run refreshes; a config of the user's own is left alone.
    r = subprocess.run([str(py), "-m", "ferrocpy", "vendor"], cwd=project, env=online,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    other = tmp_path / "other-app"
    _scaffold(other)
    (other / ".cargo").mkdir()
    (other / ".cargo" / "config.toml").write_text("[build]\njobs = 1\n")
    r = subprocess.run([str(py), "-m", "ferrocpy", "vendor", str(other)], env=online,
                       capture_output=True, text=True)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "was not written by ferrocpy vendor" in r.stderr
    assert (other / ".cargo" / "config.toml").read_text() == "[build]\njobs = 1\n"

    sdists = tmp_path / "sdist"
    code = "import ferrocpy.build as b; print(b.build_sdist(%r))" % str(sdists)
    r = subprocess.run([str(py), "-c", code], cwd=project, env=offline, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    sdist = sdists / r.stdout.strip().splitlines()[-1]
    import tarfile

    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    base = names[0].split("/", 1)[0]
    assert f"{base}/.cargo/config.toml" in names
    assert any(n.startswith(f"{base}/vendor/bindgen-") for n in names)
    # Every vendored file is packed (cargo checks them against .cargo-checksum.json).
    on_disk = sum(1 for f in (project / "vendor").rglob("*") if f.is_file())
    assert sum(1 for n in names if n.startswith(f"{base}/vendor/")) == on_disk

    empty_home = tmp_path / "cargo-home"
    empty_home.mkdir()
    env = dict(offline, CARGO_HOME=str(empty_home), FERROCPY_TARGET_DIR=str(work / "target-offline"))
    env.pop("CARGO_NET_OFFLINE")
    r = subprocess.run(["unshare", "-n", str(py), "-m", "pip", "install", "--disable-pip-version-check",
                        "--no-index", "--no-build-isolation", "--no-deps", str(sdist)],
                       env=env, capture_output=True, text=True)
    assert r.returncode == 0, (r.stdout + r.stderr)[-5000:]
    r = subprocess.run([str(py), "-c", "import offline_app; print(offline_app.greet('net'), offline_app.__file__)"],
                       env=offline, capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Hello, net!"), r.stdout
    assert r.stdout.split()[-1].startswith(str(site)), r.stdout
