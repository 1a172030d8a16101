use super::*;

fn sample(n: usize) -> Vec<u8> {
    // Compressible but not trivial: a small LCG over a 16-letter alphabet, with repeats.
    let mut x: u32 = 12345;
    (0..n)
        .map(|i| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            if i % 97 < 40 {
                b"the quick brown fox "[i % 20]
            } else {
                b'a' + ((x >> 16) % 16) as u8
            }
        })
        .collect()
}

#[test]
fn roundtrip_every_container_and_level() {
    let data = sample(20_000);
    for wbits in [9, 15, -9, -15, 25, 31] {
        for level in -1..=9 {
            let c = compress(&data, level, wbits).unwrap();
            let d = decompress(&c, wbits, DEF_BUF_SIZE).unwrap();
            assert_eq!(d, data, "wbits {wbits} level {level}");
            // Deterministic.
            assert_eq!(compress(&data, level, wbits).unwrap(), c);
        }
    }
    // Auto-detection (32 + n) reads zlib and gzip containers.
    for wbits in [15, 31] {
        let c = compress(&data, 6, wbits).unwrap();
        assert_eq!(decompress(&c, 47, 1).unwrap(), data);
    }
}

#[test]
fn init_errors_are_cs() {
    assert_eq!(
        compress(b"", 10, 15),
        Err(Error::ZlibMessage("Bad compression level"))
    );
    assert!(matches!(
        Compressor::new(6, 9, 15, 8, 0, None),
        Err(Error::ValueError("Invalid initialization option"))
    ));
    assert!(Compressor::new(6, DEFLATED, 16, 8, 0, None).is_err());
    assert!(Compressor::new(6, DEFLATED, 8, 8, 0, None).is_ok());
    assert!(matches!(
        Decompressor::new(100, None, Rules::PY314),
        Err(Error::ValueError("Invalid initialization option"))
    ));
    let e = decompress(b"x\x9c", 100, 1).unwrap_err();
    assert_eq!(
        e,
        zerr(
            Z_STREAM_ERROR,
            "while preparing to decompress data",
            e.clone().zlib_msg()
        )
    );
}

impl Error {
    fn zlib_msg(self) -> Option<String> {
        match self {
            Error::Zlib(z) => z.msg,
            _ => None,
        }
    }
    fn text(&self) -> String {
        match self {
            Error::Zlib(z) => z.text(),
            e => format!("{e:?}"),
        }
    }
}

#[test]
fn corrupt_and_truncated_messages() {
    let c = compress(b"hello", 6, 15).unwrap();
    assert_eq!(
        decompress(b"x", 15, 1).unwrap_err().text(),
        "Error -5 while decompressing data: incomplete or truncated stream"
    );
    assert_eq!(
        decompress(&c[..c.len() - 1], 15, 1).unwrap_err().text(),
        "Error -5 while decompressing data: incomplete or truncated stream"
    );
    assert_eq!(
        decompress(b"xx\x00garbage", 15, 1).unwrap_err().text(),
        "Error -3 while decompressing data: incorrect header check"
    );
}

#[test]
fn streaming_with_max_length_and_unused_data() {
    let data = sample(50_000);
    let mut c = compress(&data, 6, 15).unwrap();
    c.extend_from_slice(b"TRAILER");
    let mut d = Decompressor::new(15, None, Rules::PY310).unwrap();
    let mut out = Vec::new();
    let mut input: Vec<u8> = c.clone();
    while !d.eof {
        let chunk = d.decompress(&input, 1000, None).unwrap();
        assert!(chunk.len() <= 1000);
        out.extend_from_slice(&chunk);
        input = d.unconsumed_tail.clone();
    }
    assert_eq!(out, data);
    assert_eq!(d.unused_data, b"TRAILER");
    assert_eq!(d.flush(DEF_BUF_SIZE).unwrap(), b"");
    // Ended by flush: further use reports an inconsistent stream.
    assert!(matches!(
        d.try_clone(),
        Err(Error::ValueError("Inconsistent stream state"))
    ));
    assert_eq!(
        d.decompress(b"x", 0, None).unwrap_err().text(),
        "Error -2 while decompressing data: inconsistent stream state"
    );
}

