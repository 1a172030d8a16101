"""Fixtures for the clinic tests: the `ferrocpy.clinic` package and the `_clinic_mirror` module
(installed `ferrocpy._clinic_mirror`, or built here with cargo: see mirror_build.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

try:
    import ferrocpy.clinic  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT / "python"))

sys.path.insert(0, str(HERE))
from mirror_build import Unavailable, build_mirror  # noqa: E402


@pytest.fixture(scope="session")
def mirror():
    try:
        return build_mirror()
    except Unavailable as e:
        pytest.skip(str(e))
