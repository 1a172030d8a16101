//! AVX-512 VBMI base64 kernels (standard alphabet), for CPUs with avx512f,
//! avx512bw and avx512vbmi (Intel Ice Lake and later, AMD Zen 4 and later).
//!
//! Encode: 48 bytes -> 64 characters per block, four blocks from three
//! 64-byte loads (loads at a stride of 48 would mostly straddle cache lines):
//! one cross-lane byte
//! permutation (`b0 b1 b2` -> `b1 b0 b2 b1` per dword), one
//! `vpmultishiftqb` that extracts the four six-bit fields of each dword into
//! bytes, one 64-entry byte lookup.
//!
//! Decode: 64 characters -> 48 bytes per block: a 128-entry lookup (two
//! tables, `vpermt2b`) gives the values with 0x80 for invalid characters,
//! two multiply-adds pack four values into 24 bits, one permutation gathers
//! the bytes. The last, partial blocks are left to the AVX2 kernel.
//!
//! Hex encode: 32 bytes -> 64 digits per block: each byte is widened to a
//! 16-bit lane, its two nibbles are moved into the lane's two bytes (high
//! nibble first in memory), and one in-lane byte lookup (`vpshufb`) turns
//! each nibble into its digit.
//!
//! The tables are checked everywhere against a plain model of the
//! instructions (`simd::tests`), and the kernels themselves by the
//! backend-equivalence tests wherever the CPU has VBMI (the CI machine does).

use core::arch::x86_64::*;
use core::mem::MaybeUninit;

use super::avx2;
use super::tables::{
    words, ALPHABET, B32DEC512_GATHER, B32ENC512_MULTISHIFT, B32ENC512_SHUFFLE, DEC512_LUT,
    DEC512_PACK, ENC512_MULTISHIFT, ENC512_SHUFFLE,
};

/// Hex inputs from this size on (outputs of 2 MiB and more, beyond a core's
/// L2 cache on the CPUs measured) are written with non-temporal stores: about
/// 10% faster there, but twice slower at 256 KiB, whose output stays in L2
/// (`tests/throughput.rs`, `hex_sizes`). Base64's smaller output gained
/// nothing from them.
const STREAM_MIN: usize = 1 << 20;

/// The shortest input [`encode`] runs a block of its own on (shorter ones
/// go to the AVX2 kernel directly).
pub(super) const ENC_MIN: usize = 48;

/// The shortest input [`decode`] runs a block of its own on.
pub(super) const DEC_MIN: usize = 64;

/// Mask of the low 48 bytes of a 64-byte vector.
const LOW48: u64 = (1 << 48) - 1;

/// The tables as the 64-bit words `_mm512_set_epi64` takes, computed at
/// compile time: each vector is then one load from the constant pool. (Built
/// at run time, byte by byte, they cost more than a small input's whole
/// encoding, and stalled on the stack's partial store forwarding.)
const ENC_SHUFFLE_W: [i64; 8] = words(&ENC512_SHUFFLE, 0);
const ALPHABET_W: [i64; 8] = words(ALPHABET, 0);
const DEC_LUT_LO_W: [i64; 8] = words(&DEC512_LUT, 0);
const DEC_LUT_HI_W: [i64; 8] = words(&DEC512_LUT, 64);
const DEC_PACK_W: [i64; 8] = words(&DEC512_PACK, 0);
const B32_SHUFFLE_W: [i64; 8] = words(&B32ENC512_SHUFFLE, 0);
const B32_GATHER_W: [i64; 8] = words(&B32DEC512_GATHER, 0);

#[inline]
#[target_feature(enable = "avx512f")]
fn table(w: [i64; 8]) -> __m512i {
    _mm512_set_epi64(w[7], w[6], w[5], w[4], w[3], w[2], w[1], w[0])
}