#[test]
fn compressor_flush_modes_copy_and_dictionary() {
    let data = sample(20_000);
    let zdict = &data[..1000];
    let mut c = Compressor::new(6, DEFLATED, 15, 9, Z_FILTERED, Some(zdict)).unwrap();
    let mut s = c.compress(&data[..7000]).unwrap();
    s.extend(c.flush(Z_SYNC_FLUSH).unwrap());
    let mut c2 = c.try_clone().unwrap();
    s.extend(c.compress(&data[7000..]).unwrap());
    s.extend(c.flush(Z_FULL_FLUSH).unwrap());
    s.extend(c.flush(Z_FINISH).unwrap());
    // The copy continues independently and yields the same stream.
    let mut t = c2.compress(&data[7000..]).unwrap();
    t.extend(c2.flush(Z_FULL_FLUSH).unwrap());
    t.extend(c2.flush(Z_FINISH).unwrap());
    assert!(s.ends_with(&t));
    // After Z_FINISH the stream is ended.
    assert_eq!(
        c.compress(b"a").unwrap_err().text(),
        "Error -2 while compressing data: inconsistent stream state"
    );
    assert!(matches!(
        c.try_clone(),
        Err(Error::ValueError("Inconsistent stream state"))
    ));
    // Without the dictionary: Z_NEED_DICT.
    let mut d = Decompressor::new(15, None, Rules::PY310).unwrap();
    assert_eq!(
        d.decompress(&s, 0, None).unwrap_err().text(),
        "Error 2 while decompressing data"
    );
    let mut d = Decompressor::new(15, Some(zdict), Rules::PY314).unwrap();
    assert_eq!(d.decompress(&s, 0, Some(zdict)).unwrap(), data);
    assert!(d.eof);
}

#[test]
fn decompressor_copy_at_every_point() {
    let data = sample(30_000);
    let c = compress(&data, 9, -12).unwrap();
    for cut in (0..c.len()).step_by(c.len() / 7 + 1) {
        let mut d = Decompressor::new(-12, None, Rules::PY314).unwrap();
        let mut head = d.decompress(&c[..cut], 0, None).unwrap();
        let mut e = d.try_clone().unwrap();
        let mut head2 = head.clone();
        head.extend(d.decompress(&c[cut..], 0, None).unwrap());
        head.extend(d.flush(DEF_BUF_SIZE).unwrap());
        head2.extend(e.decompress(&c[cut..], 0, None).unwrap());
        assert_eq!(head, data);
        assert_eq!(head2, data);
    }
}

#[test]
fn zlib_decompressor_needs_input_and_eof() {
    let data = sample(40_000);
    let mut c = compress(&data, 6, 31).unwrap();
    c.extend_from_slice(b"xyz");
    let mut z = ZlibDecompressor::new(31, None).unwrap();
    let mut out = z.decompress(&c[..100], 10).unwrap();
    assert_eq!(out.len(), 10);
    assert!(!z.needs_input);
    while !z.eof {
        out.extend(z.decompress(b"", 5000).unwrap());
        if z.needs_input && !z.eof {
            break;
        }
    }
    out.extend(z.decompress(&c[100..], -1).unwrap());
    assert!(z.eof);
    assert_eq!(out, data);
    assert_eq!(z.unused_data, b"xyz");
    assert_eq!(
        z.decompress(b"", -1),
        Err(Error::EOFError("End of stream already reached"))
    );
}

/// `crc32` (crc32fast) against zlib-rs's own CRC-32, the table-driven definition, at every
/// length up to 600 bytes and at large ones, from several start values and unaligned offsets.
#[test]
fn crc32_matches_zlib_rs() {
    let mut x = 0x9E37_79B9_u32;
    let data: Vec<u8> = (0..(1 << 20) + 77)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    for start in [0u32, 1, 0xFFFF_FFFF, 0x1234_5678] {
        for off in [0usize, 1, 7] {
            for len in (0..600).chain([4095, 4096, 65_537, 1 << 20]) {
                let d = &data[off..off + len];
                assert_eq!(
                    crc32(d, start),
                    zlib_rs::crc32::crc32(start, d),
                    "{start} {off} {len}"
                );
            }
        }
    }
}

