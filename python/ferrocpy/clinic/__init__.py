"""Argument Clinic for Rust.

Reads CPython's clinic language in ``/*[clinic input] ... [clinic start generated code]*/``
blocks of Rust source files and generates, for each function: the impl function's signature
(in the source, under the block), the glue that binds and converts arguments with
``ferrocpy::args``/``ferrocpy::argconv`` (in ``clinic/<source name>`` next to the source), a
docstring whose signature line gives ``inspect.signature``, and a ``.pyi`` stub per module.
See docs/CLINIC.md.
"""

from .cli import main, regenerate
from .errors import ClinicError

__all__ = ["ClinicError", "main", "regenerate"]
