//! Pure core of ferrocpy's `zlib` port: CPython's zlib module semantics (the loops, buffer
//! growth, end-of-stream and error rules of `Modules/zlibmodule.c`) over zlib-rs, with no
//! Python types. The binding turns [`Error`] into the exception C raises.
//!
//! Streams are driven exactly as C drives them (the same flush modes, input chunks and output
//! block sizes per call), so what zlib-rs consumes, produces and reports matches what zlib
//! does under C's module: the same `eof`, `unused_data` and `unconsumed_tail`.
#![forbid(unsafe_op_in_unsafe_fn)]

mod stream;
#[cfg(test)]
mod tests;

pub use stream::{version, zlib_rs_version, Deflater, Inflater, Progress};

// zlib's constants (zlib.h), as the module exports them.
pub const Z_NO_FLUSH: i32 = 0;
pub const Z_PARTIAL_FLUSH: i32 = 1;
pub const Z_SYNC_FLUSH: i32 = 2;
pub const Z_FULL_FLUSH: i32 = 3;
pub const Z_FINISH: i32 = 4;
pub const Z_BLOCK: i32 = 5;
pub const Z_TREES: i32 = 6;
pub const Z_OK: i32 = 0;
pub const Z_STREAM_END: i32 = 1;
pub const Z_NEED_DICT: i32 = 2;
pub const Z_STREAM_ERROR: i32 = -2;
pub const Z_DATA_ERROR: i32 = -3;
pub const Z_MEM_ERROR: i32 = -4;
pub const Z_BUF_ERROR: i32 = -5;
pub const Z_VERSION_ERROR: i32 = -6;
pub const Z_NO_COMPRESSION: i32 = 0;
pub const Z_BEST_SPEED: i32 = 1;
pub const Z_BEST_COMPRESSION: i32 = 9;
pub const Z_DEFAULT_COMPRESSION: i32 = -1;
pub const Z_FILTERED: i32 = 1;
pub const Z_HUFFMAN_ONLY: i32 = 2;
pub const Z_RLE: i32 = 3;
pub const Z_FIXED: i32 = 4;
pub const Z_DEFAULT_STRATEGY: i32 = 0;
pub const DEFLATED: i32 = 8;
pub const MAX_WBITS: i32 = 15;
pub const DEF_MEM_LEVEL: i32 = 8;
/// The module's default initial output size.
pub const DEF_BUF_SIZE: usize = 16 * 1024;
/// `_ZlibDecompressor`'s cap on a first output buffer sized from `max_length`.
const DEF_MAX_INITIAL_BUF_SIZE: usize = 16 * 1024 * 1024;

/// zlib's `Error <code> <context>[: <message>]` raised as `zlib.error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZlibError {
    pub code: i32,
    pub context: &'static str,
    /// `z_stream.msg` at the time of the error.
    pub msg: Option<String>,
}

impl ZlibError {
    /// The exception text, as C's `zlib_error()` words it.
    pub fn text(&self) -> String {
        let zmsg: Option<&str> = if self.code == Z_VERSION_ERROR {
            Some("library version mismatch")
        } else if let Some(m) = &self.msg {
            Some(m)
        } else {
            match self.code {
                Z_BUF_ERROR => Some("incomplete or truncated stream"),
                Z_STREAM_ERROR => Some("inconsistent stream state"),
                Z_DATA_ERROR => Some("invalid input data"),
                _ => None,
            }
        };
        match zmsg {
            // `%.200s`: at most 200 bytes of the message (zlib's are ASCII).
            Some(m) => {
                let m: String = m.chars().take(200).collect();
                format!("Error {} {}: {}", self.code, self.context, m)
            }
            None => format!("Error {} {}", self.code, self.context),
        }
    }
}

