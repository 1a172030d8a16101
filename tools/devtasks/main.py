"""dev.py's commands."""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import demo
from .envs import ROOT, Env, build_env, ensure_env, install_projects
from .log import step
from .results import Tally, cargo_counts, junit_counts, merge, plain_counts
from .system import default_interpreter, ensure_toolchain, interpreters



@dataclass
class Console:
    """Where the output of a step's command goes: streamed to stdout as it comes, or, for
    interpreters tested side by side, kept and printed as one block when they are done."""

    buffered: bool = False
    chunks: list[str] = field(default_factory=list)

    def run(self, cmd: list[str], label: str, env: dict[str, str] | None = None) -> tuple[int, str]:
        """Runs a command and returns (status, output)."""
        step(label)
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = []
        assert proc.stdout is not None
        for line in proc.stdout:
            if self.buffered:
                self.chunks.append(line)
            else:
                sys.stdout.write(line)
            lines.append(line)
        return proc.wait(), "".join(lines)


def _run_capture(cmd: list[str], label: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Runs a command, streaming its output, and returns (status, output)."""
    return Console().run(cmd, label, env)


def rust_checks(tally: Tally) -> None:
    rc, out = _run_capture(["cargo", "fmt", "--all", "--", "--check"], "cargo fmt --check")
    if rc:
        tally.fail("cargo fmt --check")
    rc, out = _run_capture(
        ["cargo", "clippy", "--workspace", "--all-targets", "--release", "--", "-D", "warnings"],
        "cargo clippy --all-targets -- -D warnings",
    )
    if rc:
        tally.fail("cargo clippy")
    for label, manifest in (("cargo test --workspace", "Cargo.toml"),
                            ("cargo test (examples/seed_demo)", "examples/seed_demo/rust/Cargo.toml")):
        # seed_demo asks for `ferrocpy = "0.1"`, as a third-party project does: Cargo is pointed
        # at this checkout's crates, as ferrocpy.build does for it.
        patch = [] if manifest == "Cargo.toml" else [
            arg for name in ("ferrocpy", "cpython-sys")
            for arg in ("--config", f'patch.crates-io.{name}.path="{ROOT / "crates" / name}"')
        ]
        if manifest != "Cargo.toml":
            rc, _ = _run_capture(
                ["cargo", "clippy", "--manifest-path", manifest, *patch, "--all-targets", "--release",
                 "--", "-D", "warnings"],
                f"cargo clippy ({manifest})",
            )
            if rc:
                tally.fail(f"cargo clippy ({manifest})")
        rc, out = _run_capture(["cargo", "test", "--manifest-path", manifest, *patch, "--workspace", "--release"],
                               label)
        p, f, s = cargo_counts(out)
        tally.add(p, f, s, label)
        if rc and not f:
            tally.fail(label)


def newest_clippy(envs: list[Env], tally: Tally) -> None:
    """clippy for the bindings and the safe layer built for the newest release interpreter too:
    their version-specific code (3.14's count word, 3.15's PEP 793 export) is compiled only
    there, and the workspace pass above uses the default python3."""
    newest = [e for e in envs if not e.interp.debug]
    if not newest:
        return
    env = max(newest, key=lambda e: e.interp.name)
    e = build_env()
    e["FERROCPY_PYTHON"] = str(env.inner_python)
    e["CARGO_TARGET_DIR"] = str(Path(e["FERROCPY_TARGET_DIR"]) / f"clippy-{env.interp.name}")
    rc, _ = _run_capture(
        env.interp.wrap(["cargo", "clippy", "--release", "-p", "cpython-sys", "-p", "ferrocpy", "--all-targets",
                         "--", "-D", "warnings"]),
        f"{env.interp.name}: cargo clippy -p cpython-sys -p ferrocpy -- -D warnings",
        env=e,
    )
    if rc:
        tally.fail(f"{env.interp.name} cargo clippy")


def freethreaded_check(envs: list[Env], tally: Tally) -> None:
    """No free-threaded CPython can be installed here, so, as far as construction can show it:
    the whole workspace passes clippy compiled against the newest release interpreter's headers
    configured with `Py_GIL_DISABLED` (`ft_headers.py`, `$FERROCPY_HEADERS`), and the layout
    tests check the free-threaded object header against those headers."""
    newest = [e for e in envs if not e.interp.debug and e.interp.launcher is not None]
    if not newest:
        return
    env = max(newest, key=lambda e: e.interp.name)
    name = env.interp.name
    headers = ROOT / "target" / "ft-headers" / name
    rc, _ = _run_capture(
        env.interp.wrap([str(env.interp.path), str(ROOT / "tools" / "devtasks" / "ft_headers.py"), str(headers)]),
        f"{name}: headers configured with Py_GIL_DISABLED",
    )
    if rc:
        tally.fail(f"{name}t headers")
        return
    e = build_env()
    e["FERROCPY_PYTHON"] = str(env.interp.path)
    e["FERROCPY_HEADERS"] = str(headers)
    e["CARGO_TARGET_DIR"] = str(Path(e["FERROCPY_TARGET_DIR"]) / f"ft-check-{name}")
    rc, _ = _run_capture(
        env.interp.wrap(["cargo", "clippy", "--release", "--workspace", "--all-targets", "--", "-D", "warnings"]),
        f"{name}t (free-threaded headers): cargo clippy --workspace -- -D warnings",
        env=e,
    )
    if rc:
        tally.fail(f"{name}t cargo clippy")
    else:
        tally.add(1, 0, 0, f"{name}t clippy")
    rc, out = _run_capture(
        env.interp.wrap(["cargo", "test", "--release", "-p", "cpython-sys", "--test", "layout"]),
        f"{name}t (free-threaded headers): cpython-sys layout tests",
        env=e,
    )
    p, f, s = cargo_counts(out)
    tally.add(p, f, s, f"{name}t layout")
    if rc and not f:
        tally.fail(f"{name}t layout")


def fuzz_bounded(tally: Tally) -> None:
    """Coverage-guided fuzzing of the pure Rust cores, bounded (3 targets x 15 s)."""
    for script in sorted(ROOT.glob("ports/*/core/fuzz/run_bounded.sh")):
        e = dict(os.environ)
        e.setdefault("FUZZ_SECONDS", "15")
        rc, out = _run_capture(["bash", str(script)], f"bounded fuzzing: {script.relative_to(ROOT)}", env=e)
        ok = out.count(": ok, ")
        crashed = out.count(": CRASH")
        tally.add(ok, crashed, 0, f"fuzz {script.parents[2].name}")
        if rc and not crashed:
            tally.fail(f"fuzz {script.relative_to(ROOT)}")


def clinic_check(env: Env, tally: Tally) -> None:
    files = subprocess.run(
        ["git", "grep", "-l", "-F", "[clinic input]", "--", "*.rs"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    has_clinic = env.run("-c", "import ferrocpy.clinic", check=False, capture_output=True).returncode == 0
    if not files or not has_clinic:
        return
    rc, _ = _run_capture([str(env.python), "-m", "ferrocpy.clinic", "--check", *files], "clinic --check")
    if rc:
        tally.fail("clinic --check")
    else:
        tally.add(1, 0, 0, "clinic --check")


def layout_tests(env: Env, tally: Tally, con: Console) -> None:
    """cpython-sys's layout tests against this interpreter's own headers."""
    e = build_env()
    # The same interpreter path and target directory as the wheel build, so cargo reuses the
    # bindings it generated there instead of running bindgen again.
    build_id = env.run(
        "-c", "from ferrocpy.build.target import current; print(current().build_id)",
        capture_output=True, text=True,
    ).stdout.strip()
    e["FERROCPY_PYTHON"] = str(env.inner_python)
    e["CARGO_TARGET_DIR"] = str(Path(e["FERROCPY_TARGET_DIR"]) / build_id)
    rc, out = con.run(
        env.interp.wrap(["cargo", "test", "--release", "-p", "cpython-sys"]),
        f"{env.interp.name}: cpython-sys layout tests",
        env=e,
    )
    p, f, s = cargo_counts(out)
    tally.add(p, f, s, f"{env.interp.name} layout")
    if rc and not f:
        tally.fail(f"{env.interp.name} layout")


def pytest_run(env: Env, tally: Tally, extra: list[str], con: Console) -> None:
    report = ROOT / "target" / "test-reports" / f"pytest-{env.interp.name}.xml"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.unlink(missing_ok=True)
    cmd = [str(env.python), "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *extra]
    e = dict(os.environ, FERROCPY_TEST_ENV=env.interp.name)
    rc, _ = con.run(cmd, f"{env.interp.name}: pytest tests", env=e)
    counts = junit_counts(report)
    if counts is None:
        tally.fail(f"{env.interp.name} pytest")
        return
    tally.add(*counts, f"{env.interp.name} pytest")
    if rc not in (0, 1, 5) and not counts[1]:
        tally.fail(f"{env.interp.name} pytest (exit {rc})")


def ports_present(env: Env) -> list[str]:
    """The ports installed in `env` that CPython has regression tests for (each port declares
    them in its own Cargo.toml; the build records them beside the ports' library)."""
    code = (
        "from ferrocpy.testing import port_tests\n"
        "print(' '.join(n for n, tests in sorted(port_tests().items()) if tests))"
    )
    r = env.run("-c", code, check=False, capture_output=True, text=True)
    return r.stdout.split()


def cpython_suites(env: Env, tally: Tally, con: Console) -> None:
    ports = ports_present(env)
    if not ports:
        return
    rc, out = con.run(
        [str(env.python), "-m", "ferrocpy.cli", "test", *ports],
        f"{env.interp.name}: ferrocpy test {' '.join(ports)} (CPython's own suites, ports active)",
    )
    counts = plain_counts(out)
    if counts is None:
        tally.fail(f"{env.interp.name} ferrocpy test")
        return
    tally.add(*counts, f"{env.interp.name} ferrocpy test")
    if rc and not counts[1]:
        tally.fail(f"{env.interp.name} ferrocpy test (exit {rc})")


def refleak_suites(env: Env, tally: Tally, con: Console) -> None:
    """On the debug build: CPython's suites for the ports under regrtest's -R 3:3 (ferrocpy.refleaks)."""
    ports = ports_present(env)
    if not ports:
        return
    rc, out = con.run(
        [str(env.python), "-m", "ferrocpy.refleaks", *ports],
        f"{env.interp.name}: ferrocpy test --refleaks {' '.join(ports)} (regrtest -R 3:3, ports active)",
    )
    counts = plain_counts(out)
    if counts is None:
        tally.fail(f"{env.interp.name} refleaks")
        return
    tally.add(*counts, f"{env.interp.name} refleaks")
    if rc and not counts[1]:
        tally.fail(f"{env.interp.name} refleaks (exit {rc})")


@functools.cache
def _refleak_parser():
    """`ferrocpy.refleaks.parse` from this checkout (imported once, before interpreters are
    tested side by side: the import edits `sys.path`)."""
    sys.path.insert(0, str(ROOT / "python"))
    try:
        from ferrocpy.refleaks import parse
    finally:
        sys.path.pop(0)
    return parse


def mirror_refleaks(env: Env, tally: Tally, con: Console) -> None:
    """On the debug build: the clinic mirror's classes (ferrocpy._clinic_mirror) under regrtest's
    -R 3:3 (issue 12), from tests/refleak_suites, read as `ferrocpy.refleaks` reads a port's."""
    test = "test_clinic_mirror_classes"
    rc, out = con.run(
        [str(env.python), "-X", "faulthandler", "-m", "test", "--testdir", str(ROOT / "tests" / "refleak_suites"),
         "-R", "3:3", test],
        f"{env.interp.name}: regrtest -R 3:3 {test} (the clinic mirror's classes)",
    )
    r = _refleak_parser()(test, out, rc)
    if r.ok:
        tally.add(1, 0, 0, f"{env.interp.name} mirror refleaks")
    else:
        tally.add(0, 1, 0, f"{env.interp.name} mirror refleaks ({'; '.join(r.problems)})")


def interpreter_tests(env: Env, extra: list[str], con: Console) -> Tally:
    """Every test of one interpreter: layout, pytest, CPython's suites (and on a debug build
    the reference-leak runs)."""
    tally = Tally()
    layout_tests(env, tally, con)
    pytest_run(env, tally, extra, con)
    cpython_suites(env, tally, con)
    if env.interp.debug:
        refleak_suites(env, tally, con)
        mirror_refleaks(env, tally, con)
    return tally


def test_interpreters(envs: list[Env], tally: Tally, extra: list[str], jobs: int) -> None:
    """Tests the interpreters, `jobs` at a time. Each one's tests run one after another in one
    process at a time (pytest, regrtest), so on a machine of N cores N interpreters side by side
    use it; each one's output is printed in one block when it is done. The slowest (debug
    builds) start first."""
    if jobs == 1:
        for env in envs:
            merge(tally, interpreter_tests(env, extra, Console()))
        return
    _refleak_parser()
    order = sorted(envs, key=lambda e: not e.interp.debug)

    def lane(env: Env) -> tuple[Env, Tally, Console]:
        con = Console(buffered=True)
        return env, interpreter_tests(env, extra, con), con

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for fut in as_completed([pool.submit(lane, env) for env in order]):
            env, got, con = fut.result()
            sys.stdout.write(f"\n===== {env.interp.name}: output of its tests =====\n")
            sys.stdout.write("".join(con.chunks))
            sys.stdout.flush()
            merge(tally, got)


def cmd_test(args: argparse.Namespace) -> int:
    ensure_toolchain()
    tally = Tally()
    wanted = args.only or []
    newest = not args.no_newest or any(n.startswith(("cp314", "cp315")) for n in wanted)
    if args.only and not any(n.startswith(("cp314", "cp315")) for n in wanted):
        newest = False  # no need for the unstable root
    interps = interpreters(with_debug=not args.no_debug, with_newest=newest)
    if args.only:
        interps = [i for i in interps if i.name in args.only]
    envs = []
    for interp in interps:
        env = ensure_env(interp)
        try:
            install_projects(env)
        except subprocess.CalledProcessError:
            tally.fail(f"{interp.name} build")
            continue
        envs.append(env)
    if not args.no_rust:
        rust_checks(tally)
        newest_clippy(envs, tally)
        freethreaded_check(envs, tally)
        fuzz_bounded(tally)
    if envs:
        clinic_check(envs[0], tally)
    test_interpreters(envs, tally, args.pytest_args, max(1, args.jobs))
    for f in tally.failures:
        print(f"FAILED: {f}")
    print(tally.line())
    return 1 if tally.failed else 0


def cmd_demo(args: argparse.Namespace) -> int:
    ensure_toolchain()
    env = ensure_env(default_interpreter())
    install_projects(env)
    return demo.run(env)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dev.py", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="build, then show the Rust modules beside their C/Python counterparts")
    t = sub.add_parser("test", help="build for every interpreter and run all tests")
    t.add_argument("--only", nargs="*", help="interpreter names to test (cp310 cp311 cp312 cp313 cp314 cp315 cp311d cp314d cp315d)")
    t.add_argument("--no-debug", action="store_true", help="skip the debug builds (3.11d, 3.14d, 3.15d)")
    t.add_argument("--no-newest", action="store_true",
                   help="skip CPython 3.14/3.15, release and debug (run from a Debian-unstable root)")
    t.add_argument("--no-rust", action="store_true", help="skip cargo fmt/clippy/test")
    t.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                   help="interpreters tested side by side (default: the number of CPUs)")
    t.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = parser.parse_args(argv)
    return {"demo": cmd_demo, "test": cmd_test}[args.command](args)
