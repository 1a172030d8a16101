//! AVX2 base64 kernels (standard alphabet).
//!
//! Encode: 24 input bytes -> 32 characters per block. Each 128-bit lane gets
//! 12 bytes; a byte shuffle turns every group `b0 b1 b2` into `b1 b0 b2 b1`,
//! two 16-bit multiplies move the four 6-bit fields to their own bytes, and
//! a small table maps each 6-bit value to its character by range.
//!
//! Decode: 32 characters -> 24 bytes per block. Two nibble tables classify
//! every byte (a block with any byte outside the alphabet is left alone), a
//! third adds the offset that maps a character to its 6-bit value, and two
//! multiply-adds plus two shuffles pack four values into three bytes.
//!
//! Both are safe `#[target_feature]` functions: calling them needs AVX2 (the
//! caller's proof obligation); the raw loads and stores inside are each
//! preceded by the bounds check that makes them in range.

use core::arch::x86_64::*;
use core::mem::MaybeUninit;

use super::tables::{DEC_LUT_HI, DEC_LUT_LO, DEC_LUT_ROLL, ENC_OFFSETS};

/// Input bytes read by one encode block that starts at `i >= 4`: the 32-byte
/// load begins at `i - 4`, so it ends at `i + 28`.
const ENC_READ_END: usize = 28;

/// The shortest input [`encode`] does anything with (its first block).
pub(super) const ENC_MIN: usize = ENC_READ_END;

/// The shortest input [`decode`] does anything with (one 32-character block).
pub(super) const DEC_MIN: usize = 32;

#[inline]
#[target_feature(enable = "avx2")]
fn lanes(a: [i8; 16]) -> __m256i {
    let v = _mm_setr_epi8(
        a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13],
        a[14], a[15],
    );
    _mm256_broadcastsi128_si256(v)
}

/// The multiplier of [`enc_fields`]' `vpmullw`, made opaque to the
/// optimiser, which otherwise turns the power-of-two multiply into two
/// shifts and a blend.
#[inline]
#[target_feature(enable = "avx2")]
fn enc_mul() -> __m256i {
    std::hint::black_box(_mm256_set1_epi32(0x0100_0010))
}

/// Six-bit fields of 24 bytes (12 per lane, already in `b1 b0 b2 b1` order)
/// to base64 characters.
#[inline]
#[target_feature(enable = "avx2")]
fn enc_fields(shuffled: __m256i, mul_lo: __m256i) -> __m256i {
    // Low word `b1 | b0 << 8` keeps bits 10..16 (the first field), high
    // word `b2 | b1 << 8` bits 6..12 (the third). `vpmulhrsw` computes
    // `(x * m + 2^14) >> 15` (signed): with m = 2^5 and 2^9 and the low bits
    // of x clear, that is exactly `x >> 10` and `x >> 6`; the mask drops the
    // sign extension of the low word. (`vpmulhuw` would do, but LLVM
    // rewrites it into a slow widening sequence here.)
    let t0 = _mm256_and_si256(shuffled, _mm256_set1_epi32(0x0FC0_FC00));
    let t1 = _mm256_and_si256(
        _mm256_mulhrs_epi16(t0, _mm256_set1_epi32(0x0200_0020)),
        _mm256_set1_epi32(0x003F_003F),
    );
    // The second field (bits 4..10 of the low word) moves to byte 1, the
    // fourth (bits 0..6 of the high word) to byte 3.
    let t2 = _mm256_and_si256(shuffled, _mm256_set1_epi32(0x003F_03F0));
    let t3 = _mm256_mullo_epi16(t2, mul_lo);
    let idx = _mm256_or_si256(t1, t3);
    // Range number: 0 for 0..=25; 1 for 26..=51; 2..=11 for the digits;
    // 12 for 62 and 13 for 63.
    let mut range = _mm256_subs_epu8(idx, _mm256_set1_epi8(51));
    let above25 = _mm256_cmpgt_epi8(idx, _mm256_set1_epi8(25));
    range = _mm256_sub_epi8(range, above25);
    _mm256_add_epi8(idx, _mm256_shuffle_epi8(lanes(ENC_OFFSETS), range))
}

