//! Every `unsafe` of the crate lives below this module (the crate root denies
//! `unsafe_code` and allows it here only):
//!
//! * [`Writer`]: the output cursor over a caller's uninitialised buffer;
//! * the hand-written base64 kernels (`avx2`, `avx512`) and their run-time
//!   dispatch.
//!
//! Proof obligations, and where they are discharged:
//! * **CPU features.** A kernel compiled with `#[target_feature]` may only run
//!   on a CPU that has those features. Calls go through a [`Level`], whose
//!   private field can only be set by [`Level::for_backend`] after
//!   `is_x86_feature_detected!` said yes; selecting a backend the CPU lacks
//!   gives a lower level, never an illegal instruction.
//! * **Memory bounds.** Each kernel takes slices, checks before every block
//!   that the block's loads lie inside the input and its stores inside the
//!   output, processes whole blocks only and returns how far it got; the
//!   scalar code of the caller does the tail.
//! * **Initialisation.** A kernel returns the number of output bytes it
//!   stored, all of them at the start of the spare space it was given, and
//!   only that many are marked written ([`Writer::advance`]).

use std::sync::atomic::{AtomicU8, Ordering};

use crate::Backend;

mod tables;
mod writer;
pub(crate) use writer::Writer;

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;

/// A code path the running CPU can execute.
///
/// The field is private: a value above [`Level::SCALAR`] exists only once the
/// CPU was found to support it, which is what makes the dispatch sound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Level(u8);

const SCALAR: u8 = 0;
const AVX2: u8 = 1;
const AVX512_VBMI: u8 = 2;
/// Not yet detected.
const UNKNOWN: u8 = u8::MAX;

static DETECTED: AtomicU8 = AtomicU8::new(UNKNOWN);

fn detect_cpu() -> u8 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("avx512vbmi")
        {
            return AVX512_VBMI;
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            return AVX2;
        }
    }
    SCALAR
}

/// The environment variable that caps the level below what the CPU has, so
/// that one machine can run and time every code path: `scalar`, `avx2` or
/// `avx512` (anything else, or unset: no cap).
pub const CAP_VARIABLE: &str = "FERROCPY_BINASCII_SIMD";

/// The CPU's level, capped by [`CAP_VARIABLE`].
fn detect() -> u8 {
    let cpu = detect_cpu();
    match std::env::var(CAP_VARIABLE).as_deref() {
        Ok("scalar") => SCALAR,
        Ok("avx2") => cpu.min(AVX2),
        _ => cpu,
    }
}

/// The best level this CPU supports (detected once).
fn best() -> u8 {
    let l = DETECTED.load(Ordering::Relaxed);
    if l != UNKNOWN {
        return l;
    }
    let l = detect();
    DETECTED.store(l, Ordering::Relaxed);
    l
}

impl Level {
    /// The level that runs for `backend`: the requested one, or the best
    /// lower one when the CPU lacks it (`Auto` is the best there is).
    pub(crate) fn for_backend(backend: Backend) -> Level {
        let want = match backend {
            Backend::Auto => AVX512_VBMI,
            Backend::Scalar => SCALAR,
            Backend::Avx2 => AVX2,
            Backend::Avx512Vbmi => AVX512_VBMI,
        };
        Level(want.min(best()))
    }

    /// The explicit backend that names this level.
    pub(crate) fn backend(self) -> Backend {
        match self.0 {
            AVX2 => Backend::Avx2,
            AVX512_VBMI => Backend::Avx512Vbmi,
            _ => Backend::Scalar,
        }
    }
}

/// Whether the CPU can run `backend` itself (not a fallback).
pub(crate) fn available(backend: Backend) -> bool {
    match backend {
        Backend::Auto | Backend::Scalar => true,
        Backend::Avx2 => best() >= AVX2,
        Backend::Avx512Vbmi => best() >= AVX512_VBMI,
    }
}

/// Base64-encodes the longest prefix of `data` that the kernel of `level`
/// handles in whole blocks, appending to `w`; returns the input consumed (a
/// multiple of 3; 0 for the scalar level).
#[inline(always)]
pub(crate) fn b64_encode_blocks(level: Level, w: &mut Writer<'_>, data: &[u8]) -> usize {
    // Inputs shorter than a kernel's first block skip the call: its entry
    // and constant set-up would be all it did. The test is inlined into the
    // caller, so a short input does not make even the dispatcher's call.
    #[cfg(target_arch = "x86_64")]
    if data.len() < avx2::ENC_MIN {
        return 0;
    }
    b64_encode_kernel(level, w, data)
}

/// [`b64_encode_blocks`] past its length test.
#[inline]
fn b64_encode_kernel(level: Level, w: &mut Writer<'_>, data: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let (used, wrote) = match level.0 {
            // SAFETY: a `Level` of AVX512_VBMI is only built after
            // `is_x86_feature_detected!` found avx512f, avx512bw and
            // avx512vbmi (see `Level::for_backend`).
            AVX512_VBMI if data.len() >= avx512::ENC_MIN => unsafe {
                avx512::encode(data, w.spare())
            },
            // SAFETY: a `Level` of AVX512_VBMI or AVX2 is only built after
            // avx2 was detected.
            AVX512_VBMI => unsafe { avx2::encode(data, w.spare()) },
            // SAFETY: a `Level` of AVX2 or above is only built after avx2
            // was detected.
            AVX2 => unsafe { avx2::encode(data, w.spare()) },
            _ => return 0,
        };
        // SAFETY: the kernels return the number of bytes they stored at the
        // start of the slice they were given (`w.spare()`), all of them
        // initialised.
        unsafe { w.advance(wrote) };
        used
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (level, w, data);
        0
    }
}

