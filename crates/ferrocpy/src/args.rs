//! Argument binding for `METH_FASTCALL` and `METH_FASTCALL|METH_KEYWORDS` functions.
//!
//! This is the runtime the clinic's generated glue calls. Binding borrows every argument (no
//! reference count changes) and matches keywords without allocating: keyword names are
//! compared with the static parameter names through the str objects' cached UTF-8 form, which
//! for the usual ASCII names is the string's own storage. Error types, messages and their
//! precedence follow CPython's own argument parser for the running version (3.13 added
//! "Did you mean" suggestions and rephrased unexpected keywords).

use crate::err::{PyErr, PyResult};
use crate::exc::TypeError;
use crate::ffi;
use crate::object::Borrowed;
use crate::python::Python;
use std::marker::PhantomData;

/// The raw arguments of a `METH_FASTCALL|METH_KEYWORDS` call.
///
/// The array is kept as the interpreter passed it, a pointer and the positional count: the
/// number of keywords is read from `kwnames` only by the paths that place keywords, so a call
/// without keywords binds without touching the tuple or building a slice of the whole array.
///
/// # Invariants
/// `args` points to `nargs` positional values followed by one value per name in `kwnames`
/// (none when `kwnames` is `None`), all valid for `'a`; it may be null or dangling only when
/// there are no values at all.
#[derive(Clone, Copy)]
pub struct FastcallArgs<'a, 'py> {
    args: *const Borrowed<'a, 'py>,
    nargs: usize,
    kwnames: Option<Borrowed<'a, 'py>>,
    _values: PhantomData<&'a [Borrowed<'a, 'py>]>,
}

impl<'a, 'py> FastcallArgs<'a, 'py> {
    /// # Safety
    /// `args` holds `nargs` valid objects followed by one per item of `kwnames`, a tuple of
    /// str, all alive for `'a`; it may be null when there are none.
    #[inline(always)]
    pub(crate) unsafe fn new(
        args: *const *mut ffi::PyObject,
        nargs: usize,
        kwnames: Option<Borrowed<'a, 'py>>,
    ) -> Self {
        FastcallArgs {
            args: args.cast(),
            nargs,
            kwnames,
            _values: PhantomData,
        }
    }

    /// The positional arguments.
    #[inline(always)]
    pub fn positional(&self) -> &'a [Borrowed<'a, 'py>] {
        if self.nargs == 0 {
            return &[];
        }
        // SAFETY: `args` holds at least `nargs` valid values (type invariant), non-null since
        // `nargs > 0`; `Borrowed` is a transparent non-null object pointer.
        unsafe { std::slice::from_raw_parts(self.args, self.nargs) }
    }

    /// Number of keyword arguments.
    #[inline(always)]
    pub fn nkw(&self) -> usize {
        match self.kwnames {
            // SAFETY: `kwnames` is a tuple (type invariant).
            Some(names) => unsafe { ffi::PyTuple_GET_SIZE(names.as_ptr()) as usize },
            None => 0,
        }
    }

    /// The value of keyword argument `k` (`k < nkw()`).
    #[inline(always)]
    fn kwvalue(&self, k: usize) -> Borrowed<'a, 'py> {
        assert!(k < self.nkw(), "keyword index in range");
        // SAFETY: the values of the keywords follow the `nargs` positional ones (type
        // invariant), and `k` is in range.
        unsafe { *self.args.add(self.nargs + k) }
    }

    /// Whether the call passed no arguments at all.
    #[inline(always)]
    fn is_empty(&self) -> bool {
        self.nargs == 0 && self.nkw() == 0
    }

    /// The first argument, positional or keyword.
    #[inline]
    fn first(&self) -> Option<Borrowed<'a, 'py>> {
        if self.is_empty() {
            return None;
        }
        // SAFETY: at least one value is in the array (type invariant).
        Some(unsafe { *self.args })
    }

    /// The name of keyword argument `k` (its UTF-8 bytes). A name that has no UTF-8 form (lone
    /// surrogates) cannot equal a parameter name; it is reported as `[0xff]`, which is not UTF-8
    /// and so matches nothing, as C's comparison would.
    #[inline]
    fn kwname(&self, k: usize) -> PyResult<&'a [u8]> {
        let names = self.kwnames.expect("keywords present");
        // SAFETY: `kwnames` is a tuple of `nkw` str objects (invariant of `new`), alive for `'a`.
        let name = unsafe {
            Borrowed::from_ptr(names.py(), ffi::PyTuple_GET_ITEM(names.as_ptr(), k as _))
        };
        if let Some(ascii) = crate::types::str::compact_ascii(name) {
            return Ok(ascii);
        }
        match crate::types::str::as_utf8(name) {
            Ok(s) => Ok(s.as_bytes()),
            Err(e) => {
                e.clear(name.py());
                Ok(b"\xff")
            }
        }
    }

    fn kwname_obj(&self, k: usize) -> Borrowed<'a, 'py> {
        let names = self.kwnames.expect("keywords present");
        // SAFETY: as in `kwname`.
        unsafe { Borrowed::from_ptr(names.py(), ffi::PyTuple_GET_ITEM(names.as_ptr(), k as _)) }
    }

    /// Index of the keyword argument named `name`, if given.
    #[inline]
    fn find_keyword(&self, name: &str) -> PyResult<Option<usize>> {
        for k in 0..self.nkw() {
            if same_name(self.kwname(k)?, name.as_bytes()) {
                return Ok(Some(k));
            }
        }
        Ok(None)
    }
}

