//! The module functions as C declares them before 3.15 (hand-written docstrings; `TypeError`
//! "first argument must be a string"), and the scanner's constructor.

#![allow(unused_variables)]

use ferrocpy::class::TypeRef;
use ferrocpy::{Borrowed, Module, Owned, PyResult};

// The class docstring comes from `ferrocpy::class!` (lib.rs), so this file's class
// entries, which carry the clinic's, are not used.
#[allow(dead_code)]
pub(crate) mod clinic {
    include!("clinic/pre315.rs");
}

/*[clinic input]
module _json state=crate::State python=<3.15
@parse_tuple
_json.encode_basestring_ascii

    pystr: object
    /

encode_basestring_ascii(string) -> string

Return an ASCII-only JSON representation of a Python string
[clinic start generated code]*/
fn encode_basestring_ascii_impl<'a, 'py>(
    module: Module<'a, 'py, crate::State>,
    pystr: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=2afebe4e73a22683 input=4b05e513a3a4568d]*/
{
    if !pystr.is_str() {
        return Err(crate::not_a_string(pystr));
    }
    crate::encode_basestring_ascii(pystr)
}

/*[clinic input]
@parse_tuple
_json.encode_basestring

    pystr: object
    /

encode_basestring(string) -> string

Return a JSON representation of a Python string
[clinic start generated code]*/
fn encode_basestring_impl<'a, 'py>(
    module: Module<'a, 'py, crate::State>,
    pystr: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=2b5ad8e0a76bfdeb input=5cb408fc24bb1092]*/
{
    if !pystr.is_str() {
        return Err(crate::not_a_string(pystr));
    }
    crate::encode_basestring(pystr)
}

/*[clinic input]
@parse_tuple
_json.scanstring

    pystr: object
    end: Py_ssize_t
    strict: bool(accept={int}, until="3.12") = True
    /

scanstring(string, end, strict=True) -> (string, end)

Scan the string s for a JSON string. End is the index of the
character in s after the quote that started the JSON string.
Unescapes all valid JSON string escape sequences and raises ValueError
on attempt to decode an invalid string. If strict is False then literal
control characters are allowed in the string.

Returns a tuple of the decoded string and the index of the character in s
after the end quote.
[clinic start generated code]*/
fn scanstring_impl<'a, 'py>(
    module: Module<'a, 'py, crate::State>,
    pystr: Borrowed<'a, 'py>,
    end: isize,
    strict: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=948d2210d87f8f0f input=18ff7ffcfacb38b5]*/
{
    if !pystr.is_str() {
        return Err(crate::not_a_string(pystr));
    }
    crate::scanstring(module.py(), pystr, end, strict)
}

/*[clinic input]
class _json.make_scanner "crate::Scanner"
@classmethod
_json.make_scanner.__new__

    context: object

JSON scanner object
[clinic start generated code]*/
fn make_scanner_new_impl<'a, 'py>(
    cls: TypeRef<'a, 'py, crate::Scanner>,
    context: Borrowed<'a, 'py>,
) -> PyResult<crate::Scanner>
/*[clinic end generated code: output=f93da3356eddac6e input=aea89baf9ebcb1db]*/
{
    crate::scanner_new(cls, context)
}
