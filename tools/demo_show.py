"""Shows ferrocpy's Rust modules working beside their C or Python counterparts.

Run by `python3 dev.py demo` inside the environment it built; prints results and rough timings
(single runs: the benchmarks in benchmarks/ are the careful measurements).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import platform
import sys
import time


def timed(fn, *args, repeat: int = 1):
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return result, best


def fibonacci_py(n: int) -> int:
    if n <= 1:
        return n
    return fibonacci_py(n - 1) + fibonacci_py(n - 2)


def show_seed_demo() -> None:
    import seed_demo

    print("seed_demo (examples/seed_demo, built by ferrocpy.build):")
    py, t_py = timed(fibonacci_py, 30)
    rs, t_rs = timed(seed_demo.fibonacci, 30)
    print(f"  fibonacci(30): Python {py} in {t_py * 1e3:.1f} ms, Rust {rs} in {t_rs * 1e3:.2f} ms "
          f"({t_py / t_rs:.0f}x)")
    print(f"  parse_header(b'GIF89a...') -> {seed_demo.parse_header(b'GIF89a...')!r}")
    for bad in (b"ab", b"\xff\xfe\xfd\xfc"):
        try:
            seed_demo.parse_header(bad)
        except ValueError as e:
            print(f"  parse_header({bad!r}) -> ValueError: {e}")


def show_selftest() -> None:
    from ferrocpy import _selftest

    print("ferrocpy safe layer (ferrocpy._selftest):")
    print(f"  C-macro replicas that differ from the C expansion: {_selftest.check_inline() or 'none'}")
    try:
        _selftest.panic("on purpose")
    except SystemError as e:
        print(f"  a Rust panic became: SystemError: {e}")
    print(f"  ...and the interpreter goes on: identity(42) = {_selftest.identity(42)}")


def port_available(name: str) -> bool:
    return importlib.util.find_spec(f"ferrocpy.ports.{name}") is not None


def show_binascii() -> None:
    import binascii as c_binascii

    port = importlib.import_module("ferrocpy.ports.binascii")
    data = os.urandom(1 << 20)
    print("binascii (ferrocpy.ports.binascii vs the C module), 1 MiB:")
    for name, args in (("b2a_base64", (data,)), ("crc32", (data,)), ("hexlify", (data,))):
        c, t_c = timed(getattr(c_binascii, name), *args, repeat=20)
        r, t_r = timed(getattr(port, name), *args, repeat=20)
        print(f"  {name:11s} same result: {c == r}; C {t_c * 1e6:8.0f} us, Rust {t_r * 1e6:8.0f} us "
              f"({t_c / t_r:.1f}x)")
    enc = c_binascii.b2a_base64(data)
    c, t_c = timed(c_binascii.a2b_base64, enc, repeat=20)
    r, t_r = timed(port.a2b_base64, enc, repeat=20)
    print(f"  a2b_base64  same result: {c == r}; C {t_c * 1e6:8.0f} us, Rust {t_r * 1e6:8.0f} us "
          f"({t_c / t_r:.1f}x)")


def show_bisect_heapq() -> None:
    import random

    for name in ("_bisect", "_heapq"):
        if not port_available(name):
            continue
        port = importlib.import_module(f"ferrocpy.ports.{name}")
        c = importlib.import_module(name)
        print(f"{name} (ferrocpy.ports.{name} vs the C accelerator):")
        if name == "_bisect":
            a = sorted(random.random() for _ in range(100_000))
            xs = [random.random() for _ in range(100_000)]
            rc, t_c = timed(lambda: [c.bisect_left(a, x) for x in xs], repeat=3)
            rr, t_r = timed(lambda: [port.bisect_left(a, x) for x in xs], repeat=3)
            print(f"  100k bisect_left: same results: {rc == rr}; C {t_c * 1e3:.1f} ms, Rust {t_r * 1e3:.1f} ms")
        else:
            xs = [random.random() for _ in range(100_000)]

            def sort_with(mod):
                h = []
                for x in xs:
                    mod.heappush(h, x)
                return [mod.heappop(h) for _ in range(len(h))]

            rc, t_c = timed(sort_with, c, repeat=3)
            rr, t_r = timed(sort_with, port, repeat=3)
            print(f"  heap sort of 100k floats: same results: {rc == rr}; C {t_c * 1e3:.1f} ms, Rust {t_r * 1e3:.1f} ms")


def main() -> int:
    print(f"CPython {platform.python_version()} ({sys.executable}), {platform.machine()}")
    show_seed_demo()
    show_selftest()
    if port_available("binascii"):
        show_binascii()
    show_bisect_heapq()
    return 0


if __name__ == "__main__":
    sys.exit(main())