#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn enc_block(v: __m512i, shuffle: __m512i, shifts: __m512i, alphabet: __m512i) -> __m512i {
    let groups = _mm512_permutexvar_epi8(shuffle, v);
    let fields = _mm512_multishift_epi64_epi8(shifts, groups);
    // Only the low six bits of each index select an entry.
    _mm512_permutexvar_epi8(fields, alphabet)
}

/// Encodes whole blocks of `src` into `dst`; returns (bytes read, bytes
/// written), a multiple of 3 and the matching multiple of 4. The tail that
/// is too short for a 48-byte block goes through the AVX2 kernel.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx2")]
pub(super) fn encode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let n = src.len();
    let cap = dst.len();
    let sp = src.as_ptr();
    let dp = dst.as_mut_ptr().cast::<u8>();
    let shuffle = table(ENC_SHUFFLE_W);
    let shifts = _mm512_set1_epi64(ENC512_MULTISHIFT as i64);
    let alphabet = table(ALPHABET_W);
    let mut i = 0;
    let mut o = 0;
    // Four blocks per round from three 64-byte loads (src[i .. i+192]): the
    // blocks start at bytes 0, 48, 96 and 144 of them, so the second and third
    // are gathered from two registers each.
    let sh48 = _mm512_add_epi8(shuffle, _mm512_set1_epi8(48));
    let sh32 = _mm512_add_epi8(shuffle, _mm512_set1_epi8(32));
    let sh16 = _mm512_add_epi8(shuffle, _mm512_set1_epi8(16));
    let encode = |groups: __m512i| -> __m512i {
        let fields = _mm512_multishift_epi64_epi8(shifts, groups);
        _mm512_permutexvar_epi8(fields, alphabet)
    };
    while i + 192 <= n && o + 256 <= cap {
        // SAFETY: i + 192 <= n (checked above): the three loads are inside `src`.
        let (v0, v1, v2) = unsafe {
            (
                _mm512_loadu_si512(sp.add(i).cast()),
                _mm512_loadu_si512(sp.add(i + 64).cast()),
                _mm512_loadu_si512(sp.add(i + 128).cast()),
            )
        };
        let a = encode(_mm512_permutexvar_epi8(shuffle, v0));
        let b = encode(_mm512_permutex2var_epi8(v0, sh48, v1));
        let c = encode(_mm512_permutex2var_epi8(v1, sh32, v2));
        let d = encode(_mm512_permutexvar_epi8(sh16, v2));
        // SAFETY: o + 256 <= cap (checked above): the four stores are inside `dst`.
        unsafe {
            _mm512_storeu_si512(dp.add(o).cast(), a);
            _mm512_storeu_si512(dp.add(o + 64).cast(), b);
            _mm512_storeu_si512(dp.add(o + 128).cast(), c);
            _mm512_storeu_si512(dp.add(o + 192).cast(), d);
        }
        i += 192;
        o += 256;
    }
    // Two blocks per round: full 64-byte loads at i and i+48 (reads
    // src[i .. i+112]), 64-byte stores at o and o+64.
    while i + 112 <= n && o + 128 <= cap {
        // SAFETY: i + 112 <= n (checked above).
        let (a, b) = unsafe {
            (
                _mm512_loadu_si512(sp.add(i).cast()),
                _mm512_loadu_si512(sp.add(i + 48).cast()),
            )
        };
        let a = enc_block(a, shuffle, shifts, alphabet);
        let b = enc_block(b, shuffle, shifts, alphabet);
        // SAFETY: o + 128 <= cap (checked above).
        unsafe {
            _mm512_storeu_si512(dp.add(o).cast(), a);
            _mm512_storeu_si512(dp.add(o + 64).cast(), b);
        }
        i += 96;
        o += 128;
    }
    while i + 48 <= n && o + 64 <= cap {
        // SAFETY: the mask enables bytes i .. i+48 only, and i + 48 <= n;
        // masked-off bytes are not accessed (no load, no fault).
        let v = unsafe { _mm512_maskz_loadu_epi8(LOW48, sp.add(i).cast()) };
        let out = enc_block(v, shuffle, shifts, alphabet);
        // SAFETY: o + 64 <= cap.
        unsafe { _mm512_storeu_si512(dp.add(o).cast(), out) };
        i += 48;
        o += 64;
    }
    let (ti, to) = avx2::encode(&src[i..], &mut dst[o..]);
    (i + ti, o + to)
}

