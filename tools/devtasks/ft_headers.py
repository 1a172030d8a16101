"""Writes a copy of the running interpreter's headers configured for a free-threaded build.

Usage: python ft_headers.py DEST. Run with the target interpreter (inside the Debian-unstable
root for 3.14/3.15). DEST receives the include directory with its ``pyconfig.h`` replaced by the
platform's real one (Debian's is a dispatcher to ``<multiarch>/pythonX.Y/pyconfig.h``) with
``Py_GIL_DISABLED`` defined. No free-threaded CPython can be installed here; compiling against
these headers is as far as construction can show that the code is free-threading-ready."""

from __future__ import annotations

import re
import shutil
import sys
import sysconfig
from pathlib import Path


def main(dest: Path) -> None:
    include = Path(sysconfig.get_paths()["include"])
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(include, dest)
    cfg = dest / "pyconfig.h"
    text = cfg.read_text()
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    m = re.search(r"#\s*include <(" + re.escape(multiarch) + r"/python[\d.]+/pyconfig\.h)>", text) if multiarch else None
    if m:
        text = Path("/usr/include", m.group(1)).read_text()
    text = text.replace("/* #undef Py_GIL_DISABLED */", "#define Py_GIL_DISABLED 1")
    if not re.search(r"^#define Py_GIL_DISABLED 1$", text, re.M):
        text += "\n#define Py_GIL_DISABLED 1\n"
    cfg.write_text(text)
    print(dest)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