/// What a call can fail with, by the exception C raises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// `zlib.error` with `Error <code> ...`.
    Zlib(ZlibError),
    /// `zlib.error` with a fixed message (`Bad compression level`).
    ZlibMessage(&'static str),
    ValueError(&'static str),
    MemoryError(&'static str),
    OverflowError(&'static str),
    EOFError(&'static str),
    /// `_ZlibDecompressor` meeting a stream that needs a dictionary: C returns NULL with no
    /// exception set, which the interpreter reports as this `SystemError`.
    NoExceptionSet,
}

fn zerr(code: i32, context: &'static str, msg: Option<String>) -> Error {
    Error::Zlib(ZlibError { code, context, msg })
}

/// Output block sizes of CPython's `_BlocksOutputBuffer` (`pycore_blocks_output_buffer.h`):
/// block `i` of a buffer has this size (the first may be given instead).
const KB: usize = 1024;
const MB: usize = 1024 * 1024;
const BLOCK_SIZES: [usize; 17] = [
    32 * KB,
    64 * KB,
    256 * KB,
    MB,
    4 * MB,
    8 * MB,
    16 * MB,
    16 * MB,
    32 * MB,
    32 * MB,
    32 * MB,
    32 * MB,
    64 * MB,
    64 * MB,
    128 * MB,
    128 * MB,
    256 * MB,
];

/// An output buffer growing as C's `_BlocksOutputBuffer` does, so every call into zlib gets the
/// `avail_out` C's would give it.
struct Output {
    data: Vec<u8>,
    /// Bytes allocated so far (the sum of the blocks).
    allocated: usize,
    blocks: usize,
    /// `max_length` (`None`: unlimited).
    max: Option<usize>,
    /// The uint32 sliding window over a first block above 4 GiB: bytes of it not yet offered.
    window_left: usize,
}

impl Output {
    /// `_BlocksOutputBuffer_InitAndGrow`: a first block of 32 KiB or `max_length`.
    fn init_and_grow(max: Option<usize>) -> Output {
        let first = match max {
            Some(m) if m < BLOCK_SIZES[0] => m,
            _ => BLOCK_SIZES[0],
        };
        Output::with_first(first, max)
    }

    /// `_BlocksOutputBuffer_InitWithSize` (with the uint32 window of `OutputBuffer_Window*`).
    fn init_with_size(size: usize) -> Output {
        Output::with_first(size, None)
    }

    fn with_first(first: usize, max: Option<usize>) -> Output {
        let window = first.min(u32::MAX as usize);
        Output {
            data: Vec::with_capacity(first.min(64 * MB)),
            allocated: window,
            blocks: 1,
            max,
            window_left: first - window,
        }
    }

    /// Bytes the next call may write (C's `avail_out`).
    fn avail(&self) -> usize {
        self.allocated - self.data.len()
    }

    /// Grows by the next block (or the next window of the first); false at `max_length`.
    fn grow(&mut self) -> bool {
        if self.window_left > 0 {
            let w = self.window_left.min(u32::MAX as usize);
            self.window_left -= w;
            self.allocated += w;
            return true;
        }
        let mut size = BLOCK_SIZES[self.blocks.min(BLOCK_SIZES.len() - 1)];
        if let Some(m) = self.max {
            size = size.min(m - self.allocated);
        }
        self.blocks += 1;
        self.allocated += size;
        true
    }

    fn len(&self) -> usize {
        self.data.len()
    }
}

/// `arrange_input_buffer`: the next chunk of at most `UINT_MAX` bytes of `rest`.
fn chunk(rest: &[u8]) -> &[u8] {
    &rest[..rest.len().min(u32::MAX as usize)]
}

thread_local! {
    /// The stream of this thread's last one-shot `compress()`, kept with its parameters and
    /// reset for the next call with the same ones: initialising a deflate stream clears a few
    /// hundred KiB, which dominates compressing a small input. A reset stream is in the state
    /// of a new one, so the output is the same.
    static ONE_SHOT: std::cell::RefCell<Option<(i32, i32, Deflater)>> =
        const { std::cell::RefCell::new(None) };
    /// The same for inflate streams: one kept by this thread's last successful one-shot
    /// `decompress()` or dropped `Decompress`/`_ZlibDecompressor` object, reset with
    /// `inflateReset2` (the state of `inflateInit2` with the new `wbits`) for the next stream.
    /// Initialising an inflate stream clears its 10 KiB state.
    static INFLATE_POOL: std::cell::RefCell<Option<Inflater>> =
        const { std::cell::RefCell::new(None) };
}

/// `inflateInit2(wbits)`, on this thread's pooled stream when there is one.
fn pooled_inflater(wbits: i32) -> Result<Inflater, (i32, Option<String>)> {
    let cached = INFLATE_POOL
        .try_with(|c| c.borrow_mut().take())
        .ok()
        .flatten()
        .and_then(|mut i| (i.reset(wbits) == Z_OK).then_some(i));
    match cached {
        Some(i) => Ok(i),
        None => Inflater::new(wbits),
    }
}

/// Keeps `inf` (if still initialised) as this thread's pooled inflate stream.
fn pool_inflater(inf: Inflater) {
    if inf.is_live() {
        let _ = INFLATE_POOL.try_with(|c| *c.borrow_mut() = Some(inf));
    }
}

thread_local! {
    /// A stream of a `Compress` object of this thread that finished (`flush(Z_FINISH)`) and was
    /// dropped, with its parameters, revived for the next `compressobj()` with the same ones.
    static COMPRESS_POOL: std::cell::RefCell<Option<([i32; 5], Deflater)>> =
        const { std::cell::RefCell::new(None) };
}

/// `zlib.compress(data, level, wbits)`.
pub fn compress(data: &[u8], level: i32, wbits: i32) -> Result<Vec<u8>, Error> {
    let cached = ONE_SHOT
        .try_with(|c| c.borrow_mut().take())
        .ok()
        .flatten()
        .filter(|(l, w, _)| (*l, *w) == (level, wbits))
        .and_then(|(_, _, mut d)| (d.reset() == Z_OK).then_some(d));
    let made = match cached {
        Some(d) => Ok(d),
        None => Deflater::new(level, DEFLATED, wbits, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY),
    };
    let mut d = match made {
        Ok(d) => d,
        Err((Z_MEM_ERROR, _)) => {
            return Err(Error::MemoryError("Out of memory while compressing data"))
        }
        Err((Z_STREAM_ERROR, _)) => return Err(Error::ZlibMessage("Bad compression level")),
        Err((code, msg)) => return Err(zerr(code, "while compressing data", msg)),
    };
    let mut out = Output::init_and_grow(None);
    let mut rest = data;
    let mut code;
    loop {
        let input = chunk(rest);
        rest = &rest[input.len()..];
        let flush = if rest.is_empty() {
            Z_FINISH
        } else {
            Z_NO_FLUSH
        };
        let mut input = input;
        loop {
            if out.avail() == 0 {
                out.grow();
            }
            let avail = out.avail();
            let p = d.deflate(input, &mut out.data, avail, flush);
            input = &input[p.consumed..];
            code = p.code;
            if code == Z_STREAM_ERROR {
                return Err(zerr(code, "while compressing data", d.message()));
            }
            if out.avail() != 0 {
                break;
            }
        }
        if flush == Z_FINISH {
            break;
        }
    }
    // C calls deflateEnd here, which reports an error only for a stream not at its end (never
    // after Z_STREAM_END); the stream is kept for the next call instead.
    if code != Z_STREAM_END {
        let code = d.end();
        return Err(zerr(code, "while finishing compression", d.message()));
    }
    let _ = ONE_SHOT.try_with(|c| *c.borrow_mut() = Some((level, wbits, d)));
    Ok(out.data)
}

/// `zlib.decompress(data, wbits, bufsize)` (`bufsize` already checked non-negative).
pub fn decompress(data: &[u8], wbits: i32, bufsize: usize) -> Result<Vec<u8>, Error> {
    let bufsize = bufsize.max(1);
    let mut inf = match pooled_inflater(wbits) {
        Ok(i) => i,
        Err((Z_MEM_ERROR, _)) => {
            return Err(Error::MemoryError("Out of memory while decompressing data"))
        }
        Err((code, msg)) => return Err(zerr(code, "while preparing to decompress data", msg)),
    };
    let mut out = Output::init_with_size(bufsize);
    let mut rest = data;
    let mut code;
    loop {
        let mut input = chunk(rest);
        rest = &rest[input.len()..];
        let flush = if rest.is_empty() {
            Z_FINISH
        } else {
            Z_NO_FLUSH
        };
        loop {
            if out.avail() == 0 {
                out.grow();
            }
            let avail = out.avail();
            let p = inf.inflate(input, &mut out.data, avail, flush);
            input = &input[p.consumed..];
            code = p.code;
            match code {
                Z_OK | Z_BUF_ERROR | Z_STREAM_END => {}
                Z_MEM_ERROR => {
                    return Err(Error::MemoryError("Out of memory while decompressing data"))
                }
                _ => return Err(zerr(code, "while decompressing data", inf.message())),
            }
            if out.avail() != 0 {
                break;
            }
        }
        if code == Z_STREAM_END || rest.is_empty() {
            break;
        }
    }
    if code != Z_STREAM_END {
        return Err(zerr(code, "while decompressing data", inf.message()));
    }
    // C calls inflateEnd here, which fails only for a stream that is not initialised (never
    // this one); the stream is kept for the next call instead.
    pool_inflater(inf);
    Ok(out.data)
}

/// A `zlib.Compress` object's stream.
pub struct Compressor {
    d: Deflater,
    /// `level, method, wbits, mem_level, strategy`.
    params: [i32; 5],
}

impl Drop for Compressor {
    fn drop(&mut self) {
        if self.d.is_retired() {
            let d = std::mem::replace(&mut self.d, Deflater::ended());
            let params = self.params;
            let _ = COMPRESS_POOL.try_with(|c| *c.borrow_mut() = Some((params, d)));
        }
    }
}

impl Compressor {
    /// `zlib.compressobj(...)`.
    pub fn new(
        level: i32,
        method: i32,
        wbits: i32,
        mem_level: i32,
        strategy: i32,
        zdict: Option<&[u8]>,
    ) -> Result<Compressor, Error> {
        if zdict.is_some_and(|z| z.len() > u32::MAX as usize) {
            return Err(Error::OverflowError(
                "zdict length does not fit in an unsigned int",
            ));
        }
        let params = [level, method, wbits, mem_level, strategy];
        let cached = COMPRESS_POOL
            .try_with(|c| c.borrow_mut().take())
            .ok()
            .flatten()
            .filter(|(p, _)| *p == params)
            .and_then(|(_, mut d)| (d.revive() == Z_OK).then_some(d));
        let made = match cached {
            Some(d) => Ok(d),
            None => Deflater::new(level, method, wbits, mem_level, strategy),
        };
        let mut d = match made {
            Ok(d) => d,
            Err((Z_MEM_ERROR, _)) => {
                return Err(Error::MemoryError(
                    "Can't allocate memory for compression object",
                ))
            }
            Err((Z_STREAM_ERROR, _)) => {
                return Err(Error::ValueError("Invalid initialization option"))
            }
            Err((code, msg)) => return Err(zerr(code, "while creating compression object", msg)),
        };
        if let Some(z) = zdict {
            match d.set_dictionary(z) {
                Z_OK => {}
                Z_STREAM_ERROR => return Err(Error::ValueError("Invalid dictionary")),
                _ => return Err(Error::ValueError("deflateSetDictionary()")),
            }
        }
        Ok(Compressor { d, params })
    }

    /// `Compress.compress(data)`.
    pub fn compress(&mut self, data: &[u8]) -> Result<Vec<u8>, Error> {
        let mut out = Output::init_and_grow(None);
        let mut rest = data;
        loop {
            let mut input = chunk(rest);
            rest = &rest[input.len()..];
            loop {
                if out.avail() == 0 {
                    out.grow();
                }
                let avail = out.avail();
                let p = self.d.deflate(input, &mut out.data, avail, Z_NO_FLUSH);
                input = &input[p.consumed..];
                if p.code == Z_STREAM_ERROR {
                    return Err(zerr(p.code, "while compressing data", self.d.message()));
                }
                if out.avail() != 0 {
                    break;
                }
            }
            if rest.is_empty() {
                break;
            }
        }
        Ok(out.data)
    }

    /// `Compress.flush(mode)`.
    pub fn flush(&mut self, mode: i32) -> Result<Vec<u8>, Error> {
        if mode == Z_NO_FLUSH {
            return Ok(Vec::new());
        }
        let mut out = Output::init_and_grow(None);
        let mut code;
        loop {
            if out.avail() == 0 {
                out.grow();
            }
            let avail = out.avail();
            code = self.d.deflate(&[], &mut out.data, avail, mode).code;
            if code == Z_STREAM_ERROR {
                return Err(zerr(code, "while flushing", self.d.message()));
            }
            if out.avail() != 0 {
                break;
            }
        }
        if code == Z_STREAM_END && mode == Z_FINISH {
            let code = self.d.retire();
            if code != Z_OK {
                return Err(zerr(code, "while finishing compression", self.d.message()));
            }
        } else if code != Z_OK && code != Z_BUF_ERROR {
            return Err(zerr(code, "while flushing", self.d.message()));
        }
        Ok(out.data)
    }

    /// `Compress.copy()`.
    pub fn try_clone(&mut self) -> Result<Compressor, Error> {
        match self.d.try_clone() {
            Ok(d) => Ok(Compressor {
                d,
                params: self.params,
            }),
            Err(Z_STREAM_ERROR) => Err(Error::ValueError("Inconsistent stream state")),
            Err(Z_MEM_ERROR) => Err(Error::MemoryError(
                "Can't allocate memory for compression object",
            )),
            Err(code) => Err(zerr(
                code,
                "while copying compression object",
                self.d.message(),
            )),
        }
    }
}

/// `set_inflate_zdict`.
fn set_inflate_zdict(inf: &mut Inflater, zdict: &[u8]) -> Result<(), Error> {
    if zdict.len() > u32::MAX as usize {
        return Err(Error::OverflowError(
            "zdict length does not fit in an unsigned int",
        ));
    }
    match inf.set_dictionary(zdict) {
        Z_OK => Ok(()),
        code => Err(zerr(code, "while setting zdict", inf.message())),
    }
}

/// `inflateInit2` as `decompressobj` and `_ZlibDecompressor` report its failures, then the
/// dictionary of a raw stream.
fn new_inflater(wbits: i32, zdict: Option<&[u8]>) -> Result<Inflater, Error> {
    let mut inf = match pooled_inflater(wbits) {
        Ok(i) => i,
        Err((Z_STREAM_ERROR, _)) => return Err(Error::ValueError("Invalid initialization option")),
        Err((Z_MEM_ERROR, _)) => {
            return Err(Error::MemoryError(
                "Can't allocate memory for decompression object",
            ))
        }
        Err((code, msg)) => return Err(zerr(code, "while creating decompression object", msg)),
    };
    if let Some(z) = zdict {
        if wbits < 0 {
            set_inflate_zdict(&mut inf, z)?;
        }
    }
    Ok(inf)
}

/// What `Decompress` does that CPython changed in 3.14 (and later 3.13 releases).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// At the end of the stream, input left over goes to `unused_data` and `unconsumed_tail`
    /// becomes empty (before: the leftover was also kept as `unconsumed_tail` when the tail
    /// was not empty).
    pub clear_tail_at_eof: bool,
    /// `flush()` raises `zlib.error` when the stream is corrupt or needs a dictionary (before:
    /// it returned what it had).
    pub flush_raises: bool,
}

impl Rules {
    /// CPython 3.10 to 3.13.0.
    pub const PY310: Rules = Rules {
        clear_tail_at_eof: false,
        flush_raises: false,
    };
    /// CPython 3.14 and later.
    pub const PY314: Rules = Rules {
        clear_tail_at_eof: true,
        flush_raises: true,
    };
}

/// A `zlib.Decompress` object's stream and the state C keeps beside it.
pub struct Decompressor {
    inf: Inflater,
    rules: Rules,
    /// Whether the object was given a `zdict` (C's `self->zdict != NULL`).
    has_zdict: bool,
    pub eof: bool,
    pub unused_data: Vec<u8>,
    pub unconsumed_tail: Vec<u8>,
}

/// Where a `Decompress` call stopped: C's `save_unconsumed_input` needs the input's rest.
struct Stop<'a> {
    code: i32,
    /// The unread rest of the call's input (`data + len - next_in`).
    left: &'a [u8],
    /// Whether the last chunk given to zlib was not all read (`zst.avail_in > 0`).
    avail_in: bool,
}

impl Decompressor {
    /// `zlib.decompressobj(wbits, zdict)` (`zdict` is the dictionary's bytes, if given).
    pub fn new(wbits: i32, zdict: Option<&[u8]>, rules: Rules) -> Result<Decompressor, Error> {
        Ok(Decompressor {
            inf: new_inflater(wbits, zdict)?,
            rules,
            has_zdict: zdict.is_some(),
            eof: false,
            unused_data: Vec::new(),
            unconsumed_tail: Vec::new(),
        })
    }

    /// `save_unconsumed_input`; returns whether `unused_data` / `unconsumed_tail` changed.
    fn save_unconsumed_input(&mut self, stop: &Stop<'_>) -> (bool, bool) {
        let mut avail_in = stop.avail_in;
        let mut unused_changed = false;
        let mut tail_changed = false;
        let mut left = stop.left;
        if stop.code == Z_STREAM_END && avail_in {
            self.unused_data.extend_from_slice(left);
            unused_changed = true;
            avail_in = false;
            if self.rules.clear_tail_at_eof {
                left = &[];
            }
        }
        if avail_in || !self.unconsumed_tail.is_empty() {
            self.unconsumed_tail = left.to_vec();
            tail_changed = true;
        }
        (unused_changed, tail_changed)
    }

    /// `Decompress.decompress(data, max_length)` (`max_length` already checked non-negative;
    /// 0 is unlimited). `zdict` is the object's dictionary, read now as C reads it when the
    /// stream asks for it.
    pub fn decompress(
        &mut self,
        data: &[u8],
        max_length: usize,
        zdict: Option<&[u8]>,
    ) -> Result<Vec<u8>, Error> {
        let max = if max_length == 0 {
            None
        } else {
            Some(max_length)
        };
        let mut out = Output::init_and_grow(max);
        let mut rest = data;
        let mut input: &[u8];
        let mut code = Z_OK;
        'outer: loop {
            input = chunk(rest);
            rest = &rest[input.len()..];
            loop {
                if out.avail() == 0 {
                    if Some(out.len()) == max {
                        break 'outer;
                    }
                    out.grow();
                }
                let avail = out.avail();
                let p = self.inf.inflate(input, &mut out.data, avail, Z_SYNC_FLUSH);
                input = &input[p.consumed..];
                code = p.code;
                match code {
                    Z_OK | Z_BUF_ERROR | Z_STREAM_END => {}
                    Z_NEED_DICT if self.has_zdict => {
                        set_inflate_zdict(&mut self.inf, zdict.unwrap_or(&[]))?;
                    }
                    _ => break 'outer,
                }
                if !(out.avail() == 0 || code == Z_NEED_DICT) {
                    break;
                }
            }
            if code == Z_STREAM_END || rest.is_empty() {
                break;
            }
        }
        // The unread input: what zlib left of the chunk, then the chunks not given yet.
        let left_len = input.len() + rest.len();
        let stop = Stop {
            code,
            left: &data[data.len() - left_len..],
            avail_in: !input.is_empty(),
        };
        self.save_unconsumed_input(&stop);
        if code == Z_STREAM_END {
            self.eof = true;
        } else if code != Z_OK && code != Z_BUF_ERROR {
            return Err(zerr(code, "while decompressing data", self.inf.message()));
        }
        Ok(out.data)
    }

    /// `Decompress.flush(length)` (`length` already checked positive).
    pub fn flush(&mut self, length: usize) -> Result<Vec<u8>, Error> {
        let data = self.unconsumed_tail.clone();
        let mut out = Output::init_with_size(length);
        let mut rest: &[u8] = &data;
        let mut input: &[u8];
        let mut code;
        'outer: loop {
            input = chunk(rest);
            rest = &rest[input.len()..];
            let flush = if rest.is_empty() {
                Z_FINISH
            } else {
                Z_NO_FLUSH
            };
            loop {
                if out.avail() == 0 {
                    out.grow();
                }
                let avail = out.avail();
                let p = self.inf.inflate(input, &mut out.data, avail, flush);
                input = &input[p.consumed..];
                code = p.code;
                match code {
                    Z_OK | Z_BUF_ERROR | Z_STREAM_END => {}
                    _ => break 'outer,
                }
                if out.avail() != 0 {
                    break;
                }
            }
            if code == Z_STREAM_END || rest.is_empty() {
                break;
            }
        }
        let left_len = input.len() + rest.len();
        let stop = Stop {
            code,
            left: &data[data.len() - left_len..],
            avail_in: !input.is_empty(),
        };
        self.save_unconsumed_input(&stop);
        if code == Z_STREAM_END {
            self.eof = true;
            let code = self.inf.end();
            if code != Z_OK {
                return Err(zerr(
                    code,
                    "while finishing decompression",
                    self.inf.message(),
                ));
            }
        } else if self.rules.flush_raises && !matches!(code, Z_OK | Z_BUF_ERROR | Z_STREAM_ERROR) {
            // (An ended stream, `Z_STREAM_ERROR`, still flushes to nothing.)
            return Err(zerr(code, "while decompressing data", self.inf.message()));
        }
        Ok(out.data)
    }

    /// `Decompress.copy()`.
    pub fn try_clone(&mut self) -> Result<Decompressor, Error> {
        match self.inf.try_clone() {
            Ok(inf) => Ok(Decompressor {
                inf,
                rules: self.rules,
                has_zdict: self.has_zdict,
                eof: self.eof,
                unused_data: self.unused_data.clone(),
                unconsumed_tail: self.unconsumed_tail.clone(),
            }),
            Err(Z_STREAM_ERROR) => Err(Error::ValueError("Inconsistent stream state")),
            Err(Z_MEM_ERROR) => Err(Error::MemoryError(
                "Can't allocate memory for decompression object",
            )),
            Err(code) => Err(zerr(
                code,
                "while copying decompression object",
                self.inf.message(),
            )),
        }
    }
}

