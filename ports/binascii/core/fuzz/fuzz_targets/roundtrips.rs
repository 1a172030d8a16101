//! Roundtrips of the other codecs, and no panics on arbitrary input:
//! hex (with separators), quoted-printable, uu, and 3.10's hqx pieces.
#![no_main]

use binascii_core::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&flags, data)) = input.split_first() else {
        return;
    };
    // hex
    let h = b2a_hex(data, None, 1).unwrap();
    assert_eq!(a2b_hex(&h).unwrap(), data);
    let bps = isize::from(flags as i8);
    let g = b2a_hex(data, Some(b' '), bps).unwrap();
    let stripped: Vec<u8> = g.iter().copied().filter(|&c| c != b' ').collect();
    assert_eq!(stripped, h);
    let _ = a2b_hex(data);
    // quoted-printable: binary mode quotes line ends, so it roundtrips.
    let quotetabs = flags & 1 != 0;
    let header = flags & 2 != 0;
    let q = b2a_qp(data, quotetabs, false, header).unwrap();
    assert_eq!(a2b_qp(&q, header).unwrap(), data);
    let _ = b2a_qp(data, quotetabs, true, header).unwrap();
    let _ = a2b_qp(data, header).unwrap();
    // uu, 45 bytes a line
    for line in data.chunks(45) {
        let u = b2a_uu(line, flags & 4 != 0).unwrap();
        assert_eq!(a2b_uu(&u, UuRules::Py314).unwrap(), line);
    }
    let _ = a2b_uu(data, UuRules::Py310);
    let _ = a2b_uu(data, UuRules::Py314);
    // hqx
    let r = rlecode_hqx(data).unwrap();
    assert_eq!(rledecode_hqx(&r).unwrap(), data);
    let mut x = b2a_hqx(data).unwrap();
    x.push(b':');
    assert_eq!(a2b_hqx(&x).unwrap(), (data.to_vec(), true));
    let _ = a2b_hqx(data);
    if let Ok(n) = rledecode_hqx_len(data) {
        // Keep the fuzzer's memory bounded: the expansion can be 255x.
        if n <= 1 << 20 {
            assert_eq!(rledecode_hqx(data).unwrap().len(), n);
        }
    }
    let _ = crc_hqx(data, u32::from(flags));
});
