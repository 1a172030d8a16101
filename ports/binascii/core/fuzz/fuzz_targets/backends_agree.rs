//! Every backend (scalar, AVX2, AVX-512 VBMI where the CPU has it; the
//! others fall back) gives the scalar result for every function that has a
//! SIMD path, on arbitrary input.
#![no_main]

use binascii_core::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&flags, data)) = input.split_first() else {
        return;
    };
    let strict = flags & 1 != 0;
    let newline = flags & 2 != 0;
    let bps = isize::from(flags as i8) / 4;
    let sep = (flags & 4 != 0).then_some(b':');
    let crc_init = u32::from(flags).wrapping_mul(0x9E37_79B9);
    let s = Backend::Scalar;
    let enc = b2a_base64_with(s, data, newline);
    let dec = a2b_base64_with(s, data, strict, Base64Rules::Py314);
    let hex = b2a_hex_with(s, data, sep, bps);
    let unhex = a2b_hex_with(s, data);
    let crc = crc32_with(s, data, crc_init);
    for b in Backend::ALL {
        assert_eq!(b2a_base64_with(b, data, newline), enc, "{b:?} b2a_base64");
        assert_eq!(
            a2b_base64_with(b, data, strict, Base64Rules::Py314),
            dec,
            "{b:?} a2b_base64"
        );
        assert_eq!(b2a_hex_with(b, data, sep, bps), hex, "{b:?} b2a_hex");
        assert_eq!(a2b_hex_with(b, data), unhex, "{b:?} a2b_hex");
        assert_eq!(crc32_with(b, data, crc_init), crc, "{b:?} crc32");
    }
});
