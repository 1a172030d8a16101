//! a2b_base64 (strict and not, every version's rules, 3.15's options) never
//! panics, every backend gives the scalar result, and the output of b2a_base64
//! decodes back.
//!
//! Input: one byte of flags, then the data. Flag bit 0x10 makes the data a
//! valid encoding of the rest with one byte spliced in, so the SIMD paths
//! see long valid runs with a single defect.
#![no_main]

use binascii_core::{
    a2b_base64_opts_with, a2b_base64_with, b2a_base64_with, A2bBase64Options, Backend,
    Base64Alphabet, Base64Rules, ByteSet,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&flags, rest)) = input.split_first() else {
        return;
    };
    let strict = flags & 1 != 0;
    let rules = [
        Base64Rules::Py310,
        Base64Rules::Py313,
        Base64Rules::Py314,
        Base64Rules::Py314,
    ][usize::from((flags >> 1) & 3)];
    // The last choice: 3.15's options, all of them away from their defaults.
    let options = (flags >> 1) & 3 == 3;
    let newline = flags & 8 != 0;
    let spliced;
    let data = if flags & 0x10 != 0 && rest.len() >= 2 {
        let (&junk, payload) = rest.split_first().unwrap();
        let mut enc = b2a_base64_with(Backend::Scalar, payload, newline).unwrap();
        let at = usize::from(flags >> 5) * enc.len() / 8;
        enc.insert(at, junk);
        spliced = enc;
        &spliced[..]
    } else {
        rest
    };
    let ignore = ByteSet::new(b" \n=");
    let opts = A2bBase64Options {
        rules,
        strict,
        padded: !options,
        canonical: options,
        alphabet: if options && strict {
            Base64Alphabet::urlsafe()
        } else {
            Base64Alphabet::standard()
        },
        ignore: options.then_some(&ignore),
    };
    let want = a2b_base64_opts_with(Backend::Scalar, data, &opts);
    for backend in Backend::ALL {
        let got = a2b_base64_opts_with(backend, data, &opts);
        assert_eq!(got, want, "{backend:?} {opts:?}");
    }
    // Roundtrip of the raw bytes through every backend.
    for backend in Backend::ALL {
        let enc = b2a_base64_with(backend, rest, newline).unwrap();
        let dec = a2b_base64_with(backend, &enc, strict && !newline, rules).unwrap();
        assert_eq!(dec, rest, "{backend:?} roundtrip");
    }
});
