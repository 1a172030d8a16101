"""Runs CPython's own test_binascii and test_base64 (from the running interpreter's ``test``
package) with ferrocpy's binascii port installed as ``binascii``.

Usage: python run_cpython_suites.py [-v]. Ends with one line ``N passed, N failed, N skipped``
and exits 0 only when nothing failed. Used by test_binascii_cpython_suites.py; independent of
``ferrocpy test`` (which does the same through ferrocpy.activation).
"""

from __future__ import annotations

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import binascii_port  # noqa: E402

port = binascii_port.install_as_binascii()

SUITES = ["test.test_binascii", "test.test_base64"]


def main() -> int:
    verbosity = 2 if "-v" in sys.argv[1:] else 1
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for name in SUITES:
        suite.addTests(loader.loadTestsFromName(name))
    # The suites must have imported the port, not the C module.
    import base64
    import test.test_binascii as tb

    assert tb.binascii is port, tb.binascii
    assert base64.binascii is port, base64.binascii
    result = unittest.TextTestRunner(verbosity=verbosity, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