/// `a == b` for parameter names, which are short: two overlapping word loads per candidate
/// instead of a call to `memcmp`.
#[inline(always)]
fn same_name(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    fn w2(s: &[u8], i: usize) -> u16 {
        u16::from_ne_bytes([s[i], s[i + 1]])
    }
    fn w4(s: &[u8], i: usize) -> u32 {
        u32::from_ne_bytes(s[i..i + 4].try_into().expect("4 bytes"))
    }
    fn w8(s: &[u8], i: usize) -> u64 {
        u64::from_ne_bytes(s[i..i + 8].try_into().expect("8 bytes"))
    }
    match n {
        0 => true,
        1 => a[0] == b[0],
        2..=3 => w2(a, 0) == w2(b, 0) && w2(a, n - 2) == w2(b, n - 2),
        4..=7 => w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4),
        8..=16 => w8(a, 0) == w8(b, 0) && w8(a, n - 8) == w8(b, n - 8),
        _ => a == b,
    }
}

/// The static shape of a function's parameters, as the clinic declares it.
#[derive(Debug)]
pub struct Params {
    /// Function name used in messages (without `()`), e.g. `"b2a_base64"`.
    pub fname: &'static str,
    /// Every parameter name, in order.
    pub names: &'static [&'static str],
    /// Number of positional-only parameters (a prefix of `names`).
    pub posonly: usize,
    /// Number of parameters that may be given by position (positional-only + ordinary).
    pub max_pos: usize,
    /// Number of leading parameters that are required.
    pub min_pos: usize,
    /// Number of required keyword-only parameters (a prefix of the keyword-only ones).
    pub min_kwonly: usize,
}

impl Params {
    /// Binds a `METH_FASTCALL|METH_KEYWORDS` call to `N` slots (`N == names.len()`); an absent
    /// optional argument leaves its slot `None`.
    #[inline(always)]
    pub fn bind<'a, 'py, const N: usize>(
        &self,
        a: FastcallArgs<'a, 'py>,
    ) -> PyResult<[Option<Borrowed<'a, 'py>>; N]> {
        debug_assert_eq!(N, self.names.len());
        if a.kwnames.is_none()
            && a.nargs >= self.min_pos
            && a.nargs <= self.max_pos
            && self.min_kwonly == 0
        {
            // Slot by slot rather than a copy loop: with `N` known, this unrolls into a few
            // conditional moves instead of a call to `memcpy` for a handful of pointers.
            let pos = a.positional();
            return Ok(std::array::from_fn(|i| pos.get(i).copied()));
        }
        // Positional arguments are placed here the same way (the slow path only checks their
        // count, and places the keywords).
        let pos = a.positional();
        let mut out = std::array::from_fn(|i| pos.get(i).copied());
        // The call's parts go in registers: passed whole, the arguments were copied to the
        // stack at every call's entry, fast path included (four stores per call).
        self.bind_slow(a.args, a.nargs, a.kwnames, &mut out)?;
        Ok(out)
    }

