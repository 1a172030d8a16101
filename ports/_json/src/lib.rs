//! `ferrocpy.ports._json`: a drop-in port of CPython's `_json` accelerator.
//!
//! The text work (string scanning and escaping, number matching, the output buffer) lives in
//! `json-core`, over the code points of each `str` in its own storage width; this file binds it
//! with the clinic and does what involves Python objects: building values, calling the hooks
//! and parsers, the recursion guard, markers, `default`, the encoder callable.
//!
//! Version differences, selected at compile time from the `Py_3_N` cfgs:
//!
//! | difference | versions | where |
//! |---|---|---|
//! | the encoder returns a list of chunks (a tuple with one `str` from 3.12) | 3.10, 3.11 | `encoder_call` |
//! | `strict` of `scanstring` converted as a C int (`__index__`) | 3.10, 3.11 | `pre315.rs` |
//! | out-of-range float error without the value | 3.10, 3.11 | `Enc::float_text` |
//! | `indent` encoded (C ignores it before); trailing commas refused | 3.13+ | `Enc`, `Ctx::object`/`array` |
//! | `make_encoder`'s docstring | 3.10–3.12 / 3.13+ | `pre313.rs`, `v313.rs` |
//! | an indented dict's first newline written after `{` even if every key is skipped | 3.13 | `NEWLINE_AT_FIRST_ITEM` |
//! | notes (`when serializing list item 0`) on errors raised while encoding | 3.14+ | `note` |
//! | a complete `\uXXXX` escape ending the input leaves the string unterminated (a fix in 3.14's bugfix releases) | 3.14+ | `SCAN_RULES` |
//! | clinic-declared functions (docstrings, `TypeError`s); `array_hook`; `frozendict` | 3.15+ | `v315.rs` (earlier: `pre315.rs`) |

// The clinic's impls take the module or class they are called on, unused by some bodies.
#![allow(unused_variables)]
// Every unsafe operation is in the safe layer (ferrocpy) and the bindings: this crate has none.
#![forbid(unsafe_code)]

use ferrocpy::class::{Flag, PyField, TypeRef};
use ferrocpy::exc::{TypeError, ValueError};
use ferrocpy::types::str::Chars;
use ferrocpy::types::{dict, int, list, str as pystr, tuple};
use ferrocpy::{
    Borrowed, ClassType, IntoPyObject, Module, ModuleState, Owned, PyErr, PyResult, Python, Ref,
    Visit,
};
use json_core::{self as core, Found, Out, Piece, Term, Unit, Units, Writer};

mod clinic {
    include!("clinic/lib.rs");
}

#[cfg(not(Py_3_13))]
mod pre313;
#[cfg(not(Py_3_15))]
mod pre315;
#[cfg(Py_3_13)]
mod v313;
#[cfg(Py_3_15)]
mod v315;

/// The declarations of the running version.
mod versioned {
    #[cfg(not(Py_3_15))]
    pub(crate) use crate::pre315::clinic::{
        _JSON_ENCODE_BASESTRING_ASCII_METHODDEF, _JSON_ENCODE_BASESTRING_METHODDEF,
        _JSON_SCANSTRING_METHODDEF,
    };
    #[cfg(Py_3_15)]
    pub(crate) use crate::v315::clinic::{
        _JSON_ENCODE_BASESTRING_ASCII_METHODDEF, _JSON_ENCODE_BASESTRING_METHODDEF,
        _JSON_SCANSTRING_METHODDEF,
    };
}

#[cfg(not(Py_3_14))]
const SCAN_RULES: core::Rules = core::Rules::PY310;
#[cfg(Py_3_14)]
const SCAN_RULES: core::Rules = core::Rules::PY314;

pub struct State {
    scanner: ClassType<Scanner>,
    encoder: ClassType<Encoder>,
}

impl ModuleState for State {
    fn init(py: Python<'_>, module: Module<'_, '_, Self>) -> PyResult<Self> {
        Ok(State {
            scanner: ClassType::create(module)?,
            encoder: ClassType::create(module)?,
        })
    }

    fn exec(module: Module<'_, '_, Self>) -> PyResult<()> {
        let py = module.py();
        let state = module.state()?;
        module.add("make_scanner", state.scanner.bind(py))?;
        module.add("make_encoder", state.encoder.bind(py))
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), ferrocpy::module::TraverseError> {
        self.scanner.visit(visit)?;
        self.encoder.visit(visit)
    }
}

ferrocpy::module! {
    name: "_json",
    doc: "json speedups\n",
    state: State,
    methods: [
        versioned::_JSON_ENCODE_BASESTRING_ASCII_METHODDEF,
        versioned::_JSON_ENCODE_BASESTRING_METHODDEF,
        versioned::_JSON_SCANSTRING_METHODDEF,
    ],
    // Scanners and encoders are immutable once made; each call keeps its state on the stack,
    // and the markers dict (shared, as in C) is only touched through the dict API.
    gil_not_used: true,
}

// ---- strings ------------------------------------------------------------------------------------

/// A code unit width the binding can make a `str` from.
trait Make: Unit {
    fn make<'py>(py: Python<'py>, s: &[Self]) -> PyResult<Owned<'py>>;
}

impl Make for u8 {
    fn make<'py>(py: Python<'py>, s: &[u8]) -> PyResult<Owned<'py>> {
        pystr::from_latin1(py, s)
    }
}

impl Make for u16 {
    fn make<'py>(py: Python<'py>, s: &[u16]) -> PyResult<Owned<'py>> {
        pystr::from_ucs2(py, s)
    }
}

impl Make for u32 {
    fn make<'py>(py: Python<'py>, s: &[u32]) -> PyResult<Owned<'py>> {
        pystr::from_code_points(py, s)
    }
}

/// The `str` holding what a [`Writer`] accumulated.
fn finish<'py>(py: Python<'py>, w: &Writer) -> PyResult<Owned<'py>> {
    match w.units() {
        Units::Latin1(v) => pystr::from_latin1(py, v),
        Units::Ucs2(v) => pystr::from_ucs2(py, v),
        Units::Ucs4(v) => pystr::from_code_points(py, v),
    }
}

/// `"first argument must be a string, not int"`, C's `TypeError` for a non-`str` before 3.15.
#[cfg(not(Py_3_15))]
fn not_a_string(obj: Borrowed<'_, '_>) -> PyErr {
    TypeError::new_err(
        obj.py(),
        format!(
            "first argument must be a string, not {:.80}",
            obj.type_name()
        ),
    )
}

/// Raises `json.decoder.JSONDecodeError(msg, doc, pos)` as C does (the class looked up at each
/// error, so a replaced class is the one raised).
#[cold]
fn decode_error(py: Python<'_>, msg: &str, doc: Borrowed<'_, '_>, pos: isize) -> PyErr {
    let raise = || -> PyResult<PyErr> {
        let module = ferrocpy::types::module::import(py, c"json.decoder")?;
        let cls = module.as_borrowed().getattr("JSONDecodeError")?;
        let msg = pystr::new(py, msg)?;
        let pos = pos.into_py(py)?;
        let exc = cls
            .as_borrowed()
            .call(&[msg.as_borrowed(), doc, pos.as_borrowed()])?;
        Ok(PyErr::new_with_value(
            py,
            cls.as_borrowed(),
            exc.as_borrowed(),
        ))
    };
    match raise() {
        Ok(e) | Err(e) => e,
    }
}

/// The error C raises for a scanning error.
#[cold]
fn scan_error(py: Python<'_>, e: core::ScanError, doc: Borrowed<'_, '_>) -> PyErr {
    match e {
        core::ScanError::EndOutOfBounds => ValueError::new_err(py, "end is out of bounds"),
        core::ScanError::Decode { msg, pos } => decode_error(py, msg, doc, pos),
    }
}

