//! `a2b_base32` / `b2a_base32` (CPython 3.15): RFC 4648 base32 with a
//! choice of alphabet, optional padding, line wrapping, ignored characters and
//! a canonical mode.
//!
//! Decoding follows C's rules: `=` is padding whatever the alphabet says; a
//! padding run may only follow 2, 4, 5 or 7 data characters of a group and
//! must complete it; characters outside the alphabet are an error unless they
//! are in `ignorechars` (an ignored `=` lifts every padding rule); the
//! padding count restarts with each complete group.

use std::borrow::Cow;
use std::mem::MaybeUninit;

use crate::lines::{check_size, wrapped_len, ByteSet};
use crate::simd::{self, Level, Writer};
use crate::{check_capacity, collect, default_backend, Backend, Error};

/// The RFC 4648 base32 alphabet (`binascii.BASE32_ALPHABET`).
pub const BASE32_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/// The "extended hex" alphabet of RFC 4648 (`binascii.BASE32HEX_ALPHABET`).
pub const BASE32HEX_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";

const INVALID: u8 = 0xFF;
const PAD: u8 = 0xFE;
const TOO_MUCH: &str = "Too much data for base32";

/// An alphabet's encoding and decoding tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base32Alphabet {
    enc: [u8; 32],
    /// Byte -> value; [`INVALID`] outside the alphabet, [`PAD`] for `=`.
    dec: [u8; 256],
}

static STANDARD: Base32Alphabet = Base32Alphabet::build(BASE32_ALPHABET);
static HEX: Base32Alphabet = Base32Alphabet::build(BASE32HEX_ALPHABET);

impl Base32Alphabet {
    const fn build(alphabet: &[u8; 32]) -> Self {
        let mut dec = [INVALID; 256];
        let mut i = 0;
        while i < 32 {
            // A byte listed twice decodes to its last position, as in C.
            dec[alphabet[i] as usize] = i as u8;
            i += 1;
        }
        // `=` is always padding, even when the alphabet lists it.
        dec[b'=' as usize] = PAD;
        Base32Alphabet {
            enc: *alphabet,
            dec,
        }
    }

    /// The tables of `alphabet`: `ValueError("alphabet must have length 32")`
    /// unless it has 32 bytes (any bytes, repeats allowed).
    pub fn new(alphabet: &[u8]) -> Result<Self, Error> {
        Ok(Self::build(Self::check(alphabet)?))
    }

    /// As [`Base32Alphabet::new`], borrowing prebuilt tables for the two RFC
    /// alphabets.
    pub fn lookup(alphabet: &[u8]) -> Result<Cow<'static, Base32Alphabet>, Error> {
        let a = Self::check(alphabet)?;
        Ok(if a == BASE32_ALPHABET {
            Cow::Borrowed(&STANDARD)
        } else if a == BASE32HEX_ALPHABET {
            Cow::Borrowed(&HEX)
        } else {
            Cow::Owned(Self::build(a))
        })
    }

    /// The standard alphabet ([`BASE32_ALPHABET`]).
    pub fn standard() -> &'static Base32Alphabet {
        &STANDARD
    }

    fn check(alphabet: &[u8]) -> Result<&[u8; 32], Error> {
        alphabet
            .try_into()
            .map_err(|_| Error::ValueError(Cow::Borrowed("alphabet must have length 32")))
    }
}

// ---------------------------------------------------------------- encode

/// Characters of the last, partial group of `rem` bytes without padding.
const TAIL_CHARS: [usize; 5] = [0, 2, 4, 5, 7];

/// The line width `wrapcol` gives: whole groups of 8, at least one.
#[inline]
fn line_width(wrapcol: usize) -> usize {
    if wrapcol == 0 {
        0
    } else {
        (wrapcol / 8 * 8).max(8)
    }
}

/// Exact output size of [`b2a_base32_into`].
pub fn b2a_base32_len(data_len: usize, padded: bool, wrapcol: usize) -> Result<usize, Error> {
    let rem = data_len % 5;
    let tail = match (rem, padded) {
        (0, _) => 0,
        (_, true) => 8,
        (r, false) => TAIL_CHARS[r],
    };
    let len = check_size(
        (data_len / 5)
            .checked_mul(8)
            .and_then(|n| n.checked_add(tail)),
        TOO_MUCH,
    )?;
    check_size(Some(wrapped_len(len, line_width(wrapcol))), TOO_MUCH)
}

