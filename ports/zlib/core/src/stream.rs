//! The port's one unsafe boundary: owned `z_stream`s driven through zlib-rs's C API
//! (`libz-rs-sys`), which has what the safe `zlib_rs::{Deflate, Inflate}` API lacks
//! (`deflateCopy`/`inflateCopy`; see docs/SAFETY.md, "zlib").
//!
//! # Invariants
//! - Each `z_stream` lives in its own `Box` from initialisation to drop and never moves (zlib
//!   keeps a pointer back to it in its state).
//! - Between calls `next_in` is null with `avail_in == 0`, and `next_out` is a dangling,
//!   non-null pointer with `avail_out == 0` (`inflateCopy` refuses a null `next_out`): no
//!   pointer into a caller's buffer outlives the call that set it.
//! - `live` is true from a successful init until `deflateEnd`/`inflateEnd`; an ended stream has
//!   a null `state`, which every libz-rs-sys entry point refuses with `Z_STREAM_ERROR`, as zlib
//!   does, so calling into an ended stream is safe (and is how C's module behaves after
//!   `flush()`).

use libz_rs_sys as z;
use std::ffi::{c_int, CStr};
use std::mem::MaybeUninit;
use std::ptr::NonNull;

/// What a call left behind: zlib's return code and how much input it read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// zlib's return code (`Z_OK`, `Z_STREAM_END`, `Z_BUF_ERROR`, ...).
    pub code: i32,
    /// Bytes of the input consumed.
    pub consumed: usize,
}

/// A `z_stream` with no caller pointers in it (see the module invariants).
fn idle_stream() -> Box<z::z_stream> {
    let mut s = Box::new(z::z_stream::default());
    s.next_out = NonNull::<u8>::dangling().as_ptr();
    s
}

/// The message zlib left in `strm.msg`, if any.
fn message(strm: &z::z_stream) -> Option<String> {
    if strm.msg.is_null() {
        return None;
    }
    // SAFETY: zlib-rs only ever stores null or a pointer to one of its static NUL-terminated
    // messages in `msg` (and we never write it).
    let s = unsafe { CStr::from_ptr(strm.msg) };
    Some(s.to_string_lossy().into_owned())
}

/// Runs `call` on `strm` with `input` and the spare capacity of `out` (at most `avail` bytes of
/// it) as the stream's buffers, then appends what was written to `out` and restores the idle
/// invariant.
fn run(
    strm: &mut z::z_stream,
    input: &[u8],
    out: &mut Vec<u8>,
    avail: usize,
    call: impl FnOnce(*mut z::z_stream) -> c_int,
) -> Progress {
    let avail_in = input.len().min(u32::MAX as usize);
    if out.capacity() - out.len() < avail {
        out.reserve_exact(avail);
    }
    let spare: &mut [MaybeUninit<u8>] = &mut out.spare_capacity_mut()[..avail];
    let avail_out = spare.len().min(u32::MAX as usize);
    strm.next_in = input.as_ptr();
    strm.avail_in = avail_in as u32;
    strm.next_out = spare.as_mut_ptr().cast::<u8>();
    strm.avail_out = avail_out as u32;
    let code = call(strm);
    let consumed = avail_in - strm.avail_in as usize;
    let written = avail_out - strm.avail_out as usize;
    strm.next_in = std::ptr::null();
    strm.avail_in = 0;
    strm.next_out = NonNull::<u8>::dangling().as_ptr();
    strm.avail_out = 0;
    // SAFETY: zlib wrote exactly `written` bytes (`avail_out` went down by that much) at the
    // start of the spare capacity, so the first `len + written` bytes are initialised.
    unsafe { out.set_len(out.len() + written) };
    Progress { code, consumed }
}

/// `sizeof(z_stream)` as the init functions check it.
const STREAM_SIZE: c_int = std::mem::size_of::<z::z_stream>() as c_int;

/// A deflate (compression) stream.
pub struct Deflater {
    strm: Box<z::z_stream>,
    live: bool,
    /// Ended by [`Deflater::retire`]: refuses every call as an ended stream does, but keeps
    /// its memory for [`Deflater::revive`].
    retired: bool,
}

// SAFETY: the stream and the state it points to are owned by this value alone (zlib-rs keeps no
// thread-local or shared data in them), and between calls it holds no pointer into any other
// buffer (module invariants), so moving it to another thread is sound.
unsafe impl Send for Deflater {}

impl Deflater {
    /// `deflateInit2(level, method, wbits, mem_level, strategy)`; on failure zlib's code and
    /// message.
    pub fn new(
        level: i32,
        method: i32,
        wbits: i32,
        mem_level: i32,
        strategy: i32,
    ) -> Result<Deflater, (i32, Option<String>)> {
        let mut strm = idle_stream();
        // SAFETY: `strm` is a valid, boxed `z_stream` with the default allocator; the version
        // string is zlib-rs's own and the size that of the struct passed.
        let code = unsafe {
            z::deflateInit2_(
                &mut *strm,
                level,
                method,
                wbits,
                mem_level,
                strategy,
                z::zlibVersion(),
                STREAM_SIZE,
            )
        };
        if code == z::Z_OK {
            Ok(Deflater {
                strm,
                live: true,
                retired: false,
            })
        } else {
            Err((code, message(&strm)))
        }
    }