impl Drop for Decompressor {
    fn drop(&mut self) {
        let inf = std::mem::replace(&mut self.inf, Inflater::ended());
        pool_inflater(inf);
    }
}

/// A `zlib._ZlibDecompressor` (3.12+): the stream, the input it has not read yet, and the
/// flags C exposes.
pub struct ZlibDecompressor {
    inf: Inflater,
    /// Input kept for the next call (C's `input_buffer` from `next_in`, `avail_in_real` bytes);
    /// `None` when C's `next_in` is NULL.
    pending: Option<Vec<u8>>,
    pub eof: bool,
    pub needs_input: bool,
    pub unused_data: Vec<u8>,
}

impl ZlibDecompressor {
    /// `_ZlibDecompressor(wbits, zdict)`; a dictionary is used only for a raw stream (as in C).
    pub fn new(wbits: i32, zdict: Option<&[u8]>) -> Result<ZlibDecompressor, Error> {
        Ok(ZlibDecompressor {
            inf: new_inflater(wbits, zdict)?,
            pending: None,
            eof: false,
            needs_input: true,
            unused_data: Vec::new(),
        })
    }

    /// `_ZlibDecompressor.decompress(data, max_length)` (negative: unlimited).
    pub fn decompress(&mut self, data: &[u8], max_length: isize) -> Result<Vec<u8>, Error> {
        if self.eof {
            return Err(Error::EOFError("End of stream already reached"));
        }
        let mut buf = self.pending.take();
        let input: &[u8] = match &mut buf {
            Some(p) => {
                p.extend_from_slice(data);
                p
            }
            None => data,
        };
        // On error C sets `next_in` to NULL: the kept input is dropped (`pending` is `None`).
        let (out, left) = self.decompress_buf(input, max_length)?;
        if self.eof {
            self.needs_input = false;
            if left > 0 {
                self.unused_data = input[input.len() - left..].to_vec();
            }
        } else if left == 0 {
            self.needs_input = true;
        } else {
            self.needs_input = false;
            let tail = input[input.len() - left..].to_vec();
            self.pending = Some(tail);
        }
        Ok(out)
    }