/// Base32-encodes `data` into `out` (at least [`b2a_base32_len`] bytes).
pub fn b2a_base32_into<'o>(
    data: &[u8],
    padded: bool,
    wrapcol: usize,
    alphabet: &Base32Alphabet,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    b2a_base32_into_with(default_backend(), data, padded, wrapcol, alphabet, out)
}

/// [`b2a_base32_into`] with an explicit backend.
pub fn b2a_base32_into_with<'o>(
    backend: Backend,
    data: &[u8],
    padded: bool,
    wrapcol: usize,
    alphabet: &Base32Alphabet,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    let need = b2a_base32_len(data.len(), padded, wrapcol)?;
    check_capacity(out.len(), need);
    let mut w = Writer::new(out);
    let width = line_width(wrapcol);
    if width == 0 || need <= width {
        encode_run(&mut w, data, padded, &alphabet.enc, backend);
    } else {
        // Lines hold whole groups: encode one line's worth of input at a time.
        for (i, line) in data.chunks(width / 8 * 5).enumerate() {
            if i > 0 {
                w.push(b'\n');
            }
            encode_run(&mut w, line, padded, &alphabet.enc, backend);
        }
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`b2a_base32_into`].
pub fn b2a_base32(
    data: &[u8],
    padded: bool,
    wrapcol: usize,
    alphabet: &Base32Alphabet,
) -> Result<Vec<u8>, Error> {
    let cap = b2a_base32_len(data.len(), padded, wrapcol)?;
    collect(cap, |o| b2a_base32_into(data, padded, wrapcol, alphabet, o))
}

#[inline(always)]
fn encode_group(v: u64, enc: &[u8; 32]) -> [u8; 8] {
    let c = |shift: u32| enc[((v >> shift) & 31) as usize];
    [c(35), c(30), c(25), c(20), c(15), c(10), c(5), c(0)]
}

fn encode_run(w: &mut Writer<'_>, data: &[u8], padded: bool, enc: &[u8; 32], backend: Backend) {
    // The level is resolved only for inputs that hold a kernel block (40 bytes).
    let data = if data.len() >= 40 {
        &data[simd::b32_encode_blocks(Level::for_backend(backend), w, data, enc)..]
    } else {
        data
    };
    let whole = data.len() / 5 * 5;
    w.push_groups(&data[..whole], |c: &[u8; 5]| {
        let v = u64::from(c[0]) << 32 | u64::from(u32::from_be_bytes([c[1], c[2], c[3], c[4]]));
        encode_group(v, enc)
    });
    let rest = &data[whole..];
    if !rest.is_empty() {
        // Byte by byte: a copy of at most 4 bytes is not worth a `memcpy` call.
        let v = rest
            .iter()
            .enumerate()
            .fold(0u64, |a, (k, &b)| a | u64::from(b) << (32 - 8 * k));
        let group = encode_group(v, enc);
        let n = TAIL_CHARS[rest.len()];
        if padded {
            // The first `n` (2 to 7) characters kept and `=` after them, in one word: filling a
            // slice of variable length took a `memset` call.
            let keep = !0u64 << (64 - 8 * n);
            let word = (u64::from_be_bytes(group) & keep) | (u64::from_ne_bytes([b'='; 8]) & !keep);
            w.push_array(word.to_be_bytes());
        } else {
            w.push_slice(&group[..n]);
        }
    }
}

// ---------------------------------------------------------------- decode

/// Output capacity [`a2b_base32_into`] needs for `data`: an upper bound (every byte but the
/// trailing `=` a data character), exact for well-formed input.
pub fn a2b_base32_len(data: &[u8]) -> usize {
    let pads = data
        .iter()
        .rev()
        .take(6)
        .take_while(|&&c| c == b'=')
        .count();
    let n = data.len() - pads;
    n / 8 * 5 + n % 8 * 5 / 8
}

