//! Rough 1 MiB throughput of the core, per backend:
//! `cargo test --release -p binascii-core --test throughput -- --ignored --nocapture`

use binascii_core::*;
use std::hint::black_box;
use std::mem::MaybeUninit;
use std::time::{Duration, Instant};

fn best_of<F: FnMut()>(mut f: F) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..7 {
        let t = Instant::now();
        for _ in 0..20 {
            f();
        }
        best = best.min(t.elapsed() / 20);
    }
    best
}

fn report(name: &str, bytes: usize, d: Duration) {
    let gbs = bytes as f64 / d.as_secs_f64() / 1e9;
    println!(
        "{name:<40} {:>9.1} us {gbs:>7.2} GB/s",
        d.as_secs_f64() * 1e6
    );
}

#[test]
#[ignore = "timing, run explicitly in release mode"]
fn one_mib() {
    let n = 1 << 20;
    let data: Vec<u8> = (0..n)
        .map(|i| ((i * 2_654_435_761usize) >> 13) as u8)
        .collect();
    let enc = b2a_base64(&data, true).unwrap();
    let mime: Vec<u8> = enc
        .trim_ascii_end()
        .chunks(76)
        .flat_map(|l| l.iter().copied().chain([b'\n']))
        .collect();
    let hex = b2a_hex(&data, None, 1).unwrap();
    let mut buf = vec![MaybeUninit::<u8>::uninit(); 3 * n];
    // The machine's floors: filling the output a function writes (2 MiB for hexlify, 4/3 MiB
    // for b2a_base64) and copying 1 MiB, with ordinary stores.
    let mut floor = vec![0u8; 2 * n];
    for (what, len) in [("fill 2 MiB", 2 * n), ("fill 4/3 MiB", n / 3 * 4)] {
        let d = best_of(|| {
            black_box(&mut floor[..len]).fill(black_box(0x61));
        });
        report(&format!("floor: {what}"), n, d);
    }
    let d = best_of(|| {
        black_box(&mut floor[..n]).copy_from_slice(black_box(&data));
    });
    report("floor: copy 1 MiB", n, d);
    for backend in [Backend::Auto, Backend::Scalar] {
        let b = format!("{backend:?}");
        let d = best_of(|| {
            black_box(b2a_base64_into_with(backend, black_box(&data), true, &mut buf).unwrap());
        });
        report(&format!("b2a_base64 [{b}]"), n, d);
        let d = best_of(|| {
            black_box(
                a2b_base64_into_with(
                    backend,
                    black_box(&enc),
                    false,
                    Base64Rules::Py310,
                    &mut buf,
                )
                .unwrap(),
            );
        });
        report(&format!("a2b_base64 [{b}]"), n, d);
        let d = best_of(|| {
            black_box(
                a2b_base64_into_with(
                    backend,
                    black_box(&enc[..enc.len() - 1]),
                    true,
                    Base64Rules::Py310,
                    &mut buf,
                )
                .unwrap(),
            );
        });
        report(&format!("a2b_base64 strict [{b}]"), n, d);
        let d = best_of(|| {
            black_box(
                a2b_base64_into_with(
                    backend,
                    black_box(&mime),
                    false,
                    Base64Rules::Py310,
                    &mut buf,
                )
                .unwrap(),
            );
        });
        report(&format!("a2b_base64 76-char lines [{b}]"), n, d);
        let d = best_of(|| {
            black_box(b2a_hex_into_with(backend, black_box(&data), None, 1, &mut buf).unwrap());
        });
        report(&format!("hexlify [{b}]"), n, d);
        let d = best_of(|| {
            black_box(a2b_hex_into_with(backend, black_box(&hex), &mut buf).unwrap());
        });
        report(&format!("unhexlify [{b}]"), n, d);
        let d = best_of(|| {
            black_box(crc32_with(backend, black_box(&data), 0));
        });
        report(&format!("crc32 [{b}]"), n, d);
    }
    let d = best_of(|| {
        black_box(crc_hqx(black_box(&data), 0));
    });
    report("crc_hqx", n, d);
    let d = best_of(|| {
        black_box(b2a_qp(black_box(&data), false, true, false).unwrap());
    });
    report("b2a_qp (Vec)", n, d);
}

