"""CPython's own test_binascii and test_base64 (from the running interpreter's ``test`` package)
with ferrocpy's binascii port as ``binascii``."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed, (\d+) skipped$", re.M)


def _has_test_package() -> bool:
    try:
        import test.test_binascii  # noqa: F401
    except ImportError:
        return False
    return True


needs_suites = pytest.mark.skipif(not _has_test_package(), reason="interpreter has no test package")


@needs_suites
def test_suites_with_port_in_sys_modules():
    """Runs the suites in a fresh interpreter with the port installed as sys.modules['binascii']
    (run_cpython_suites.py checks that the suites and base64 really use the port)."""
    r = subprocess.run(
        [sys.executable, os.path.join(HERE, "run_cpython_suites.py")],
        capture_output=True, text=True, timeout=600,
    )
    m = SUMMARY.search(r.stdout)
    assert m, r.stdout[-3000:] + r.stderr[-3000:]
    passed, failed, _skipped = map(int, m.groups())
    assert failed == 0 and r.returncode == 0, r.stdout[-5000:] + r.stderr[-3000:]
    assert passed > 50


def _ferrocpy_test_available() -> bool:
    try:
        import ferrocpy.testing  # noqa: F401
    except ImportError:
        return False
    return True


@needs_suites
@pytest.mark.skipif(not _ferrocpy_test_available(), reason="`ferrocpy test` not available yet")
def test_ferrocpy_test_binascii():
    """The same through the public command, `ferrocpy test binascii` (activation machinery)."""
    r = subprocess.run(
        [sys.executable, "-c", "import sys; from ferrocpy.cli import main; sys.exit(main())",
         "test", "binascii"],
        capture_output=True, text=True, timeout=600,
    )
    last = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
    m = SUMMARY.match(last)
    assert m, r.stdout[-3000:] + r.stderr[-3000:]
    assert int(m.group(2)) == 0 and r.returncode == 0, r.stdout[-5000:] + r.stderr[-3000:]
