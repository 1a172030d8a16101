"""Per-call instructions (valgrind callgrind) of clinic-declared ports against the same C
functions, one calling shape each, doing the same work on small inputs: the clinic's binding
cost shows directly. Each case runs N and 2N calls; the difference over N is one call plus one
loop iteration (identical for both sides).

    python benchmarks/callgrind_clinic_shapes.py     # needs valgrind and the ports installed

A second table uses bench_clinic.py's arguments (empty inputs, an empty list), where the bodies
do almost nothing and the call and binding are nearly all of the cost.
"""

from __future__ import annotations

import sys

import cgcount

N = 100_000
SETUP = (
    "import importlib, binascii as cb, _bisect as cbi\n"
    "pb = importlib.import_module('ferrocpy.ports.binascii')\n"
    "pbi = importlib.import_module('ferrocpy.ports._bisect')\n"
    "data = bytes(range(16)); hx = cb.hexlify(data); a = list(range(10)); E = []\n"
    "ba = bytearray(data); mv = memoryview(hx)\n"
)
# (shape, C statement, port statement)
CASES = [
    ("METH_O: a2b_hex(hexstr, /)", "cb.a2b_hex(hx)", "pb.a2b_hex(hx)"),
    ("METH_FASTCALL: crc32(data, crc=0, /)", "cb.crc32(data, 5)", "pb.crc32(data, 5)"),
    ("METH_FASTCALL, bytearray (buffer export): crc32(ba, 5)", "cb.crc32(ba, 5)", "pb.crc32(ba, 5)"),
    ("METH_O, memoryview (buffer export): a2b_hex(mv)", "cb.a2b_hex(mv)", "pb.a2b_hex(mv)"),
    ("FASTCALL|KEYWORDS positional: b2a_base64(data, /, *, newline)", "cb.b2a_base64(data)", "pb.b2a_base64(data)"),
    ("FASTCALL|KEYWORDS keyword: b2a_base64(data, newline=False)", "cb.b2a_base64(data, newline=False)", "pb.b2a_base64(data, newline=False)"),
    ("FASTCALL|KEYWORDS defaults: hexlify(data, sep, bytes_per_sep)", "cb.hexlify(data, b':', 2)", "pb.hexlify(data, b':', 2)"),
    ("FASTCALL|KEYWORDS: bisect_left(a, x)", "cbi.bisect_left(a, 7)", "pbi.bisect_left(a, 7)"),
    ("FASTCALL|KEYWORDS keywords: bisect_left(a, x, lo=1, hi=9)", "cbi.bisect_left(a, 7, lo=1, hi=9)", "pbi.bisect_left(a, 7, lo=1, hi=9)"),
]

# bench_clinic.py's shapes that have a port: (shape, C statement, port statement)
EMPTY_CASES = [
    ("METH_O ascii_buffer: a2b_hex(b'')", "cb.a2b_hex(b'')", "pb.a2b_hex(b'')"),
    ("METH_FASTCALL posonly: crc32(b'', 5)", "cb.crc32(b'', 5)", "pb.crc32(b'', 5)"),
    ("FASTCALL|KEYWORDS posonly+kwonly: b2a_base64(b'', newline=False)", "cb.b2a_base64(b'', newline=False)", "pb.b2a_base64(b'', newline=False)"),
    ("FASTCALL|KEYWORDS lo/hi/key: bisect_left(E, 1, 0, 0, key=None)", "cbi.bisect_left(E, 1, 0, 0, key=None)", "pbi.bisect_left(E, 1, 0, 0, key=None)"),
    ("FASTCALL|KEYWORDS positional: bisect_left(E, 1)", "cbi.bisect_left(E, 1)", "pbi.bisect_left(E, 1)"),
]


def count(stmt: str, n: int) -> int:
    return cgcount.instructions(cgcount.loop(SETUP, stmt, n))


def per_call(stmt: str) -> float:
    return (count(stmt, 2 * N) - count(stmt, N)) / N


def table(cases: list[tuple[str, str, str]]) -> None:
    print("| shape | C | ferrocpy (clinic) | ratio |")
    print("|---|---:|---:|---:|")
    for shape, c, p in cases:
        vc, vp = per_call(c), per_call(p)
        print(f"| {shape} | {vc:.0f} | {vp:.0f} | {vp / vc:.3f} |", flush=True)


def main() -> int:
    print(f"CPython {sys.version.split()[0]}: instructions per call\n")
    table(CASES)
    print("\nWith bench_clinic.py's arguments:\n")
    table(EMPTY_CASES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