/// Encodes whole blocks of `src` into `dst`; returns (bytes read, bytes
/// written), a multiple of 24 and the matching multiple of 32. Only blocks
/// whose loads fit inside `src` and whose store fits inside `dst` are done.
#[target_feature(enable = "avx2")]
pub(super) fn encode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let n = src.len();
    let cap = dst.len();
    let sp = src.as_ptr();
    let dp = dst.as_mut_ptr().cast::<u8>();
    // First block: two 16-byte loads at 0 and 12 (reads src[..28]).
    if n < ENC_READ_END || cap < 32 {
        return (0, 0);
    }
    let mul = enc_mul();
    let shuf_first = lanes([1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10]);
    // Later blocks are loaded from i - 4: the low lane's 12 bytes sit at
    // offsets 4..16, the high lane's at 0..12 (bytes i+12..i+24).
    let shuf = _mm256_setr_epi8(
        5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12, 11, 14, 13, 15, 14, //
        1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10,
    );
    // SAFETY: 28 <= n, so both 16-byte loads (src[0..16], src[12..28]) are
    // in bounds; unaligned loads are allowed by these intrinsics.
    let first = unsafe {
        let lo = _mm_loadu_si128(sp.cast::<__m128i>());
        let hi = _mm_loadu_si128(sp.add(12).cast::<__m128i>());
        _mm256_inserti128_si256::<1>(_mm256_castsi128_si256(lo), hi)
    };
    let out = enc_fields(_mm256_shuffle_epi8(first, shuf_first), mul);
    // SAFETY: 32 <= cap, so dst[0..32] is in bounds.
    unsafe { _mm256_storeu_si256(dp.cast::<__m256i>(), out) };
    let mut i = 24;
    let mut o = 32;
    // Four blocks per round: reads src[i-4 .. i+72+28], writes dst[o .. o+128].
    while i + 72 + ENC_READ_END <= n && o + 128 <= cap {
        // SAFETY: i >= 24, so i - 4 does not underflow; the last load ends at
        // i + 72 + 28 <= n (checked above).
        let (a, b, c, d) = unsafe {
            let p = sp.add(i - 4);
            (
                _mm256_loadu_si256(p.cast::<__m256i>()),
                _mm256_loadu_si256(p.add(24).cast::<__m256i>()),
                _mm256_loadu_si256(p.add(48).cast::<__m256i>()),
                _mm256_loadu_si256(p.add(72).cast::<__m256i>()),
            )
        };
        let a = enc_fields(_mm256_shuffle_epi8(a, shuf), mul);
        let b = enc_fields(_mm256_shuffle_epi8(b, shuf), mul);
        let c = enc_fields(_mm256_shuffle_epi8(c, shuf), mul);
        let d = enc_fields(_mm256_shuffle_epi8(d, shuf), mul);
        // SAFETY: o + 128 <= cap (checked above), so the four 32-byte
        // stores stay inside dst.
        unsafe {
            let q = dp.add(o);
            _mm256_storeu_si256(q.cast::<__m256i>(), a);
            _mm256_storeu_si256(q.add(32).cast::<__m256i>(), b);
            _mm256_storeu_si256(q.add(64).cast::<__m256i>(), c);
            _mm256_storeu_si256(q.add(96).cast::<__m256i>(), d);
        }
        i += 96;
        o += 128;
    }
    while i + ENC_READ_END <= n && o + 32 <= cap {
        // SAFETY: i >= 24 and i + 28 <= n: src[i-4 .. i+28] is in bounds.
        let v = unsafe { _mm256_loadu_si256(sp.add(i - 4).cast::<__m256i>()) };
        let out = enc_fields(_mm256_shuffle_epi8(v, shuf), mul);
        // SAFETY: o + 32 <= cap.
        unsafe { _mm256_storeu_si256(dp.add(o).cast::<__m256i>(), out) };
        i += 24;
        o += 32;
    }
    (i, o)
}

/// Classifies and translates one block of 32 characters: the six-bit values,
/// and a vector that is zero when every byte was in the alphabet.
#[inline]
#[target_feature(enable = "avx2")]
fn dec_translate(s: __m256i) -> (__m256i, __m256i) {
    let nib = _mm256_set1_epi8(0x0F);
    let hi_nib = _mm256_and_si256(_mm256_srli_epi32(s, 4), nib);
    let lo_nib = _mm256_and_si256(s, nib);
    let hi = _mm256_shuffle_epi8(lanes(DEC_LUT_HI), hi_nib);
    let lo = _mm256_shuffle_epi8(lanes(DEC_LUT_LO), lo_nib);
    let bad = _mm256_and_si256(lo, hi);
    // '/' shares its high nibble with '+': it uses slot 1 of the offsets.
    let is_slash = _mm256_cmpeq_epi8(s, _mm256_set1_epi8(b'/' as i8));
    let roll = _mm256_shuffle_epi8(lanes(DEC_LUT_ROLL), _mm256_add_epi8(is_slash, hi_nib));
    (_mm256_add_epi8(s, roll), bad)
}

