"""Differential tests of ferrocpy's zlib port against the C module of the running interpreter.

Seeded random streams (every level, strategy, memLevel, container (zlib, raw, gzip, auto) and
with or without a dictionary), fed in random chunks with random ``max_length``; corrupted and
truncated streams; ``copy()`` at random points; ``_ZlibDecompressor`` (3.12+). Decompressed output
and every piece of state (``eof``, ``unused_data``, ``unconsumed_tail``, ``needs_input``) must equal
C's after every call, and errors must have C's type and message. Compressed output need not be
C's bytes: it must decompress with C's module to the input and be deterministic.

Each test is bounded by a time budget (``ZLIB_FUZZ_SECONDS``, default 1 s) so CI stays short.
Also an 8-thread stress on one shared ``Compress`` / ``Decompress`` object.
"""

from __future__ import annotations

import importlib
import os
import random
import sys
import threading
import time
import zlib as c_zlib

import pytest

try:
    port = importlib.import_module("ferrocpy.ports.zlib")
except ImportError:  # pragma: no cover - the port is not built
    pytest.skip("ferrocpy.ports.zlib is not built", allow_module_level=True)

if port is c_zlib:  # pragma: no cover - activation replaced the C module
    pytest.skip("zlib is the port here: no C module to compare with", allow_module_level=True)

BUDGET = float(os.environ.get("ZLIB_FUZZ_SECONDS", "1.0"))
SEED = int(os.environ.get("ZLIB_FUZZ_SEED", "20261130"))

WBITS = [9, 12, 15, -9, -12, -15, 25, 28, 31]
STRATEGIES = [c_zlib.Z_DEFAULT_STRATEGY, c_zlib.Z_FILTERED, c_zlib.Z_HUFFMAN_ONLY, c_zlib.Z_RLE, c_zlib.Z_FIXED]


def outcome(f, *args, **kwargs):
    """('ok', value) or ('raise', exception type name, message)."""
    try:
        return ("ok", f(*args, **kwargs))
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        return ("raise", type(e).__qualname__, str(e))


