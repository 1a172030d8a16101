"""Instructions per call (valgrind callgrind) of binascii functions on 64-byte inputs: the port
against the C module of the same interpreter. Load-independent companion to bench_binascii.py:
each case runs N and 2N calls in the same loop; the difference over N is one call plus one loop
iteration (identical for both sides).

    python benchmarks/callgrind_binascii_small.py     # needs valgrind and the port installed
"""
import cgcount
N = 100_000
CASES = []
for fn, arg in [("b2a_base64", "data"), ("a2b_base64", "enc"), ("crc32", "data"), ("hexlify", "data"), ("a2b_hex", "hx")]:
    for impl, mod in [("C", "binascii"), ("ferrocpy", "ferrocpy.ports.binascii")]:
        setup = f"import importlib\nm = importlib.import_module('{mod}')\nimport binascii as c\ndata = bytes(range(64))\nenc = c.b2a_base64(data)\nhx = c.hexlify(data)\nf = m.{fn}\na = {arg}"
        CASES.append((fn, impl, setup, "f(a)"))
def count(setup, stmt, n):
    return cgcount.instructions(cgcount.loop(setup, stmt, n))
base = {}
print("| function (64 B) | implementation | instructions/call | ratio to C |\n|---|---|---:|---:|")
for fn, impl, setup, stmt in CASES:
    v = (count(setup, stmt, 2*N) - count(setup, stmt, N)) / N
    base.setdefault(fn, v)
    print(f"| {fn} | {impl} | {v:.0f} | {v/base[fn]:.3f} |", flush=True)
