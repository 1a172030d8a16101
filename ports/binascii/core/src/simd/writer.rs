//! A writer over a caller-provided uninitialised buffer that hands back the
//! initialised prefix as `&[u8]`.
//!
//! Stable Rust (at the workspace's MSRV) has no safe way to turn a written
//! `&mut [MaybeUninit<u8>]` into `&[u8]`, so this module keeps the invariant
//! "`buf[..pos]` is initialised" itself: `pos` only advances over bytes that
//! were just written through `MaybeUninit::write`, or over bytes that a SIMD
//! routine proved initialised by returning them as `&mut [u8]`.
use core::mem::MaybeUninit;

pub use hex_simd::Out;

/// Sequential writer over `&mut [MaybeUninit<u8>]`.
///
/// Invariant: every byte of `buf[..pos]` has been initialised.
pub(crate) struct Writer<'o> {
    buf: &'o mut [MaybeUninit<u8>],
    pos: usize,
}

impl<'o> Writer<'o> {
    #[inline]
    pub(crate) fn new(buf: &'o mut [MaybeUninit<u8>]) -> Self {
        Writer { buf, pos: 0 }
    }

    /// Number of bytes written so far.
    #[inline]
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Appends one byte; panics if the buffer is full (a caller bug: the
    /// `*_len` functions size the buffer).
    #[inline(always)]
    pub(crate) fn push(&mut self, b: u8) {
        self.buf[self.pos].write(b);
        self.pos += 1;
    }

    /// Appends a fixed-size group of bytes; panics if it does not fit.
    #[inline(always)]
    pub(crate) fn push_array<const N: usize>(&mut self, a: [u8; N]) {
        let dst: &mut [MaybeUninit<u8>; N] = (&mut self.buf[self.pos..self.pos + N])
            .try_into()
            .expect("slice of length N");
        for (d, b) in dst.iter_mut().zip(a) {
            d.write(b);
        }
        self.pos += N;
    }

    /// Appends `f(b)` for every byte `b` of `src` (`N` bytes each), with one bounds check for
    /// the whole run; panics if it does not fit.
    #[inline(always)]
    pub(crate) fn push_mapped<const N: usize>(&mut self, src: &[u8], f: impl Fn(u8) -> [u8; N]) {
        let n = src.len() * N;
        let dst = &mut self.buf[self.pos..self.pos + n];
        // `dst` has exactly `src.len()` chunks of `N`: every byte of it is written.
        for (d, &b) in dst.chunks_exact_mut(N).zip(src) {
            for (x, y) in d.iter_mut().zip(f(b)) {
                x.write(y);
            }
        }
        self.pos += n;
    }

    /// Appends `f(g)` for every `I`-byte group `g` of `src` (`O` bytes each), with one bounds
    /// check for the whole run; panics if it does not fit or `src` is not whole groups.
    #[inline(always)]
    pub(crate) fn push_groups<const I: usize, const O: usize>(
        &mut self,
        src: &[u8],
        f: impl Fn(&[u8; I]) -> [u8; O],
    ) {
        assert!(src.len().is_multiple_of(I), "partial group");
        let n = src.len() / I * O;
        let dst = &mut self.buf[self.pos..self.pos + n];
        // `dst` has exactly one `O`-chunk per group of `src`: every byte of it is written.
        for (d, g) in dst.chunks_exact_mut(O).zip(src.chunks_exact(I)) {
            let g: &[u8; I] = g.try_into().expect("chunk of length I");
            let out = f(g);
            // Indexed over fixed-size arrays, so the compiler merges the stores.
            let d: &mut [MaybeUninit<u8>; O] = d.try_into().expect("chunk of length O");
            for k in 0..O {
                d[k] = MaybeUninit::new(out[k]);
            }
        }
        self.pos += n;
    }

    /// Appends, for every `I`-byte group `g` of `src`, the first `k` bytes of `(out, k) =
    /// f(g)` (`k <= O`, a short form keeping fewer). Each group's `O` bytes are stored whole
    /// and the position advances by `k`, so the free space must hold `O` bytes at every group
    /// (as sizing for every group at full length gives); panics otherwise, or if `src` is not
    /// whole groups.
    #[inline(always)]
    pub(crate) fn push_groups_short<const I: usize, const O: usize>(
        &mut self,
        src: &[u8],
        f: impl Fn(&[u8; I]) -> ([u8; O], usize),
    ) {
        assert!(src.len().is_multiple_of(I), "partial group");
        for g in src.chunks_exact(I) {
            let g: &[u8; I] = g.try_into().expect("chunk of length I");
            let (out, k) = f(g);
            let d: &mut [MaybeUninit<u8>; O] = (&mut self.buf[self.pos..self.pos + O])
                .try_into()
                .expect("slice of length O");
            for j in 0..O {
                d[j] = MaybeUninit::new(out[j]);
            }
            // All `O` bytes at `pos` were just written, and at most `O` are kept.
            self.pos += k.min(O);
        }
    }

    /// As [`Writer::push_groups`], stopping before the first group for which `f` gives `None`
    /// (and at the end of the free space); returns the number of groups written.
    #[inline(always)]
    pub(crate) fn push_groups_while<const I: usize, const O: usize>(
        &mut self,
        src: &[u8],
        f: impl Fn(&[u8; I]) -> Option<[u8; O]>,
    ) -> usize {
        let free = &mut self.buf[self.pos..];
        let mut done = 0;
        for (d, g) in free.chunks_exact_mut(O).zip(src.chunks_exact(I)) {
            let g: &[u8; I] = g.try_into().expect("chunk of length I");
            let Some(out) = f(g) else { break };
            let d: &mut [MaybeUninit<u8>; O] = d.try_into().expect("chunk of length O");
            for k in 0..O {
                d[k] = MaybeUninit::new(out[k]);
            }
            done += 1;
        }
        // The first `done` chunks of `O` bytes of the free space were written.
        self.pos += done * O;
        done
    }

    /// Appends a slice; panics if it does not fit.
    #[inline(always)]
    pub(crate) fn push_slice(&mut self, s: &[u8]) {
        let dst = &mut self.buf[self.pos..self.pos + s.len()];
        for (d, &b) in dst.iter_mut().zip(s) {
            d.write(b);
        }
        self.pos += s.len();
    }

    /// Overwrites the last byte written; panics if nothing was written.
    #[inline]
    pub(crate) fn replace_last(&mut self, b: u8) {
        self.buf[self.pos.checked_sub(1).expect("nothing written")].write(b);
    }

    /// The free space after the written prefix, for the SIMD kernels of this
    /// module; they report how much of it they filled to [`Writer::advance`].
    #[inline]
    pub(super) fn spare(&mut self) -> &mut [MaybeUninit<u8>] {
        &mut self.buf[self.pos..]
    }

    /// Marks the next `n` bytes of [`Writer::spare`] as written.
    ///
    /// # Safety
    /// The caller must have initialised every byte of `spare()[..n]` (so
    /// `n <= spare().len()` too); the struct invariant depends on it.
    #[inline]
    pub(super) unsafe fn advance(&mut self, n: usize) {
        debug_assert!(n <= self.buf.len() - self.pos);
        self.pos += n;
    }

    /// Lets a routine that writes through [`Out`] (base64-simd, hex-simd)
    /// fill the next bytes. It must return the initialised slice it wrote,
    /// which has to start where the free space starts.
    pub(crate) fn with_out<E>(
        &mut self,
        f: impl for<'a> FnOnce(Out<'a, [u8]>) -> Result<&'a mut [u8], E>,
    ) -> Result<usize, E> {
        let dst = &mut self.buf[self.pos..];
        let start = dst.as_ptr().cast::<u8>();
        let cap = dst.len();
        let done = f(Out::from_uninit_slice(dst))?;
        // A `&mut [u8]` borrowed from `dst` at its very start is proof that its
        // bytes are initialised; anything else would break the invariant.
        assert!(
            core::ptr::eq(done.as_ptr(), start) && done.len() <= cap,
            "SIMD routine returned a slice outside the output buffer"
        );
        let n = done.len();
        self.pos += n;
        Ok(n)
    }

    /// The initialised prefix, starting at the buffer's start.
    #[inline]
    pub(crate) fn finish(self) -> &'o [u8] {
        let init = &self.buf[..self.pos];
        // SAFETY: by the struct invariant every byte of `buf[..pos]` was
        // initialised (by `push`, `push_slice` or a checked `with_out`), and
        // `MaybeUninit<u8>` has the same layout as `u8`, so reading the prefix
        // as `[u8]` for the buffer's lifetime is sound. The `&mut` borrow is
        // consumed, so no one can de-initialise it meanwhile.
        unsafe { core::slice::from_raw_parts(init.as_ptr().cast::<u8>(), init.len()) }
    }
}
