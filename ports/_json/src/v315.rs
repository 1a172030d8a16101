//! The module functions as C declares them from 3.15 on (with the clinic), the scanner's
//! constructor and its `array_hook` (new in 3.15).

#![allow(unused_variables)]

use ferrocpy::class::TypeRef;
use ferrocpy::{Borrowed, Module, Owned, PyResult, Ref};

// The class docstring comes from `ferrocpy::class!` (lib.rs), so this file's class
// entries, which carry the clinic's, are not used.
#[allow(dead_code)]
pub(crate) mod clinic {
    include!("clinic/v315.rs");
}

/*[clinic input]
module _json state=crate::State python=>=3.15
_json.encode_basestring_ascii

    pystr: unicode
    /

Return an ASCII-only JSON representation of a Python string
[clinic start generated code]*/
fn encode_basestring_ascii_impl<'a, 'py>(
    module: Module<'a, 'py, crate::State>,
    pystr: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=2afebe4e73a22683 input=767f2d4604d2c13a]*/
{
    crate::encode_basestring_ascii(pystr)
}

/*[clinic input]
_json.encode_basestring

    pystr: unicode
    /

Return a JSON representation of a Python string
[clinic start generated code]*/
fn encode_basestring_impl<'a, 'py>(
    module: Module<'a, 'py, crate::State>,
    pystr: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=2b5ad8e0a76bfdeb input=d72228be815e5ac3]*/
{
    crate::encode_basestring(pystr)
}

/*[clinic input]
_json.scanstring

    pystr: unicode
    end: Py_ssize_t
    strict: bool = True
    /

Scan the string s for a JSON string.

End is the index of the character in s after the quote that started the
JSON string. Unescapes all valid JSON string escape sequences and raises
ValueError on attempt to decode an invalid string. If strict is False
then literal control characters are allowed in the string.

Returns a tuple of the decoded string and the index of the character in
s after the end quote.
[clinic start generated code]*/
fn scanstring_impl<'a, 'py>(
    module: Module<'a, 'py, crate::State>,
    pystr: Borrowed<'a, 'py>,
    end: isize,
    strict: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=948d2210d87f8f0f input=326648cdb099bcf8]*/
{
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

/*[clinic input]
@getter
_json.make_scanner.array_hook
[clinic start generated code]*/
fn make_scanner_array_hook_get_impl<'a, 'py>(
    slf: Ref<'a, 'py, crate::Scanner>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=86ac9bd5d0007350 input=07200dedad7051b9]*/
{
    Ok(crate::field(slf.py(), &slf.array_hook))
}