    /// Checks the counts and places the keyword arguments (`out` holds the positional ones).
    /// `args`, `nargs` and `kwnames` are the parts of one `FastcallArgs`.
    #[inline(never)]
    fn bind_slow<'a, 'py>(
        &self,
        args: *const Borrowed<'a, 'py>,
        nargs: usize,
        kwnames: Option<Borrowed<'a, 'py>>,
        out: &mut [Option<Borrowed<'a, 'py>>],
    ) -> PyResult<()>
    where
        'py: 'a,
    {
        // The parts of a valid `FastcallArgs`, put back together: its invariant holds.
        let a = FastcallArgs {
            args,
            nargs,
            kwnames,
            _values: PhantomData,
        };
        let maxargs = self.names.len();
        let nargs = a.nargs;
        let nkw = a.nkw();
        let minposonly = self.posonly.min(self.min_pos);
        if nargs + nkw > maxargs || nargs > self.max_pos || nargs < minposonly {
            return Err(self.count_error(a));
        }
        let reqlimit = if self.min_kwonly > 0 {
            self.max_pos + self.min_kwonly
        } else {
            self.min_pos
        };
        // Each keyword name is read once and placed; C's order of errors is kept by checking
        // for missing required parameters (in parameter order) before leftover keywords.
        let start = nargs.max(self.posonly);
        let mut leftover = false;
        for k in 0..nkw {
            let name = a.kwname(k)?;
            match self.names[start..]
                .iter()
                .position(|n| same_name(name, n.as_bytes()))
            {
                Some(j) => out[start + j] = Some(a.kwvalue(k)),
                None => leftover = true,
            }
        }
        // A slice rather than `enumerate().take().skip()`, whose `skip` compiles to an
        // out-of-line `nth` call on every keyword call.
        let end = reqlimit.min(out.len());
        if start < end {
            for (off, slot) in out[start..end].iter().enumerate() {
                let i = start + off;
                if slot.is_none() && (i < self.min_pos || self.max_pos <= i) {
                    return Err(self.missing(a, i));
                }
            }
        }
        if leftover {
            return Err(self.leftover_keywords(a));
        }
        Ok(())
    }

    /// A token for raising: from the arguments, or (no arguments at all) the entry point's.
    fn token<'py>(a: FastcallArgs<'_, 'py>) -> Python<'py> {
        match a.first() {
            Some(b) => b.py(),
            // SAFETY: `bind` is only reached from an entry point, which is attached.
            None => unsafe { Python::assume_attached() },
        }
    }

    /// Too many or too few arguments, with C's message and precedence.
    #[cold]
    #[inline(never)]
    fn count_error(&self, a: FastcallArgs<'_, '_>) -> PyErr {
        let py = Self::token(a);
        let fname = self.fname;
        let maxargs = self.names.len();
        let (nargs, nkw) = (a.nargs, a.nkw());
        let minposonly = self.posonly.min(self.min_pos);
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        if nargs + nkw > maxargs {
            return type_error(
                py,
                format!(
                    "{fname}() takes at most {maxargs} {}argument{} ({} given)",
                    if nargs == 0 { "keyword " } else { "" },
                    plural(maxargs),
                    nargs + nkw
                ),
            );
        }
        if nargs > self.max_pos {
            return if self.max_pos == 0 {
                type_error(py, format!("{fname}() takes no positional arguments"))
            } else {
                type_error(
                    py,
                    format!(
                        "{fname}() takes {} {} positional argument{} ({nargs} given)",
                        if self.min_pos < self.max_pos {
                            "at most"
                        } else {
                            "exactly"
                        },
                        self.max_pos,
                        plural(self.max_pos)
                    ),
                )
            };
        }
        type_error(
            py,
            format!(
                "{fname}() takes {} {minposonly} positional argument{} ({nargs} given)",
                if minposonly < self.max_pos {
                    "at least"
                } else {
                    "exactly"
                },
                plural(minposonly)
            ),
        )
    }