    /// `deflate(flush)` over `input`, writing at most `avail` bytes to the end of `out`.
    pub fn deflate(
        &mut self,
        input: &[u8],
        out: &mut Vec<u8>,
        avail: usize,
        flush: i32,
    ) -> Progress {
        if self.retired {
            return Progress {
                code: z::Z_STREAM_ERROR,
                consumed: 0,
            };
        }
        run(&mut self.strm, input, out, avail, |s| {
            // SAFETY: `s` is this initialised (or ended: refused by zlib-rs) stream whose
            // buffers `run` set to `input` and to `avail` writable bytes of `out`.
            unsafe { z::deflate(s, flush) }
        })
    }

    /// `deflateSetDictionary` (the caller ensures `dict.len()` fits in 32 bits).
    pub fn set_dictionary(&mut self, dict: &[u8]) -> i32 {
        if self.retired {
            return z::Z_STREAM_ERROR;
        }
        let len = dict.len().min(u32::MAX as usize) as u32;
        // SAFETY: the stream is valid (or ended, refused by zlib-rs); `dict` is readable for
        // `len` bytes and only read during the call.
        unsafe { z::deflateSetDictionary(&mut *self.strm, dict.as_ptr(), len) }
    }

    /// `deflateCopy`: an independent stream in the same state.
    pub fn try_clone(&mut self) -> Result<Deflater, i32> {
        if self.retired {
            return Err(z::Z_STREAM_ERROR);
        }
        let mut dest = idle_stream();
        // SAFETY: `dest` is a writable boxed `z_stream` (the copy's final address); the source
        // is this stream, valid or ended (refused with `Z_STREAM_ERROR`).
        let code = unsafe { z::deflateCopy(&mut *dest, &mut *self.strm) };
        if code == z::Z_OK {
            // The copy took the source's (idle) buffer pointers: still idle.
            Ok(Deflater {
                strm: dest,
                live: true,
                retired: false,
            })
        } else {
            // `dest` may hold copies of the source's pointers: dropped without `deflateEnd`.
            Err(code)
        }
    }

    /// `deflateReset`: the state of a new stream with the same parameters (keeping the memory).
    pub fn reset(&mut self) -> i32 {
        if !self.live || self.retired {
            return z::Z_STREAM_ERROR;
        }
        // SAFETY: the stream is initialised and idle (module invariants).
        unsafe { z::deflateReset(&mut *self.strm) }
    }

    /// `deflateEnd` (once; the stream then refuses every call with `Z_STREAM_ERROR`).
    pub fn end(&mut self) -> i32 {
        if !self.live {
            return z::Z_STREAM_ERROR;
        }
        self.live = false;
        // SAFETY: the stream was initialised and not ended yet.
        let code = unsafe { z::deflateEnd(&mut *self.strm) };
        if self.retired {
            // Already ended as far as callers know.
            z::Z_STREAM_ERROR
        } else {
            code
        }
    }

    /// `deflateEnd` for a stream that returned `Z_STREAM_END` (for which `deflateEnd` returns
    /// `Z_OK`), keeping its memory: the stream then refuses every call as an ended one does,
    /// until [`Deflater::revive`].
    pub fn retire(&mut self) -> i32 {
        if !self.live || self.retired {
            return z::Z_STREAM_ERROR;
        }
        self.retired = true;
        z::Z_OK
    }

    /// Whether the stream was retired (and can be revived).
    pub fn is_retired(&self) -> bool {
        self.live && self.retired
    }

    /// A retired stream in the state of a new one with the same parameters (`deflateReset`).
    pub fn revive(&mut self) -> i32 {
        if !self.live || !self.retired {
            return z::Z_STREAM_ERROR;
        }
        self.retired = false;
        self.reset()
    }

    /// An ended stream, left in place of a stream taken out of its owner.
    pub fn ended() -> Deflater {
        Deflater {
            strm: idle_stream(),
            live: false,
            retired: false,
        }
    }

    /// zlib's message of the last failing call.
    pub fn message(&self) -> Option<String> {
        message(&self.strm)
    }
}

impl Drop for Deflater {
    fn drop(&mut self) {
        self.end();
    }
}

/// An inflate (decompression) stream.
pub struct Inflater {
    strm: Box<z::z_stream>,
    live: bool,
    /// The message of the data error that broke the stream. zlib keeps it in `msg` for every
    /// later call (which returns `Z_DATA_ERROR` again); zlib-rs replaces it with "repeated call
    /// with bad state".
    broken: Option<String>,
}

