//! Constants of the base64 kernels, kept apart so that the tests can check
//! them against a plain model of the instructions that use them (which also
//! covers the AVX-512 kernels on machines that cannot run them).

/// Standard base64 alphabet.
pub(super) const ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// ------------------------------------------------------------------ AVX2

/// Encode: offset to add to a six-bit value, by range number (0: 0..=25,
/// 1: 26..=51, 2..=11: 52..=61, 12: 62, 13: 63).
pub(super) const ENC_OFFSETS: [i8; 16] = [
    65, 71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -19, -16, 0, 0,
];

// Decode classes of the high nibble: 0x2 -> bit 0x01, 0x3 -> 0x02,
// 0x4/0x6 -> 0x04, 0x5/0x7 -> 0x08, anything else -> 0x10. The low-nibble
// table holds the classes for which that low nibble is NOT in the alphabet,
// so a byte is valid exactly when `LO[lo] & HI[hi] == 0`.

/// Decode: class bit of each high nibble.
pub(super) const DEC_LUT_HI: [i8; 16] = [
    0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
];

/// Decode: classes in which each low nibble is invalid.
pub(super) const DEC_LUT_LO: [i8; 16] = [
    0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A,
];

/// Decode: offset from a character to its six-bit value, by high nibble
/// (slot 1 is used by '/', whose high nibble 2 it shares with '+').
pub(super) const DEC_LUT_ROLL: [i8; 16] =
    [0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0];

// --------------------------------------------------------------- AVX-512

/// Encode: byte permutation of 48 input bytes into 16 dwords, each group
/// `b0 b1 b2` becoming `b1 b0 b2 b1`.
pub(super) const ENC512_SHUFFLE: [u8; 64] = {
    let mut t = [0u8; 64];
    let mut g = 0;
    while g < 16 {
        t[4 * g] = (3 * g + 1) as u8;
        t[4 * g + 1] = (3 * g) as u8;
        t[4 * g + 2] = (3 * g + 2) as u8;
        t[4 * g + 3] = (3 * g + 1) as u8;
        g += 1;
    }
    t
};

/// Encode: bit offsets, within each 64-bit lane, of the four six-bit fields
/// of each of its two dwords (`vpmultishiftqb` control).
pub(super) const ENC512_MULTISHIFT: u64 = 0x3036_242A_1016_040A;

/// Decode: character (0..128) -> six-bit value, or 0x80 when invalid.
pub(super) const DEC512_LUT: [u8; 128] = {
    let mut t = [0x80u8; 128];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Decode: byte permutation gathering the three bytes of each of the 16
/// 24-bit dwords (most significant first) into 48 bytes.
pub(super) const DEC512_PACK: [u8; 64] = {
    let mut t = [0u8; 64];
    let mut k = 0;
    while k < 48 {
        t[k] = (4 * (k / 3) + 2 - k % 3) as u8;
        k += 1;
    }
    t
};

/// Little-endian 64-bit words of a 64-byte table (for `_mm512_set_epi64`).
pub(super) const fn words(t: &[u8], first: usize) -> [i64; 8] {
    let mut w = [0i64; 8];
    let mut q = 0;
    while q < 8 {
        let mut v = 0u64;
        let mut b = 0;
        while b < 8 {
            v |= (t[first + 8 * q + b] as u64) << (8 * b);
            b += 1;
        }
        w[q] = v as i64;
        q += 1;
    }
    w
}

/// AVX-512 base32 encode: byte `k` of 64-bit lane `g` takes input byte
/// `5g + 4 - k` (`k < 5`), so each lane holds its 5-byte group as a
/// little-endian 40-bit number, first byte highest; bytes 5-7 are unused.
pub(super) const B32ENC512_SHUFFLE: [u8; 64] = {
    let mut t = [0u8; 64];
    let mut g = 0;
    while g < 8 {
        let mut k = 0;
        while k < 5 {
            t[8 * g + k] = (5 * g + 4 - k) as u8;
            k += 1;
        }
        g += 1;
    }
    t
};

/// `vpmultishiftqb` control for base32: output byte `c` of a lane takes the
/// lane's bits from `35 - 5c` (the low five of them are character `c`).
pub(super) const B32ENC512_MULTISHIFT: u64 = 0x0005_0A0F_1419_1E23;

/// AVX-512 base32 decode: output byte `5g + k` (`k < 5`) of a block is byte
/// `4 - k` of 64-bit lane `g`, which holds that group's 40 bits.
pub(super) const B32DEC512_GATHER: [u8; 64] = {
    let mut t = [0u8; 64];
    let mut g = 0;
    while g < 8 {
        let mut k = 0;
        while k < 5 {
            t[5 * g + k] = (8 * g + 4 - k) as u8;
            k += 1;
        }
        g += 1;
    }
    t
};