def sample(rng: random.Random, n: int) -> bytes:
    """Data of a random kind: random bytes, text-like, runs, or a mix."""
    kind = rng.randrange(4)
    if kind == 0:
        return rng.randbytes(n)
    if kind == 1:
        words = [rng.randbytes(rng.randrange(1, 8)).hex().encode() for _ in range(50)]
        out = bytearray()
        while len(out) < n:
            out += rng.choice(words) + b" "
        return bytes(out[:n])
    if kind == 2:
        out = bytearray()
        while len(out) < n:
            out += bytes([rng.randrange(256)]) * rng.randrange(1, 300)
        return bytes(out[:n])
    return sample(rng, n // 2) + sample(rng, n - n // 2)


def deadline():
    end = time.monotonic() + BUDGET
    return lambda: time.monotonic() < end


def c_stream(rng: random.Random):
    """A C-compressed stream with its parameters: (data, stream, wbits for decompression, zdict)."""
    data = sample(rng, rng.choice([0, 1, 10, 100, 1000, 5000, 40000, 120000]))
    level = rng.randrange(-1, 10)
    wbits = rng.choice(WBITS)
    zdict = sample(rng, rng.randrange(1, 2000)) if rng.random() < 0.3 and wbits < 16 else None
    if zdict and rng.random() < 0.5:
        # A dictionary the data shares content with.
        data = zdict[: len(zdict) // 2] + data
    kw = {"zdict": zdict} if zdict is not None else {}
    c = c_zlib.compressobj(level, c_zlib.DEFLATED, wbits, rng.randrange(1, 10), rng.choice(STRATEGIES), **kw)
    stream = c.compress(data) + c.flush()
    dwbits = wbits
    if wbits > 0 and rng.random() < 0.3:
        dwbits = 32 + (wbits & 15) if wbits < 16 else 32 + (wbits - 16)  # auto-detect
        if wbits < 16 and rng.random() < 0.5:
            dwbits = 0 if zdict is None else wbits  # window size from the header
    return data, stream, dwbits, zdict


def state(d):
    return (d.eof, d.unused_data, d.unconsumed_tail)


def drive_decompress(rng: random.Random, stream: bytes, wbits: int, zdict, copies: bool, more=lambda: True):
    """Feeds `stream` to a C and a port Decompress in the same random chunks and max_lengths,
    comparing every call's outcome and the state after it (until the stream is done, or the
    time budget `more` is spent: a small max_length on a large output takes many calls)."""
    kw = {"zdict": zdict} if zdict is not None else {}
    pair = [outcome(c_zlib.decompressobj, wbits, **kw), outcome(port.decompressobj, wbits, **kw)]
    assert pair[0][0] == pair[1][0], pair
    if pair[0][0] == "raise":
        assert pair[0][1:] == pair[1][1:]
        return
    dc, dp = pair[0][1], pair[1][1]
    pos = 0
    tail_c = tail_p = b""
    for i in range(2000):
        if i > 20 and not more():
            return
        if copies and rng.random() < 0.15:
            oc, op = outcome(dc.copy), outcome(dp.copy)
            assert oc[0] == op[0] and (oc[0] == "ok" or oc[1:] == op[1:]), (oc, op)
            if oc[0] == "ok":
                dc, dp = oc[1], op[1]
        n = rng.choice([0, 1, 2, 7, 64, 1000, 10**6])
        chunk = stream[pos : pos + n]
        pos += len(chunk)
        max_length = rng.choice([0, 0, 1, 3, 100, 5000])
        rc = outcome(dc.decompress, tail_c + chunk, max_length)
        rp = outcome(dp.decompress, tail_p + chunk, max_length)
        assert rc == rp, (rc[:1] + rc[1:][:1], rp[:1] + rp[1:][:1], len(stream), pos, max_length)
        assert state(dc) == state(dp)
        if rc[0] == "raise":
            return
        tail_c, tail_p = dc.unconsumed_tail, dp.unconsumed_tail
        if pos >= len(stream) and not tail_c and (dc.eof or rng.random() < 0.3):
            break
    length = rng.choice([1, 100, c_zlib.DEF_BUF_SIZE])
    assert outcome(dc.flush, length) == outcome(dp.flush, length)
    assert state(dc) == state(dp)


def test_streams_every_parameter():
    rng = random.Random(SEED)
    more = deadline()
    runs = 0
    while more() or runs < 20:
        data, stream, dwbits, zdict = c_stream(rng)
        if rng.random() < 0.2:
            stream += sample(rng, rng.randrange(1, 50))  # unused data after the end
        drive_decompress(rng, stream, dwbits, zdict, copies=rng.random() < 0.5, more=more)
        runs += 1
    assert runs >= 20


def test_corrupted_and_truncated_streams():
    rng = random.Random(SEED + 1)
    more = deadline()
    runs = 0
    while more() or runs < 50:
        data, stream, dwbits, zdict = c_stream(rng)
        bad = bytearray(stream)
        how = rng.randrange(3)
        if how == 0 and bad:
            del bad[rng.randrange(len(bad)) :]
        elif how == 1 and bad:
            for _ in range(rng.randrange(1, 4)):
                bad[rng.randrange(len(bad))] ^= 1 << rng.randrange(8)
        else:
            bad[rng.randrange(len(bad) + 1) : rng.randrange(len(bad) + 1)] = rng.randbytes(rng.randrange(1, 9))
        bad = bytes(bad)
        if zdict is None:
            bufsize = rng.choice([0, 1, 100, c_zlib.DEF_BUF_SIZE])
            oc = outcome(c_zlib.decompress, bad, dwbits, bufsize)
            op = outcome(port.decompress, bad, dwbits, bufsize)
            assert oc == op, (oc[:2], op[:2], oc[2:] if oc[0] == "raise" else len(oc[1]), op[2:] if op[0] == "raise" else len(op[1]), dwbits, bad.hex())
        drive_decompress(rng, bad, dwbits, zdict, copies=False, more=more)
        runs += 1


def test_compress_roundtrips_through_c_and_is_deterministic():
    rng = random.Random(SEED + 2)
    more = deadline()
    runs = 0
    while more() or runs < 20:
        data = sample(rng, rng.choice([0, 1, 100, 3000, 50000]))
        level = rng.randrange(-1, 10)
        wbits = rng.choice(WBITS)
        if sys.version_info >= (3, 11):
            one = port.compress(data, level, wbits)
            assert one == port.compress(data, level, wbits)
            assert c_zlib.decompress(one, wbits) == data
        else:  # no wbits before 3.11
            one = port.compress(data, level)
            assert one == port.compress(data, level)
            assert c_zlib.decompress(one) == data
        # A stream object, with random flushes between random pieces, and a copy taken midway.
        zdict = sample(rng, 500) if rng.random() < 0.3 else None
        kw = {"zdict": zdict} if zdict is not None else {}
        args = (level, c_zlib.DEFLATED, wbits, rng.randrange(1, 10), rng.choice(STRATEGIES))
        made = outcome(port.compressobj, *args, **kw)
        expected = outcome(c_zlib.compressobj, *args, **kw)
        assert made[0] == expected[0], (made, expected)
        if made[0] == "raise":
            assert made[1:] == expected[1:]
        if made[0] == "raise":  # a dictionary with a gzip container: "Invalid dictionary"
            runs += 1
            continue
        c = made[1]
        out, pos, copy_at, twin = [], 0, rng.randrange(len(data) + 1), None
        while pos < len(data):
            n = rng.randrange(1, 5000)
            if twin is None and pos + n > copy_at:
                twin, twin_out = c.copy(), list(out)
            out.append(c.compress(data[pos : pos + n]))
            if twin is not None:
                twin_out.append(twin.compress(data[pos : pos + n]))
            pos += n
            mode = rng.choice([c_zlib.Z_NO_FLUSH, c_zlib.Z_SYNC_FLUSH, c_zlib.Z_FULL_FLUSH, c_zlib.Z_BLOCK])
            out.append(c.flush(mode))
            if twin is not None:
                twin_out.append(twin.flush(mode))
        out.append(c.flush())
        stream = b"".join(out)
        d = c_zlib.decompressobj(wbits, **kw)
        assert d.decompress(stream) + d.flush() == data and d.eof
        if twin is not None:
            twin_out.append(twin.flush())
            assert b"".join(twin_out) == stream
        # The same calls on a fresh object give the same bytes.
        runs += 1


@pytest.mark.skipif(not hasattr(c_zlib, "_ZlibDecompressor"), reason="3.12+")
def test_zlib_decompressor():
    rng = random.Random(SEED + 3)
    more = deadline()
    runs = 0
    while more() or runs < 20:
        data, stream, dwbits, zdict = c_stream(rng)
        if rng.random() < 0.3 and stream:
            stream = bytearray(stream)
            stream[rng.randrange(len(stream))] ^= 0x10
            stream = bytes(stream)
        if rng.random() < 0.3:
            stream += b"trailing"
        kw = {"zdict": zdict} if zdict is not None and dwbits < 0 else {}
        if zdict is not None and dwbits >= 0 and hasattr(sys, "gettotalrefcount"):
            # A zlib stream made with a dictionary that this decompressor is not given: C's
            # decompress returns NULL without setting an exception, which a debug build's
            # interpreter stops on (a failed assertion, the process aborts). Such streams are
            # compared on release builds only.
            continue
        zc, zp = c_zlib._ZlibDecompressor(dwbits, **kw), port._ZlibDecompressor(dwbits, **kw)
        pos = 0
        for _ in range(5000):
            n = rng.choice([0, 1, 10, 1000, 10**6])
            chunk = stream[pos : pos + n]
            pos += len(chunk)
            m = rng.choice([-1, 0, 1, 10, 4096])
            rc, rp = outcome(zc.decompress, chunk, m), outcome(zp.decompress, chunk, m)
            if rc[:2] == ("raise", "SystemError"):
                # A stream needing a dictionary: C's decompress returns NULL with no exception
                # set, and the interpreter's text for that depends on how the call was made
                # ("<method ...> returned NULL without setting an exception" or "error return
                # without exception set"); the port raises the SystemError itself.
                assert rp[:2] == rc[:2], (rc, rp)
                break
            assert rc == rp
            assert (zc.eof, zc.needs_input, zc.unused_data) == (zp.eof, zp.needs_input, zp.unused_data)
            if rc[0] == "raise" or zc.eof or (pos >= len(stream) and zc.needs_input):
                break
        runs += 1


def test_api_surface_matches():
    names = {n for n in dir(c_zlib) if not n.startswith("__") and n != "ZLIBNG_VERSION"}
    assert names - {n for n in dir(port)} == set()
    for n in sorted(names):
        a, b = getattr(c_zlib, n), getattr(port, n)
        if isinstance(a, int):
            assert a == b, n
        elif callable(a) and not isinstance(a, type) and n != "error":
            assert a.__doc__ == b.__doc__, n
            assert a.__text_signature__ == b.__text_signature__, n
    for cls_c, cls_p in [(type(c_zlib.compressobj()), type(port.compressobj())),
                         (type(c_zlib.decompressobj()), type(port.decompressobj()))]:
        for name in ("compress", "decompress", "flush", "copy", "__copy__", "__deepcopy__"):
            if hasattr(cls_c, name):
                a, b = getattr(cls_c, name), getattr(cls_p, name)
                assert (a.__doc__, a.__text_signature__) == (b.__doc__, b.__text_signature__), name


def test_shared_objects_under_threads():
    """8 threads on one Compress and one Decompress: no crash, and every copy taken midway is a
    consistent state (its stream decompresses to whole pieces; its output is a prefix)."""
    piece = b"ferrocpy zlib thread stress " * 300
    c = port.compressobj(6)
    outputs = []  # written by the main thread only, in call order
    errors = []
    stop = threading.Event()

    def copier():
        # A copy taken while the main thread compresses is a consistent state: the outputs
        # returned before it, then the copy's flush, decompress to whole pieces.
        try:
            while not stop.is_set():
                before = len(outputs)
                tail = c.copy().flush()
                after = len(outputs)
                for k in range(before, after + 1):
                    try:
                        out = c_zlib.decompress(b"".join(outputs[:k]) + tail)
                    except c_zlib.error:
                        continue
                    if len(out) % len(piece) == 0 and out == piece * (len(out) // len(piece)):
                        break
                else:
                    raise AssertionError("a copy's stream is not whole pieces")
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=copier) for _ in range(7)]
    for t in threads:
        t.start()
    for _ in range(300):
        outputs.append(c.compress(piece))
    stop.set()
    for t in threads:
        t.join()
    outputs.append(c.flush())
    assert not errors, errors
    assert c_zlib.decompress(b"".join(outputs)) == piece * 300

    data = piece * 2000
    stream = c_zlib.compress(data, 6)
    d = port.decompressobj()
    done = threading.Event()
    got = []  # written by the main thread only

    def decompress_copier():
        # The copy's flush continues from where the copy was taken: what the main thread got
        # before it, then the copy's output, is a prefix of the data.
        try:
            while not done.is_set():
                before = len(got)
                out = d.copy().flush()
                after = len(got)
                if not any(data.startswith(b"".join(got[:k]) + out) for k in range(before, after + 1)):
                    raise AssertionError("a Decompress copy is not a consistent state")
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=decompress_copier) for _ in range(7)]
    for t in threads:
        t.start()
    for i in range(0, len(stream), 997):
        got.append(d.decompress(stream[i : i + 997]))
    done.set()
    for t in threads:
        t.join()
    assert not errors, errors
    assert b"".join(got) == data and d.eof