/// `StopIteration(idx)`.
#[cold]
fn stop_iteration(py: Python<'_>, idx: usize) -> PyErr {
    match idx.into_py(py) {
        Ok(v) => PyErr::stop_iteration(py, v.as_borrowed()),
        Err(e) => e,
    }
}

/// Scans the JSON string whose contents start at `end` in `s` (the code points of `doc`),
/// decoding escapes into `buf`.
fn scan_string<'py, T: Make>(
    py: Python<'py>,
    doc: Borrowed<'_, 'py>,
    s: &[T],
    end: isize,
    strict: bool,
    buf: &mut Writer,
) -> PyResult<(Owned<'py>, usize)> {
    match core::scanstring_into(s, end, strict, SCAN_RULES, buf) {
        Ok((Found::Slice(a, b), next)) => Ok((pystr::substring(doc, a, b)?, next)),
        Ok((Found::Decoded, next)) => Ok((finish(py, buf)?, next)),
        Err(e) => Err(scan_error(py, e, doc)),
    }
}

/// Whether the `str` `s` holds the code points of `key`.
fn same_text<T: Unit>(s: &Owned<'_>, key: &[T]) -> bool {
    fn eq<A: Unit, T: Unit>(a: &[A], key: &[T]) -> bool {
        a.len() == key.len() && a.iter().zip(key).all(|(x, y)| x.cp() == y.cp())
    }
    match pystr::chars(s.as_borrowed()) {
        Ok(Chars::Latin1(c)) => eq(c, key),
        Ok(Chars::Ucs2(c)) => eq(c, key),
        Ok(Chars::Ucs4(c)) => eq(c, key),
        Err(_) => false,
    }
}

/// `scanstring(pystr, end, strict)` for a `str` (checked by the caller).
pub(crate) fn scanstring<'py>(
    py: Python<'py>,
    doc: Borrowed<'_, 'py>,
    end: isize,
    strict: bool,
) -> PyResult<Owned<'py>> {
    let (value, next) = match pystr::chars(doc)? {
        Chars::Latin1(s) => scan_string(py, doc, s, end, strict, &mut Writer::new())?,
        Chars::Ucs2(s) => scan_string(py, doc, s, end, strict, &mut Writer::new())?,
        Chars::Ucs4(s) => scan_string(py, doc, s, end, strict, &mut Writer::new())?,
    };
    tuple::new(py, [value, next.into_py(py)?])
}

/// `encode_basestring_ascii(s)` for a `str` (checked by the caller).
pub(crate) fn encode_basestring_ascii<'py>(s: Borrowed<'_, 'py>) -> PyResult<Owned<'py>> {
    let py = s.py();
    let chars = pystr::chars(s)?;
    // Short strings (what `json.dumps` of a bare string passes) are escaped straight into the
    // result in two passes; longer ones through a buffer, whose run copies pay off there.
    if chars.len() <= SHORT_ESCAPE {
        return match chars {
            Chars::Latin1(c) => pystr::ascii_with(py, core::escaped_ascii_len(c), |o| {
                core::write_escaped_ascii(c, o)
            }),
            Chars::Ucs2(c) => pystr::ascii_with(py, core::escaped_ascii_len(c), |o| {
                core::write_escaped_ascii(c, o)
            }),
            Chars::Ucs4(c) => pystr::ascii_with(py, core::escaped_ascii_len(c), |o| {
                core::write_escaped_ascii(c, o)
            }),
        };
    }
    let mut out = Vec::new();
    match chars {
        Chars::Latin1(c) => core::escape_ascii(c, &mut out),
        Chars::Ucs2(c) => core::escape_ascii(c, &mut out),
        Chars::Ucs4(c) => core::escape_ascii(c, &mut out),
    }
    pystr::from_latin1(s.py(), &out)
}

/// Strings up to this many characters are escaped by `encode_basestring_ascii` without an
/// intermediate buffer.
const SHORT_ESCAPE: usize = 64;

/// `encode_basestring(s)` for a `str` (checked by the caller).
pub(crate) fn encode_basestring<'py>(s: Borrowed<'_, 'py>) -> PyResult<Owned<'py>> {
    fn esc<'py, T: Make>(py: Python<'py>, c: &[T]) -> PyResult<Owned<'py>> {
        let mut out = Vec::new();
        core::escape(c, &mut out);
        T::make(py, &out)
    }
    let py = s.py();
    match pystr::chars(s)? {
        Chars::Latin1(c) => esc(py, c),
        Chars::Ucs2(c) => esc(py, c),
        Chars::Ucs4(c) => esc(py, c),
    }
}

// ---- the scanner ----------------------------------------------------------------------------

/// `_json.Scanner` (`make_scanner`): the decoder context's settings, read once at creation.
pub struct Scanner {
    strict: Flag,
    /// Whether `parse_float` / `parse_int` are not `float` / `int` themselves (read once, as
    /// the fields never change).
    float_custom: bool,
    int_custom: bool,
    object_hook: PyField,
    object_pairs_hook: PyField,
    parse_float: PyField,
    parse_int: PyField,
    parse_constant: PyField,
    /// 3.15+ (empty before).
    array_hook: PyField,
}

// The class's docstring is C's plain text (no signature line, as C's type has no
// `__text_signature__`), so the constructor's slot is named alone rather than through the
// clinic's entries of its file, which carry the clinic's docstring.
#[cfg(not(Py_3_15))]
ferrocpy::class! {
    type: Scanner,
    name: "_json.Scanner",
    doc: "JSON scanner object",
    state: State,
    gc: [object_hook, object_pairs_hook, parse_float, parse_int, parse_constant, array_hook],
    entries: [clinic::_JSON_MAKE_SCANNER_ENTRIES],
    members: [strict => "strict"],
    slots: [pre315::clinic::_JSON_MAKE_SCANNER_NEW_SLOTDEF],
}

#[cfg(Py_3_15)]
ferrocpy::class! {
    type: Scanner,
    name: "_json.Scanner",
    doc: "JSON scanner object",
    state: State,
    gc: [object_hook, object_pairs_hook, parse_float, parse_int, parse_constant, array_hook],
    entries: [clinic::_JSON_MAKE_SCANNER_ENTRIES],
    getset: [v315::clinic::_JSON_MAKE_SCANNER_ARRAY_HOOK_GETSETDEF],
    members: [strict => "strict"],
    slots: [v315::clinic::_JSON_MAKE_SCANNER_NEW_SLOTDEF],
}

/// `make_scanner(context)`, either version's block: C reads the settings in this order.
pub(crate) fn scanner_new(
    cls: TypeRef<'_, '_, Scanner>,
    context: Borrowed<'_, '_>,
) -> PyResult<Scanner> {
    let py = cls.py();
    let strict = context.getattr("strict")?.as_borrowed().is_truthy()?;
    let field = |name: &str| -> PyResult<PyField> { Ok(PyField::new(context.getattr(name)?)) };
    let float_type = 0.0f64.into_py(py)?.as_borrowed().get_type().to_owned();
    let int_type = 0i64.into_py(py)?.as_borrowed().get_type().to_owned();
    let object_hook = field("object_hook")?;
    let object_pairs_hook = field("object_pairs_hook")?;
    let parse_float = field("parse_float")?;
    let parse_int = field("parse_int")?;
    let is = |f: &PyField, t: &Owned<'_>| {
        f.get(py)
            .is_some_and(|v| v.as_borrowed().is(t.as_borrowed()))
    };
    Ok(Scanner {
        strict: Flag::new(strict),
        float_custom: !is(&parse_float, &float_type),
        int_custom: !is(&parse_int, &int_type),
        object_hook,
        object_pairs_hook,
        parse_float,
        parse_int,
        parse_constant: field("parse_constant")?,
        #[cfg(Py_3_15)]
        array_hook: field("array_hook")?,
        #[cfg(not(Py_3_15))]
        array_hook: PyField::empty(),
    })
}

