"""ferrocpy.activate / FERROCPY_ACTIVATE and `ferrocpy test`, each in a child interpreter so the
test process's own imports stay untouched."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from bh_support import load_port

load_port("_bisect")  # skips the module when the ports are not built
load_port("_heapq")


def py(code: str, env_extra: dict | None = None, check=True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "FERROCPY_ACTIVATE"}
    env.update(env_extra or {})
    p = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(p.stdout + p.stderr)
    return p


def test_activate_then_import_and_fresh_import():
    out = py(
        """
        import ferrocpy, sys
        from ferrocpy import activation
        print(ferrocpy.activate("_bisect", "_heapq"))
        import _bisect, _heapq, bisect, heapq
        from test.support import import_helper
        fresh = import_helper.import_fresh_module("bisect", fresh=["_bisect"])
        print(_bisect.__file__ == activation.port_file("_bisect"))
        print(_heapq.__file__ == activation.port_file("_heapq"))
        print(sys.modules[fresh.bisect_left.__module__].__file__ == activation.port_file("_bisect"))
        print(bisect.bisect_left.__module__, type(bisect.bisect_left).__name__, heapq.heappush.__module__)
        print(fresh.bisect_left([1, 2, 3], 2), heapq.nsmallest(2, [5, 1, 4]))
        """
    ).stdout.split("\n")
    assert out[:6] == ["['_bisect', '_heapq']", "True", "True", "True", "_bisect builtin_function_or_method _heapq", "1 [1, 4]"]


def test_env_var_activates_at_startup():
    out = py(
        """
        import sys
        import _bisect, _heapq, ferrocpy
        print(ferrocpy.active())
        print("ferrocpy" in _bisect.__file__, "ferrocpy" in _heapq.__file__)
        """,
        {"FERROCPY_ACTIVATE": "_bisect, _heapq"},
    ).stdout.split("\n")
    assert out[:2] == ["['_bisect', '_heapq']", "True True"]


def test_unset_variable_costs_nothing():
    out = py("import sys; print('ferrocpy' in sys.modules, 'ferrocpy.activation' in sys.modules)").stdout
    assert out.strip() == "False False"
    out = py("import _heapq; print('ferrocpy' in (getattr(_heapq, '__file__', None) or ''))").stdout
    assert out.strip() == "False"


def test_already_imported_module_is_replaced():
    out = py(
        """
        import sys, _heapq
        c = _heapq
        import ferrocpy
        ferrocpy.activate("_heapq")
        import _heapq
        print(_heapq is not c, "ferrocpy" in _heapq.__file__, sys.modules["_heapq"] is _heapq)
        ferrocpy.deactivate("_heapq")
        import _heapq
        print("ferrocpy" in (getattr(_heapq, "__file__", "") or ""), ferrocpy.active())
        """
    ).stdout.split("\n")
    assert out[:2] == ["True True True", "False []"]


def test_unknown_port_is_one_clear_error():
    p = py(
        """
        import ferrocpy
        from ferrocpy.activation import UnknownPortError
        try:
            ferrocpy.activate("_heapq", "no_such_module")
        except UnknownPortError as e:
            print("error:", e)
        print(ferrocpy.active())
        """
    )
    lines = p.stdout.splitlines()
    assert lines[0].startswith("error: ferrocpy has no port named 'no_such_module'")
    assert "_bisect" in lines[0] and "_heapq" in lines[0]  # lists what exists
    assert lines[1] == "[]"  # nothing activated when one name is bad
    p = py("import _heapq; print('ok')", {"FERROCPY_ACTIVATE": "no_such_module"})
    assert p.stdout.strip() == "ok"
    assert p.stderr.count("no port named 'no_such_module'") == 1


def ferrocpy_cli(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "FERROCPY_ACTIVATE"}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "ferrocpy.cli", *args], env=env, capture_output=True, text=True)


def test_cli_activate():
    p = ferrocpy_cli("activate", "_bisect,_heapq")
    assert p.returncode == 0
    assert p.stdout.splitlines()[-1] == "export FERROCPY_ACTIVATE=_bisect,_heapq"
    p = ferrocpy_cli("activate", "nope")
    assert p.returncode == 1 and "no port named 'nope'" in p.stderr
    p = ferrocpy_cli("activate", env_extra={"FERROCPY_ACTIVATE": "_heapq"})
    assert p.returncode == 0 and "_heapq ->" in p.stdout and ": active" in p.stdout


def test_cli_bench_lists_its_suites():
    p = ferrocpy_cli("bench")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("suites: ") and "binascii" in p.stdout.split()


def test_ferrocpy_test_bisect_heapq_passes():
    p = ferrocpy_cli("test", "_bisect", "_heapq")
    last = p.stdout.strip().splitlines()[-1]
    assert p.returncode == 0, p.stdout + p.stderr[-3000:]
    passed, failed, skipped = (int(w) for w in last.replace(",", "").split()[::2])
    assert last == f"{passed} passed, {failed} failed, {skipped} skipped"
    assert failed == 0 and passed > 50
    assert "_bisect is the port" in p.stderr and "_heapq is the port" in p.stderr


def test_ferrocpy_test_fails_when_the_c_module_is_used(tmp_path):
    # A sitecustomize that disables the activation finder: the C module gets imported, and the
    # run must fail even though every CPython test passes.
    (tmp_path / "sitecustomize.py").write_text(
        "import ferrocpy.activation as a\na.PortFinder.find_spec = classmethod(lambda *args, **kw: None)\n"
    )
    env = {"PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    p = ferrocpy_cli("test", "_heapq", env_extra=env)
    assert p.returncode == 1
    assert "not the port" in p.stderr
    last = p.stdout.strip().splitlines()[-1]
    assert " passed, " in last and not last.endswith(" 0 failed, 0 skipped")


def test_ferrocpy_test_unknown_module_and_missing_interpreter(tmp_path):
    p = ferrocpy_cli("test", "no_such_module")
    assert p.returncode == 2 and "no CPython tests are known" in p.stderr
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nexit 139\n")
    fake.chmod(0o755)
    p = ferrocpy_cli("test", "_heapq", "--python", str(fake))
    assert p.returncode == 1
    assert p.stdout.strip().splitlines()[-1] == "0 passed, 1 failed, 0 skipped"