    /// `decompress_buf`: the output and how many input bytes are left unread.
    fn decompress_buf(
        &mut self,
        data: &[u8],
        max_length: isize,
    ) -> Result<(Vec<u8>, usize), Error> {
        let (hard_limit, mut obuflen) = if max_length < 0 || max_length == isize::MAX {
            (usize::MAX, DEF_BUF_SIZE)
        } else {
            let m = max_length as usize;
            (m, m.min(DEF_MAX_INITIAL_BUF_SIZE))
        };
        let mut out: Option<Vec<u8>> = None;
        let mut rest = data;
        let mut input: &[u8];
        let mut code = Z_OK;
        loop {
            input = chunk(rest);
            rest = &rest[input.len()..];
            loop {
                // arrange_output_buffer_with_maximum
                let buf = match &mut out {
                    None => out.insert(Vec::with_capacity(obuflen)),
                    Some(b) => {
                        if b.len() == obuflen {
                            if obuflen == hard_limit {
                                break;
                            }
                            obuflen = if obuflen <= hard_limit >> 1 {
                                obuflen << 1
                            } else {
                                hard_limit
                            };
                        }
                        b
                    }
                };
                let avail = (obuflen - buf.len()).min(u32::MAX as usize);
                let before = buf.len();
                let p = self.inf.inflate(input, buf, avail, Z_SYNC_FLUSH);
                input = &input[p.consumed..];
                code = p.code;
                if code == Z_NEED_DICT {
                    return Err(Error::NoExceptionSet);
                }
                // `while (avail_out == 0)`
                if buf.len() - before != avail {
                    break;
                }
            }
            if code == Z_STREAM_END || rest.is_empty() {
                break;
            }
        }
        if code == Z_STREAM_END {
            self.eof = true;
            let c = self.inf.end();
            if c != Z_OK {
                return Err(zerr(c, "while finishing decompression", self.inf.message()));
            }
        } else if code != Z_OK && code != Z_BUF_ERROR {
            return Err(zerr(code, "while decompressing data", self.inf.message()));
        }
        Ok((out.unwrap_or_default(), input.len() + rest.len()))
    }
}