/// Packs 32 six-bit values into 24 bytes, in the low 24 bytes.
#[inline]
#[target_feature(enable = "avx2")]
fn dec_pack(v: __m256i) -> __m256i {
    // (a, b) -> a * 64 + b in 16-bit words; then (ab, cd) -> ab * 4096 + cd.
    let ab = _mm256_maddubs_epi16(v, _mm256_set1_epi32(0x0140_0140));
    let abcd = _mm256_madd_epi16(ab, _mm256_set1_epi32(0x0001_1000));
    // Each 32-bit word holds 24 bits, little-endian: bytes 2, 1, 0 in order.
    let packed = _mm256_shuffle_epi8(
        abcd,
        lanes([2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1]),
    );
    _mm256_permutevar8x32_epi32(packed, _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7))
}

/// Decodes whole 32-character blocks of `src` while every character of the
/// block is in the alphabet; returns (bytes read, bytes written), a multiple
/// of 32 and the matching multiple of 24.
#[target_feature(enable = "avx2")]
pub(super) fn decode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let n = src.len();
    let cap = dst.len();
    let sp = src.as_ptr();
    let dp = dst.as_mut_ptr().cast::<u8>();
    let mut i = 0;
    let mut o = 0;
    // Four blocks per round: reads src[i .. i+128]; the stores write 32
    // bytes at o, o+24, o+48 and o+72, so up to o + 104.
    while i + 128 <= n && o + 104 <= cap {
        // SAFETY: i + 128 <= n (checked above).
        let (a, b, c, d) = unsafe {
            let p = sp.add(i);
            (
                _mm256_loadu_si256(p.cast::<__m256i>()),
                _mm256_loadu_si256(p.add(32).cast::<__m256i>()),
                _mm256_loadu_si256(p.add(64).cast::<__m256i>()),
                _mm256_loadu_si256(p.add(96).cast::<__m256i>()),
            )
        };
        let (a, ea) = dec_translate(a);
        let (b, eb) = dec_translate(b);
        let (c, ec) = dec_translate(c);
        let (d, ed) = dec_translate(d);
        let e = _mm256_or_si256(_mm256_or_si256(ea, eb), _mm256_or_si256(ec, ed));
        if _mm256_testz_si256(e, e) == 0 {
            break;
        }
        // SAFETY: o + 104 <= cap (checked above). Each store writes 8 bytes
        // past its 24 useful ones; the next store or the caller's later
        // writes cover them, and only dst[o .. o+96] is reported.
        unsafe {
            let q = dp.add(o);
            _mm256_storeu_si256(q.cast::<__m256i>(), dec_pack(a));
            _mm256_storeu_si256(q.add(24).cast::<__m256i>(), dec_pack(b));
            _mm256_storeu_si256(q.add(48).cast::<__m256i>(), dec_pack(c));
            _mm256_storeu_si256(q.add(72).cast::<__m256i>(), dec_pack(d));
        }
        i += 128;
        o += 96;
    }
    while i + 32 <= n && o + 24 <= cap {
        // SAFETY: i + 32 <= n.
        let s = unsafe { _mm256_loadu_si256(sp.add(i).cast::<__m256i>()) };
        let (v, e) = dec_translate(s);
        if _mm256_testz_si256(e, e) == 0 {
            break;
        }
        let packed = dec_pack(v);
        if o + 32 <= cap {
            // SAFETY: o + 32 <= cap.
            unsafe { _mm256_storeu_si256(dp.add(o).cast::<__m256i>(), packed) };
        } else {
            // Near the end of the output: store the 24 bytes exactly.
            // SAFETY: o + 24 <= cap (loop condition): a 16-byte store at o
            // and an 8-byte store at o + 16.
            unsafe {
                _mm_storeu_si128(dp.add(o).cast::<__m128i>(), _mm256_castsi256_si128(packed));
                _mm_storel_epi64(
                    dp.add(o + 16).cast::<__m128i>(),
                    _mm256_extracti128_si256::<1>(packed),
                );
            }
        }
        i += 32;
        o += 24;
    }
    (i, o)
}
