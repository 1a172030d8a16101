#!/usr/bin/env python3
"""Generate differential test vectors for binascii-core from CPython's C binascii.

Run with any Python 3:  python3 tests/gen_vectors.py [PYTHON ...]

The driver builds a deterministic list of calls (function, keyword arguments,
input bytes), runs them under every interpreter given (default: the pyenv
3.10-3.13 builds and Debian's 3.14 and 3.15 in the unstable root, through
/tmp/sid/in; a PYTHON with spaces is a command) through the same script in
worker mode, and writes
tests/data/vectors.json. Each case records the result once when all versions
agree, or per minor version when they differ. A case that an interpreter
cannot run (e.g. strict_mode on 3.10) lists the versions it applies to in "v".
"""
import base64
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "vectors.json")
DEFAULT_PYTHONS = [
    "/root/.pyenv/versions/3.10.13/bin/python",
    "/root/.pyenv/versions/3.11.7/bin/python",
    "/root/.pyenv/versions/3.12.1/bin/python",
    "/root/.pyenv/versions/3.13.0/bin/python",
    "/tmp/sid/in /usr/bin/python3.14",
    "/tmp/sid/in /usr/bin/python3.15",
]
B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def rbytes(rng, n, alphabet=None):
    if alphabet is None:
        return bytes(rng.getrandbits(8) for _ in range(n))
    return bytes(rng.choice(alphabet) for _ in range(n))


def mutate(rng, data, extra):
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(4)
        pos = rng.randint(0, len(data))
        if op == 0:
            data[pos:pos] = bytes([rng.choice(extra)])
        elif op == 1 and data:
            del data[min(pos, len(data) - 1)]
        elif op == 2 and data:
            data[min(pos, len(data) - 1)] = rng.choice(extra)
        else:
            data = data[:pos]
    return bytes(data)