/// base64 per backend at 1 KiB, 64 KiB and 1 MiB (the sizes of the
/// pybase64 comparison in docs/BENCHMARKS.md):
/// `cargo test --release -p binascii-core --test throughput base64_sizes -- --ignored --nocapture`
#[test]
#[ignore = "timing, run explicitly in release mode"]
fn base64_sizes() {
    let filter = std::env::var("BENCH_ONLY").unwrap_or_default();
    for n in [1 << 10, 64 << 10, 1 << 20] {
        let data: Vec<u8> = (0..n)
            .map(|i| ((i * 2_654_435_761usize) >> 13) as u8)
            .collect();
        let enc = b2a_base64(&data, false).unwrap();
        let mime: Vec<u8> = enc
            .chunks(76)
            .flat_map(|l| l.iter().copied().chain([b'\n']))
            .collect();
        let mut buf = vec![MaybeUninit::<u8>::uninit(); 2 * n + 64];
        // Many short samples, best one: robust against a busy machine.
        let reps = ((256 << 10) / n).max(1);
        let time = |f: &mut dyn FnMut()| {
            let mut best = Duration::MAX;
            for _ in 0..300 {
                let t = Instant::now();
                for _ in 0..reps {
                    f();
                }
                best = best.min(t.elapsed() / reps as u32);
            }
            best
        };
        for backend in Backend::ALL {
            if !backend.is_available()
                || (!filter.is_empty() && !format!("{backend:?}").contains(&filter))
            {
                continue;
            }
            let kib = n >> 10;
            let d = time(&mut || {
                black_box(
                    b2a_base64_into_with(backend, black_box(&data), false, &mut buf).unwrap(),
                );
            });
            report(&format!("b2a_base64 {kib} KiB [{backend:?}]"), n, d);
            let d = time(&mut || {
                black_box(
                    a2b_base64_into_with(
                        backend,
                        black_box(&enc),
                        false,
                        Base64Rules::Py310,
                        &mut buf,
                    )
                    .unwrap(),
                );
            });
            report(&format!("a2b_base64 {kib} KiB [{backend:?}]"), n, d);
            let d = time(&mut || {
                black_box(
                    a2b_base64_into_with(
                        backend,
                        black_box(&enc),
                        true,
                        Base64Rules::Py310,
                        &mut buf,
                    )
                    .unwrap(),
                );
            });
            report(&format!("a2b_base64 strict {kib} KiB [{backend:?}]"), n, d);
            let d = time(&mut || {
                black_box(
                    a2b_base64_into_with(
                        backend,
                        black_box(&mime),
                        false,
                        Base64Rules::Py310,
                        &mut buf,
                    )
                    .unwrap(),
                );
            });
            report(&format!("a2b_base64 lines {kib} KiB [{backend:?}]"), n, d);
        }
    }
}

/// Input throughput of b2a_base64 and hexlify at sizes that fit L1, L2 and
/// neither, into a reused buffer: the best of many short batches, so that a
/// busy machine still shows the uncontended figure.
#[test]
#[ignore = "timing, run explicitly in release mode"]
fn hex_sizes() {
    for n in [16usize << 10, 256 << 10, 1 << 20, 4 << 20] {
        let data: Vec<u8> = (0..n)
            .map(|i| ((i * 2_654_435_761usize) >> 13) as u8)
            .collect();
        let mut buf = vec![MaybeUninit::<u8>::uninit(); 2 * n + 64];
        let reps = ((2 << 20) / n).max(1);
        let best = |f: &mut dyn FnMut()| {
            let mut best = f64::MAX;
            for _ in 0..300 {
                let t = Instant::now();
                for _ in 0..reps {
                    f();
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            (n * reps) as f64 / best / 1e9
        };
        let b64 = best(&mut || {
            black_box(
                b2a_base64_into_with(Backend::Auto, black_box(&data), true, &mut buf).unwrap(),
            );
        });
        let hex = best(&mut || {
            black_box(
                b2a_hex_into_with(Backend::Auto, black_box(&data), None, 1, &mut buf).unwrap(),
            );
        });
        println!(
            "{:>5} KiB: b2a_base64 {b64:6.2} GB/s, hexlify {hex:6.2} GB/s (input)",
            n >> 10
        );
    }
}
