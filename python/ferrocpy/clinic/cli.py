"""`python -m ferrocpy.clinic [--check] PATH...` (also `ferrocpy clinic`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ClinicError
from .files import plan, write

EXIT_OK, EXIT_STALE, EXIT_BAD_INPUT = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="ferrocpy clinic",
        description="Generate the Rust glue, text signatures and .pyi stubs of clinic blocks.",
    )
    ap.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="Rust source files or directories")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if any output is stale")
    ap.add_argument("--stubs", type=Path, metavar="DIR", help="write .pyi stubs to DIR (default: crate root)")
    ap.add_argument("--no-stubs", action="store_true", help="do not generate .pyi stubs")
    ap.add_argument("-q", "--quiet", action="store_true", help="do not list rewritten files")
    return ap


def regenerate(paths: list[Path] | list[str], stubs_dir: Path | None = None) -> list[Path]:
    """Brings every output for `paths` up to date; returns the files that changed.

    Raises ClinicError (nothing written) on bad input or hand-edited output."""
    outputs = plan([Path(p) for p in paths], stubs_dir=stubs_dir)
    for o in outputs:
        for line, msg in o.hand_edited:
            raise ClinicError(f"{msg}; move the edits out (or delete the output) and rerun", o.path, line)
    return write(outputs)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        outputs = plan(args.paths, stubs_dir=args.stubs, stubs=not args.no_stubs)
    except ClinicError as e:
        print(f"error: {e}" if e.path is None else str(e), file=sys.stderr)
        return EXIT_BAD_INPUT
    problems = []
    for o in outputs:
        for line, msg in o.hand_edited:
            problems.append(f"{o.path}:{line}: {msg}")
    if args.check:
        for o in outputs:
            if o.stale and not o.hand_edited:
                state = "missing" if o.old is None else "out of date"
                problems.append(f"{o.path}:{o.line}: {o.what} is {state}; run `python -m ferrocpy.clinic {o.source or o.path}`")
        for p in problems:
            print(p, file=sys.stderr)
        return EXIT_STALE if problems else EXIT_OK
    if problems:
        for p in problems:
            print(p + "; move the edits out (or delete the output) and rerun", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in write(outputs):
        if not args.quiet:
            print(f"rewrote {path}")
    return EXIT_OK