/// Decodes `rest` if it is a last group of 2, 4, 5 or 7 data characters followed by `=` up to
/// 8 characters (or by nothing, when `!padded`), and returns its padding bits (0 when
/// canonical); `None` leaves `rest` to the general loop.
#[inline]
fn last_group(rest: &[u8], padded: bool, dec: &[u8; 256], w: &mut Writer<'_>) -> Option<u64> {
    if rest.len() > 8 {
        return None;
    }
    let n = rest
        .iter()
        .take_while(|&&c| dec[usize::from(c)] < 32)
        .count();
    let out = match n {
        2 => 1,
        4 => 2,
        5 => 3,
        7 => 4,
        _ => return None,
    };
    let well_formed = if padded {
        rest.len() == 8 && rest[n..].iter().all(|&c| c == b'=')
    } else {
        rest.len() == n
    };
    if !well_formed {
        return None;
    }
    let x = rest[..n]
        .iter()
        .fold(0u64, |a, &c| (a << 5) | u64::from(dec[usize::from(c)]));
    let bits = 5 * n as u32 - 8 * out as u32;
    let b = (x >> bits).to_be_bytes();
    w.push_slice(&b[8 - out..]);
    Some(x & ((1 << bits) - 1))
}

/// The five bytes of eight data characters, or `None` if one is not a data character.
#[inline(always)]
fn decode_group(c: &[u8; 8], dec: &[u8; 256]) -> Option<[u8; 5]> {
    let d = |k: usize| dec[usize::from(c[k])];
    let v = [d(0), d(1), d(2), d(3), d(4), d(5), d(6), d(7)];
    // Data characters are below 32; INVALID and PAD are not.
    if (v[0] | v[1] | v[2] | v[3] | v[4] | v[5] | v[6] | v[7]) >= 32 {
        return None;
    }
    let x = v.iter().fold(0u64, |a, &d| (a << 5) | u64::from(d));
    let b = x.to_be_bytes();
    Some([b[3], b[4], b[5], b[6], b[7]])
}

/// Decodes base32 like `binascii.a2b_base32`; `out` needs
/// [`a2b_base32_len`] bytes.
pub fn a2b_base32_into<'o>(
    data: &[u8],
    padded: bool,
    alphabet: &Base32Alphabet,
    ignorechars: &ByteSet,
    canonical: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    a2b_base32_decode(
        default_backend,
        data,
        padded,
        alphabet,
        ignorechars,
        canonical,
        out,
    )
}

/// [`a2b_base32_into`] with an explicit backend.
pub fn a2b_base32_into_with<'o>(
    backend: Backend,
    data: &[u8],
    padded: bool,
    alphabet: &Base32Alphabet,
    ignorechars: &ByteSet,
    canonical: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    a2b_base32_decode(
        || backend,
        data,
        padded,
        alphabet,
        ignorechars,
        canonical,
        out,
    )
}

