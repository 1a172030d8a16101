//! Checks of the kernel constants against a plain model of the instructions
//! that use them (so the AVX-512 tables are verified on any machine), and of
//! the kernels themselves on every level this CPU has.

use std::mem::MaybeUninit;

use super::tables::*;
use super::{b64_decode_blocks, b64_encode_blocks, Level, Writer};
use crate::Backend;

fn scalar_value(c: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u8)
}

fn scalar_encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for g in data.chunks_exact(3) {
        let v = (u32::from(g[0]) << 16) | (u32::from(g[1]) << 8) | u32::from(g[2]);
        for k in (0..4).rev() {
            out.push(ALPHABET[(v >> (6 * k)) as usize & 63]);
        }
    }
    out
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

// ------------------------------------------------------ instruction models

/// `vpshufb` on one 128-bit lane.
fn pshufb(table: &[i8; 16], idx: u8) -> u8 {
    if idx & 0x80 != 0 {
        0
    } else {
        table[usize::from(idx & 15)] as u8
    }
}

/// The AVX2 decoder's per-byte work: (is valid, translated value).
fn model_avx2_decode_byte(c: u8) -> (bool, u8) {
    let hi_nib = c >> 4;
    let lo_nib = c & 15;
    let bad = pshufb(&DEC_LUT_LO, lo_nib) & pshufb(&DEC_LUT_HI, hi_nib);
    let slash = if c == b'/' { 0xFFu8 } else { 0 };
    let roll = pshufb(&DEC_LUT_ROLL, slash.wrapping_add(hi_nib));
    (bad == 0, c.wrapping_add(roll))
}

/// The AVX2 encoder's character mapping of a six-bit value.
fn model_avx2_encode_value(v: u8) -> u8 {
    let mut range = v.saturating_sub(51);
    if v > 25 {
        range += 1;
    }
    v.wrapping_add(pshufb(&ENC_OFFSETS, range))
}

#[test]
fn avx2_tables_match_the_alphabet() {
    for c in 0..=255u8 {
        let (ok, v) = model_avx2_decode_byte(c);
        assert_eq!(ok, scalar_value(c).is_some(), "validity of {c:#x}");
        if ok {
            assert_eq!(Some(v), scalar_value(c), "value of {c:#x}");
        }
    }
    for v in 0..64u8 {
        assert_eq!(model_avx2_encode_value(v), ALPHABET[usize::from(v)]);
    }
}

/// `vpermb` + `vpmultishiftqb` + `vpermb` of the AVX-512 encoder.
fn model_avx512_encode_block(input: &[u8; 48]) -> [u8; 64] {
    let mut v = [0u8; 64];
    v[..48].copy_from_slice(input);
    let groups: Vec<u8> = ENC512_SHUFFLE
        .iter()
        .map(|&i| v[usize::from(i & 63)])
        .collect();
    let ctrl = ENC512_MULTISHIFT.to_le_bytes();
    let mut out = [0u8; 64];
    for q in 0..8 {
        let lane = u64::from_le_bytes(groups[8 * q..8 * q + 8].try_into().unwrap());
        for b in 0..8 {
            let shift = u32::from(ctrl[b] & 63);
            let field = lane.rotate_right(shift) as u8;
            out[8 * q + b] = ALPHABET[usize::from(field & 63)];
        }
    }
    out
}

#[test]
fn avx512_encode_model_matches_scalar() {
    let mut rng = Rng(11);
    for _ in 0..2000 {
        let block: [u8; 48] = rng.bytes(48).try_into().unwrap();
        assert_eq!(
            model_avx512_encode_block(&block).to_vec(),
            scalar_encode(&block)
        );
    }
}

/// The AVX-512 decoder: `vpermt2b` lookup, sign test, `vpmaddubsw`,
/// `vpmaddwd`, `vpermb`. Returns None where the kernel would stop.
fn model_avx512_decode_block(s: &[u8; 64]) -> Option<[u8; 48]> {
    let mut v = [0u8; 64];
    for (k, &c) in s.iter().enumerate() {
        v[k] = DEC512_LUT[usize::from(c & 127)];
        if (v[k] | c) & 0x80 != 0 {
            return None;
        }
    }
    let mut dwords = [0u8; 64];
    for g in 0..16 {
        let ab = i32::from(v[4 * g]) * 0x40 + i32::from(v[4 * g + 1]);
        let cd = i32::from(v[4 * g + 2]) * 0x40 + i32::from(v[4 * g + 3]);
        let abcd = ab * 0x1000 + cd;
        dwords[4 * g..4 * g + 4].copy_from_slice(&abcd.to_le_bytes());
    }
    let mut out = [0u8; 48];
    for (k, o) in out.iter_mut().enumerate() {
        *o = dwords[usize::from(DEC512_PACK[k] & 63)];
    }
    Some(out)
}

