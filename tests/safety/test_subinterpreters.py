"""Subinterpreters with their own GIL (3.12+): every port, and ferrocpy._selftest, imports in
an isolated interpreter (own GIL, multi-phase init and per-interpreter-GIL support checked by
CPython) and gives the same results as CPython's C module; nothing is shared between
interpreters (module objects, exception classes, module state); several such interpreters run
the workloads at the same time, in parallel threads."""

from __future__ import annotations

import pickle
import sys
import textwrap
import threading
from pathlib import Path

import pytest

import workloads
from workloads import PORTS

pytestmark = pytest.mark.skipif(sys.version_info < (3, 12), reason="per-interpreter GIL is new in 3.12")

HERE = Path(__file__).resolve().parent


class Interp:
    """An isolated subinterpreter with its own GIL, through the low-level module of the
    running version (_xxsubinterpreters on 3.12, _interpreters on 3.13+)."""

    def __init__(self):
        if sys.version_info >= (3, 13):
            import _interpreters as low

            config = low.new_config("isolated")
            assert config.gil == "own" and config.check_multi_interp_extensions
            self.id = low.create(config)
        else:
            import _xxsubinterpreters as low

            # isolated=True: own GIL, own obmalloc, strict extension-module checks.
            self.id = low.create(isolated=True)
        self.low = low

    def run(self, src: str) -> None:
        """Runs `src` in the interpreter; raises RuntimeError with the interpreter's error."""
        src = textwrap.dedent(src)
        if sys.version_info >= (3, 13):
            err = self.low.exec(self.id, src)
            if err is not None:
                raise RuntimeError(f"{err.type.__name__}: {err.msg}\n{err.formatted}")
        else:
            try:
                self.low.run_string(self.id, src)
            except self.low.RunFailedError as e:
                raise RuntimeError(str(e)) from None

    def close(self):
        self.low.destroy(self.id)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _prologue(out: Path) -> str:
    return f"""
        import sys, pickle, importlib
        sys.path[:] = {sys.path!r}
        sys.path.insert(0, {str(HERE)!r})
        OUT = {str(out)!r}
        def report(value):
            with open(OUT, "wb") as f:
                pickle.dump(value, f)
    """


def _workload_src(name: str) -> str:
    return f"""
        import workloads
        mod = importlib.import_module("ferrocpy.ports.{name}")
        report({{
            "results": workloads.evaluate({name!r}, mod),
            "file": mod.__file__,
            "classes": {{k: id(v) for k, v in vars(mod).items() if isinstance(v, type)}},
            "module": id(mod),
            "interp_main": __import__("threading").main_thread() is __import__("threading").current_thread(),
        }})
    """


def _run_report(interp: Interp, src: str, out: Path):
    interp.run(textwrap.dedent(_prologue(out)) + textwrap.dedent(src))
    return pickle.loads(out.read_bytes())


def test_strict_interpreter_refuses_single_phase_modules(tmp_path):
    # The isolated interpreter really checks extension modules: a single-phase module is
    # refused with ImportError, so a port importing there is a real result.
    pytest.importorskip("_testsinglephase")
    with Interp() as it:
        r = _run_report(it, """
            try:
                import _testsinglephase
                report("imported")
            except ImportError as e:
                report(str(e))
        """, tmp_path / "out")
    assert "does not support loading in subinterpreters" in r


@pytest.mark.skipif(not PORTS, reason="no port is built")
def test_ports_in_subinterpreter_equal_c_module(port_name, tmp_path):
    expected = workloads.evaluate(port_name, workloads.reference_module(port_name))
    main_mod = workloads.port_module(port_name)
    with Interp() as it:
        r = _run_report(it, _workload_src(port_name), tmp_path / "out")
    assert r["file"] == main_mod.__file__
    mismatches = [(e, a, b) for e, a, b in zip(workloads.CALLS[port_name], r["results"], expected) if a != b]
    assert not mismatches, [(e, repr(a)[:150], repr(b)[:150]) for e, a, b in mismatches[:3]]
    # Nothing shared: the main interpreter's module and classes are alive here, so an equal id
    # would mean the very same object.
    assert r["module"] != id(main_mod)
    for k, cid in r["classes"].items():
        assert cid != id(getattr(main_mod, k)), f"{port_name}.{k} is shared between interpreters"