/// [`a2b_base32_into_with`], the backend asked for only when a kernel block remains (a small
/// input pays nothing for it).
#[inline(always)]
fn a2b_base32_decode<'o>(
    backend: impl Fn() -> Backend,
    data: &[u8],
    padded: bool,
    alphabet: &Base32Alphabet,
    ignorechars: &ByteSet,
    canonical: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    check_capacity(out.len(), a2b_base32_len(data));
    let dec = &alphabet.dec;
    let ignore = ignorechars;
    let ignore_pad = ignore.contains(b'=');
    let mut w = Writer::new(out);
    // `pos`: data characters of the current group; `pads`: `=` seen since the
    // group started; `acc`: the `bits` not yet written.
    let mut pos = 0usize;
    let mut pads = 0usize;
    let mut acc = 0u32;
    let mut bits = 0u32;
    let mut groups = 0usize;
    let mut i = 0;
    while i < data.len() {
        if pos == 0 && pads == 0 {
            // Whole groups of data characters: blocks of eight groups in the
            // SIMD kernel, then one at a time.
            // The level is resolved only when a kernel block (64 characters) remains.
            if data.len() - i >= 64 {
                let used =
                    simd::b32_decode_blocks(Level::for_backend(backend()), &mut w, &data[i..], dec);
                groups += used / 8;
                i += used;
            }
            let n = w.push_groups_while(&data[i..], |c: &[u8; 8]| decode_group(c, dec));
            groups += n;
            i += n * 8;
            if i == data.len() {
                break;
            }
            // A well-formed last group (padded to 8 with `=`, or unpadded when padding is not
            // required) ends the input the way the loop below would end it.
            if let Some(bits_left) = last_group(&data[i..], padded, dec, &mut w) {
                if canonical && bits_left != 0 {
                    return Err(Error::binascii("Non-zero padding bits"));
                }
                return Ok(w.finish());
            }
        }
        let c = data[i];
        i += 1;
        match dec[usize::from(c)] {
            PAD => {
                pads += 1;
                if !padded {
                    if ignore_pad {
                        continue;
                    }
                    return Err(Error::binascii("Padding not allowed"));
                }
                if matches!(pos, 2 | 4 | 5 | 7) && pos + pads <= 8 {
                    continue;
                }
                if ignore_pad {
                    continue;
                }
                if matches!(pos, 1 | 3 | 6) {
                    // No padding can follow here: the length check reports it.
                    break;
                }
                return Err(Error::binascii(if pos == 0 && w.pos() == 0 {
                    "Leading padding not allowed"
                } else {
                    "Excess padding not allowed"
                }));
            }
            INVALID => {
                if ignore.contains(c) {
                    continue;
                }
                return Err(Error::binascii("Only base32 data is allowed"));
            }
            v => {
                if pads != 0 && !ignore_pad {
                    return Err(Error::binascii(if pos + pads == 8 {
                        "Excess data after padding"
                    } else {
                        "Discontinuous padding not allowed"
                    }));
                }
                acc = (acc << 5) | u32::from(v);
                bits += 5;
                if bits >= 8 {
                    bits -= 8;
                    w.push((acc >> bits) as u8);
                    acc &= (1 << bits) - 1;
                }
                pos += 1;
                if pos == 8 {
                    pos = 0;
                    pads = 0;
                    groups += 1;
                }
            }
        }
    }
    if matches!(pos, 1 | 3 | 6) {
        return Err(Error::Error(Cow::Owned(format!(
            "Invalid base32-encoded string: number of data characters ({}) cannot be 1, 3, \
             or 6 more than a multiple of 8",
            groups * 8 + pos
        ))));
    }
    if padded && pos != 0 && pos + pads < 8 {
        return Err(Error::binascii("Incorrect padding"));
    }
    if canonical && acc != 0 {
        return Err(Error::binascii("Non-zero padding bits"));
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`a2b_base32_into`].
pub fn a2b_base32(
    data: &[u8],
    padded: bool,
    alphabet: &Base32Alphabet,
    ignorechars: &ByteSet,
    canonical: bool,
) -> Result<Vec<u8>, Error> {
    collect(a2b_base32_len(data), |o| {
        a2b_base32_into(data, padded, alphabet, ignorechars, canonical, o)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(d: &[u8], padded: bool, wrapcol: usize, a: &[u8]) -> Vec<u8> {
        b2a_base32(d, padded, wrapcol, &Base32Alphabet::new(a).unwrap()).unwrap()
    }

    fn dec_with(
        d: &[u8],
        padded: bool,
        a: &[u8],
        ignore: &[u8],
        canonical: bool,
    ) -> Result<Vec<u8>, Error> {
        let a = Base32Alphabet::new(a).unwrap();
        a2b_base32(d, padded, &a, &ByteSet::new(ignore), canonical)
    }

    fn dec(d: &[u8]) -> Result<Vec<u8>, Error> {
        dec_with(d, true, BASE32_ALPHABET, b"", false)
    }

    fn err(msg: &str) -> Result<Vec<u8>, Error> {
        Err(Error::Error(msg.to_owned().into()))
    }

    /// A deterministic byte sequence (xorshift).
    fn bytes(n: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    const RFC: [(&[u8], &[u8], &[u8]); 7] = [
        (b"", b"", b""),
        (b"f", b"MY======", b"CO======"),
        (b"fo", b"MZXQ====", b"CPNG===="),
        (b"foo", b"MZXW6===", b"CPNMU==="),
        (b"foob", b"MZXW6YQ=", b"CPNMUOG="),
        (b"fooba", b"MZXW6YTB", b"CPNMUOJ1"),
        (b"foobar", b"MZXW6YTBOI======", b"CPNMUOJ1E8======"),
    ];

    #[test]
    fn rfc4648_vectors() {
        for (raw, b32, hex) in RFC {
            assert_eq!(enc(raw, true, 0, BASE32_ALPHABET), b32);
            assert_eq!(enc(raw, true, 0, BASE32HEX_ALPHABET), hex);
            assert_eq!(dec(b32).unwrap(), raw);
            assert_eq!(
                dec_with(hex, true, BASE32HEX_ALPHABET, b"", true).unwrap(),
                raw
            );
            let bare: Vec<u8> = b32.iter().copied().filter(|&c| c != b'=').collect();
            assert_eq!(enc(raw, false, 0, BASE32_ALPHABET), bare);
            assert_eq!(
                dec_with(&bare, false, BASE32_ALPHABET, b"", true).unwrap(),
                raw
            );
        }
    }

    #[test]
    fn lengths_are_exact_and_round_trips() {
        let alphabets: [&[u8]; 3] = [
            BASE32_ALPHABET,
            BASE32HEX_ALPHABET,
            b"0Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9JjKk",
        ];
        for n in 0..90 {
            let data = bytes(n, n as u64 + 7);
            for a in alphabets {
                for padded in [true, false] {
                    for wrapcol in [0, 1, 8, 15, 16, 23, 24, 1000] {
                        let e = enc(&data, padded, wrapcol, a);
                        assert_eq!(e.len(), b2a_base32_len(n, padded, wrapcol).unwrap());
                        let width = line_width(wrapcol);
                        for line in e.split(|&c| c == b'\n') {
                            assert!(width == 0 || line.len() <= width);
                        }
                        let got = dec_with(&e, padded, a, b"\n", true).unwrap();
                        assert_eq!(got, data, "n={n} padded={padded} wrapcol={wrapcol}");
                        if wrapcol == 0 {
                            assert_eq!(got.len(), a2b_base32_len(&e));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn wrapcol_rounds_to_whole_groups() {
        let d = b"www.python.org";
        assert_eq!(
            enc(d, true, 16, BASE32_ALPHABET),
            b"O53XOLTQPF2GQ33O\nFZXXEZY="
        );
        assert_eq!(
            enc(d, true, 23, BASE32_ALPHABET),
            b"O53XOLTQPF2GQ33O\nFZXXEZY="
        );
        assert_eq!(
            enc(d, true, 1, BASE32_ALPHABET),
            b"O53XOLTQ\nPF2GQ33O\nFZXXEZY="
        );
        assert_eq!(
            enc(d, true, usize::MAX, BASE32_ALPHABET),
            b"O53XOLTQPF2GQ33OFZXXEZY="
        );
        assert_eq!(enc(b"", true, 1, BASE32_ALPHABET), b"");
        assert_eq!(
            enc(b"abcdefg", false, 9, BASE32_ALPHABET),
            b"MFRGGZDF\nMZTQ"
        );
    }

    #[test]
    fn alphabets() {
        assert_eq!(
            Base32Alphabet::new(&BASE32_ALPHABET[..31]),
            Err(Error::ValueError("alphabet must have length 32".into()))
        );
        assert!(Base32Alphabet::lookup(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ2345678").is_err());
        assert!(matches!(
            Base32Alphabet::lookup(BASE32_ALPHABET),
            Ok(Cow::Borrowed(_))
        ));
        assert!(matches!(
            Base32Alphabet::lookup(BASE32HEX_ALPHABET),
            Ok(Cow::Borrowed(_))
        ));
        // A repeated byte decodes to its last position.
        let mut a = *BASE32_ALPHABET;
        a[5] = b'A';
        assert_eq!(dec_with(b"AA======", true, &a, b"", false).unwrap(), b")");
        // `=` in the alphabet encodes as itself but always decodes as padding.
        let mut a = *BASE32_ALPHABET;
        a[31] = b'=';
        assert_eq!(enc(b"\xff", true, 0, &a), b"=4======");
        assert_eq!(
            dec_with(b"AA======", true, &a, b"", false).unwrap(),
            b"\x00"
        );
        // Any bytes, repeats allowed.
        assert_eq!(enc(b"abc", true, 0, &[b'A'; 32]), b"AAAAA===");
        assert_eq!(
            dec_with(b"MFRGG===", true, &[b'A'; 32], b"", false),
            err("Only base32 data is allowed")
        );
    }

    #[test]
    fn errors() {
        let invalid = |n: usize| {
            err(&format!(
                "Invalid base32-encoded string: number of data characters ({n}) cannot be 1, 3, or 6 more than a multiple of 8"
            ))
        };
        assert_eq!(dec(b"a"), err("Only base32 data is allowed"));
        assert_eq!(dec(b"AB=!"), err("Only base32 data is allowed"));
        assert_eq!(dec(b"AB======C"), err("Excess data after padding"));
        assert_eq!(dec(b"ABCDEFG=AB"), err("Excess data after padding"));
        assert_eq!(dec(b"BE======="), err("Excess padding not allowed"));
        assert_eq!(dec(b"BEEFCAKE="), err("Excess padding not allowed"));
        assert_eq!(dec(b"="), err("Leading padding not allowed"));
        assert_eq!(dec(b"=BEEFCAKE"), err("Leading padding not allowed"));
        assert_eq!(
            dec_with(b" =BEEFCAKE", true, BASE32_ALPHABET, b" ", false),
            err("Leading padding not allowed")
        );
        assert_eq!(dec(b"AB"), err("Incorrect padding"));
        assert_eq!(dec(b"BE====="), err("Incorrect padding"));
        assert_eq!(dec(b"BE=EF==="), err("Discontinuous padding not allowed"));
        assert_eq!(dec(b"A"), invalid(1));
        assert_eq!(dec(b"ABCDEFGHIJK"), invalid(11));
        assert_eq!(dec(b"BEE=F==="), invalid(3));
        assert_eq!(dec(b"BEEFCA=K"), invalid(6));
        assert_eq!(
            dec_with(b" ABC=====", true, BASE32_ALPHABET, b" ", false),
            invalid(3)
        );
        assert_eq!(
            dec_with(b"M=FRGGZDF", false, BASE32_ALPHABET, b"", false),
            err("Padding not allowed")
        );
        assert_eq!(
            dec_with(b"A=", false, BASE32_ALPHABET, b"", false),
            err("Padding not allowed")
        );
        assert_eq!(
            dec_with(b"AB======", true, BASE32_ALPHABET, b"", true),
            err("Non-zero padding bits")
        );
        assert_eq!(
            dec_with(b"AB", false, BASE32_ALPHABET, b"", true),
            err("Non-zero padding bits")
        );
        // The padding checks come before the canonical one.
        assert_eq!(
            dec_with(b"AC", true, BASE32_ALPHABET, b"", true),
            err("Incorrect padding")
        );
        assert_eq!(dec(b"AB======"), Ok(b"\x00".to_vec()));
    }

    #[test]
    fn canonical_accepts_only_zero_padding_bits() {
        for (good, bad) in [
            (&b"AA======"[..], &b"AD======"[..]),
            (b"AAAA====", b"AAAP===="),
            (b"AAAAA===", b"AAAAB==="),
            (b"AAAAAAA=", b"AAAAAAH="),
        ] {
            assert!(dec_with(good, true, BASE32_ALPHABET, b"", true).is_ok());
            assert_eq!(
                dec_with(bad, true, BASE32_ALPHABET, b"", true),
                err("Non-zero padding bits")
            );
            assert!(dec(bad).is_ok());
        }
        assert!(dec_with(b"AAAAAAAA", true, BASE32_ALPHABET, b"", true).is_ok());
    }

    #[test]
    fn ignorechars() {
        let ig = |d: &[u8], ignore: &[u8]| dec_with(d, true, BASE32_ALPHABET, ignore, false);
        assert_eq!(ig(b"MFRG\n GZDF\n", b" \n").unwrap(), b"abcde");
        assert_eq!(ig(b"\n \n", b" \n").unwrap(), b"");
        assert_eq!(ig(b"\n \n", b" "), err("Only base32 data is allowed"));
        // An ignored `=` lifts the padding rules.
        assert_eq!(ig(b"M=======FRGGZDF", b"=").unwrap(), b"abcde");
        assert_eq!(ig(b"MFRGGZD=F", b"=").unwrap(), b"abcde");
        assert_eq!(ig(b"ABC=DEFGH", b"=").unwrap(), b"\x00D2\x14\xc7");
        assert_eq!(ig(b"AB=======CDE", b"=").unwrap(), b"\x00D2");
        assert_eq!(ig(b"AB=CDE", b"="), err("Incorrect padding"));
        // The padding count restarts with each complete group.
        assert_eq!(
            ig(b"AAAAAAAAAAAAAAAAAA======AAAAAAAA", b"="),
            err("Incorrect padding")
        );
        assert_eq!(
            dec_with(b"MF=RGGZDF", false, BASE32_ALPHABET, b"=", false).unwrap(),
            b"abcde"
        );
        // Alphabet characters are never ignored.
        assert_eq!(
            dec_with(b"A1B3C5W7Z9", true, BASE32_ALPHABET, b"19WZ", false).unwrap(),
            b"\x00v.\xdb\xf9"
        );
        assert_eq!(
            dec_with(b"A1B3C5W7Z9", true, BASE32HEX_ALPHABET, b"19WZ", false).unwrap(),
            b"PV6\x14\xe9"
        );
    }
}