/// A field's object (`None` once the collector cleared it).
fn field<'py>(py: Python<'py>, f: &PyField) -> Owned<'py> {
    f.get(py).unwrap_or_else(|| py.none().to_owned())
}

/*[clinic input]
module _json state=State
class _json.make_scanner "Scanner"
@getter
_json.make_scanner.object_hook

object_hook
[clinic start generated code]*/
fn make_scanner_object_hook_get_impl<'a, 'py>(slf: Ref<'a, 'py, Scanner>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=545a255cf4f7c2de input=cdff31bd258c53f4]*/
{
    Ok(field(slf.py(), &slf.object_hook))
}

/*[clinic input]
@getter
_json.make_scanner.object_pairs_hook
[clinic start generated code]*/
fn make_scanner_object_pairs_hook_get_impl<'a, 'py>(
    slf: Ref<'a, 'py, Scanner>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=0c63bd6a5e88b200 input=c6b453d06777d2a7]*/
{
    Ok(field(slf.py(), &slf.object_pairs_hook))
}

/*[clinic input]
@getter
_json.make_scanner.parse_float

parse_float
[clinic start generated code]*/
fn make_scanner_parse_float_get_impl<'a, 'py>(slf: Ref<'a, 'py, Scanner>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=240166599685b409 input=6e4716197dd7f6c3]*/
{
    Ok(field(slf.py(), &slf.parse_float))
}

/*[clinic input]
@getter
_json.make_scanner.parse_int

parse_int
[clinic start generated code]*/
fn make_scanner_parse_int_get_impl<'a, 'py>(slf: Ref<'a, 'py, Scanner>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=304f68df737b3c60 input=221cad42dc1eba2d]*/
{
    Ok(field(slf.py(), &slf.parse_int))
}

/*[clinic input]
@getter
_json.make_scanner.parse_constant

parse_constant
[clinic start generated code]*/
fn make_scanner_parse_constant_get_impl<'a, 'py>(
    slf: Ref<'a, 'py, Scanner>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=9b2c26a31793da1a input=887461185e6997f0]*/
{
    Ok(field(slf.py(), &slf.parse_constant))
}

/*[clinic input]
@error_name scan_once
_json.make_scanner.__call__

    string: object
    idx: Py_ssize_t

[clinic start generated code]*/
fn make_scanner_call_impl<'a, 'py>(
    slf: Ref<'a, 'py, Scanner>,
    string: Borrowed<'a, 'py>,
    idx: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=781b43992c0e51ad input=951fe29e613e9fb5]*/
{
    let py = slf.py();
    if !string.is_str() {
        return Err(TypeError::new_err(
            py,
            format!(
                "first argument must be a string, not {:.80}",
                string.type_name()
            ),
        ));
    }
    let ctx = Ctx {
        py,
        doc: string,
        strict: slf.strict.get(),
        object_hook: field(py, &slf.object_hook),
        pairs_hook: field(py, &slf.object_pairs_hook),
        #[cfg(Py_3_15)]
        array_hook: field(py, &slf.array_hook),
        scanner: &slf,
        memo: std::cell::RefCell::new(core::KeyMemo::new()),
        buf: std::cell::RefCell::new(Writer::new()),
    };
    let (value, next) = match pystr::chars(string)? {
        Chars::Latin1(s) => ctx.scan_once(s, idx)?,
        Chars::Ucs2(s) => ctx.scan_once(s, idx)?,
        Chars::Ucs4(s) => ctx.scan_once(s, idx)?,
    };
    tuple::new(py, [value, next.into_py(py)?])
}

/// The items of one array (or the pairs of one object for `object_pairs_hook`), made into a
/// list at its final size once the last is scanned; short ones stay on the stack.
type Items<'py> = smallvec::SmallVec<[Owned<'py>; 8]>;

/// One scanner call: the settings, the document and the key memo.
struct Ctx<'a, 'py> {
    py: Python<'py>,
    doc: Borrowed<'a, 'py>,
    strict: bool,
    object_hook: Owned<'py>,
    pairs_hook: Owned<'py>,
    #[cfg(Py_3_15)]
    array_hook: Owned<'py>,
    /// The parsers, read when needed (they never change).
    scanner: &'a Scanner,
    /// The keys of this call's objects: equal keys share one `str`, as with C's memo dict.
    memo: std::cell::RefCell<core::KeyMemo<Owned<'py>>>,
    /// Where strings with escapes are decoded, one after another (its storage allocated once
    /// per call, at the first such string).
    buf: std::cell::RefCell<Writer>,
}

