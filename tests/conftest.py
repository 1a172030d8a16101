"""Shared helpers for ferrocpy's pytest suite (run once per interpreter by `dev.py test`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def rss_bytes() -> int:
    """Resident set size of this process (Linux)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


@pytest.fixture
def rss():
    return rss_bytes


IS_DEBUG_BUILD = hasattr(sys, "gettotalrefcount")


def pytest_report_header(config):
    """Says why `ferrocpy._selftest` imports fail when ferrocpy was installed as a production
    wheel (without its test-only modules, issue 15 item 6)."""
    import importlib.util

    try:
        if importlib.util.find_spec("ferrocpy") is None or importlib.util.find_spec("ferrocpy._selftest"):
            return None
    except ImportError:
        return None
    return ("ferrocpy is installed without its test-only modules (_selftest, _clinic_mirror): "
            "reinstall it with FERROCPY_TEST_MODULES=1 (dev.py test does)")
