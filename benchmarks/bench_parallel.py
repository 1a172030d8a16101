"""Two threads encoding large inputs in parallel, with the GIL released (not a test).

The binascii port processes inputs of at least 64 KiB with the thread detached (GIL released)
while it holds the argument's buffer, so two threads encoding two large inputs can use two
cores. This measures, for each function, the wall time of the two encodings run one after the
other (serial) and in two threads started together (parallel), best of --repeat, and prints
parallel/serial. On a 2-core machine the target is <= 0.65; C's binascii, which keeps the GIL,
stays near 1.0 and is shown for comparison. Two ratios are printed: best parallel over best
serial (what an idle machine shows), and the median of paired trials (serial and parallel
timed back to back), which shows how much a busy machine lets the two threads overlap.

Usage:  python benchmarks/bench_parallel.py [--mib 16] [--repeat 7] [--check]
(--check: exit status 1 if the port's best ratio for b2a_base64 is above 0.65.)
The figure is recorded in docs/SAFETY.md with the machine's load at the time.
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import sys
import threading
import time

FUNCS = {
    "b2a_base64": lambda m, d: m.b2a_base64(d),
    "hexlify": lambda m, d: m.hexlify(d),
    "a2b_base64": None,  # fed with encoded input, below
    "crc32": lambda m, d: m.crc32(d),
}


def _time_serial(f, a, b) -> float:
    t = time.perf_counter()
    f(a)
    f(b)
    return time.perf_counter() - t


def _time_parallel(f, a, b) -> float:
    barrier = threading.Barrier(3)

    def run(x):
        barrier.wait()
        f(x)

    ts = [threading.Thread(target=run, args=(x,)) for x in (a, b)]
    for t in ts:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in ts:
        t.join()
    return time.perf_counter() - t0


def measure(f, a, b, repeat: int) -> tuple[float, float, float]:
    """Best serial and parallel times, and the median of paired ratios: each trial times the
    serial run and then the parallel run back to back, so both see the same machine load."""
    f(a)  # warm-up (page faults of the output allocations)
    serials, parallels, ratios = [], [], []
    for _ in range(repeat):
        s = _time_serial(f, a, b)
        p = _time_parallel(f, a, b)
        serials.append(s)
        parallels.append(p)
        ratios.append(p / s)
    return min(serials), min(parallels), statistics.median(ratios)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mib", type=int, default=16, help="size of each input (MiB)")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    port = importlib.import_module("ferrocpy.ports.binascii")
    import binascii as c

    n = args.mib << 20
    a = bytes((i * 7) & 255 for i in range(1 << 16)) * (n >> 16)
    b = bytes(reversed(a))
    enc_a, enc_b = c.b2a_base64(a, newline=False), c.b2a_base64(b, newline=False)
    print(f"{sys.implementation.name} {sys.version.split()[0]} ({sys.executable}); "
          f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}; 2 x {args.mib} MiB, trials: {args.repeat}")
    ratio_b64 = None
    for name in FUNCS:
        for label, mod in (("port", port), ("C", c)):
            if name == "a2b_base64":
                f = mod.a2b_base64
                x, y = enc_a, enc_b
            else:
                f = (lambda m: (lambda d: FUNCS[name](m, d)))(mod)
                x, y = a, b
            serial, parallel, ratio = measure(f, x, y, args.repeat)
            if name == "b2a_base64" and label == "port":
                ratio_b64 = parallel / serial
            print(f"  {name:11s} {label:4s}  serial {serial * 1e3:8.1f} ms  parallel {parallel * 1e3:8.1f} ms  "
                  f"best/best {parallel / serial:.2f}  median of paired trials {ratio:.2f}")
    if args.check and (ratio_b64 is None or ratio_b64 > 0.65):
        print(f"b2a_base64: parallel/serial {ratio_b64:.2f} > 0.65")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
