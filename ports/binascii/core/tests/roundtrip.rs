//! Randomised tests: roundtrips, and the SIMD and scalar backends agreeing on
//! inputs long enough to take the SIMD paths. A fixed-seed xorshift keeps
//! them deterministic without extra dependencies.

use binascii_core::*;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

const BACKENDS: [Backend; 4] = Backend::ALL;

fn sizes(rng: &mut Rng) -> impl Iterator<Item = usize> + '_ {
    (0..200).chain((0..60).map(|_| rng.below(5000)))
}

#[test]
fn base64_roundtrip_and_backends_agree() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let lens: Vec<usize> = sizes(&mut Rng(1)).collect();
    for n in lens {
        let data = rng.bytes(n);
        for nl in [false, true] {
            let a = b2a_base64_with(Backend::Auto, &data, nl).unwrap();
            for backend in BACKENDS {
                let s = b2a_base64_with(backend, &data, nl).unwrap();
                assert_eq!(a, s, "encode n={n} [{backend:?}]");
            }
            for strict in [false, true] {
                for minor in 10..=13 {
                    for backend in BACKENDS {
                        let r = a2b_base64_with(backend, &a, strict, Base64Rules::for_minor(minor));
                        if strict && nl {
                            assert!(r.is_err(), "strict rejects the newline");
                        } else {
                            assert_eq!(r.unwrap(), data, "decode n={n}");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn base64_decode_backends_agree_on_damaged_input() {
    let mut rng = Rng(42);
    let junk = b"=\n\r \t!\x00\x80\xffA/";
    for round in 0..3000 {
        let n = if round % 10 == 0 {
            rng.below(3000)
        } else {
            rng.below(200)
        };
        let mut enc = b2a_base64(&rng.bytes(n), round % 2 == 0).unwrap();
        for _ in 0..=rng.below(3) {
            let pos = rng.below(enc.len() + 1);
            match rng.below(3) {
                0 => enc.insert(pos, junk[rng.below(junk.len())]),
                1 if pos < enc.len() => {
                    enc.remove(pos);
                }
                _ => enc.truncate(pos),
            }
        }
        for strict in [false, true] {
            for minor in [10, 12, 13] {
                let s =
                    a2b_base64_with(Backend::Scalar, &enc, strict, Base64Rules::for_minor(minor));
                for backend in BACKENDS {
                    let a = a2b_base64_with(backend, &enc, strict, Base64Rules::for_minor(minor));
                    assert_eq!(
                        a,
                        s,
                        "[{backend:?}] input {:?}",
                        String::from_utf8_lossy(&enc)
                    );
                }
            }
        }
    }
}

/// The large-input paths (non-temporal stores from 1 MiB on, which align the
/// output first) at every output alignment, against the scalar code.
#[test]
fn large_encodes_agree_at_every_alignment() {
    let data = Rng(11).bytes((1 << 20) + 777);
    let hex = b2a_hex_with(Backend::Scalar, &data, None, 1).unwrap();
    let b64 = b2a_base64_with(Backend::Scalar, &data, true).unwrap();
    let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); 2 * data.len() + 64];
    for (d, o) in [
        (0, 0),
        (1, 0),
        (0, 1),
        (5, 2),
        (0, 16),
        (3, 32),
        (0, 48),
        (2, 63),
    ] {
        for backend in BACKENDS {
            let got = b2a_hex_into_with(backend, &data[d..], None, 1, &mut buf[o..]).unwrap();
            assert!(got == &hex[2 * d..], "hexlify {backend:?} at +{d}/+{o}");
            let got = b2a_base64_into_with(backend, &data, true, &mut buf[o..]).unwrap();
            assert!(got == &b64[..], "b2a_base64 {backend:?} at +{o}");
        }
    }
}

#[test]
fn base32_encode_backends_agree() {
    let mut rng = Rng(32);
    let custom = Base32Alphabet::new(b"0123456789abcdefghijklmnopqrstuv").unwrap();
    let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); 20000];
    let mut want = vec![std::mem::MaybeUninit::<u8>::uninit(); 20000];
    for n in sizes(&mut Rng(3)) {
        let data = rng.bytes(n);
        let padded = rng.below(2) == 0;
        let wrapcol = [0, 0, 8, 76, 100][rng.below(5)];
        for alphabet in [Base32Alphabet::standard(), &custom] {
            let w =
                b2a_base32_into_with(Backend::Scalar, &data, padded, wrapcol, alphabet, &mut want)
                    .unwrap();
            for backend in BACKENDS {
                let got = b2a_base32_into_with(backend, &data, padded, wrapcol, alphabet, &mut buf)
                    .unwrap();
                assert!(
                    got == w,
                    "{backend:?} n={n} padded={padded} wrapcol={wrapcol}"
                );
            }
            let ignore = ByteSet::new(b"\n");
            assert_eq!(
                a2b_base32(w, padded, alphabet, &ignore, false).unwrap(),
                data
            );
            // Decoding, also with one character damaged (an error or a different result, the
            // same on every backend).
            let mut damaged = w.to_vec();
            if !damaged.is_empty() {
                let k = rng.below(damaged.len());
                damaged[k] = b"=!\n\x80\xffaA0z"[rng.below(9)];
            }
            for input in [w, &damaged[..]] {
                let want = a2b_base32_into_with(
                    Backend::Scalar,
                    input,
                    padded,
                    alphabet,
                    &ignore,
                    false,
                    &mut buf,
                )
                .map(|r| r.to_vec());
                for backend in BACKENDS {
                    let mut out = vec![std::mem::MaybeUninit::<u8>::uninit(); 20000];
                    let got = a2b_base32_into_with(
                        backend, input, padded, alphabet, &ignore, false, &mut out,
                    )
                    .map(|r| r.to_vec());
                    assert_eq!(got, want, "{backend:?} n={n}");
                }
            }
        }
    }
}

#[test]
fn hex_roundtrip_and_backends_agree() {
    let mut rng = Rng(7);
    let lens: Vec<usize> = sizes(&mut Rng(2)).collect();
    for n in lens {
        let data = rng.bytes(n);
        let h = b2a_hex_with(Backend::Scalar, &data, None, 1).unwrap();
        for backend in BACKENDS {
            assert_eq!(b2a_hex_with(backend, &data, None, 1).unwrap(), h);
            assert_eq!(a2b_hex_with(backend, &h).unwrap(), data);
        }
        // Groups long enough for the vector kernels too (16 and 32 bytes and more).
        let bps = rng.below(160) as isize - 80;
        for backend in BACKENDS {
            let g = b2a_hex_with(backend, &data, Some(b':'), bps).unwrap();
            let stripped: Vec<u8> = g.iter().filter(|&&c| c != b':').copied().collect();
            assert_eq!(stripped, h);
        }
        if !h.is_empty() {
            let mut bad = h.clone();
            let i = rng.below(bad.len());
            bad[i] = b"gG :\x00\xff"[rng.below(6)];
            for backend in BACKENDS {
                assert_eq!(
                    a2b_hex_with(backend, &bad),
                    Err(Error::Error("Non-hexadecimal digit found".into()))
                );
            }
        }
    }
}

#[test]
fn crc32_backends_agree() {
    let mut rng = Rng(99);
    let lens: Vec<usize> = sizes(&mut Rng(3)).collect();
    for n in lens {
        let data = rng.bytes(n);
        let init = rng.next() as u32;
        assert_eq!(
            crc32_with(Backend::Auto, &data, init),
            crc32_with(Backend::Scalar, &data, init)
        );
    }
}

#[test]
fn qp_and_uu_roundtrip() {
    let mut rng = Rng(5);
    for _ in 0..2000 {
        let n = rng.below(300);
        let data = rng.bytes(n);
        // Binary mode quotes every line end, so decoding restores the input.
        // (Line lengths are not checked: C lets a literal byte before a
        // quoted '\n' make a 77-character line.)
        for quotetabs in [false, true] {
            for header in [false, true] {
                let enc = b2a_qp(&data, quotetabs, false, header).unwrap();
                assert_eq!(a2b_qp(&enc, header).unwrap(), data);
            }
        }
        let line = &data[..n.min(45)];
        for backtick in [false, true] {
            let enc = b2a_uu(line, backtick).unwrap();
            assert_eq!(a2b_uu(&enc, UuRules::Py310).unwrap(), line);
        }
    }
}

/// Long inputs with damage at every distance from a SIMD block boundary, so
/// that each kernel stops at, before and after the bad byte.
#[test]
fn base64_kernels_agree_around_block_edges() {
    let mut rng = Rng(77);
    let enc = b2a_base64(&rng.bytes(3 * 96), false).unwrap(); // 384 chars
    for pos in 0..enc.len() {
        for bad in [b'\n', b'=', b'!', b'\x80', b'-'] {
            let mut s = enc.clone();
            s[pos] = bad;
            for strict in [false, true] {
                let want = a2b_base64_with(Backend::Scalar, &s, strict, Base64Rules::Py313);
                for backend in BACKENDS {
                    assert_eq!(
                        a2b_base64_with(backend, &s, strict, Base64Rules::Py313),
                        want,
                        "[{backend:?}] byte {bad:#x} at {pos}"
                    );
                }
            }
        }
    }
}

#[test]
fn backends_resolve_to_what_the_cpu_has() {
    for backend in BACKENDS {
        let r = backend.resolved();
        assert!(r.is_available(), "{backend:?} resolved to {r:?}");
        if backend.is_available() && backend != Backend::Auto {
            assert_eq!(r, backend);
        }
    }
    assert_eq!(Backend::Scalar.resolved(), Backend::Scalar);
    if Backend::Avx512Vbmi.is_available() {
        assert!(Backend::Avx2.is_available());
    }
    eprintln!(
        "backends here: Auto -> {:?}, Avx2 -> {:?}, Avx512Vbmi -> {:?}",
        Backend::Auto.resolved(),
        Backend::Avx2.resolved(),
        Backend::Avx512Vbmi.resolved()
    );
}

#[test]
fn default_backend_switch() {
    // Only this test touches the process-wide default.
    assert_eq!(default_backend(), Backend::Auto);
    set_default_backend(Backend::Scalar);
    assert_eq!(default_backend(), Backend::Scalar);
    assert_eq!(b2a_base64(b"abc", false).unwrap(), b"YWJj");
    set_default_backend(Backend::Auto);
    assert_eq!(default_backend(), Backend::Auto);
}

/// Run by [`simd_cap_variable_lowers_the_level`] in a child process with the cap variable set
/// (its value is in `BINASCII_CAP_EXPECT`); does nothing on its own.
#[test]
fn auto_obeys_the_cap() {
    let Ok(want) = std::env::var("BINASCII_CAP_EXPECT") else {
        return;
    };
    let got = Backend::Auto.resolved();
    match want.as_str() {
        "scalar" => assert_eq!(got, Backend::Scalar),
        "avx2" => assert!(got == Backend::Avx2 || got == Backend::Scalar, "{got:?}"),
        other => panic!("unexpected {other}"),
    }
}

#[test]
fn simd_cap_variable_lowers_the_level() {
    let exe = std::env::current_exe().unwrap();
    for cap in ["scalar", "avx2"] {
        let out = std::process::Command::new(&exe)
            .args(["--exact", "auto_obeys_the_cap", "--nocapture"])
            .env(CAP_VARIABLE, cap)
            .env("BINASCII_CAP_EXPECT", cap)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{cap}: {text}");
        assert!(text.contains("1 passed"), "{cap}: {text}");
    }
}