#[test]
fn checksums() {
    assert_eq!(crc32(b"hello", 0), 0x3610_a686);
    assert_eq!(adler32(b"hello", 1), 0x062c_0215);
    let (a, b) = (b"hello ".as_slice(), b"world".as_slice());
    let whole: Vec<u8> = [a, b].concat();
    assert_eq!(
        crc32_combine(crc32(a, 0), crc32(b, 0), b.len() as u64),
        crc32(&whole, 0)
    );
    assert_eq!(
        adler32_combine(adler32(a, 1), adler32(b, 1), b.len() as u64),
        adler32(&whole, 1)
    );
    assert!(version().contains("zlib-rs"));
    assert_eq!(version(), format!("1.3.0-zlib-rs-{}", zlib_rs_version()));
}

#[test]
fn rules_of_314_clear_the_tail_at_eof_and_raise_from_flush() {
    let source = b"abcdefghijklmnopqrstuvwxyz";
    let mut c = compress(source, 6, 15).unwrap();
    c.extend_from_slice(b"0123456789");
    for (rules, tail) in [(Rules::PY310, &b"0123456789"[..]), (Rules::PY314, &b""[..])] {
        let mut d = Decompressor::new(15, None, rules).unwrap();
        let mut out = d.decompress(&c, 1, None).unwrap();
        let t = d.unconsumed_tail.clone();
        out.extend(d.decompress(&t, 0, None).unwrap());
        assert!(d.eof);
        assert_eq!(out, source);
        assert_eq!(d.unconsumed_tail, tail);
        assert_eq!(d.unused_data, b"0123456789");
    }
    let x = b"x\x9cK\xcb\xcf\x07\x00\x02\x82\x01E";
    let mut corrupt = x[..x.len() - 1].to_vec();
    corrupt.push(0);
    let mut d = Decompressor::new(15, None, Rules::PY310).unwrap();
    assert_eq!(d.decompress(&corrupt, 1, None).unwrap(), b"f");
    assert_eq!(d.flush(DEF_BUF_SIZE).unwrap(), b"oo");
    let mut d = Decompressor::new(15, None, Rules::PY314).unwrap();
    assert_eq!(d.decompress(&corrupt, 1, None).unwrap(), b"f");
    let e = d.flush(DEF_BUF_SIZE).unwrap_err().text();
    assert_eq!(e, "Error -3 while decompressing data: incorrect data check");
    // zlib keeps the message of the error that broke the stream.
    assert_eq!(d.flush(DEF_BUF_SIZE).unwrap_err().text(), e);
}

/// Runs `input` through `d` with `Z_FINISH` to the end of the stream; the whole output.
fn finish(d: &mut Deflater, input: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = input;
    loop {
        let p = d.deflate(rest, &mut out, 1 << 16, Z_FINISH);
        rest = &rest[p.consumed..];
        if p.code == Z_STREAM_END {
            return out;
        }
        assert!(p.code == Z_OK || p.code == Z_BUF_ERROR, "code {}", p.code);
    }
}

/// A reset stream (`deflateReset`, as one-shot `compress()` reuses its thread's stream) writes
/// what a new stream writes, whatever the streams before it did: small and large inputs (the
/// vendored zlib-rs clears only the hash entries it logged, or the whole table past its log's
/// capacity), a dictionary, full flushes, copies.
#[test]
fn reset_stream_writes_what_a_new_stream_writes() {
    let inputs: Vec<Vec<u8>> = [
        0usize, 1, 5, 64, 300, 64, 40_000, 64, 2_000, 511, 513, 64, 200_000, 64,
    ]
    .iter()
    .enumerate()
    .map(|(i, &n)| {
        let mut v = sample(n + i);
        v.drain(..i);
        v
    })
    .collect();
    let new = |level, wbits, strategy| {
        Deflater::new(level, DEFLATED, wbits, DEF_MEM_LEVEL, strategy).unwrap()
    };
    for wbits in [9, 15, -15, 31] {
        for level in 0..=9 {
            for strategy in [Z_DEFAULT_STRATEGY, Z_FILTERED, Z_RLE] {
                let mut reused = new(level, wbits, strategy);
                for (i, input) in inputs.iter().enumerate() {
                    assert_eq!(reused.reset(), Z_OK);
                    let expected = finish(&mut new(level, wbits, strategy), input);
                    match i % 4 {
                        // A full flush half-way (which clears the hash table).
                        1 => {
                            let mut out = Vec::new();
                            let half = &input[..input.len() / 2];
                            let p = reused.deflate(half, &mut out, 1 << 20, Z_FULL_FLUSH);
                            assert_eq!(p.consumed, half.len());
                            finish(&mut reused, &input[half.len()..]);
                        }
                        // A copy half-way: both finish the same, then both reset.
                        2 => {
                            let mut out = Vec::new();
                            let half = &input[..input.len() / 2];
                            reused.deflate(half, &mut out, 1 << 20, Z_NO_FLUSH);
                            let mut copy = reused.try_clone().unwrap();
                            let rest = &input[half.len()..];
                            assert_eq!(finish(&mut copy, rest), finish(&mut reused, rest));
                            assert_eq!(copy.reset(), Z_OK);
                            assert_eq!(
                                finish(&mut copy, input),
                                expected,
                                "copy {wbits} {level} {i}"
                            );
                        }
                        // A dictionary (zlib and raw streams).
                        3 if wbits != 31 => {
                            assert_eq!(reused.set_dictionary(&inputs[6][..3000]), Z_OK);
                            finish(&mut reused, input);
                        }
                        _ => {
                            assert_eq!(finish(&mut reused, input), expected, "{wbits} {level} {i}")
                        }
                    }
                    // Whatever the stream did, the next one starts from a clean state.
                    assert_eq!(reused.reset(), Z_OK);
                    assert_eq!(
                        finish(&mut reused, input),
                        expected,
                        "after {wbits} {level} {i}"
                    );
                }
            }
        }
    }
}