/// Decodes the longest prefix of `data` made of whole kernel blocks of
/// base64 alphabet characters (no padding, nothing else), appending to `w`;
/// returns the input consumed (a multiple of 4; 0 for the scalar level).
/// Stops before the first block that holds anything else.
#[inline(always)]
pub(crate) fn b64_decode_blocks(level: Level, w: &mut Writer<'_>, data: &[u8]) -> usize {
    // As in `b64_encode_blocks`: a short input makes no call.
    #[cfg(target_arch = "x86_64")]
    if data.len() < avx2::DEC_MIN {
        return 0;
    }
    b64_decode_kernel(level, w, data)
}

/// [`b64_decode_blocks`] past its length test.
#[inline]
fn b64_decode_kernel(level: Level, w: &mut Writer<'_>, data: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let (used, wrote) = match level.0 {
            // SAFETY: avx512f, avx512bw and avx512vbmi were detected (see
            // `Level::for_backend`).
            AVX512_VBMI if data.len() >= avx512::DEC_MIN => unsafe {
                avx512::decode(data, w.spare())
            },
            // SAFETY: a `Level` of AVX512_VBMI or AVX2 is only built after
            // avx2 was detected.
            AVX512_VBMI => unsafe { avx2::decode(data, w.spare()) },
            // SAFETY: avx2 was detected (see `Level::for_backend`).
            AVX2 => unsafe { avx2::decode(data, w.spare()) },
            _ => return 0,
        };
        // SAFETY: the kernels return the number of bytes they stored at the
        // start of `w.spare()`, all of them initialised.
        unsafe { w.advance(wrote) };
        used
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (level, w, data);
        0
    }
}

/// Base32-encodes with `alphabet` the longest prefix of `data` that the
/// kernel of `level` handles in whole blocks, appending to `w`; returns the
/// input consumed (a multiple of 5; 0 below the AVX-512 level).
#[inline]
pub(crate) fn b32_encode_blocks(
    level: Level,
    w: &mut Writer<'_>,
    data: &[u8],
    alphabet: &[u8; 32],
) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        if level.0 != AVX512_VBMI || data.len() < 40 {
            return 0;
        }
        // SAFETY: a `Level` of AVX512_VBMI is only built after avx512f,
        // avx512bw, avx512vbmi and avx2 were detected (see `Level::for_backend`).
        let (used, wrote) = unsafe { avx512::b32_encode(data, w.spare(), alphabet) };
        // SAFETY: the kernel returns the number of bytes it stored at the
        // start of `w.spare()`, all of them initialised.
        unsafe { w.advance(wrote) };
        used
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (level, w, data, alphabet);
        0
    }
}

/// Base32-decodes, with `dec` (byte -> value, 32 and above for anything but
/// a data character), the longest prefix of `data` made of whole kernel
/// blocks of data characters, appending to `w`; returns the input consumed
/// (a multiple of 8; 0 below the AVX-512 level). Stops before the first block
/// that holds anything else.
#[inline]
pub(crate) fn b32_decode_blocks(
    level: Level,
    w: &mut Writer<'_>,
    data: &[u8],
    dec: &[u8; 256],
) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        if level.0 != AVX512_VBMI || data.len() < 64 {
            return 0;
        }
        // SAFETY: a `Level` of AVX512_VBMI is only built after avx512f,
        // avx512bw and avx512vbmi were detected (see `Level::for_backend`).
        let (used, wrote) = unsafe { avx512::b32_decode(data, w.spare(), dec) };
        // SAFETY: the kernel returns the number of bytes it stored at the
        // start of `w.spare()`, all of them initialised.
        unsafe { w.advance(wrote) };
        used
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (level, w, data, dec);
        0
    }
}

/// Hex-encodes (lowercase) the longest prefix of `data` that the kernel of
/// `level` handles in whole blocks, appending to `w`; returns the input
/// consumed (0 below the AVX-512 level: the AVX2 path is the hex-simd crate's).
#[inline]
pub(crate) fn hex_encode_blocks(level: Level, w: &mut Writer<'_>, data: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        if level.0 != AVX512_VBMI {
            return 0;
        }
        // SAFETY: a `Level` of AVX512_VBMI is only built after avx512f and
        // avx512bw (and vbmi) were detected (see `Level::for_backend`).
        let (used, wrote) = unsafe { avx512::hex_encode(data, w.spare()) };
        // SAFETY: the kernel returns the number of bytes it stored at the
        // start of `w.spare()`, all of them initialised.
        unsafe { w.advance(wrote) };
        used
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (level, w, data);
        0
    }
}

#[cfg(test)]
mod tests;