impl<'py> Ctx<'_, 'py> {
    #[cold]
    fn err(&self, msg: &str, pos: usize) -> PyErr {
        decode_error(self.py, msg, self.doc, pos as isize)
    }

    /// C's `scan_once_unicode`: the term at `idx` and the index after it.
    fn scan_once<T: Make>(&self, s: &[T], idx: isize) -> PyResult<(Owned<'py>, usize)> {
        if idx < 0 {
            return Err(ValueError::new_err(self.py, "idx cannot be negative"));
        }
        self.value(s, idx as usize)
    }

    /// The term at `idx` (`StopIteration(idx)` past the end) and the index after it. Strings
    /// without escapes, `null`, `true`, `false` and numbers are made here, in the caller's
    /// loop; containers and the rest are out of line.
    #[inline(always)]
    fn value<T: Make>(&self, s: &[T], idx: usize) -> PyResult<(Owned<'py>, usize)> {
        let py = self.py;
        if idx >= s.len() {
            return Err(stop_iteration(py, idx));
        }
        match core::term(s, idx) {
            Term::String => {
                // Most strings hold no escape: their text is a slice of the document.
                if let Some(end) = core::plain_string_end(s, idx + 1) {
                    return Ok((pystr::substring(self.doc, idx + 1, end)?, end + 1));
                }
                self.escaped_string(s, idx)
            }
            Term::Null => Ok((py.none().to_owned(), idx + 4)),
            Term::True => Ok((py.bool(true).to_owned(), idx + 4)),
            Term::False => Ok((py.bool(false).to_owned(), idx + 5)),
            Term::Number => self.number(s, idx),
            other => self.compound(s, idx, other),
        }
    }

    /// A string with escapes, starting at the `"` at `idx`.
    #[inline(never)]
    fn escaped_string<T: Make>(&self, s: &[T], idx: usize) -> PyResult<(Owned<'py>, usize)> {
        let mut buf = self.buf.borrow_mut();
        scan_string(
            self.py,
            self.doc,
            s,
            idx as isize + 1,
            self.strict,
            &mut buf,
        )
    }

    /// An object, an array or a constant given to `parse_constant`, starting at `idx`.
    #[inline(never)]
    fn compound<T: Make>(&self, s: &[T], idx: usize, term: Term) -> PyResult<(Owned<'py>, usize)> {
        let py = self.py;
        match term {
            Term::Object => {
                let _guard = py
                    .enter_recursive_call(c" while decoding a JSON object from a unicode string")?;
                self.object(s, idx + 1)
            }
            Term::Array => {
                let _guard =
                    py.enter_recursive_call(c" while decoding a JSON array from a unicode string")?;
                self.array(s, idx + 1)
            }
            Term::Constant(name) => {
                let text = pystr::new(py, name)?;
                let value = field(py, &self.scanner.parse_constant)
                    .as_borrowed()
                    .call1(text.as_borrowed())?;
                Ok((value, idx + name.len()))
            }
            // `value` makes the others.
            _ => self.value(s, idx),
        }
    }

    /// An object's key, whose contents start at `start`, and the index after it: the
    /// memoized `str` of an equal key if there is one.
    fn key<T: Make>(&self, s: &[T], start: usize) -> PyResult<(Owned<'py>, usize)> {
        let py = self.py;
        let (found, next) = match core::plain_string_end(s, start) {
            Some(end) => (Found::Slice(start, end), end + 1),
            None => {
                let mut buf = self.buf.borrow_mut();
                core::scanstring_into(s, start as isize, self.strict, SCAN_RULES, &mut buf)
                    .map_err(|e| scan_error(py, e, self.doc))?
            }
        };
        let mut memo = self.memo.borrow_mut();
        let key = match found {
            // A one-character key of Latin-1 is the interpreter's shared string already.
            Found::Slice(a, b) if b == a + 1 && s[a].cp() < 0x100 => {
                pystr::substring(self.doc, a, b)?
            }
            Found::Slice(a, b) => {
                let text = &s[a..b];
                match memo.get(text, same_text) {
                    (_, Some(k)) => k.clone(),
                    (h, None) => {
                        let k = pystr::substring(self.doc, a, b)?;
                        memo.insert(h, k.clone());
                        k
                    }
                }
            }
            Found::Decoded => {
                let buf = self.buf.borrow();
                let found = match buf.units() {
                    Units::Latin1(v) => memo.get(v, same_text),
                    Units::Ucs2(v) => memo.get(v, same_text),
                    Units::Ucs4(v) => memo.get(v, same_text),
                };
                match found {
                    (_, Some(k)) => k.clone(),
                    (h, None) => {
                        let k = finish(py, &buf)?;
                        memo.insert(h, k.clone());
                        k
                    }
                }
            }
        };
        Ok((key, next))
    }

    /// C's `_match_number_unicode`.
    #[inline(always)]
    fn number<T: Make>(&self, s: &[T], start: usize) -> PyResult<(Owned<'py>, usize)> {
        // Most numbers are short integers, read in one pass.
        if !self.scanner.int_custom {
            if let Some((v, end)) = core::plain_int(s, start) {
                return Ok((v.into_py(self.py)?, end));
            }
        }
        self.any_number(s, start)
    }

    /// [`Ctx::number`] in general.
    #[inline(never)]
    fn any_number<T: Make>(&self, s: &[T], start: usize) -> PyResult<(Owned<'py>, usize)> {
        let py = self.py;
        let Some(n) = core::match_number(s, start) else {
            return Err(stop_iteration(py, start));
        };
        let custom = if n.is_float && self.scanner.float_custom {
            Some(&self.scanner.parse_float)
        } else if !n.is_float && self.scanner.int_custom {
            Some(&self.scanner.parse_int)
        } else {
            None
        };
        let value = if let Some(f) = custom {
            let text = T::make(py, &s[start..n.end])?;
            field(py, f).as_borrowed().call1(text.as_borrowed())?
        } else if let Some(v) = (!n.is_float)
            .then(|| core::small_int(s, start, n.end))
            .flatten()
        {
            v.into_py(py)?
        } else if let Some(v) = n
            .is_float
            .then(|| core::simple_float(s, start, n.end))
            .flatten()
        {
            v.into_py(py)?
        } else {
            core::with_number_text(s, start, n.end, |text| {
                if n.is_float {
                    // Rust's and CPython's decimal-to-double conversions are both correctly
                    // rounded, so the double is float(text)'s.
                    let v: f64 = text.parse().map_err(|_| {
                        ValueError::new_err(py, "could not convert string to float")
                    })?;
                    v.into_py(py)
                } else if text.len() <= 18 {
                    let v: i64 = text
                        .parse()
                        .map_err(|_| ValueError::new_err(py, "invalid literal for int()"))?;
                    v.into_py(py)
                } else {
                    int::from_decimal(py, text)
                }
            })?
        };
        Ok((value, n.end))
    }

    /// C's `_parse_object_unicode` (`idx` after the `{`).
    fn object<T: Make>(&self, s: &[T], idx: usize) -> PyResult<(Owned<'py>, usize)> {
        let py = self.py;
        if self.pairs_hook.as_borrowed().is_none() {
            let rval = dict::new(py)?;
            let next = self.members(s, idx, |key, val| {
                dict::set(rval.as_borrowed(), key.as_borrowed(), val.as_borrowed())
            })?;
            if !self.object_hook.as_borrowed().is_none() {
                return Ok((
                    self.object_hook.as_borrowed().call1(rval.as_borrowed())?,
                    next,
                ));
            }
            return Ok((rval, next));
        }
        // The `(key, value)` pairs make the list given to the hook.
        let mut items = Items::new();
        let next = self.members(s, idx, |key, val| {
            items.push(tuple::new(py, [key, val])?);
            Ok(())
        })?;
        let pairs = list::from_slice(py, &items)?;
        Ok((
            self.pairs_hook.as_borrowed().call1(pairs.as_borrowed())?,
            next,
        ))
    }

    /// Scans an object's members, giving each key and value to `add` in order, and returns
    /// the index after its `}`.
    #[inline(always)]
    fn members<T: Make>(
        &self,
        s: &[T],
        idx: usize,
        mut add: impl FnMut(Owned<'py>, Owned<'py>) -> PyResult<()>,
    ) -> PyResult<usize> {
        let mut idx = core::skip_whitespace(s, idx);
        if !core::at(s, idx, b'}') {
            loop {
                if !core::at(s, idx, b'"') {
                    return Err(self.err(core::msg::PROPERTY_NAME, idx));
                }
                let (key, next) = self.key(s, idx + 1)?;
                idx = core::skip_whitespace(s, next);
                if !core::at(s, idx, b':') {
                    return Err(self.err(core::msg::COLON, idx));
                }
                idx = core::skip_whitespace(s, idx + 1);
                let (val, next) = self.value(s, idx)?;
                add(key, val)?;
                idx = core::skip_whitespace(s, next);
                if core::at(s, idx, b'}') {
                    break;
                }
                if !core::at(s, idx, b',') {
                    return Err(self.err(core::msg::COMMA, idx));
                }
                let comma = idx;
                idx = core::skip_whitespace(s, idx + 1);
                #[cfg(Py_3_13)]
                if core::at(s, idx, b'}') {
                    return Err(self.err(core::msg::TRAILING_COMMA_OBJECT, comma));
                }
                let _ = comma;
            }
        }
        Ok(idx + 1)
    }

    /// C's `_parse_array_unicode` (`idx` after the `[`).
    fn array<T: Make>(&self, s: &[T], idx: usize) -> PyResult<(Owned<'py>, usize)> {
        let mut items = Items::new();
        let end = self.array_items(s, idx, &mut items)?;
        let rval = list::from_slice(self.py, &items)?;
        #[cfg(Py_3_15)]
        if !self.array_hook.as_borrowed().is_none() {
            return Ok((
                self.array_hook.as_borrowed().call1(rval.as_borrowed())?,
                end,
            ));
        }
        Ok((rval, end))
    }

    /// Scans an array's items into `items` and returns the index after its `]`.
    #[inline(always)]
    fn array_items<T: Make>(&self, s: &[T], idx: usize, items: &mut Items<'py>) -> PyResult<usize> {
        let mut idx = core::skip_whitespace(s, idx);
        if !core::at(s, idx, b']') {
            loop {
                let (val, next) = self.value(s, idx)?;
                items.push(val);
                idx = core::skip_whitespace(s, next);
                if core::at(s, idx, b']') {
                    break;
                }
                if !core::at(s, idx, b',') {
                    return Err(self.err(core::msg::COMMA, idx));
                }
                let comma = idx;
                idx = core::skip_whitespace(s, idx + 1);
                #[cfg(Py_3_13)]
                if core::at(s, idx, b']') {
                    return Err(self.err(core::msg::TRAILING_COMMA_ARRAY, comma));
                }
                let _ = comma;
            }
        }
        if !core::at(s, idx, b']') {
            return Err(self.err(core::msg::VALUE, s.len().saturating_sub(1)));
        }
        Ok(idx + 1)
    }
}