impl Drop for ZlibDecompressor {
    fn drop(&mut self) {
        let inf = std::mem::replace(&mut self.inf, Inflater::ended());
        pool_inflater(inf);
    }
}

/// `zlib.crc32(data, value)`.
///
/// Computed by crc32fast (as binascii's port does), which picks its kernel at run time:
/// zlib-rs picks its widest one (VPCLMULQDQ) only at compile time, and at 1 MiB on an AVX-512
/// machine its 128-bit folding took 85 us against crc32fast's 20 us (C: 173 us).
pub fn crc32(data: &[u8], value: u32) -> u32 {
    let mut h = crc32fast::Hasher::new_with_initial(value);
    h.update(data);
    h.finalize()
}

/// `zlib.adler32(data, value)`.
pub fn adler32(data: &[u8], value: u32) -> u32 {
    zlib_rs::adler32::adler32(value, data)
}

/// `zlib.crc32_combine(crc1, crc2, len2)` (3.15+).
pub fn crc32_combine(crc1: u32, crc2: u32, len2: u64) -> u32 {
    zlib_rs::crc32::crc32_combine(crc1, crc2, len2)
}

/// `zlib.adler32_combine(adler1, adler2, len2)` (3.15+).
pub fn adler32_combine(adler1: u32, adler2: u32, len2: u64) -> u32 {
    zlib_rs::adler32::adler32_combine(adler1, adler2, len2)
}