/// Decodes whole 64-character blocks of `src` while every character of the
/// block is in the alphabet, then whole 32-character blocks with AVX2;
/// returns (bytes read, bytes written), multiples of 32 and 24.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx2")]
pub(super) fn decode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let n = src.len();
    let cap = dst.len();
    let sp = src.as_ptr();
    let dp = dst.as_mut_ptr().cast::<u8>();
    let lut_lo = table(DEC_LUT_LO_W);
    let lut_hi = table(DEC_LUT_HI_W);
    let pack = table(DEC_PACK_W);
    let ab_mul = _mm512_set1_epi32(0x0140_0140);
    let abcd_mul = _mm512_set1_epi32(0x0001_1000);
    let mut i = 0;
    let mut o = 0;
    while i + 64 <= n && o + 48 <= cap {
        // SAFETY: i + 64 <= n (checked above).
        let s = unsafe { _mm512_loadu_si512(sp.add(i).cast()) };
        // Index bit 6 picks the table, bits 0-5 the entry; bytes >= 0x80
        // are caught by their own sign bit below.
        let v = _mm512_permutex2var_epi8(lut_lo, s, lut_hi);
        if _mm512_movepi8_mask(_mm512_or_si512(v, s)) != 0 {
            break;
        }
        let ab = _mm512_maddubs_epi16(v, ab_mul);
        let abcd = _mm512_madd_epi16(ab, abcd_mul);
        let out = _mm512_permutexvar_epi8(pack, abcd);
        // SAFETY: the mask enables bytes o .. o+48 only, and o + 48 <= cap;
        // masked-off bytes are not written.
        unsafe { _mm512_mask_storeu_epi8(dp.add(o).cast(), LOW48, out) };
        i += 64;
        o += 48;
    }
    // The AVX2 kernel finds the first bad half-block, or does the tail.
    let (ti, to) = avx2::decode(&src[i..], &mut dst[o..]);
    (i + ti, o + to)
}

