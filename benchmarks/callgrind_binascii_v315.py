"""Instructions per call (valgrind callgrind) of binascii's 3.15 codecs (base32, base85/Z85,
Ascii85): the port against the C module of the same interpreter, at 0, 16 and 64 bytes and at
1 MiB. Each case runs N and 2N calls in the same loop; the difference over N is one call plus one
loop iteration (identical for both sides).

    python benchmarks/callgrind_binascii_v315.py [--quick] [--only LABEL,...]   # 3.15+, valgrind
"""
import sys

import cgcount

SIZES = [(0, 20_000), (16, 20_000), (64, 20_000), (1 << 20, 4)]
if "--quick" in sys.argv:
    SIZES = [(64, 5_000), (1 << 20, 2)]

# (label, function, input: raw bytes or their encoding by C, keyword arguments)
CASES = [
    ("b2a_base32", "b2a_base32", "raw", ""),
    ("a2b_base32", "a2b_base32", "b2a_base32(raw)", ""),
    ("b2a_base85", "b2a_base85", "raw", ""),
    ("a2b_base85", "a2b_base85", "b2a_base85(raw)", ""),
    ("b2a_base85 Z85", "b2a_base85", "raw", "alphabet=c.Z85_ALPHABET"),
    ("a2b_base85 Z85", "a2b_base85", "b2a_base85(raw, alphabet=c.Z85_ALPHABET)", "alphabet=c.Z85_ALPHABET"),
    ("b2a_ascii85", "b2a_ascii85", "raw", ""),
    ("a2b_ascii85", "a2b_ascii85", "b2a_ascii85(raw)", ""),
    ("b2a_ascii85 wrap", "b2a_ascii85", "raw", "wrapcol=76, adobe=True"),
    ("a2b_ascii85 adobe", "a2b_ascii85", "b2a_ascii85(raw, wrapcol=76, adobe=True)", "adobe=True, ignorechars=b'\\n'"),
]


def setup(mod: str, size: int, fn: str, arg: str, kw: str) -> str:
    enc = arg if arg == "raw" else "c." + arg
    call = f"m.{fn}" if not kw else f"functools.partial(m.{fn}, {kw})"
    return (
        f"import importlib, functools, random\nm = importlib.import_module('{mod}')\nimport binascii as c\n"
        f"raw = random.Random(0).randbytes({size})\na = {enc}\nf = {call}"
    )


def main() -> None:
    only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else None
    print("| function | size | C | port | port/C |\n|---|---:|---:|---:|---:|")
    for label, fn, arg, kw in CASES:
        if only and label not in only:
            continue
        for size, n in SIZES:
            c = cgcount.per_iteration(setup("binascii", size, fn, arg, kw), "f(a)", n)
            p = cgcount.per_iteration(setup("ferrocpy.ports.binascii", size, fn, arg, kw), "f(a)", n)
            print(f"| {label} | {size} | {c:.0f} | {p:.0f} | {p / c:.3f} |", flush=True)


if __name__ == "__main__":
    main()