/// One-shot `decompress()` reuses its thread's stream (reset with `inflateReset2`): every call
/// gets what a new stream gives, whatever the one before read (a gzip or zlib header under
/// auto-detection, a window size taken from the header with wbits 0, corrupt or truncated data).
#[test]
fn one_shot_decompress_after_any_stream() {
    let data = sample(5_000);
    let z9 = compress(&data, 6, 9).unwrap();
    let z15 = compress(&data, 6, 15).unwrap();
    let gz = compress(&data, 6, 31).unwrap();
    let mut corrupt = z15.clone();
    corrupt[40] ^= 0x55;
    let fresh = |c: &[u8], wbits: i32| -> Result<Vec<u8>, Error> {
        let mut inf = Inflater::new(wbits).unwrap();
        let mut out = Vec::new();
        let p = inf.inflate(c, &mut out, 1 << 20, Z_FINISH);
        match p.code {
            Z_STREAM_END => Ok(out),
            code => Err(zerr(code, "while decompressing data", inf.message())),
        }
    };
    let cases: [(&[u8], i32); 10] = [
        (&gz, 47),
        (&z15, 47),
        (&z9, 0),
        (&z15, 0),
        (&corrupt, 15),
        (&z15, 15),
        (&z15[..30], 15),
        (&z15, 15),
        (&gz, 31),
        (&z9, 9),
    ];
    for round in 0..2 {
        for (i, (c, wbits)) in cases.iter().enumerate() {
            let got = decompress(c, *wbits, DEF_BUF_SIZE);
            match fresh(c, *wbits) {
                Ok(v) => assert_eq!(got.as_deref(), Ok(&v[..]), "{round} {i}"),
                Err(_) => assert!(got.is_err(), "{round} {i}"),
            }
            if let Ok(v) = got {
                assert_eq!(v, data);
            }
        }
    }
    assert_eq!(
        decompress(&corrupt, 15, DEF_BUF_SIZE).unwrap_err(),
        fresh(&corrupt, 15).unwrap_err()
    );
}