    /// Required parameter `i` was given neither by position nor by keyword.
    #[cold]
    #[inline(never)]
    fn missing(&self, a: FastcallArgs<'_, '_>, i: usize) -> PyErr {
        type_error(
            Self::token(a),
            format!(
                "{}() missing required argument '{}' (pos {})",
                self.fname,
                self.names[i],
                i + 1
            ),
        )
    }

    /// Keywords left over after binding: one naming a parameter already given by position, or
    /// one that names no parameter.
    #[cold]
    #[inline(never)]
    fn leftover_keywords(&self, a: FastcallArgs<'_, '_>) -> PyErr {
        let py = Self::token(a);
        for i in self.posonly..a.nargs {
            match a.find_keyword(self.names[i]) {
                Err(e) => return e,
                Ok(Some(_)) => {
                    return type_error(
                        py,
                        format!(
                            "argument for {}() given by name ('{}') and position ({})",
                            self.fname,
                            self.names[i],
                            i + 1
                        ),
                    )
                }
                Ok(None) => {}
            }
        }
        self.unexpected_keyword(py, a)
    }

    #[cold]
    fn unexpected_keyword(&self, py: Python<'_>, a: FastcallArgs<'_, '_>) -> PyErr {
        let accepted = &self.names[self.posonly..];
        for k in 0..a.nkw() {
            let name = match a.kwname(k) {
                Ok(n) => n,
                Err(e) => return e,
            };
            if accepted.iter().any(|n| n.as_bytes() == name) {
                continue;
            }
            let shown = String::from_utf8_lossy(name);
            let _ = a.kwname_obj(k);
            let fname = self.fname;
            if py.version_minor() >= 13 {
                return match suggest(name, accepted) {
                    Some(s) => type_error(
                        py,
                        format!("{fname}() got an unexpected keyword argument '{shown}'. Did you mean '{s}'?"),
                    ),
                    None => type_error(py, format!("{fname}() got an unexpected keyword argument '{shown}'")),
                };
            }
            return type_error(
                py,
                format!("'{shown}' is an invalid keyword argument for {fname}()"),
            );
        }
        type_error(py, format!("invalid keyword argument for {}()", self.fname))
    }
}

/// Checks that a `METH_METHOD` function without parameters got no arguments at all (neither
/// positional nor keyword), with C's message (`"copy() takes no arguments"`).
#[inline(always)]
pub fn check_no_arguments(args: FastcallArgs<'_, '_>, fname: &str) -> PyResult<()> {
    let Some(first) = args.first() else {
        return Ok(());
    };
    let py = first.py();
    Err(no_arguments_error(py, fname))
}

#[cold]
#[inline(never)]
fn no_arguments_error(py: Python<'_>, fname: &str) -> PyErr {
    crate::exc::TypeError::new_err(py, format!("{fname}() takes no arguments"))
}

/// Checks the argument count of a positional-only (`METH_FASTCALL`) function, with C's message
/// (`"crc32 expected at most 2 arguments, got 3"`).
#[inline(always)]
pub fn check_positional(
    py: Python<'_>,
    fname: &str,
    nargs: usize,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if nargs >= min && nargs <= max {
        return Ok(());
    }
    Err(positional_count_error(py, fname, nargs, min, max))
}