// ---- the encoder ----------------------------------------------------------------------------

/// How the encoder turns a `str` into JSON: by calling `encoder`, or, when `encoder` is one of
/// this module's functions, by escaping directly (C's `fast_encode`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fast {
    Call,
    Ascii,
    Unicode,
}

/// `_json.Encoder` (`make_encoder`).
pub struct Encoder {
    markers: PyField,
    default: PyField,
    encoder: PyField,
    indent: PyField,
    key_separator: PyField,
    item_separator: PyField,
    sort_keys: Flag,
    skipkeys: Flag,
    allow_nan: bool,
    fast: Fast,
}

/// `make_encoder`'s class body, with C's docstring of the version (see the scanner's).
macro_rules! encoder_class {
    ($doc:literal, $new:path) => {
        ferrocpy::class! {
            type: Encoder,
            name: "_json.Encoder",
            doc: $doc,
            state: State,
            gc: [markers, default, encoder, indent, key_separator, item_separator],
            entries: [clinic::_JSON_MAKE_ENCODER_ENTRIES],
            members: [sort_keys => "sort_keys", skipkeys => "skipkeys"],
            slots: [$new],
        }
    };
}

#[cfg(not(Py_3_13))]
encoder_class!(
    "_iterencode(obj, _current_indent_level) -> iterable",
    pre313::clinic::_JSON_MAKE_ENCODER_NEW_SLOTDEF
);
#[cfg(Py_3_13)]
encoder_class!(
    "Encoder(markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys, allow_nan)",
    v313::clinic::_JSON_MAKE_ENCODER_NEW_SLOTDEF
);

/// `make_encoder(...)`, either version's block.
#[allow(clippy::too_many_arguments)]
pub(crate) fn encoder_new(
    cls: TypeRef<'_, '_, Encoder>,
    markers: Borrowed<'_, '_>,
    default: Borrowed<'_, '_>,
    encoder: Borrowed<'_, '_>,
    indent: Borrowed<'_, '_>,
    key_separator: Borrowed<'_, '_>,
    item_separator: Borrowed<'_, '_>,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
) -> PyResult<Encoder> {
    let py = cls.py();
    // C's `U` format for the separators: checked in order, before the markers.
    for (n, sep) in [(5, key_separator), (6, item_separator)] {
        if !sep.is_str() {
            return Err(TypeError::new_err(
                py,
                format!(
                    "make_encoder() argument {n} must be str, not {:.50}",
                    sep.type_name()
                ),
            ));
        }
    }
    if !markers.is_none() && !markers.is_dict() {
        return Err(TypeError::new_err(
            py,
            format!(
                "make_encoder() argument 1 must be dict or None, not {:.200}",
                markers.type_name()
            ),
        ));
    }
    let module = cls.module()?.as_borrowed();
    let is_ours = |name: &str| match module.getattr(name) {
        Ok(f) => encoder.is(f.as_borrowed()),
        Err(e) => {
            e.clear(py);
            false
        }
    };
    let fast = if is_ours("encode_basestring_ascii") {
        Fast::Ascii
    } else if is_ours("encode_basestring") {
        Fast::Unicode
    } else {
        Fast::Call
    };
    Ok(Encoder {
        markers: PyField::new(markers.to_owned()),
        default: PyField::new(default.to_owned()),
        encoder: PyField::new(encoder.to_owned()),
        indent: PyField::new(indent.to_owned()),
        key_separator: PyField::new(key_separator.to_owned()),
        item_separator: PyField::new(item_separator.to_owned()),
        sort_keys: Flag::new(sort_keys),
        skipkeys: Flag::new(skipkeys),
        allow_nan,
        fast,
    })
}

/*[clinic input]
class _json.make_encoder "Encoder"
@getter
_json.make_encoder.markers

markers
[clinic start generated code]*/
fn make_encoder_markers_get_impl<'a, 'py>(slf: Ref<'a, 'py, Encoder>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=74aee8be5932ded3 input=834a79822cc10cf2]*/
{
    Ok(field(slf.py(), &slf.markers))
}

/*[clinic input]
@getter
_json.make_encoder.default

default
[clinic start generated code]*/
fn make_encoder_default_get_impl<'a, 'py>(slf: Ref<'a, 'py, Encoder>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=dfc9379c30a8805e input=6898cf5f9e64ba35]*/
{
    Ok(field(slf.py(), &slf.default))
}

/*[clinic input]
@getter
_json.make_encoder.encoder

encoder
[clinic start generated code]*/
fn make_encoder_encoder_get_impl<'a, 'py>(slf: Ref<'a, 'py, Encoder>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=cddd7904504a861f input=4612135702c10b03]*/
{
    Ok(field(slf.py(), &slf.encoder))
}

/*[clinic input]
@getter
_json.make_encoder.indent

indent
[clinic start generated code]*/
fn make_encoder_indent_get_impl<'a, 'py>(slf: Ref<'a, 'py, Encoder>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=05e94106e2a66842 input=5590a80fee6b731c]*/
{
    Ok(field(slf.py(), &slf.indent))
}

/*[clinic input]
@getter
_json.make_encoder.key_separator

key_separator
[clinic start generated code]*/
fn make_encoder_key_separator_get_impl<'a, 'py>(
    slf: Ref<'a, 'py, Encoder>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=a9216110f872292d input=0dd5a439a93593b4]*/
{
    Ok(field(slf.py(), &slf.key_separator))
}

/*[clinic input]
@getter
_json.make_encoder.item_separator

item_separator
[clinic start generated code]*/
fn make_encoder_item_separator_get_impl<'a, 'py>(
    slf: Ref<'a, 'py, Encoder>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=c157878b14509398 input=e511e06b0d69854b]*/
{
    Ok(field(slf.py(), &slf.item_separator))
}

/*[clinic input]
@error_name _iterencode
_json.make_encoder.__call__

    obj: object
    _current_indent_level: Py_ssize_t

[clinic start generated code]*/
fn make_encoder_call_impl<'a, 'py>(
    slf: Ref<'a, 'py, Encoder>,
    obj: Borrowed<'a, 'py>,
    _current_indent_level: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=0e0c9a43f4fe8470 input=8848187fa9ee1962]*/
{
    let py = slf.py();
    let markers = field(py, &slf.markers);
    let indent = field(py, &slf.indent);
    let mut enc = Enc {
        py,
        markers: (!markers.as_borrowed().is_none()).then_some(markers),
        default: field(py, &slf.default),
        encoder: field(py, &slf.encoder),
        indent: if !cfg!(Py_3_13) || indent.as_borrowed().is_none() {
            None
        } else if indent.as_borrowed().is_str() {
            Some(Ok(piece_of(indent.as_borrowed())?))
        } else {
            Some(Err(indent))
        },
        key_separator: piece_of(field(py, &slf.key_separator).as_borrowed())?,
        item_separator: piece_of(field(py, &slf.item_separator).as_borrowed())?,
        sort_keys: slf.sort_keys.get(),
        skipkeys: slf.skipkeys.get(),
        allow_nan: slf.allow_nan,
        fast: slf.fast,
        #[cfg(Py_3_15)]
        frozendict: dict::frozendict_type(py).to_owned(),
        tuple_type: tuple::new(py, [])?.as_borrowed().get_type().to_owned(),
        pending: Pending::new(),
        snapshot: Vec::new(),
        w: Out::with_storage(SPARE.take()),
    };
    if let Err(e) = enc.obj(obj, _current_indent_level.max(0) as usize) {
        // C leaves the markers of the containers it was in when the error came.
        return Err(enc.flush_on_error(e));
    }
    let s = finish_out(py, &enc.w);
    if let Some(storage) = std::mem::take(&mut enc.w).into_storage() {
        if storage.len() <= SPARE_MAX {
            SPARE.set(storage);
        }
    }
    let s = s?;
    #[cfg(Py_3_12)]
    return tuple::new(py, [s]);
    #[cfg(not(Py_3_12))]
    return list::from_vec(py, vec![s]);
}