#[test]
fn avx512_decode_model_matches_scalar() {
    let mut rng = Rng(12);
    for _ in 0..2000 {
        let data = rng.bytes(48);
        let enc: [u8; 64] = scalar_encode(&data).try_into().unwrap();
        assert_eq!(model_avx512_decode_block(&enc).unwrap().to_vec(), data);
    }
    let good = scalar_encode(&[7u8; 48]);
    for c in 0..=255u8 {
        for pos in [0, 17, 63] {
            let mut s: [u8; 64] = good.clone().try_into().unwrap();
            s[pos] = c;
            assert_eq!(
                model_avx512_decode_block(&s).is_some(),
                scalar_value(c).is_some(),
                "byte {c:#x} at {pos}"
            );
        }
    }
}

// ------------------------------------------------------------ real kernels

fn levels() -> Vec<Level> {
    let mut l: Vec<Level> = [Backend::Scalar, Backend::Avx2, Backend::Avx512Vbmi]
        .iter()
        .map(|&b| Level::for_backend(b))
        .collect();
    l.dedup();
    l
}

fn encode_with(level: Level, data: &[u8], cap: usize) -> (usize, Vec<u8>) {
    let mut buf = vec![MaybeUninit::<u8>::uninit(); cap];
    let mut w = Writer::new(&mut buf);
    let used = b64_encode_blocks(level, &mut w, data);
    (used, w.finish().to_vec())
}

fn decode_with(level: Level, data: &[u8], cap: usize) -> (usize, Vec<u8>) {
    let mut buf = vec![MaybeUninit::<u8>::uninit(); cap];
    let mut w = Writer::new(&mut buf);
    let used = b64_decode_blocks(level, &mut w, data);
    (used, w.finish().to_vec())
}

#[test]
fn kernels_encode_whole_blocks_within_bounds() {
    let mut rng = Rng(13);
    for level in levels() {
        for n in (0..400).chain([1000, 4096, 65_537]) {
            let data = rng.bytes(n);
            let full = n.div_ceil(3) * 4;
            // Exact capacity, and a few bytes short of it.
            for cap in [full, full.saturating_sub(5), full / 2] {
                let (used, out) = encode_with(level, &data, cap);
                assert_eq!(used % 3, 0);
                assert!(out.len() <= cap);
                assert_eq!(
                    out,
                    scalar_encode(&data[..used]),
                    "{level:?} n={n} cap={cap}"
                );
                if level.0 > 0 && cap == full && n >= 200 {
                    assert!(n - used < 200, "{level:?} left {} of {n}", n - used);
                }
            }
        }
    }
}

#[test]
fn kernels_decode_stop_at_the_first_bad_block() {
    let mut rng = Rng(14);
    for level in levels() {
        for n in (0..100).chain([300, 3000]) {
            let data = rng.bytes(n * 3);
            let enc = scalar_encode(&data);
            let exact = enc.len() / 4 * 3;
            for cap in [exact, exact.saturating_sub(7), exact / 2] {
                let (used, out) = decode_with(level, &enc, cap);
                assert_eq!(used % 4, 0);
                assert!(out.len() <= cap);
                assert_eq!(out, data[..used / 4 * 3], "{level:?} n={n} cap={cap}");
                if level.0 > 0 && cap == exact {
                    assert!(enc.len() - used < 32, "{level:?} left {}", enc.len() - used);
                }
            }
        }
        // Every byte value at a few positions of a 256-character run.
        let enc = scalar_encode(&rng.bytes(192));
        for c in 0..=255u8 {
            for pos in [0, 1, 31, 32, 63, 64, 100, 127, 128, 200, 255] {
                let mut s = enc.clone();
                s[pos] = c;
                let (used, out) = decode_with(level, &s, 192);
                if scalar_value(c).is_some() {
                    let want = if level.0 > 0 { 256 } else { 0 };
                    assert_eq!(used, want, "{level:?} byte {c:#x} at {pos}");
                } else {
                    assert!(used <= pos, "{level:?} byte {c:#x} at {pos}: used {used}");
                    if level.0 > 0 {
                        assert!(pos - used < 64, "{level:?} stopped too early");
                    }
                }
                let mut want = vec![0u8; 0];
                for q in s[..used].chunks_exact(4) {
                    let v: Vec<u8> = q.iter().map(|&c| scalar_value(c).unwrap()).collect();
                    want.extend([
                        (v[0] << 2) | (v[1] >> 4),
                        (v[1] << 4) | (v[2] >> 2),
                        (v[2] << 6) | v[3],
                    ]);
                }
                assert_eq!(out, want);
            }
        }
    }
}
