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