/// The error for text that is not a `str`.
#[cold]
fn not_text(obj: Borrowed<'_, '_>) -> PyErr {
    match pystr::chars(obj) {
        Err(e) => e,
        Ok(_) => TypeError::new_err(obj.py(), "expected str"),
    }
}

thread_local! {
    /// The output storage of this thread's last encoder call, for the next one (a call made
    /// meanwhile, from `default`, takes a storage of its own).
    static SPARE: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The largest storage kept for the next call.
const SPARE_MAX: usize = 1 << 20;

/// The characters of a separator or indent `str`.
fn piece_of(s: Borrowed<'_, '_>) -> PyResult<Piece> {
    Ok(match pystr::chars(s)? {
        Chars::Latin1(c) => Piece::new(c),
        Chars::Ucs2(c) => Piece::new(c),
        Chars::Ucs4(c) => Piece::new(c),
    })
}

/// The `str` holding what an [`Out`] accumulated.
fn finish_out<'py>(py: Python<'py>, w: &Out) -> PyResult<Owned<'py>> {
    match w {
        Out::Latin1(b) => pystr::from_latin1(py, b.as_slice()),
        Out::Ucs2(b) => pystr::from_ucs2(py, b.as_slice()),
        Out::Ucs4(b) => pystr::from_code_points(py, b.as_slice()),
    }
}

/// Where a container's circular-reference marker is: none (`check_circular` off), among the
/// pending ones (not yet in the markers dict), or in the dict under this id.
enum Mark<'py> {
    Off,
    Pending,
    Dict(Owned<'py>),
}

#[cold]
fn circular(py: Python<'_>) -> PyErr {
    ValueError::new_err(py, "Circular reference detected")
}

/// Containers deeper than this put their markers in the dict, as C does.
const MAX_PENDING: usize = 32;

/// The pending markers (see `Enc::pending`): a stack of at most [`MAX_PENDING`] containers,
/// kept in place.
struct Pending<'py> {
    items: [Option<Owned<'py>>; MAX_PENDING],
    len: usize,
}

impl<'py> Pending<'py> {
    fn new() -> Self {
        Pending {
            items: std::array::from_fn(|_| None),
            len: 0,
        }
    }

    #[inline]
    fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    fn len(&self) -> usize {
        self.len
    }

    #[inline]
    fn contains(&self, obj: Borrowed<'_, 'py>) -> bool {
        self.items[..self.len]
            .iter()
            .any(|p| p.as_ref().is_some_and(|p| p.as_borrowed().is(obj)))
    }

    /// Pushes `obj` (the caller checked that there is room).
    #[inline]
    fn push(&mut self, obj: Borrowed<'_, 'py>) {
        self.items[self.len] = Some(obj.to_owned());
        self.len += 1;
    }

    /// Pops the top if it is `obj`.
    #[inline]
    fn pop_if(&mut self, obj: Borrowed<'_, 'py>) -> bool {
        match self.len.checked_sub(1) {
            Some(top)
                if self.items[top]
                    .as_ref()
                    .is_some_and(|p| p.as_borrowed().is(obj)) =>
            {
                self.items[top] = None;
                self.len = top;
                true
            }
            _ => false,
        }
    }

    /// Empties the stack, bottom first.
    fn drain(&mut self) -> impl Iterator<Item = Owned<'py>> + '_ {
        let n = std::mem::take(&mut self.len);
        self.items[..n].iter_mut().filter_map(Option::take)
    }
}

/// Whether an indented dict's first line starts with its first item written (3.14+), rather
/// than right after the `{` (3.13).
const NEWLINE_AT_FIRST_ITEM: bool = cfg!(Py_3_14);

/// One encoder call: the settings and the output.
struct Enc<'py> {
    py: Python<'py>,
    markers: Option<Owned<'py>>,
    default: Owned<'py>,
    encoder: Owned<'py>,
    /// The separators' and the indent's text, copied once per call (an indent that is not a
    /// `str` kept as it is).
    indent: Option<Result<Piece, Owned<'py>>>,
    key_separator: Piece,
    item_separator: Piece,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    fast: Fast,
    #[cfg(Py_3_15)]
    frozendict: Owned<'py>,
    tuple_type: Owned<'py>,
    /// The containers being encoded whose markers C would have put in the markers dict and
    /// this encoder has not yet (outermost first): no code but the encoder's can see the dict
    /// meanwhile, so they go there only before Python code runs (`default`, an `encoder`
    /// function, a subclass's `items` or iteration, key sorting, error notes) or when an
    /// error leaves them there, in C's order; a repeated container is found among them or in
    /// the dict.
    pending: Pending<'py>,
    /// Before 3.12: the items of the exact dicts being encoded (see `Enc::dict`).
    #[allow(clippy::type_complexity)]
    snapshot: Vec<Option<(Owned<'py>, Owned<'py>)>>,
    w: Out,
}

/// The fully qualified name of `obj`'s type, as C's `%T` writes it (`list`, `mod.Class`).
#[cfg(Py_3_14)]
fn type_name_fq(obj: Borrowed<'_, '_>) -> PyResult<String> {
    let t = obj.get_type();
    let module = t.getattr("__module__")?;
    let qualname = t.getattr("__qualname__")?;
    let qualname = pystr::as_utf8(qualname.as_borrowed())?.to_owned();
    if module.as_borrowed().is_str() {
        let m = pystr::as_utf8(module.as_borrowed())?;
        if m != "builtins" && m != "__main__" {
            return Ok(format!("{m}.{qualname}"));
        }
    }
    Ok(qualname)
}

/// Adds a note to the pending exception, as C's `_PyErr_FormatNote` (3.14+); a note that cannot
/// be made is left out.
#[cfg(Py_3_14)]
#[cold]
fn note(py: Python<'_>, err: PyErr, text: impl FnOnce() -> PyResult<String>) -> PyErr {
    let exc = err.take(py);
    let added = text().and_then(|t| pystr::new(py, &t)).and_then(|t| {
        exc.as_borrowed()
            .call_method("add_note", &[t.as_borrowed()])
    });
    if let Err(e) = added {
        e.clear(py);
    }
    PyErr::restore(py, exc)
}

impl<'py> Enc<'py> {
    /// Appends a `str`'s characters.
    fn write_str(&mut self, s: Borrowed<'_, 'py>) -> PyResult<()> {
        match pystr::chars(s)? {
            Chars::Latin1(c) => self.w.push(c),
            Chars::Ucs2(c) => self.w.push(c),
            Chars::Ucs4(c) => self.w.push(c),
        }
        Ok(())
    }

