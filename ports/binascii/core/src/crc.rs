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

/// `binascii.crc_hqx(data, crc)`: only the low 16 bits of `crc` are used,
/// and the result fits in 16 bits.
pub fn crc_hqx(data: &[u8], crc: u32) -> u32 {
    let mut c = crc as u16;
    for &b in data {
        c = (c << 8) ^ CRC16_TABLE[usize::from((c >> 8) as u8 ^ b)];
    }
    u32::from(c)
}