// SAFETY: as for `Deflater`.
unsafe impl Send for Inflater {}

impl Inflater {
    /// `inflateInit2(wbits)`; on failure zlib's code and message.
    pub fn new(wbits: i32) -> Result<Inflater, (i32, Option<String>)> {
        let mut strm = idle_stream();
        // SAFETY: as in `Deflater::new`.
        let code = unsafe { z::inflateInit2_(&mut *strm, wbits, z::zlibVersion(), STREAM_SIZE) };
        if code == z::Z_OK {
            Ok(Inflater {
                strm,
                live: true,
                broken: None,
            })
        } else {
            Err((code, message(&strm)))
        }
    }

    /// `inflate(flush)` over `input`, writing at most `avail` bytes to the end of `out`.
    pub fn inflate(
        &mut self,
        input: &[u8],
        out: &mut Vec<u8>,
        avail: usize,
        flush: i32,
    ) -> Progress {
        let had_msg = !self.strm.msg.is_null();
        let mut p = run(&mut self.strm, input, out, avail, |s| {
            // SAFETY: as in `Deflater::deflate`.
            unsafe { z::inflate(s, flush) }
        });
        // zlib returns Z_DATA_ERROR from the call that finds the stream invalid; zlib-rs may
        // first return with the output full and the stream already broken (message set).
        if !had_msg && !self.strm.msg.is_null() && (p.code == z::Z_OK || p.code == z::Z_BUF_ERROR) {
            p.code = z::Z_DATA_ERROR;
        }
        if p.code == z::Z_DATA_ERROR && self.broken.is_none() {
            self.broken = Some(message(&self.strm).unwrap_or_default());
        }
        p
    }

    /// `inflateSetDictionary` (the caller ensures `dict.len()` fits in 32 bits).
    pub fn set_dictionary(&mut self, dict: &[u8]) -> i32 {
        let len = dict.len().min(u32::MAX as usize) as u32;
        // SAFETY: as in `Deflater::set_dictionary`.
        unsafe { z::inflateSetDictionary(&mut *self.strm, dict.as_ptr(), len) }
    }

    /// An ended stream (every call refused with `Z_STREAM_ERROR`), left in place of a stream
    /// taken out of its owner.
    pub fn ended() -> Inflater {
        Inflater {
            strm: idle_stream(),
            live: false,
            broken: None,
        }
    }

    /// Whether the stream is initialised (not ended).
    pub fn is_live(&self) -> bool {
        self.live
    }

    /// `inflateReset2(wbits)`: the state of a new stream made with `inflateInit2(wbits)`,
    /// keeping the memory (and forgetting the message of a data error).
    pub fn reset(&mut self, wbits: i32) -> i32 {
        if !self.live {
            return z::Z_STREAM_ERROR;
        }
        self.broken = None;
        // SAFETY: the stream is initialised and idle (module invariants).
        unsafe { z::inflateReset2(&mut *self.strm, wbits) }
    }

    /// `inflateCopy`: an independent stream in the same state.
    pub fn try_clone(&mut self) -> Result<Inflater, i32> {
        let mut dest = idle_stream();
        // SAFETY: as in `Deflater::try_clone`; the source's `next_out` is non-null (idle).
        let code = unsafe { z::inflateCopy(&mut *dest, &*self.strm) };
        if code == z::Z_OK {
            Ok(Inflater {
                strm: dest,
                live: true,
                broken: self.broken.clone(),
            })
        } else {
            Err(code)
        }
    }

    /// `inflateEnd` (once; the stream then refuses every call with `Z_STREAM_ERROR`).
    pub fn end(&mut self) -> i32 {
        if !self.live {
            return z::Z_STREAM_ERROR;
        }
        self.live = false;
        // SAFETY: the stream was initialised and not ended yet.
        unsafe { z::inflateEnd(&mut *self.strm) }
    }

    /// zlib's message of the last failing call (for a broken stream, the error that broke
    /// it, as zlib keeps it).
    pub fn message(&self) -> Option<String> {
        match &self.broken {
            Some(m) if !m.is_empty() => Some(m.clone()),
            _ => message(&self.strm),
        }
    }
}

impl Drop for Inflater {
    fn drop(&mut self) {
        self.end();
    }
}

/// The zlib-rs C API's version string (`zlibVersion()`), e.g. `1.3.0-zlib-rs-0.6.8`: the zlib
/// API it implements, then the zlib-rs release.
pub fn version() -> &'static str {
    // SAFETY: `zlibVersion` returns a pointer to a static NUL-terminated ASCII string.
    let s = unsafe { CStr::from_ptr(z::zlibVersion()) };
    s.to_str().unwrap_or("")
}

/// The zlib-rs release (`0.6.8`): the last component of [`version`].
pub fn zlib_rs_version() -> &'static str {
    version().rsplit('-').next().unwrap_or("")
}
