//! `crc32` (CRC-32/ISO-HDLC, as zlib) and `crc_hqx` (CRC-16/XMODEM style).

use crate::{default_backend, Backend};

/// Reflected CRC-32 table for polynomial 0xEDB88320.
static CRC32_TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// MSB-first CRC-16 table for polynomial 0x1021.
static CRC16_TABLE: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = (i as u16) << 8;
        let mut k = 0;
        while k < 8 {
            c = if c & 0x8000 != 0 {
                (c << 1) ^ 0x1021
            } else {
                c << 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// `binascii.crc32(data, crc)`: continues the running CRC `crc`.
pub fn crc32(data: &[u8], crc: u32) -> u32 {
    crc32_with(default_backend(), data, crc)
}

/// [`crc32`] with an explicit backend.
pub fn crc32_with(backend: Backend, data: &[u8], crc: u32) -> u32 {
    match backend {
        Backend::Auto | Backend::Avx2 | Backend::Avx512Vbmi => {
            let mut h = crc32fast::Hasher::new_with_initial(crc);
            h.update(data);
            h.finalize()
        }
        Backend::Scalar => {
            let mut c = !crc;
            for &b in data {
                c = CRC32_TABLE[usize::from((c as u8) ^ b)] ^ (c >> 8);
            }
            !c
        }
    }
}

/// Slicing-by-8 tables for [`crc_hqx`]: `CRC16_SLICES[k][x]` is the CRC of
/// the byte `x` followed by `k` zero bytes, starting from a zero register.
/// Row 0 is [`CRC16_TABLE`].
static CRC16_SLICES: [[u16; 256]; 8] = {
    let mut t = [[0u16; 256]; 8];
    t[0] = CRC16_TABLE;
    let mut k = 1;
    while k < 8 {
        let mut i = 0;
        while i < 256 {
            let prev = t[k - 1][i];
            t[k][i] = (prev << 8) ^ CRC16_TABLE[(prev >> 8) as usize];
            i += 1;
        }
        k += 1;
    }
    t
};

/// `binascii.crc_hqx(data, crc)`: only the low 16 bits of `crc` are used,
/// and the result fits in 16 bits.
///
/// The CRC has no reflection and no final xor, so it is linear in the
/// register and the message: eight bytes at a time, the register is folded
/// into the first two bytes of the block and each byte's contribution is
/// looked up in the table for its distance from the end of the block.
pub fn crc_hqx(data: &[u8], crc: u32) -> u32 {
    let mut c = crc as u16;
    let mut blocks = data.chunks_exact(8);
    for block in &mut blocks {
        let [hi, lo] = c.to_be_bytes();
        let t = &CRC16_SLICES;
        c = t[7][usize::from(block[0] ^ hi)]
            ^ t[6][usize::from(block[1] ^ lo)]
            ^ t[5][usize::from(block[2])]
            ^ t[4][usize::from(block[3])]
            ^ t[3][usize::from(block[4])]
            ^ t[2][usize::from(block[5])]
            ^ t[1][usize::from(block[6])]
            ^ t[0][usize::from(block[7])];
    }
    u32::from(crc_hqx_bytewise(blocks.remainder(), c))
}

/// One table lookup per byte: the tail of [`crc_hqx`] and its reference.
fn crc_hqx_bytewise(data: &[u8], mut c: u16) -> u16 {
    for &b in data {
        c = (c << 8) ^ CRC16_TABLE[usize::from((c >> 8) as u8 ^ b)];
    }
    c
}

#[cfg(test)]
mod tests {
    use super::{crc_hqx, crc_hqx_bytewise};

    /// The eight-byte path agrees with the byte-at-a-time definition for
    /// every length around the block size and many registers.
    #[test]
    fn crc_hqx_blocks_agree_with_bytewise() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for len in 0..200usize {
            let data: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            for _ in 0..20 {
                let crc = next() as u32;
                assert_eq!(
                    crc_hqx(&data, crc),
                    u32::from(crc_hqx_bytewise(&data, crc as u16)),
                    "len {len} crc {crc:#x}"
                );
            }
        }
    }
}