def cases():
    rng = random.Random(20240611)
    out = []

    def add(f, data, **kw):
        out.append((f, kw, bytes(data)))

    # ---- b2a_base64
    for n in list(range(0, 70)) + [255, 256, 257, 1000, 4095, 4096, 4097]:
        for nl in (True, False):
            add("b2a_base64", rbytes(rng, n), newline=nl)

    # ---- a2b_base64: exhaustive short strings, valid encodings, mutations
    small = [b"A", b"b", b"=", b"\n", b"!", b"+"]
    strings = [b""]
    for _ in range(4):
        strings = strings + [s + c for s in strings if len(s) == len(strings[-1])
                             for c in small]
    a2b_inputs = sorted(set(s for s in strings if len(s) <= 4))
    junk = b"=\n\r \t!*\x00\x80\xff-_.A/+"
    for n in list(range(0, 36)) + [48, 57, 100, 300, 700]:
        enc = base64.b64encode(rbytes(rng, n))
        a2b_inputs.append(enc)
        a2b_inputs.append(enc + b"\n")
        if n >= 300:
            a2b_inputs.append(base64.encodebytes(rbytes(rng, n)))
            a2b_inputs.append(mutate(rng, enc, junk))
            continue
        a2b_inputs.append(enc + b"\r\n  ")
        a2b_inputs.append(base64.encodebytes(rbytes(rng, n)))
        for _ in range(3):
            a2b_inputs.append(mutate(rng, enc, junk))
        a2b_inputs.append(enc + b"=")
        a2b_inputs.append(enc + b"==")
        a2b_inputs.append(enc + b"AB==")
        a2b_inputs.append(enc.rstrip(b"="))
        a2b_inputs.append(b"=" + enc)
    for _ in range(400):
        a2b_inputs.append(rbytes(rng, rng.randint(0, 24), B64[:6] + b"=\n!\x80"))
    for k, data in enumerate(a2b_inputs):
        add("a2b_base64", data)
        add("a2b_base64", data, strict_mode=True)
        if k % 10 == 0:
            add("a2b_base64", data, strict_mode=False)

    # ---- hexlify / b2a_hex
    seps = [None, b":", b"\xff", " ", "\xe9"]
    bps = [0, 1, -1, 2, -2, 3, -3, 4, -4, 7, -7, 16, -16, 100, 2**31 - 1, -2**31]
    for n in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 100]:
        data = rbytes(rng, n)
        add("b2a_hex", data)
        add("hexlify", data)
        for sep in seps[1:] if n < 64 else seps[1:2]:
            for b in bps:
                add("b2a_hex", data, sep=sep, bytes_per_sep=b)
        add("hexlify", data, sep=b"-")
        add("hexlify", data, sep=b" ", bytes_per_sep=-5)
    add("hexlify", rbytes(rng, 5000))
    add("hexlify", rbytes(rng, 5000), sep=":", bytes_per_sep=32)

    # ---- unhexlify / a2b_hex
    hexjunk = b"0123456789abcdefABCDEFgGxz \n\x00\xff"
    for n in list(range(0, 20)) + [31, 32, 33, 64, 100, 1000]:
        h = rbytes(rng, n).hex().encode()
        add("a2b_hex", h)
        add("unhexlify", h.upper())
        for _ in range(3):
            add("a2b_hex", mutate(rng, h, hexjunk))
    for n in (40, 64, 200):
        h = bytearray(rbytes(rng, n).hex().encode())
        for pos in (0, 1, n // 2, 2 * n - 1):
            g = bytearray(h)
            g[pos] = ord("g")
            add("a2b_hex", bytes(g))

    # ---- quoted-printable
    qp_alpha = b"=AfF09\n\r_ \tx.G"
    for _ in range(500):
        data = rbytes(rng, rng.randint(0, 30), qp_alpha)
        add("a2b_qp", data)
        add("a2b_qp", data, header=True)
    enc_alpha = b"aZ .\t\r\n=_\x00\x7f\x80\xff~!"
    b2a_qp_inputs = []
    for _ in range(150):
        b2a_qp_inputs.append(rbytes(rng, rng.randint(0, 40), enc_alpha))
    for _ in range(12):
        # long lines, to exercise soft line breaks
        b2a_qp_inputs.append(rbytes(rng, rng.randint(60, 240), b"aaaaaaaab =\t\x80"))
    edge_inputs = []
    for n in range(71, 78):
        for end in (b"", b"\n", b"\r\n", b" ", b" \n", b"\t\r\n", b"=", b".\n"):
            edge_inputs.append(b"x" * n + end)
            edge_inputs.append(b"x" * n + end + b"y" * 3)
    b2a_qp_inputs += [b".", b".\n", b"a\n.\n", b".\r\n", b"\r\n\n", b"a\r\nb\nc\r", b"\r", b"\x00"]
    for data in b2a_qp_inputs:
        for qt in (False, True):
            for it in (False, True):
                for hd in (False, True):
                    add("b2a_qp", data, quotetabs=qt, istext=it, header=hd)
    for data in b2a_qp_inputs[:20]:
        add("b2a_qp", data)
    for k, data in enumerate(edge_inputs):
        add("b2a_qp", data, quotetabs=k % 2 == 0, istext=k % 3 != 0, header=k % 5 == 0)
        add("b2a_qp", data)

    # ---- uu
    for n in list(range(0, 47)):
        data = rbytes(rng, n)
        add("b2a_uu", data)
        add("b2a_uu", data, backtick=True)
        add("b2a_uu", data, backtick=False)
    uu_inputs = [b"", b" ", b"!", b"`", b"\n", b"a", b"!!", b"\x7f", b"M" + b"`" * 60]
    uu_junk = b" `!@_^\n\r\x1f\x7fa~"
    for n in range(0, 46, 3):
        line = binascii_b2a_uu(rbytes(rng, n), rng.random() < 0.5)
        uu_inputs.append(line)
        uu_inputs.append(line.rstrip(b"\n"))
        uu_inputs.append(line.rstrip(b"\n").rstrip(b" `"))
        uu_inputs.append(line + b"  \r\n")
        for _ in range(3):
            uu_inputs.append(mutate(rng, line, uu_junk))
    for _ in range(100):
        uu_inputs.append(rbytes(rng, rng.randint(0, 20), uu_junk))
    for data in uu_inputs:
        add("a2b_uu", data)

    # ---- hqx (3.10 only: removed in 3.11)
    hqx_alpha = b"!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr"
    hqx_junk = b":\n\r ~7\x00\x80\xff"
    for n in list(range(0, 20)) + [45, 100, 1000]:
        add("b2a_hqx", rbytes(rng, n))
    hqx_inputs = [b"", b":", b"!", b"!!", b"!!!", b"!!!!", b"!!:", b"!!!:", b"\n\r", b"7", b"~"]
    for n in list(range(0, 30)) + [100, 700]:
        enc = binascii_b2a_hqx(rbytes(rng, n))
        hqx_inputs.append(enc)
        hqx_inputs.append(enc + b":")
        hqx_inputs.append(enc + b":junk")
        hqx_inputs.append(enc[:len(enc) // 2] + b"\r\n" + enc[len(enc) // 2:])
        for _ in range(2):
            hqx_inputs.append(mutate(rng, enc, hqx_junk))
    for _ in range(150):
        hqx_inputs.append(rbytes(rng, rng.randint(0, 16), hqx_alpha[:5] + hqx_junk[:3]))
    for data in hqx_inputs:
        add("a2b_hqx", data)
    rle_inputs = [b"", b"a", b"aaa", b"aaaa", b"\x90", b"\x90" * 5, b"a" * 255, b"a" * 256,
                  b"a" * 259, b"a" * 600, b"ab" * 10, b"\x00" * 4 + b"\x90" * 4]
    for _ in range(120):
        rle_inputs.append(rbytes(rng, rng.randint(0, 40), b"aab\x90\x00"))
    for data in rle_inputs:
        add("rlecode_hqx", data)
    rled_inputs = [b"", b"\x90", b"\x90\x00", b"\x90\x01", b"\x90\x05", b"a\x90",
                   b"a\x90\x00", b"a\x90\x01", b"a\x90\x02", b"a\x90\xff", b"a\x90\xff\x90\xff",
                   b"\x90\x00\x90\x04", b"a\x90\x00\x90\x03", b"ab\x90"]
    for data in rle_inputs[:60]:
        rled_inputs.append(binascii_rlecode_hqx(data))
    for _ in range(150):
        rled_inputs.append(rbytes(rng, rng.randint(0, 12), b"ab\x90\x00\x01\x03\xff"))
    for data in rled_inputs:
        add("rledecode_hqx", data)

    # ---- crc
    for n in list(range(0, 20)) + [63, 64, 65, 127, 128, 129, 1000, 5000, 5121]:
        data = rbytes(rng, n)
        crcs = (None, 0, 1, 0xFFFF, 0x10000, 0xFFFFFFFF, rng.getrandbits(32))
        for crc in crcs if n < 1000 else crcs[:1] + crcs[-1:]:
            if crc is None:
                add("crc32", data)
            else:
                add("crc32", data, crc=crc)
                add("crc_hqx", data, crc=crc)

    # ---- 3.15's parameters (older versions refuse the keywords: those cases apply to 3.15)
    urlsafe = B64[:62] + b"-_"
    odd = b"!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr"
    dup = b"A" + B64[1:63] + b"A"
    for n in list(range(0, 20)) + [45, 57, 58, 100, 1000]:
        data = rbytes(rng, n)
        for padded in (True, False):
            for wrapcol in (0, 1, 4, 5, 8, 76, 2**64 - 1):
                add("b2a_base64", data, padded=padded, wrapcol=wrapcol,
                    newline=rng.random() < 0.5)
        for alphabet in (B64, urlsafe, odd, dup):
            add("b2a_base64", data, alphabet=alphabet, padded=rng.random() < 0.5,
                wrapcol=rng.choice([0, 8, 9]))
    ign_sets = [b"", b" ", b"\n", b"=", b" \n=", b"!:", b"A"]
    for k, data in enumerate(a2b_inputs):
        kw = {}
        if k % 2 == 0:
            kw["padded"] = False
        if k % 3 == 0:
            kw["canonical"] = True
        if k % 5 < 3:
            kw["ignorechars"] = ign_sets[k % len(ign_sets)]
        if k % 7 == 0:
            kw["strict_mode"] = bool(k % 2)
        add("a2b_base64", data, **kw)
        if k % 4 == 0:
            add("a2b_base64", data, padded=False)
            add("a2b_base64", data, canonical=True)
            add("a2b_base64", data, strict_mode=True, padded=False)
            add("a2b_base64", data, alphabet=rng.choice([urlsafe, odd, dup]),
                strict_mode=rng.random() < 0.5)
    for n in list(range(0, 20)) + [100, 700]:
        enc = base64.b64encode(rbytes(rng, n), altchars=b"-_")
        add("a2b_base64", enc, alphabet=urlsafe)
        add("a2b_base64", enc, alphabet=urlsafe, strict_mode=True)
        add("a2b_base64", base64.encodebytes(rbytes(rng, n)), ignorechars=b"\n")
    hex_ign = [b"", b" ", b" \n:", b"a", b"g"]
    for n in list(range(0, 12)) + [40, 100]:
        h = rbytes(rng, n).hex().encode()
        for k in range(3):
            m = mutate(rng, h, b" \n:gG0a")
            add("a2b_hex", m, ignorechars=hex_ign[(n + k) % len(hex_ign)])
            add("unhexlify", m, ignorechars=b" \n:")
    return out


def binascii_b2a_uu(data, backtick):
    """Local uuencoder used only to build *inputs* for a2b_uu."""
    import binascii
    return binascii.b2a_uu(data, backtick=backtick)


def binascii_b2a_hqx(data):
    """Local hqx encoder used only to build *inputs* for a2b_hqx (3.10's
    binascii when available, else a plain reimplementation)."""
    alpha = b"!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr"
    bits = "".join(f"{b:08b}" for b in data)
    bits += "0" * (-len(bits) % 6)
    return bytes(alpha[int(bits[i:i + 6], 2)] for i in range(0, len(bits), 6))


def binascii_rlecode_hqx(data):
    """Local run-length encoder used only to build *inputs* for rledecode_hqx."""
    out = bytearray()
    i = 0
    while i < len(data):
        c = data[i]
        if c == 0x90:
            out += b"\x90\x00"
            i += 1
            continue
        j = i
        while j < len(data) and data[j] == c and j - i < 255:
            j += 1
        if j - i > 3:
            out += bytes([c, 0x90, j - i])
            i = j
        else:
            out.append(c)
            i += 1
    return bytes(out)


def call(f, kw, data):
    import binascii
    import warnings
    warnings.simplefilter("ignore", DeprecationWarning)
    fn = getattr(binascii, f, None)
    if fn is None:
        return None  # not available in this version (hqx after 3.10)
    kw = dict(kw)
    import re
    # The optional parameters of this version (inspect cannot parse `sep=<unrepresentable>`
    # before 3.11).
    params = set(re.findall(r"([A-Za-z_]\w*)=", fn.__text_signature__ or ""))
    if any(k not in params for k in kw if k != "crc"):
        return None  # a keyword this version does not have
    try:
        if f in ("crc32", "crc_hqx"):
            args = (data,) if "crc" not in kw else (data, kw.pop("crc"))
            return {"v": fn(*args)}
        if f == "a2b_uu":
            return {"o": fn(data).hex()}
        if f == "a2b_hqx":
            res, done = fn(data)
            return {"o": res.hex(), "d": done}
        res = fn(data, **kw)
        return {"o": res.hex()}
    except TypeError as e:
        if kw and "keyword" in str(e):
            return None  # not available in this version
        return {"e": type(e).__name__, "m": str(e)}
    except Exception as e:
        name = type(e).__name__
        if type(e).__module__ == "binascii":
            name = "binascii." + name
        return {"e": name, "m": str(e)}


def encode_kw(kw):
    return {k: ({"str": v} if isinstance(v, str) else {"bytes": v.hex()}
                if isinstance(v, bytes) else v) for k, v in kw.items()}


def decode_kw(kw):
    out = {}
    for k, v in kw.items():
        if isinstance(v, dict):
            v = v["str"] if "str" in v else bytes.fromhex(v["bytes"])
        out[k] = v
    return out


def worker():
    todo = json.load(sys.stdin)
    res = [call(f, decode_kw(kw), bytes.fromhex(d)) for f, kw, d in todo]
    json.dump({"minor": sys.version_info[1], "results": res}, sys.stdout)


def driver(pythons):
    todo = [(f, encode_kw(kw), d.hex()) for f, kw, d in cases()]
    payload = json.dumps(todo)
    per_version = []
    for py in pythons:
        proc = subprocess.run([*py.split(), __file__, "--worker"], input=payload,
                              capture_output=True, text=True, check=True, cwd=HERE)
        got = json.loads(proc.stdout)
        per_version.append((str(got["minor"]), got["results"]))
    records = []
    for i, (f, kw, d) in enumerate(todo):
        by_ver = {m: r[i] for m, r in per_version if r[i] is not None}
        rec = {"f": f, "i": d}
        if kw:
            rec["a"] = kw
        vals = list(by_ver.values())
        if vals and all(v == vals[0] for v in vals):
            rec["r"] = vals[0]
            if len(vals) != len(per_version):
                rec["v"] = sorted(by_ver)
        else:
            rec["rv"] = by_ver
        records.append(rec)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        fh.write('{"versions": %s, "cases": [\n' % json.dumps([m for m, _ in per_version]))
        fh.write(",\n".join(json.dumps(r, separators=(",", ":")) for r in records))
        fh.write("\n]}\n")
    print(f"{len(records)} cases, {os.path.getsize(OUT)} bytes -> {OUT}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker()
    else:
        driver(sys.argv[1:] or DEFAULT_PYTHONS)
