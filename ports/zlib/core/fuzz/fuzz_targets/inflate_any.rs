//! Any bytes as a compressed stream: the one-shot `decompress`, a `Decompressor` fed in chunks
//! with a `max_length` (and a copy taken midway) and a `ZlibDecompressor` must not panic, and
//! must agree: with a full window, the same output when the one-shot call accepts the stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zlib_core::{decompress, Decompressor, Rules, ZlibDecompressor, DEF_BUF_SIZE};

const WBITS: [i32; 8] = [15, 9, -15, -9, 31, 25, 47, 0];

fuzz_target!(|input: &[u8]| {
    if input.len() < 3 {
        return;
    }
    let wbits = WBITS[(input[0] & 7) as usize];
    let chunk = 1 + input[1] as usize;
    let max_length = input[2] as usize;
    let data = &input[3..];
    let whole = decompress(data, wbits, DEF_BUF_SIZE);

    let rules = if input[0] & 8 != 0 { Rules::PY314 } else { Rules::PY310 };
    let Ok(mut d) = Decompressor::new(wbits, None, rules) else {
        assert!(whole.is_err());
        return;
    };
    let mut out = Vec::new();
    let mut failed = false;
    let mut pos = 0;
    let mut copy = None;
    while pos < data.len() || !d.unconsumed_tail.is_empty() {
        let end = (pos + chunk).min(data.len());
        let mut feed = std::mem::take(&mut d.unconsumed_tail);
        feed.extend_from_slice(&data[pos..end]);
        pos = end;
        match d.decompress(&feed, max_length, None) {
            Ok(o) => out.extend_from_slice(&o),
            Err(_) => {
                failed = true;
                break;
            }
        }
        if copy.is_none() && pos > data.len() / 2 {
            copy = d.try_clone().ok();
        }
        if d.eof {
            break;
        }
        if max_length == 0 && pos >= data.len() {
            break;
        }
    }
    if !failed {
        match d.flush(DEF_BUF_SIZE) {
            Ok(o) => out.extend_from_slice(&o),
            Err(_) => failed = true,
        }
    }
    // With a window smaller than 32 KiB the one-shot call may accept what streaming refuses (a
    // distance beyond the window but inside its single output buffer: zlib and C's module do
    // the same), so the comparison needs a full window.
    let full_window = matches!(wbits, 15 | -15 | 31 | 47);
    if let (Ok(w), true) = (&whole, full_window) {
        // A stream the one-shot call accepts is complete: the streaming object gives the same
        // bytes and reaches its end.
        assert!(!failed);
        assert!(d.eof);
        assert_eq!(&out, w);
    }
    if let Some(mut c) = copy {
        let _ = c.flush(1);
    }

    if let Ok(mut z) = ZlibDecompressor::new(wbits, None) {
        let mut zout = Vec::new();
        let mut ok = true;
        for piece in data.chunks(chunk) {
            match z.decompress(piece, -1) {
                Ok(o) => zout.extend_from_slice(&o),
                Err(_) => {
                    ok = false;
                    break;
                }
            }
            if z.eof {
                break;
            }
        }
        if let (Ok(w), true) = (&whole, full_window) {
            assert!(ok && z.eof);
            assert_eq!(&zout, w);
        }
    }
});
