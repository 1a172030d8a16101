"""Fixtures for the safety tests: the ports built for this interpreter."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workloads import PORTS  # noqa: E402


@pytest.fixture(params=PORTS or [pytest.param(None, marks=pytest.mark.skip(reason="no port is built"))])
def port_name(request) -> str:
    return request.param
