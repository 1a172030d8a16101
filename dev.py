#!/usr/bin/env python3
"""ferrocpy's two set-up-and-run commands (stdlib only; runs under any Python 3.10+).

    python3 dev.py demo    build everything for this machine's default CPython, then show the
                           Rust modules working beside their C or Python counterparts
    python3 dev.py test    build for every CPython on the machine (3.10-3.13 from pyenv, plus
                           Debian's debug 3.11 when available) and run all the tests

Both install what they need first: Debian packages (libclang for bindgen, the debug
interpreter) when running as root, one virtual environment per interpreter under .venv/,
and the Python test tools from PyPI. Run again, they only redo what changed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))

from devtasks.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
