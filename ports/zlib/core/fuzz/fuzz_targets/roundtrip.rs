//! Any data compressed with any parameters, in pieces with any flush modes (and a copy taken
//! midway), decompresses to the data; compressing again gives the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zlib_core::{
    compress, decompress, Compressor, DEFLATED, DEF_BUF_SIZE, Z_BLOCK, Z_FINISH, Z_FULL_FLUSH,
    Z_NO_FLUSH, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH,
};

const WBITS: [i32; 6] = [15, 9, -15, -9, 31, 25];
const FLUSH: [i32; 6] = [Z_NO_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_PARTIAL_FLUSH, Z_BLOCK, Z_NO_FLUSH];

fuzz_target!(|input: &[u8]| {
    if input.len() < 4 {
        return;
    }
    let level = (input[0] % 11) as i32 - 1;
    let wbits = WBITS[(input[1] % 6) as usize];
    let mem_level = 1 + (input[2] % 9) as i32;
    let strategy = (input[2] / 9 % 5) as i32;
    let piece = 1 + input[3] as usize * 7;
    let data = &input[4..];
    let zdict = if wbits < 16 && input[1] & 0x80 != 0 && data.len() > 8 {
        Some(&data[..data.len() / 4])
    } else {
        None
    };

    let one = compress(data, level, wbits).expect("valid parameters");
    assert_eq!(compress(data, level, wbits).unwrap(), one);
    assert_eq!(decompress(&one, wbits, DEF_BUF_SIZE).unwrap(), data);

    let mut c = Compressor::new(level, DEFLATED, wbits, mem_level, strategy, zdict).unwrap();
    let mut stream = Vec::new();
    let mut twin: Option<(Compressor, Vec<u8>)> = None;
    for (i, p) in data.chunks(piece).enumerate() {
        if twin.is_none() && i == 1 {
            twin = Some((c.try_clone().unwrap(), stream.clone()));
        }
        stream.extend(c.compress(p).unwrap());
        let mode = FLUSH[(p[0] % 6) as usize];
        stream.extend(c.flush(mode).unwrap());
        if let Some((t, s)) = &mut twin {
            s.extend(t.compress(p).unwrap());
            s.extend(t.flush(mode).unwrap());
        }
    }
    stream.extend(c.flush(Z_FINISH).unwrap());
    let mut d = zlib_core::Decompressor::new(wbits, zdict, zlib_core::Rules::PY314).unwrap();
    let mut out = d.decompress(&stream, 0, zdict).unwrap();
    out.extend(d.flush(DEF_BUF_SIZE).unwrap());
    assert!(d.eof);
    assert_eq!(out, data);
    if let Some((mut t, mut s)) = twin {
        s.extend(t.flush(Z_FINISH).unwrap());
        assert_eq!(s, stream);
    }
});