/// Hex-encodes (lowercase) whole 32-byte blocks of `src` into `dst`; returns
/// (bytes read, bytes written), a multiple of 32 and twice that. The caller
/// does the tail.
#[target_feature(enable = "avx512f,avx512bw")]
pub(super) fn hex_encode(src: &[u8], dst: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let n = src.len();
    let cap = dst.len();
    let sp = src.as_ptr();
    let dp = dst.as_mut_ptr().cast::<u8>();
    // The sixteen digits in each 128-bit lane (vpshufb looks up within a lane).
    let digits = _mm512_broadcast_i32x4(_mm_setr_epi8(
        b'0' as i8, b'1' as i8, b'2' as i8, b'3' as i8, b'4' as i8, b'5' as i8, b'6' as i8,
        b'7' as i8, b'8' as i8, b'9' as i8, b'a' as i8, b'b' as i8, b'c' as i8, b'd' as i8,
        b'e' as i8, b'f' as i8,
    ));
    let low_nibble = _mm512_set1_epi16(0x000f);
    let block = |v: __m256i| -> __m512i {
        let w = _mm512_cvtepu8_epi16(v);
        // Lane = high nibble in its low byte (written first), low nibble in its high byte.
        let hi = _mm512_srli_epi16::<4>(w);
        let lo = _mm512_slli_epi16::<8>(_mm512_and_si512(w, low_nibble));
        _mm512_shuffle_epi8(digits, _mm512_or_si512(hi, lo))
    };
    let mut i = 0;
    let mut o = 0;
    if n >= STREAM_MIN && cap >= 128 {
        // One ordinary block, then skip ahead to the first 64-byte aligned
        // output position (the block's bytes past it are rewritten with the
        // same digits by the aligned loop).
        // SAFETY: n >= STREAM_MIN >= 32 and cap >= 128 > 64.
        unsafe {
            let a = block(_mm256_loadu_si256(sp.cast()));
            _mm512_storeu_si512(dp.cast(), a);
        }
        let skew = (64 - (dp as usize) % 64) % 64;
        if skew.is_multiple_of(2) {
            i = skew / 2;
            o = skew;
            while i + 64 <= n && o + 128 <= cap {
                // SAFETY: i + 64 <= n (checked above).
                let (a, b) = unsafe {
                    (
                        _mm256_loadu_si256(sp.add(i).cast()),
                        _mm256_loadu_si256(sp.add(i + 32).cast()),
                    )
                };
                let (a, b) = (block(a), block(b));
                // SAFETY: o + 128 <= cap (checked above), and dp + o is 64-byte
                // aligned (o starts at the skew that aligns it and grows by 128).
                unsafe {
                    _mm512_stream_si512(dp.add(o).cast(), a);
                    _mm512_stream_si512(dp.add(o + 64).cast(), b);
                }
                i += 64;
                o += 128;
            }
            // Order the streaming stores before every later store.
            _mm_sfence();
        } else {
            i = 32;
            o = 64;
        }
    }
    while i + 64 <= n && o + 128 <= cap {
        // SAFETY: i + 64 <= n (checked above): both 32-byte loads are inside `src`.
        let (a, b) = unsafe {
            (
                _mm256_loadu_si256(sp.add(i).cast()),
                _mm256_loadu_si256(sp.add(i + 32).cast()),
            )
        };
        let (a, b) = (block(a), block(b));
        // SAFETY: o + 128 <= cap (checked above): both 64-byte stores are inside `dst`.
        unsafe {
            _mm512_storeu_si512(dp.add(o).cast(), a);
            _mm512_storeu_si512(dp.add(o + 64).cast(), b);
        }
        i += 64;
        o += 128;
    }
    while i + 32 <= n && o + 64 <= cap {
        // SAFETY: i + 32 <= n (checked above).
        let a = unsafe { _mm256_loadu_si256(sp.add(i).cast()) };
        let a = block(a);
        // SAFETY: o + 64 <= cap (checked above).
        unsafe { _mm512_storeu_si512(dp.add(o).cast(), a) };
        i += 32;
        o += 64;
    }
    (i, o)
}

/// Base32-encodes whole 40-byte blocks of `src` into `dst` with the 32
/// characters of `alphabet`; returns (bytes read, bytes written), a multiple
/// of 40 and the matching multiple of 64. Per block: one byte permutation puts
/// each 5-byte group in a 64-bit lane, one `vpmultishiftqb` extracts its eight
/// 5-bit fields (with garbage above bit 4), and one 64-entry lookup in the
/// alphabet repeated twice (so bit 5 of an index does not matter) gives the
/// characters.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx2")]
pub(super) fn b32_encode(
    src: &[u8],
    dst: &mut [MaybeUninit<u8>],
    alphabet: &[u8; 32],
) -> (usize, usize) {
    const LOW40: u64 = (1 << 40) - 1;
    let n = src.len();
    let cap = dst.len();
    let sp = src.as_ptr();
    let dp = dst.as_mut_ptr().cast::<u8>();
    let shuffle = table(B32_SHUFFLE_W);
    let shifts = _mm512_set1_epi64(B32ENC512_MULTISHIFT as i64);
    // SAFETY: `alphabet` is 32 readable bytes.
    let half = unsafe { _mm256_loadu_si256(alphabet.as_ptr().cast()) };
    let chars = _mm512_inserti64x4::<1>(_mm512_castsi256_si512(half), half);
    let mut i = 0;
    let mut o = 0;
    while i + 40 <= n && o + 64 <= cap {
        // SAFETY: the mask enables bytes i .. i+40 only, and i + 40 <= n;
        // masked-off bytes are not accessed.
        let v = unsafe { _mm512_maskz_loadu_epi8(LOW40, sp.add(i).cast()) };
        let groups = _mm512_permutexvar_epi8(shuffle, v);
        let fields = _mm512_multishift_epi64_epi8(shifts, groups);
        let out = _mm512_permutexvar_epi8(fields, chars);
        // SAFETY: o + 64 <= cap (checked above).
        unsafe { _mm512_storeu_si512(dp.add(o).cast(), out) };
        i += 40;
        o += 64;
    }
    (i, o)
}