def test_selftest_in_subinterpreter(tmp_path):
    from ferrocpy import _selftest as st

    with Interp() as it:
        r = _run_report(it, """
            from ferrocpy import _selftest as st
            out = {"inline": st.check_inline(), "error_id": id(st.SelftestError)}
            try:
                st.panic("in a subinterpreter")
            except SystemError as e:
                out["panic"] = str(e)
            try:
                st.raise_own_error("own")
            except st.SelftestError as e:
                out["own"] = (type(e).__module__, type(e).__qualname__, str(e))
            ba = bytearray(b"abc")
            try:
                st.buffer_then_panic(ba)
            except SystemError:
                ba.extend(b"def")  # the buffer was released
            out["ba"] = bytes(ba)
            out["sum"] = st.detached_sum(bytes(range(256)) * 1024)
            report(out)
        """, tmp_path / "out")
    assert r["inline"] == []
    assert r["panic"] == "panic in Rust code: in a subinterpreter"
    assert r["own"] == ("ferrocpy._selftest", "SelftestError", "own")
    assert r["error_id"] != id(st.SelftestError)
    assert r["ba"] == b"abcdef"
    assert r["sum"] == sum(range(256)) * 1024


@pytest.mark.skipif(not PORTS, reason="no port is built")
def test_interpreters_run_ports_in_parallel_threads(tmp_path):
    """Two isolated interpreters (own GILs) run every port's workload at the same time, while
    the main interpreter runs it too; all three agree with the C module."""
    expected = {n: workloads.evaluate(n, workloads.reference_module(n)) for n in PORTS}
    src = "import workloads\nres = {}\n" + "".join(
        f"res[{n!r}] = workloads.evaluate({n!r}, importlib.import_module('ferrocpy.ports.{n}'))\n" for n in PORTS
    ) + "report(res)\n"
    interps = [Interp(), Interp()]
    results, errors = {}, []

    def run(i):
        try:
            results[i] = _run_report(interps[i], src, tmp_path / f"out{i}")
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    try:
        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(interps))]
        for t in threads:
            t.start()
        main_results = {n: workloads.evaluate(n, workloads.port_module(n)) for n in PORTS}
        for t in threads:
            t.join(600)
    finally:
        for it in interps:
            it.close()
    assert not errors, errors
    assert main_results == expected
    for i in range(len(interps)):
        assert results[i] == expected


def test_reimport_after_interpreter_destroyed(tmp_path):
    # Module state is per interpreter: destroying one (freeing its modules' state) leaves the
    # ports working in the next one and in the main interpreter.
    names = PORTS or []
    for _ in range(3):
        with Interp() as it:
            r = _run_report(it, f"""
                from ferrocpy import _selftest as st
                mods = [importlib.import_module("ferrocpy.ports." + n) for n in {names!r}]
                report([st.identity(7)] + [m.__name__ for m in mods])
            """, tmp_path / "out")
        assert r[0] == 7
    for n in names:
        assert workloads.evaluate(n, workloads.port_module(n)) == workloads.evaluate(n, workloads.reference_module(n))


def test_classes_in_subinterpreter(tmp_path):
    # A class's type is created per module object: a subinterpreter gets its own type, its
    # instances work there, and destroying the interpreter frees them (the main one's go on).
    try:
        from ferrocpy import _clinic_mirror as m
    except ImportError:
        pytest.skip("ferrocpy._clinic_mirror is not installed")
    main_obj = m.decompressobj()
    for _ in range(2):
        with Interp() as it:
            r = _run_report(it, """
                from ferrocpy import _clinic_mirror as m
                d = m.decompressobj(wbits=9)
                c = d.copy()
                out = {
                    "type_id": id(m.Decompress),
                    "same_type": type(c) is m.Decompress,
                    "decompress": d.decompress(b"ab", 2),
                    "calls": (d.calls(), c.calls()),
                    "qualname": m.Decompress.__qualname__,
                }
                try:
                    m.Decompress()
                except TypeError as e:
                    out["new"] = str(e)
                report(out)
            """, tmp_path / "out")
        assert r["type_id"] != id(m.Decompress)
        assert r["same_type"] and r["qualname"] == "Decompress"
        assert r["decompress"] == (b"ab", 2, 9, True)
        assert r["calls"] == (2, 0)
        assert r["new"] == "cannot create '_clinic_mirror.Decompress' instances"
    assert main_obj.decompress(b"x") == (b"x", 0, 15, True)