/// The positional arguments of a call to a function that C declares `METH_VARARGS` and parses
/// with `PyArg_ParseTuple`, checked with its messages, in its order: keywords first
/// (`"scanstring() takes no keyword arguments"`), then the count
/// (`"scanstring() takes at least 2 arguments (1 given)"`).
#[inline(always)]
pub fn check_parse_tuple_call<'a, 'py>(
    py: Python<'py>,
    fname: &str,
    a: FastcallArgs<'a, 'py>,
    min: usize,
    max: usize,
) -> PyResult<&'a [Borrowed<'a, 'py>]> {
    let pos = a.positional();
    if a.nkw() == 0 && pos.len() >= min && pos.len() <= max {
        return Ok(pos);
    }
    if a.nkw() != 0 {
        return Err(type_error(
            py,
            format!("{fname}() takes no keyword arguments"),
        ));
    }
    Err(parse_tuple_count_error(py, fname, pos.len(), min, max))
}

#[cold]
#[inline(never)]
fn parse_tuple_count_error(
    py: Python<'_>,
    fname: &str,
    nargs: usize,
    min: usize,
    max: usize,
) -> PyErr {
    let n = if nargs < min { min } else { max };
    let bound = if min == max {
        "exactly"
    } else if nargs < min {
        "at least"
    } else {
        "at most"
    };
    let s = if n == 1 { "" } else { "s" };
    type_error(
        py,
        format!("{fname}() takes {bound} {n} argument{s} ({nargs} given)"),
    )
}

#[cold]
#[inline(never)]
fn positional_count_error(
    py: Python<'_>,
    fname: &str,
    nargs: usize,
    min: usize,
    max: usize,
) -> PyErr {
    let (bound, n) = if nargs < min {
        (if min == max { "" } else { "at least " }, min)
    } else {
        (if min == max { "" } else { "at most " }, max)
    };
    type_error(
        py,
        format!(
            "{fname} expected {bound}{n} argument{}, got {nargs}",
            if n == 1 { "" } else { "s" }
        ),
    )
}

#[cold]
fn type_error(py: Python<'_>, msg: String) -> PyErr {
    TypeError::new_err(py, msg)
}

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_STRING_SIZE: usize = 40;

/// Edit distance with CPython's costs (a case-only change costs half a substitution), giving up
/// above `max_cost` (returns `max_cost + 1`).
fn edit_distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let cost = |x: u8, y: u8| {
        if x == y {
            0
        } else if x.eq_ignore_ascii_case(&y) {
            CASE_COST
        } else {
            MOVE_COST
        }
    };
    // row[i]: distance between a[..=i] and the part of b seen so far.
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &bc) in b.iter().enumerate() {
        let mut diagonal = bi * MOVE_COST;
        result = diagonal;
        let mut row_min = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = diagonal + cost(bc, ac);
            diagonal = row[ai];
            let insert_delete = result.min(diagonal) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[ai] = result;
            row_min = row_min.min(result);
        }
        if row_min > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The closest accepted name to `name`, if close enough (at most a third of the characters
/// involved changed), preferring the earliest among equals.
fn suggest<'n>(name: &[u8], candidates: &[&'n str]) -> Option<&'n str> {
    let mut best: Option<(&str, usize)> = None;
    for &c in candidates {
        let mut max = (name.len() + c.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max = max.min(d.saturating_sub(1));
        }
        let d = edit_distance(name, c.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_basics() {
        assert_eq!(edit_distance(b"data", b"data", 10), 0);
        assert_eq!(edit_distance(b"data2", b"data", 10), 2);
        assert_eq!(edit_distance(b"Data", b"data", 10), 1);
        assert_eq!(edit_distance(b"abc", b"xyz", 3), 4);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest(b"data2", &["data", "sep"]), Some("data"));
        assert_eq!(suggest(b"x", &["newline"]), None);
        assert_eq!(suggest(b"newlin", &["newline"]), Some("newline"));
    }
}
