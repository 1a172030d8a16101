//! The 3.14+ base64 decoder (with 3.15's options) and the 3.15 encoder options against
//! deliberately naive reference implementations: one character at a time, no bulk paths, no
//! SIMD, written from the rules as observed on CPython 3.14 and 3.15 (every string of up to 6
//! characters over `ABQ=: ` under every combination of options agreed with C's). Exhaustive
//! over short strings, and random longer inputs that take the SIMD kernels and the line-joining
//! path, on every backend.

use binascii_core::*;

fn err(msg: &str) -> Error {
    Error::Error(msg.to_owned().into())
}

/// C's decoding loop of 3.14/3.15, transcribed rule by rule.
fn reference_a2b(
    data: &[u8],
    strict: bool,
    padded: bool,
    canonical: bool,
    alphabet: &[u8; 64],
    ignore: Option<&[u8]>,
) -> Result<Vec<u8>, Error> {
    let ign = |c: u8| strict && ignore.is_some_and(|i| i.contains(&c));
    let value = |c: u8| {
        if c == b'=' {
            return None;
        }
        alphabet.iter().rposition(|&a| a == c).map(|i| i as u8)
    };
    let mut out = Vec::new();
    let (mut quad_pos, mut left, mut pads) = (0u32, 0u8, 0u32);
    for &ch in data {
        if ch == b'=' {
            if strict && !padded {
                if ign(b'=') {
                    continue;
                }
                return Err(err("Padding not allowed"));
            }
            pads += 1;
            if strict {
                if quad_pos >= 2 && quad_pos + pads <= 4 {
                    continue;
                }
                if ign(b'=') {
                    continue;
                }
                if quad_pos == 1 {
                    break;
                }
                return Err(err(if quad_pos == 0 && out.is_empty() {
                    "Leading padding not allowed"
                } else {
                    "Excess padding not allowed"
                }));
            }
            continue;
        }
        let Some(v) = value(ch) else {
            if strict && !ign(ch) {
                return Err(err("Only base64 data is allowed"));
            }
            continue;
        };
        if pads != 0 && strict && !ign(b'=') {
            return Err(err(if quad_pos + pads == 4 {
                "Excess data after padding"
            } else {
                "Discontinuous padding not allowed"
            }));
        }
        pads = 0;
        match quad_pos {
            0 => left = v,
            1 => {
                out.push((left << 2) | (v >> 4));
                left = v & 15;
            }
            2 => {
                out.push((left << 4) | (v >> 2));
                left = v & 3;
            }
            _ => {
                out.push((left << 6) | v);
                left = 0;
            }
        }
        quad_pos = (quad_pos + 1) % 4;
    }
    if quad_pos == 1 {
        return Err(err(&format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more \
             than a multiple of 4",
            out.len() / 3 * 4 + 1
        )));
    }
    if padded && quad_pos != 0 && quad_pos + pads < 4 {
        return Err(err("Incorrect padding"));
    }
    if canonical && quad_pos != 0 && left != 0 {
        return Err(err("Non-zero padding bits"));
    }
    Ok(out)
}

/// Bit by bit, then padding, then lines of `wrapcol` (rounded as C rounds it).
fn reference_b2a(
    data: &[u8],
    padded: bool,
    wrapcol: usize,
    newline: bool,
    alphabet: &[u8; 64],
) -> Vec<u8> {
    let bits: Vec<u8> = data
        .iter()
        .flat_map(|b| (0..8).rev().map(move |i| (b >> i) & 1))
        .collect();
    let mut chars: Vec<u8> = bits
        .chunks(6)
        .map(|c| {
            let v = c
                .iter()
                .chain(std::iter::repeat(&0))
                .take(6)
                .fold(0, |a, &b| a * 2 + b);
            alphabet[usize::from(v)]
        })
        .collect();
    if padded {
        while !chars.len().is_multiple_of(4) {
            chars.push(b'=');
        }
    }
    let width = match wrapcol {
        0 => usize::MAX,
        1..=3 => 4,
        w => w / 4 * 4,
    };
    let mut out: Vec<u8> = chars.chunks(width).collect::<Vec<_>>().join(&b'\n');
    if newline {
        out.push(b'\n');
    }
    out
}