    /// Puts the pending markers into the markers dict (before Python code runs).
    fn flush(&mut self) -> PyResult<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        self.flush_pending()
    }

    #[cold]
    #[inline(never)]
    fn flush_pending(&mut self) -> PyResult<()> {
        let Some(markers) = &self.markers else {
            return Ok(());
        };
        for obj in self.pending.drain() {
            let id = (obj.as_ptr() as usize).into_py(self.py)?;
            dict::set(markers.as_borrowed(), id.as_borrowed(), obj.as_borrowed())?;
        }
        Ok(())
    }

    /// `e`, after the pending markers went into the dict, where C leaves them on errors.
    #[cold]
    fn flush_on_error(&mut self, e: PyErr) -> PyErr {
        if let Err(f) = self.flush() {
            f.clear(self.py);
        }
        e
    }

    /// `'\n' + indent * level`.
    fn newline_indent(&mut self, level: usize) -> PyResult<()> {
        self.w.byte(b'\n');
        match &self.indent {
            Some(Ok(indent)) => {
                for _ in 0..level {
                    self.w.piece(indent);
                }
            }
            // Not a str: refused as the first newline is written.
            Some(Err(obj)) if level > 0 => return Err(not_text(obj.as_borrowed())),
            _ => {}
        }
        Ok(())
    }

    /// An int's JSON text (`int.__repr__`): digits made here when it fits `i64`.
    fn int(&mut self, o: Borrowed<'_, 'py>) -> PyResult<()> {
        if let Some(v) = int::to_i64(o) {
            self.w.int(v);
            return Ok(());
        }
        let text = int::to_decimal(o)?;
        self.write_str(text.as_borrowed())
    }

    /// A float's JSON text, written in place for finite values.
    fn float(&mut self, o: Borrowed<'_, 'py>) -> PyResult<()> {
        let v: f64 = o.extract()?;
        if v.is_finite() {
            self.w.float(v);
            return Ok(());
        }
        let text = self.float_text(o)?;
        self.w.ascii(text.as_bytes());
        Ok(())
    }

    /// A `str` as JSON: escaped here for this module's own functions, else by calling
    /// `encoder`, whose result must be a `str`.
    #[inline]
    fn string(&mut self, s: Borrowed<'_, 'py>) -> PyResult<()> {
        if self.fast == Fast::Call {
            return self.string_call(s);
        }
        let ascii = self.fast == Fast::Ascii;
        match pystr::chars(s)? {
            Chars::Latin1(c) => self.w.escaped(c, ascii),
            Chars::Ucs2(c) => self.w.escaped(c, ascii),
            Chars::Ucs4(c) => self.w.escaped(c, ascii),
        }
        Ok(())
    }

    /// A `str` through the `encoder` function.
    #[inline(never)]
    fn string_call(&mut self, s: Borrowed<'_, 'py>) -> PyResult<()> {
        self.flush()?;
        let encoded = self.encoder.as_borrowed().call1(s)?;
        if !encoded.as_borrowed().is_str() {
            return Err(TypeError::new_err(
                self.py,
                format!(
                    "encoder() must return a string, not {:.80}",
                    encoded.as_borrowed().type_name()
                ),
            ));
        }
        self.write_str(encoded.as_borrowed())
    }

    /// A float's JSON text (C's `encoder_encode_float`).
    fn float_text(&self, o: Borrowed<'_, 'py>) -> PyResult<String> {
        let v: f64 = o.extract()?;
        if !v.is_finite() {
            if !self.allow_nan {
                #[cfg(Py_3_12)]
                let msg = {
                    let r = o.repr()?;
                    format!(
                        "Out of range float values are not JSON compliant: {}",
                        pystr::as_utf8(r.as_borrowed())?
                    )
                };
                #[cfg(not(Py_3_12))]
                let msg = "Out of range float values are not JSON compliant".to_owned();
                return Err(ValueError::new_err(self.py, msg));
            }
            return Ok(if v > 0.0 {
                "Infinity"
            } else if v < 0.0 {
                "-Infinity"
            } else {
                "NaN"
            }
            .to_owned());
        }
        let mut buf = [0u8; core::FLOAT_REPR_MAX];
        let n = core::float_repr(v, &mut buf);
        Ok(buf[..n].iter().map(|&b| char::from(b)).collect())
    }

    /// Enters `obj` in the markers (C's circular reference check).
    #[inline]
    fn mark(&mut self, obj: Borrowed<'_, 'py>) -> PyResult<Mark<'py>> {
        let Some(markers) = &self.markers else {
            return Ok(Mark::Off);
        };
        if self.pending.contains(obj) {
            return Err(circular(self.py));
        }
        if dict::len(markers.as_borrowed())? == 0 && self.pending.len() < MAX_PENDING {
            self.pending.push(obj);
            return Ok(Mark::Pending);
        }
        self.mark_in_dict(obj)
    }

    /// C's marking: `id(obj)` checked for and entered in the markers dict (the pending ones
    /// put there first, so that the dict keeps C's order).
    #[cold]
    #[inline(never)]
    fn mark_in_dict(&mut self, obj: Borrowed<'_, 'py>) -> PyResult<Mark<'py>> {
        self.flush()?;
        let Some(markers) = &self.markers else {
            return Ok(Mark::Off);
        };
        let id = (obj.as_ptr() as usize).into_py(self.py)?;
        if dict::contains(markers.as_borrowed(), id.as_borrowed())? {
            return Err(circular(self.py));
        }
        dict::set(markers.as_borrowed(), id.as_borrowed(), obj)?;
        Ok(Mark::Dict(id))
    }

    /// Leaves the container marked by `mark` (`obj`).
    #[inline]
    fn unmark(&mut self, mark: Mark<'py>, obj: Borrowed<'_, 'py>) -> PyResult<()> {
        match mark {
            Mark::Off => Ok(()),
            Mark::Pending if self.pending.pop_if(obj) => Ok(()),
            // Put in the dict meanwhile, before Python code ran.
            Mark::Pending => self.unmark_flushed(obj),
            Mark::Dict(id) => self.unmark_id(id),
        }
    }

    #[cold]
    #[inline(never)]
    fn unmark_flushed(&mut self, obj: Borrowed<'_, 'py>) -> PyResult<()> {
        let id = (obj.as_ptr() as usize).into_py(self.py)?;
        self.unmark_id(id)
    }

    fn unmark_id(&self, id: Owned<'py>) -> PyResult<()> {
        if let Some(markers) = &self.markers {
            dict::del(markers.as_borrowed(), id.as_borrowed())?;
        }
        Ok(())
    }

    /// C's `encoder_listencode_obj`.
    fn obj(&mut self, o: Borrowed<'_, 'py>, level: usize) -> PyResult<()> {
        let py = self.py;
        if o.is_str() {
            self.string(o)?;
        } else if o.is_none() {
            self.w.ascii(b"null");
        } else if o.is(py.bool(true)) {
            self.w.ascii(b"true");
        } else if o.is(py.bool(false)) {
            self.w.ascii(b"false");
        } else if o.is_int() {
            self.int(o)?;
        } else if o.is_float() {
            self.float(o)?;
        } else if o.is_dict() {
            let _guard = py.enter_recursive_call(c" while encoding a JSON object")?;
            self.dict(o, level)?;
        } else if o.is_list() || o.is_tuple() {
            let _guard = py.enter_recursive_call(c" while encoding a JSON object")?;
            self.list(o, level)?;
        } else {
            self.other(o, level)?;
        }
        Ok(())
    }

    /// A `frozendict` (3.15), or what `default` makes of anything else.
    #[inline(never)]
    fn other(&mut self, o: Borrowed<'_, 'py>, level: usize) -> PyResult<()> {
        let py = self.py;
        // Python code may run from here on (`isinstance`, `default`).
        self.flush()?;
        #[cfg(Py_3_15)]
        if o.is_instance(self.frozendict.as_borrowed())? {
            let _guard = py.enter_recursive_call(c" while encoding a JSON object")?;
            return self.dict(o, level);
        }
        let id = self.mark_in_dict(o)?;
        let newobj = self.default.as_borrowed().call1(o)?;
        {
            let _guard = py.enter_recursive_call(c" while encoding a JSON object")?;
            let r = self.obj(newobj.as_borrowed(), level);
            #[cfg(Py_3_14)]
            let r = r.map_err(|e| {
                note(py, self.flush_on_error(e), || {
                    Ok(format!("when serializing {} object", type_name_fq(o)?))
                })
            });
            r?;
        }
        self.unmark(id, o)
    }

    /// C's `encoder_listencode_list`: the items of an exact list (re-read at each step, as the
    /// list may change meanwhile) or tuple, or those a subclass's iterator gives
    /// (`PySequence_Fast`).
    fn list(&mut self, seq: Borrowed<'_, 'py>, level: usize) -> PyResult<()> {
        let py = self.py;
        let exact = seq.is_exact_list() || seq.get_type().is(self.tuple_type.as_borrowed());
        let copied;
        let items = if exact {
            seq
        } else {
            self.flush()?;
            copied = list::new(py)?;
            let it = ferrocpy::types::iter::iter(seq).map_err(|e| {
                if e.is::<TypeError>(py) {
                    e.clear(py);
                    TypeError::new_err(py, "_iterencode_list needs a sequence")
                } else {
                    e
                }
            })?;
            for item in it {
                list::append(copied.as_borrowed(), item?.as_borrowed())?;
            }
            copied.as_borrowed()
        };
        let is_list = items.is_list();
        let item = |i: usize| -> Option<Owned<'py>> {
            if is_list {
                // Without a GIL another thread may change the list: read each item locked
                // (C's `Py_BEGIN_CRITICAL_SECTION_SEQUENCE_FAST`); nothing with the GIL.
                py.with_critical_section(items, || list::get(items, i))
            } else {
                tuple::get(items, i).map(|b| b.to_owned())
            }
        };
        let Some(first) = item(0) else {
            self.w.ascii(b"[]");
            return Ok(());
        };
        let id = self.mark(seq)?;
        self.w.byte(b'[');
        let mut level = level;
        if self.indent.is_some() {
            level += 1;
            self.newline_indent(level)?;
        }
        let mut i = 0;
        let mut next = Some(first);
        while let Some(obj) = next {
            if i > 0 {
                self.w.piece(&self.item_separator);
                if self.indent.is_some() {
                    self.newline_indent(level)?;
                }
            }
            let r = self.obj(obj.as_borrowed(), level);
            #[cfg(Py_3_14)]
            let r = r.map_err(|e| {
                note(py, self.flush_on_error(e), || {
                    Ok(format!("when serializing {} item {i}", type_name_fq(seq)?))
                })
            });
            r?;
            i += 1;
            next = item(i);
        }
        self.unmark(id, seq)?;
        if self.indent.is_some() {
            self.newline_indent(level - 1)?;
        }
        self.w.byte(b']');
        Ok(())
    }

    /// C's `encoder_listencode_dict`.
    fn dict(&mut self, dct: Borrowed<'_, 'py>, level: usize) -> PyResult<()> {
        let py = self.py;
        // The dict's own size (an overridden `__len__` is not called), as C's
        // `PyDict_GET_SIZE`; a frozendict's through the mapping protocol.
        let size = if dct.is_dict() {
            dict::len(dct)?
        } else {
            dct.len()?
        };
        if size == 0 {
            self.w.ascii(b"{}");
            return Ok(());
        }
        let id = self.mark(dct)?;
        self.w.byte(b'{');
        let mut level = level;
        if self.indent.is_some() {
            level += 1;
            // 3.13 starts the first line at once (and closes the last), even when every key
            // is skipped; 3.14 on, as the Python encoder, only around the first item written.
            if !NEWLINE_AT_FIRST_ITEM {
                self.newline_indent(level)?;
            }
        }
        let mut first = true;
        let exact = dct.is_exact_dict();
        if self.sort_keys || !exact {
            // C's `PyMapping_Items` (then `list.sort()`): `items()` as a new list.
            self.flush()?;
            let items = list::new(py)?;
            let returned = dct.call_method("items", &[])?;
            for item in ferrocpy::types::iter::iter(returned.as_borrowed())? {
                list::append(items.as_borrowed(), item?.as_borrowed())?;
            }
            if self.sort_keys {
                items.as_borrowed().call_method("sort", &[])?;
            }
            let mut i = 0;
            // `items` is this call's own list: no other thread sees it.
            while let Some(item) = list::get(items.as_borrowed(), i) {
                let pair = item.as_borrowed();
                let (Some(key), Some(value), Some(2)) =
                    (tuple::get(pair, 0), tuple::get(pair, 1), tuple::len(pair))
                else {
                    return Err(ValueError::new_err(py, "items must return 2-tuples"));
                };
                self.key_value(dct, &mut first, key, value, level)?;
                i += 1;
            }
        } else if cfg!(not(Py_3_12)) {
            // Before 3.12 C works on a snapshot of an exact dict's items (`PyDict_Items`):
            // taken here as the pairs themselves, on a stack shared by the nested dicts.
            let base = self.snapshot.len();
            let mut pos = 0;
            while let Some(kv) = dict::next_item(dct, &mut pos)? {
                self.snapshot.push(Some(kv));
            }
            for i in base..self.snapshot.len() {
                let Some((key, value)) = self.snapshot[i].take() else {
                    continue;
                };
                self.key_value(
                    dct,
                    &mut first,
                    key.as_borrowed(),
                    value.as_borrowed(),
                    level,
                )?;
            }
            self.snapshot.truncate(base);
        } else {
            // C's `PyDict_Next` walk: a dict growing meanwhile (a `default` adding items) is
            // walked to its new end, not an error.
            let mut pos = 0;
            while let Some((key, value)) = dict::next_item(dct, &mut pos)? {
                self.key_value(
                    dct,
                    &mut first,
                    key.as_borrowed(),
                    value.as_borrowed(),
                    level,
                )?;
            }
        }
        self.unmark(id, dct)?;
        if self.indent.is_some() && (!first || !NEWLINE_AT_FIRST_ITEM) {
            self.newline_indent(level - 1)?;
        }
        self.w.byte(b'}');
        Ok(())
    }

    /// The `str` a key that is not one stands for; `None` for a key skipped.
    #[inline(never)]
    fn key_text(&self, key: Borrowed<'_, 'py>) -> PyResult<Option<Owned<'py>>> {
        let py = self.py;
        Ok(Some(if key.is_float() {
            pystr::new(py, &self.float_text(key)?)?
        } else if key.is(py.bool(true)) {
            pystr::new(py, "true")?
        } else if key.is(py.bool(false)) {
            pystr::new(py, "false")?
        } else if key.is_none() {
            pystr::new(py, "null")?
        } else if key.is_int() {
            int::to_decimal(key)?
        } else if self.skipkeys {
            return Ok(None);
        } else {
            return Err(TypeError::new_err(
                py,
                format!(
                    "keys must be str, int, float, bool or None, not {:.100}",
                    key.type_name()
                ),
            ));
        }))
    }

    /// C's `encoder_encode_key_value`.
    fn key_value(
        &mut self,
        dct: Borrowed<'_, 'py>,
        first: &mut bool,
        key: Borrowed<'_, 'py>,
        value: Borrowed<'_, 'py>,
        level: usize,
    ) -> PyResult<()> {
        let py = self.py;
        let converted;
        let keystr = if key.is_str() {
            key
        } else {
            converted = self.key_text(key)?;
            match &converted {
                Some(k) => k.as_borrowed(),
                None => return Ok(()),
            }
        };
        if *first {
            *first = false;
            if self.indent.is_some() && NEWLINE_AT_FIRST_ITEM {
                self.newline_indent(level)?;
            }
        } else {
            self.w.piece(&self.item_separator);
            if self.indent.is_some() {
                self.newline_indent(level)?;
            }
        }
        self.string(keystr)?;
        self.w.piece(&self.key_separator);
        let r = self.obj(value, level);
        #[cfg(Py_3_14)]
        let r = r.map_err(|e| {
            note(py, self.flush_on_error(e), || {
                let k = key.repr()?;
                Ok(format!(
                    "when serializing {} item {}",
                    type_name_fq(dct)?,
                    pystr::as_utf8(k.as_borrowed())?
                ))
            })
        });
        r
    }
}