/// Decodes whole 64-character blocks of `src` while every character of the
/// block is a data character (value below 32 in `dec`, the alphabet's
/// byte -> value table, whose other values are 32 or more); returns (bytes
/// read, bytes written), multiples of 64 and 40. Per block: a 128-entry
/// lookup (`vpermt2b` over `dec[..128]`; bytes >= 0x80 are caught by their
/// own sign bit), two multiply-adds packing each lane's eight 5-bit values
/// into two 20-bit halves, two shifts joining them into 40 bits, one
/// permutation gathering the bytes most significant first.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
pub(super) fn b32_decode(
    src: &[u8],
    dst: &mut [MaybeUninit<u8>],
    dec: &[u8; 256],
) -> (usize, usize) {
    const LOW40: u64 = (1 << 40) - 1;
    let n = src.len();
    let cap = dst.len();
    let sp = src.as_ptr();
    let dp = dst.as_mut_ptr().cast::<u8>();
    // SAFETY: `dec` has 256 readable bytes; these read bytes 0 .. 128.
    let (lut_lo, lut_hi) = unsafe {
        (
            _mm512_loadu_si512(dec.as_ptr().cast()),
            _mm512_loadu_si512(dec.as_ptr().add(64).cast()),
        )
    };
    let gather = table(B32_GATHER_W);
    // (a, b) -> a * 32 + b in 16-bit words; then (ab, cd) -> ab * 1024 + cd.
    let ab_mul = _mm512_set1_epi16(0x0120);
    let abcd_mul = _mm512_set1_epi32(0x0001_0400);
    let invalid = _mm512_set1_epi8(0xE0u8 as i8);
    let mut i = 0;
    let mut o = 0;
    while i + 64 <= n && o + 40 <= cap {
        // SAFETY: i + 64 <= n (checked above).
        let s = unsafe { _mm512_loadu_si512(sp.add(i).cast()) };
        let v = _mm512_permutex2var_epi8(lut_lo, s, lut_hi);
        // Bits 5-7 of a value mark a non-data character; bit 7 of the
        // character one beyond the table.
        let bad = _mm512_or_si512(v, _mm512_and_si512(s, _mm512_set1_epi8(0x80u8 as i8)));
        if _mm512_test_epi8_mask(bad, invalid) != 0 {
            break;
        }
        let ab = _mm512_maddubs_epi16(v, ab_mul);
        let abcd = _mm512_madd_epi16(ab, abcd_mul);
        // Lane: low dword = first four values (20 bits), high dword = last four.
        let x = _mm512_or_si512(_mm512_slli_epi64::<20>(abcd), _mm512_srli_epi64::<32>(abcd));
        let out = _mm512_permutexvar_epi8(gather, x);
        // SAFETY: the mask enables bytes o .. o+40 only, and o + 40 <= cap;
        // masked-off bytes are not written.
        unsafe { _mm512_mask_storeu_epi8(dp.add(o).cast(), LOW40, out) };
        i += 64;
        o += 40;
    }
    (i, o)
}
