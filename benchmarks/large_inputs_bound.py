"""1 MiB inputs: port and C side by side, with the memory traffic each call needs as a reference.

At 1 MiB the inputs and outputs (1-3 MiB per call) no longer fit in this machine's caches, so a
fast enough implementation is bound by memory bandwidth, not by its code. For each function the
script times, interleaved (minimum of --repeat rounds), the C module, the port, and a reference
that moves at least as many bytes with no computation: a copy (allocation, one read stream and
one write stream) of max(input, output) bytes, `bytes(bytearray_of_that_size)`. "C / port" is the speed-up; "port / reference" how close the port is to
the memory-traffic floor (1.0 = as fast as moving the bytes).

    python benchmarks/large_inputs_bound.py [--repeat 7] [--size 1048576]
"""

from __future__ import annotations

import argparse
import binascii as C
import random
import sys
import time

import ferrocpy.ports.binascii as P


def best(fn, arg, loops: int) -> float:
    t0 = time.perf_counter()
    for _ in range(loops):
        fn(arg)
    return (time.perf_counter() - t0) / loops


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--size", type=int, default=1 << 20)
    a = ap.parse_args(argv)
    raw = random.Random(0).randbytes(a.size)
    b64 = C.b2a_base64(raw)
    cases = [
        ("b2a_base64", C.b2a_base64, P.b2a_base64, raw, len(b64)),
        ("a2b_base64", C.a2b_base64, P.a2b_base64, b64, len(raw)),
        ("crc32", C.crc32, P.crc32, raw, 0),
        ("hexlify", C.hexlify, P.hexlify, raw, 2 * len(raw)),
    ]
    print(f"CPython {sys.version.split()[0]} ({sys.executable}), {a.size} bytes, min of {a.repeat} interleaved rounds")
    print()
    print("| function | C | port | reference (copy of max(in, out)) | C / port | port / reference |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, c_fn, p_fn, data, out_len in cases:
        src = bytearray(max(len(data), out_len))

        def reference(_d, src=src):
            return bytes(src)  # allocate, read and write max(in, out) bytes

        loops = max(1, int(0.02 / max(best(p_fn, data, 1), 1e-7)))
        tc = tp = tr = float("inf")
        for _ in range(a.repeat):
            tc = min(tc, best(c_fn, data, loops))
            tp = min(tp, best(p_fn, data, loops))
            tr = min(tr, best(reference, data, loops))
        print(f"| {name} | {tc * 1e6:.0f} µs | {tp * 1e6:.0f} µs | {tr * 1e6:.0f} µs | {tc / tp:.2f} | {tp / tr:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
