"""The ``ferrocpy`` command line.

Projects (a Rust extension module built with ferrocpy.build):

    ferrocpy new NAME [--path DIR]     create a project: crate, clinic examples, tests, README, .ci/run
    ferrocpy clinic [--check] PATH...  Argument Clinic for Rust (ferrocpy.clinic)
    ferrocpy develop [--force]         rebuild the project's modules in place when sources changed
    ferrocpy cargo ARGS...             run cargo on the project's crates as the backend does
                                       (e.g. `ferrocpy cargo test`: this interpreter, no registry)
    ferrocpy vendor [PATH] [--into DIR]
                                       copy every Rust dependency into the project (vendor/ and
                                       .cargo/config.toml), so that its sdist builds offline

Ports (CPython's C modules in Rust):

    ferrocpy activate [NAME...]        show the ports and what FERROCPY_ACTIVATE selects, or check
                                       NAMEs and print the line that activates them
    ferrocpy test MODULE... [--python PATH] [-v] [--refleaks]
                                       run CPython's own tests for the ports of MODULEs
                                       (--refleaks: under regrtest -R 3:3 on a debug build)
    ferrocpy bench [SUITE...]          pyperf suites of a checkout's benchmarks/, with tables

Each subcommand imports what it needs only when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys


def _cmd_activate(args) -> int:
    from . import activation

    if args.names:
        names = activation._split(args.names)
        status = 0
        for name in names:
            try:
                print(f"{name} -> {activation.port_file(name)}")
            except activation.UnknownPortError as e:
                print(f"ferrocpy activate: {e}", file=sys.stderr)
                status = 1
        if status == 0:
            print(f"export {activation.ENV_VAR}={','.join(names)}")
        return status
    ports = activation.available()
    print(f"ports built for {sys.executable}: {', '.join(ports) if ports else 'none'}")
    value = os.environ.get(activation.ENV_VAR)
    if not value:
        print(f"{activation.ENV_VAR} is not set: no port is active")
        return 0
    print(f"{activation.ENV_VAR}={value}")
    status = 0
    active = set(activation.active())
    for name in activation._split([value]):
        try:
            origin = activation.port_file(name)
        except activation.UnknownPortError as e:
            print(f"  {name}: {e}")
            status = 1
            continue
        state = "active" if name in active else "not active (is the ferrocpy-activate.pth hook installed?)"
        print(f"  {name} -> {origin}: {state}")
        if name not in active:
            status = 1
    return status


def _cmd_test(args) -> int:
    if getattr(args, "refleaks", False):
        from . import refleaks

        return refleaks.run(args.modules, python=args.python, verbose=args.verbose)
    from . import testing

    return testing.run(args.modules, python=args.python, verbose=args.verbose)


def _cmd_clinic(args) -> int:
    from .clinic import main

    return main(args.rest)


def _cmd_new(args) -> int:
    from .scaffold import main

    return main(args.rest)


def _cmd_develop(args) -> int:
    from .build.develop import develop_main

    return develop_main(args.rest)


def _cmd_cargo(args) -> int:
    from .build.develop import cargo_main

    return cargo_main(args.rest)


def _cmd_vendor(args) -> int:
    from .vendor import main

    return main(args.rest)


def _cmd_bench(args) -> int:
    from .bench import main

    return main(args.rest)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="ferrocpy",
        description="Rust for CPython: write extension modules in Rust (project commands), "
        "and run CPython's C modules ported to Rust (port commands).",
        epilog="Start a project with `ferrocpy new NAME`. Project commands: new, clinic, develop, cargo, vendor; "
        "port commands: activate, test, bench. `ferrocpy COMMAND --help` describes each.",
    )
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    # Project commands first.
    p = sub.add_parser("new", help="create a project: a Rust extension module with tests (start here)", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=_cmd_new)

    p = sub.add_parser("clinic", help="Argument Clinic for Rust: generate glue and stubs from clinic blocks",
                       add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=_cmd_clinic)

    p = sub.add_parser("develop", help="rebuild the project's modules in place (a no-op when nothing changed)",
                       add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=_cmd_develop)

    p = sub.add_parser("cargo", help="run cargo on the project's crates for this interpreter (e.g. cargo test)",
                       add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=_cmd_cargo)

    p = sub.add_parser("vendor", help="copy the project's Rust dependencies into it, for offline builds",
                       add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=_cmd_vendor)

    # Port commands.

    p = sub.add_parser("activate", help="show or check which ports FERROCPY_ACTIVATE substitutes")
    p.add_argument("names", nargs="*", metavar="NAME", help="module names to check (comma lists allowed)")
    p.set_defaults(func=_cmd_activate)

    p = sub.add_parser("test", help="run CPython's own tests against the ports")
    p.add_argument("modules", nargs="+", metavar="MODULE", help="ported modules, e.g. binascii _bisect _heapq")
    p.add_argument("--python", metavar="PATH", help="interpreter to run the tests under (ports installed there)")
    p.add_argument("-v", "--verbose", action="store_true", help="list every test")
    p.add_argument("--refleaks", action="store_true",
                   help="hunt reference leaks with regrtest -R 3:3 (needs a debug build, e.g. .venv/cp311d)")
    p.set_defaults(func=_cmd_test)

    p = sub.add_parser("bench", help="benchmarks of the ports against the C modules", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=_cmd_bench)
    return ap


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Delegating commands get their arguments untouched (argparse would claim their options).
    delegating = {"new": _cmd_new, "clinic": _cmd_clinic, "develop": _cmd_develop, "cargo": _cmd_cargo,
                  "vendor": _cmd_vendor, "bench": _cmd_bench}
    if argv and argv[0] in delegating:
        return delegating[argv[0]](argparse.Namespace(rest=argv[1:]))
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
