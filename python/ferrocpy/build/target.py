"""Facts about the interpreter running the build: wheel tag and extension file suffix."""

from __future__ import annotations

import sys
import sysconfig
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    python: str
    ext_suffix: str
    interpreter_tag: str
    abi_tag: str
    platform_tag: str

    @property
    def tag(self) -> str:
        return f"{self.interpreter_tag}-{self.abi_tag}-{self.platform_tag}"

    @property
    def build_id(self) -> str:
        """Distinguishes cargo target directories per interpreter build."""
        return f"{self.abi_tag}-{self.platform_tag}"


def current() -> Target:
    if sys.implementation.name != "cpython":
        from .errors import BuildError

        raise BuildError(f"ferrocpy builds for CPython only, not {sys.implementation.name}")
    ver = f"{sys.version_info[0]}{sys.version_info[1]}"
    abiflags = getattr(sys, "abiflags", "") or ""
    if not abiflags:
        # Some distributions' interpreters do not set sys.abiflags; derive it.
        if hasattr(sys, "gettotalrefcount"):
            abiflags += "d"
        if sysconfig.get_config_var("Py_GIL_DISABLED"):
            abiflags += "t"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return Target(
        python=sys.executable,
        ext_suffix=sysconfig.get_config_var("EXT_SUFFIX"),
        interpreter_tag=f"cp{ver}",
        abi_tag=f"cp{ver}{abiflags}",
        platform_tag=platform,
    )