fn strings(symbols: &[u8], max_len: usize) -> Vec<Vec<u8>> {
    let mut all = vec![Vec::new()];
    let mut last = vec![Vec::new()];
    for _ in 0..max_len {
        last = last
            .iter()
            .flat_map(|s: &Vec<u8>| {
                symbols.iter().map(move |&c| {
                    let mut t = s.clone();
                    t.push(c);
                    t
                })
            })
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

/// Deterministic pseudo-random bytes (xorshift).
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
}

const IGNORES: [Option<&[u8]>; 4] = [None, Some(b" "), Some(b"="), Some(b" =\n")];

fn check_a2b(data: &[u8], alphabet: &[u8; 64], backends: &[Backend]) {
    let table = Base64Alphabet::lookup(alphabet).unwrap();
    for strict in [false, true] {
        for padded in [true, false] {
            for canonical in [false, true] {
                for ignore in IGNORES {
                    let set = ignore.map(ByteSet::new);
                    let opts = A2bBase64Options {
                        rules: Base64Rules::Py314,
                        strict,
                        padded,
                        canonical,
                        alphabet: &table,
                        ignore: set.as_ref(),
                    };
                    let want = reference_a2b(data, strict, padded, canonical, alphabet, ignore);
                    for &backend in backends {
                        let got = a2b_base64_opts_with(backend, data, &opts);
                        assert_eq!(
                            got,
                            want,
                            "{:?} {backend:?} strict={strict} padded={padded} \
                             canonical={canonical} ignore={ignore:?}",
                            String::from_utf8_lossy(data)
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a2b_base64_short_strings_match_reference() {
    for s in strings(b"ABQ=: ", 5) {
        check_a2b(&s, BASE64_ALPHABET, &[Backend::Auto]);
    }
    // Other alphabets, fewer symbols: repeats ('A' twice), '=' in the alphabet, a byte above
    // 0x7f, the URL-safe one.
    let mut repeats = *BASE64_ALPHABET;
    repeats[63] = b'A';
    let mut with_pad = *BASE64_ALPHABET;
    with_pad[62] = b'=';
    let mut high = *BASE64_ALPHABET;
    high[63] = 0xff;
    for alphabet in [&repeats, &with_pad, &high, URLSAFE_BASE64_ALPHABET] {
        for s in strings(b"A/-=\xff", 4) {
            check_a2b(&s, alphabet, &[Backend::Auto, Backend::Scalar]);
        }
    }
}

#[test]
fn a2b_base64_long_inputs_match_reference() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let junk = b"=\n\r :*\x00\xff-_";
    for round in 0..400 {
        let n = rng.below(600);
        let raw: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        let mut data = b2a_base64(&raw, false).unwrap();
        if round % 3 == 0 {
            // MIME lines, which take the line-joining path.
            let lines: Vec<&[u8]> = data.chunks(76).collect();
            data = lines.join(&b'\n');
            data.push(b'\n');
        }
        for _ in 0..rng.below(4) {
            if !data.is_empty() {
                let at = rng.below(data.len() + 1);
                data.insert(at, junk[rng.below(junk.len())]);
            }
        }
        check_a2b(&data, BASE64_ALPHABET, &Backend::ALL);
    }
}

#[test]
fn b2a_base64_options_match_reference() {
    let mut odd = [0u8; 64];
    for (i, c) in odd.iter_mut().enumerate() {
        *c = 33 + i as u8;
    }
    for n in (0..40).chain([57, 58, 200, 1000]) {
        let data: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
        for alphabet in [BASE64_ALPHABET, URLSAFE_BASE64_ALPHABET, &odd] {
            let table = Base64Alphabet::lookup(alphabet).unwrap();
            for padded in [true, false] {
                for wrapcol in [0, 1, 3, 4, 5, 8, 9, 76, 1000, usize::MAX] {
                    for newline in [true, false] {
                        let opts = B2aBase64Options {
                            padded,
                            wrapcol,
                            newline,
                            alphabet: &table,
                        };
                        let want = reference_b2a(&data, padded, wrapcol, newline, alphabet);
                        assert_eq!(b2a_base64_opts_len(data.len(), &opts), Ok(want.len()));
                        for backend in Backend::ALL {
                            assert_eq!(
                                b2a_base64_opts_with(backend, &data, &opts).unwrap(),
                                want,
                                "n={n} {opts:?} {backend:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