/// A finished `Compress` keeps its stream (retired) and, once dropped, gives it to the next
/// `compressobj()` with the same parameters: the finished object refuses every call as an ended
/// stream does, and the next object writes what a new stream writes.
#[test]
fn compressobj_reuses_a_finished_objects_stream() {
    let data = sample(3_000);
    let run = |c: &mut Compressor, input: &[u8]| {
        let mut out = c.compress(input).unwrap();
        out.extend(c.flush(Z_FINISH).unwrap());
        out
    };
    for params in [
        [6, DEFLATED, 15, 8, 0],
        [1, DEFLATED, -9, 9, 0],
        [9, DEFLATED, 31, 8, Z_FILTERED],
    ] {
        let [level, method, wbits, mem, strategy] = params;
        let new = || Compressor::new(level, method, wbits, mem, strategy, None).unwrap();
        let mut first = new();
        let expected = run(&mut first, &data);
        // Ended: every call refused as C's module refuses it after flush().
        let ended = Err(zerr(Z_STREAM_ERROR, "while compressing data", None));
        assert_eq!(first.compress(b"x"), ended);
        assert_eq!(
            first.flush(Z_FINISH),
            Err(zerr(Z_STREAM_ERROR, "while flushing", None))
        );
        assert_eq!(first.flush(Z_NO_FLUSH), Ok(Vec::new()));
        assert!(matches!(
            first.try_clone(),
            Err(Error::ValueError("Inconsistent stream state"))
        ));
        drop(first);
        for input in [&data[..], b"", &data[..64], &data[..]] {
            let mut fresh = new();
            let mut reference = Compressor {
                d: Deflater::new(level, method, wbits, mem, strategy).unwrap(),
                params: [0; 5],
            };
            assert_eq!(run(&mut fresh, input), run(&mut reference, input));
            if input.len() == data.len() {
                assert_eq!(run(&mut new(), input), expected);
            }
        }
        // With a dictionary, and after an unfinished object (not kept).
        let mut unfinished = new();
        unfinished.compress(&data).unwrap();
        drop(unfinished);
        assert_eq!(run(&mut new(), &data), expected);
        if wbits == 31 {
            // gzip streams take no dictionary (refused as by C), a pooled one neither.
            let r = Compressor::new(level, method, wbits, mem, strategy, Some(b"ab"));
            assert!(matches!(r, Err(Error::ValueError("Invalid dictionary"))));
            continue;
        }
        let zdict = &data[..500];
        let mut a = Compressor::new(level, method, wbits, mem, strategy, Some(zdict)).unwrap();
        let with_dict = run(&mut a, &data);
        drop(a);
        let mut b = Compressor::new(level, method, wbits, mem, strategy, Some(zdict)).unwrap();
        assert_eq!(run(&mut b, &data), with_dict);
        drop(b);
        assert_eq!(run(&mut new(), &data), expected);
    }
}

/// Dropped `Decompress`/`_ZlibDecompressor` objects give their stream to the next one, reset:
/// nothing of the old stream (window, dictionary, error) is seen by the new one.
#[test]
fn decompressobj_reuses_a_dropped_objects_stream() {
    let data = sample(3_000);
    // A raw stream in two parts; the second refers back into the first's output.
    let mut c = Compressor::new(6, DEFLATED, -15, 8, 0, None).unwrap();
    let mut first = c.compress(&data).unwrap();
    first.extend(c.flush(Z_SYNC_FLUSH).unwrap());
    let mut second = c.compress(&data).unwrap();
    second.extend(c.flush(Z_FINISH).unwrap());
    let fresh_second = Decompressor::new(-15, None, Rules::PY314)
        .unwrap()
        .decompress(&second, 0, None);
    assert!(
        fresh_second.is_err(),
        "a new stream refuses the back reference"
    );
    for _ in 0..3 {
        let mut d = Decompressor::new(-15, None, Rules::PY314).unwrap();
        assert_eq!(d.decompress(&first, 0, None).unwrap(), data);
        drop(d);
        let mut d = Decompressor::new(-15, None, Rules::PY314).unwrap();
        assert_eq!(d.decompress(&second, 0, None), fresh_second);
        drop(d);
        let mut z = ZlibDecompressor::new(-15, None).unwrap();
        assert_eq!(z.decompress(&first, -1).unwrap(), data);
        drop(z);
        let mut z = ZlibDecompressor::new(-15, None).unwrap();
        assert!(z.decompress(&second, -1).is_err());
        drop(z);
        // A dictionary given to one object is not the next one's.
        let zc = {
            let mut c = Compressor::new(6, DEFLATED, 15, 8, 0, Some(&data[..200])).unwrap();
            let mut v = c.compress(&data).unwrap();
            v.extend(c.flush(Z_FINISH).unwrap());
            v
        };
        let mut d = Decompressor::new(15, Some(&data[..200]), Rules::PY314).unwrap();
        assert_eq!(d.decompress(&zc, 0, Some(&data[..200])).unwrap(), data);
        drop(d);
        let mut d = Decompressor::new(15, None, Rules::PY314).unwrap();
        let mut fresh = Decompressor::new(15, None, Rules::PY314).unwrap();
        assert_eq!(d.decompress(&zc, 0, None), fresh.decompress(&zc, 0, None));
        assert_eq!(d.unconsumed_tail, fresh.unconsumed_tail);
        // (Without its dictionary the stream is refused.)
        assert!(decompress(&zc, 15, DEF_BUF_SIZE).is_err());
    }
}
