//! The scalar paths of the vendored zlib-rs (match search and the medium deflate loop, which
//! have AVX2 variants chosen at run time) give the same streams as the AVX2 ones. On a machine
//! without AVX2 both runs take the scalar paths and the test still checks determinism.
//! A test binary of its own: turning AVX2 off is process-wide.

use zlib_core::{compress, decompress, Compressor};

/// Words from a small vocabulary (many candidates per chain), a repeated block (matches of the
/// maximum length), then noise (short or no matches), so that every branch of the search runs.
fn corpus() -> Vec<u8> {
    let words: [&[u8]; 12] = [
        b"deflate ",
        b"window ",
        b"match ",
        b"length ",
        b"distance ",
        b"the ",
        b"of ",
        b"longest ",
        b"chain\n",
        b"hash ",
        b"zlib-rs ",
        b"    ",
    ];
    let mut x = 0x1234_5677_u32;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x
    };
    let mut out = Vec::new();
    while out.len() < 300_000 {
        out.extend_from_slice(words[next() as usize % words.len()]);
    }
    let block: Vec<u8> = out[1000..3000].to_vec();
    for _ in 0..20 {
        out.extend_from_slice(&block);
        out.push(next() as u8);
    }
    out.extend((0..60_000).map(|_| (next() >> 3) as u8 % 7));
    out.extend((0..40_000).map(|_| next() as u8));
    out
}

fn streams(data: &[u8]) -> Vec<Vec<u8>> {
    let mut all = Vec::new();
    for level in -1..=9 {
        for strategy in 0..=4 {
            for (wbits, mem_level) in [(15, 8), (-15, 9), (31, 1), (9, 8)] {
                let mut c = Compressor::new(level, 8, wbits, mem_level, strategy, None).unwrap();
                let mut s = Vec::new();
                for part in data.chunks(70_001) {
                    s.extend(c.compress(part).unwrap());
                }
                s.extend(c.flush(4).unwrap());
                all.push(s);
            }
        }
        all.push(compress(data, level, 15).unwrap());
    }
    all
}

#[test]
fn scalar_paths_write_the_avx2_paths_streams() {
    let data = corpus();
    let default_paths = streams(&data);
    zlib_rs::__ferrocpy_disable_avx2_and_bmi2(true);
    let scalar = streams(&data);
    zlib_rs::__ferrocpy_disable_avx2_and_bmi2(false);
    assert_eq!(default_paths.len(), scalar.len());
    for (i, (a, b)) in default_paths.iter().zip(&scalar).enumerate() {
        assert!(
            a == b,
            "stream {i} differs between the AVX2 and scalar paths"
        );
    }
    // And valid: the last stream is the one-shot level-9 compress, zlib-wrapped.
    assert_eq!(decompress(scalar.last().unwrap(), 15, 16384).unwrap(), data);
}
