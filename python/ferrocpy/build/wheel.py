"""Writing wheels (PEP 427) and their metadata (core metadata 2.1)."""

from __future__ import annotations

import base64
import hashlib
import os
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .config import Project

GENERATOR = "ferrocpy.build"


def metadata_text(project: Project) -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project.name}",
        f"Version: {project.version}",
    ]
    if project.summary:
        lines.append(f"Summary: {project.summary}")
    if project.license_text:
        lines.append(f"License: {project.license_text}")
    if project.requires_python:
        lines.append(f"Requires-Python: {project.requires_python}")
    for dep in project.dependencies:
        lines.append(f"Requires-Dist: {dep}")
    body = ""
    if project.readme and project.readme.is_file():
        ctype = "text/markdown" if project.readme.suffix.lower() == ".md" else "text/plain"
        lines.append(f"Description-Content-Type: {ctype}")
        body = "\n" + project.readme.read_text(encoding="utf-8")
    return "\n".join(lines) + "\n" + body


def entry_points_text(project: Project) -> str | None:
    if not project.scripts:
        return None
    out = ["[console_scripts]"]
    out += [f"{name} = {target}" for name, target in sorted(project.scripts.items())]
    return "\n".join(out) + "\n"


def _hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@dataclass
class WheelWriter:
    """Collects files, then writes the wheel with its RECORD in one go (reproducibly ordered)."""

    project: Project
    tag: str
    root_is_purelib: bool = False
    files: dict[str, bytes] = field(default_factory=dict)
    modes: dict[str, int] = field(default_factory=dict)

    @property
    def dist_info(self) -> str:
        return f"{self.project.dist_name}-{self.project.version}.dist-info"

    @property
    def filename(self) -> str:
        return f"{self.project.dist_name}-{self.project.version}-{self.tag}.whl"

    def add_bytes(self, arcname: str, data: bytes, mode: int = 0o644) -> None:
        self.files[arcname] = data
        self.modes[arcname] = mode

    def add_file(self, arcname: str, path: Path) -> None:
        self.add_bytes(arcname, path.read_bytes(), 0o755 if os.access(path, os.X_OK) else 0o644)

    def add_tree(self, src: Path, prefix: str = "") -> None:
        """Adds a pure-Python source tree, skipping caches and compiled artefacts."""
        for path in sorted(src.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(src)
            if "__pycache__" in rel.parts or path.suffix in (".pyc", ".so", ".pyd", ".dylib"):
                continue
            self.add_file(prefix + rel.as_posix(), path)

    def add_metadata(self, extra: dict[str, str] | None = None) -> None:
        self.add_bytes(f"{self.dist_info}/METADATA", metadata_text(self.project).encode())
        wheel = (
            "Wheel-Version: 1.0\n"
            f"Generator: {GENERATOR}\n"
            f"Root-Is-Purelib: {'true' if self.root_is_purelib else 'false'}\n"
            f"Tag: {self.tag}\n"
        )
        self.add_bytes(f"{self.dist_info}/WHEEL", wheel.encode())
        eps = entry_points_text(self.project)
        if eps:
            self.add_bytes(f"{self.dist_info}/entry_points.txt", eps.encode())
        for name, text in (extra or {}).items():
            self.add_bytes(f"{self.dist_info}/{name}", text.encode())

    def write(self, directory: Path) -> str:
        directory.mkdir(parents=True, exist_ok=True)
        record_name = f"{self.dist_info}/RECORD"
        records = [f"{name},{_hash(data)},{len(data)}" for name, data in sorted(self.files.items())]
        records.append(f"{record_name},,")
        self.files[record_name] = ("\n".join(records) + "\n").encode()
        self.modes[record_name] = 0o644
        stamp = time.localtime(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")))[:6]
        out = directory / self.filename
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            # dist-info last, as the spec recommends.
            order = sorted(self.files, key=lambda n: (n.startswith(self.dist_info), n))
            for name in order:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.external_attr = (self.modes[name] | 0o100000) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, self.files[name])
        return self.filename