@pytest.mark.parametrize("call", ["compress", "decompress", "compressobj", "decompressobj", "crc32"])
def test_gil_released_for_large_inputs(call):
    """As C does around deflate()/inflate(), the port lets other threads run Python code while
    it (de)compresses a large bytes input: another thread's timestamps fall inside the call."""
    big = (b"gil release " * 7 + bytes(range(256))) * 20000  # ~7 MB, compressible
    stream = c_zlib.compress(big, 1)
    run = {
        "compress": lambda: port.compress(big, 6),
        "decompress": lambda: port.decompress(stream),
        "compressobj": lambda: port.compressobj(6).compress(big),
        "decompressobj": lambda: port.decompressobj().decompress(stream),
        "crc32": lambda: [port.crc32(big) for _ in range(20)],
    }[call]
    stamps = []
    stop = threading.Event()
    ready = threading.Event()

    def ticker():
        ready.set()
        while not stop.is_set():
            stamps.append(time.perf_counter())
            time.sleep(0)  # lets the main thread take the GIL (no forced switches below)

    t = threading.Thread(target=ticker)
    old = sys.getswitchinterval()
    # No forced switches: the ticker runs only when the main thread releases the GIL (blocks,
    # or detaches inside the call), never between the call and the timestamps around it.
    sys.setswitchinterval(1000.0)
    try:
        t.start()
        ready.wait()
        # A busy machine may not schedule the other thread within one short call: up to ten
        # calls (a call that keeps the GIL never lets it in).
        ran = False
        for _ in range(10):
            start = time.perf_counter()
            run()
            end = time.perf_counter()
            if any(start < s < end for s in stamps):
                ran = True
                break
    finally:
        stop.set()
        t.join()
        sys.setswitchinterval(old)
    assert ran, f"no other thread ran during {call}"
