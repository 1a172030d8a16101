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


def pytest_collection_modifyitems(config, items):
    # The workloads call binascii's hqx functions on 3.10, which warn that they are deprecated
    # (C and port alike): expected, not worth a line per call in the summary.
    here = Path(__file__).resolve().parent
    mark = pytest.mark.filterwarnings(r"ignore:binascii\.\w+\(\) is deprecated:DeprecationWarning")
    for item in items:
        if Path(str(item.fspath)).resolve().parent == here:
            item.add_marker(mark)
