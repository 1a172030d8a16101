"""Instructions per call (valgrind callgrind) of zlib on 64-byte inputs: the port against the C
module of the same interpreter. Each case runs N and 2N times in the same loop; the difference
over N is one call plus one loop iteration (identical for both sides).

    python benchmarks/callgrind_zlib_small.py          # needs valgrind and the port installed
    python benchmarks/callgrind_zlib_small.py --profile CASE IMPL   # callgrind_annotate of one case

Data: 64 bytes of English text (`text`) and 64 random bytes (seed 0, `random`); decompressors
get C's stream of the same data (the port's is decompressed by the port in the round trip).
"""
import os
import subprocess
import sys
import tempfile

import cgcount

N = 200
SETUP = """\
import importlib, random
m = importlib.import_module({mod!r})
import zlib as c
data = {data}
comp = c.compress(data)
"""
DATA = {
    "text": "(b'The quick brown fox jumps over the lazy dog; pack my box with five dozen jugs.')[:64]",
    "random": "random.Random(0).randbytes(64)",
}
CASES = {
    "round trip": "m.decompress(m.compress(data))",
    "compress": "m.compress(data)",
    "decompress": "m.decompress(comp)",
    "compressobj": "o = m.compressobj(); o.compress(data); o.flush()",
    "decompressobj": "m.decompressobj().decompress(comp)",
}
IMPLS = {"C": "zlib", "ferrocpy": "ferrocpy.ports.zlib"}


def count(setup: str, stmt: str, n: int) -> int:
    return cgcount.instructions(cgcount.loop(setup, stmt, n))


def profile(case: str, impl: str, data: str = "text", n: int = 2000) -> None:
    """callgrind_annotate (inclusive, by function) of n iterations of one case."""
    setup = SETUP.format(mod=IMPLS[impl], data=DATA[data])
    code = cgcount.loop(setup, CASES[case], n)
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", code],
            check=True, capture_output=True, env=dict(os.environ, PYTHONHASHSEED="0"),
        )
        for inclusive in ("no", "yes"):
            r = subprocess.run(["callgrind_annotate", f"--inclusive={inclusive}", out],
                               check=True, capture_output=True, text=True)
            print("\n".join(r.stdout.splitlines()[:60]))


def main() -> None:
    if sys.argv[1:2] == ["--profile"]:
        profile(sys.argv[2], sys.argv[3], *(sys.argv[4:5] or ["text"]))
        return
    print(f"CPython {sys.version.split()[0]}, instructions per call (N = {N})\n")
    print("| case (64 B) | data | C | ferrocpy | ratio to C |\n|---|---|---:|---:|---:|")
    for case, stmt in CASES.items():
        for data, expr in DATA.items():
            v = {}
            for impl, mod in IMPLS.items():
                setup = SETUP.format(mod=mod, data=expr)
                v[impl] = (count(setup, stmt, 2 * N) - count(setup, stmt, N)) / N
            print(f"| {case} | {data} | {v['C']:.0f} | {v['ferrocpy']:.0f} | "
                  f"{v['ferrocpy'] / v['C']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
