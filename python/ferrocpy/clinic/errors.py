"""The one error type of the clinic: a problem with a location in a source file."""

from __future__ import annotations

from pathlib import Path


class ClinicError(Exception):
    """Bad clinic input (exit status 2) reported as ``file:line: message``."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def located(self, path: Path | str, line: int) -> "ClinicError":
        """This error, with a location filled in if it had none."""
        if self.path is None:
            self.path = path
        if self.line is None:
            self.line = line
        return self

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line if self.line is not None else 1}: "
        return f"{where}{self.message}"
