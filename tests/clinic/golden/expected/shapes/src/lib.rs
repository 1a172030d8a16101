//! Golden input: one function per calling convention and converter family.

use ferrocpy::{Borrowed, Module, Owned, PyResult};

pub struct State;

/*[clinic input]
module shapes state=State
[clinic start generated code]*/
/*[clinic end generated code: output=da39a3ee5e6b4b0d input=455befac97b15009]*/

/*[clinic input]
shapes.nothing -> bool

Take nothing.
[clinic start generated code]*/
fn nothing_impl<'a, 'py>(module: Module<'a, 'py, State>) -> PyResult<bool>
/*[clinic end generated code: output=493334adcadbb5a8 input=1a747ed79f4e4022]*/
{
    Ok(true)
}

/*[clinic input]
shapes.one

    obj: object
    /

Take one object (METH_O).
[clinic start generated code]*/
fn one_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    obj: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=88b3d8f1e553c255 input=3b77de4e7ab215de]*/
{
    Ok(obj.to_owned())
}

/*[clinic input]
shapes.positional -> unsigned_int(bitwise=True)

    data: Py_buffer
    crc: unsigned_int(bitwise=True) = 0
    flag: bool = False
    /

Positional-only (METH_FASTCALL).
[clinic start generated code]*/
fn positional_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &[u8],
    crc: u32,
    flag: bool,
) -> PyResult<u32>
/*[clinic end generated code: output=7258dc1d34c6a32f input=7c0da5b75d0cadaa]*/
{
    Ok(crc)
}

/*[clinic input]
shapes.keywords -> Py_ssize_t

    a: object
        The first one.
    /
    b: int = -1
        The second one,
        over two lines.
    c: str = "x\"y"
    *
    d: Py_ssize_t(accept={int, NoneType}, c_default="-1") = None
    e: slice_index(accept={int}) = sys.maxsize
    f: object = NULL
    type: unicode = NULL

Keywords (METH_FASTCALL|METH_KEYWORDS).

{parameters}
Trailing text.
[clinic start generated code]*/
fn keywords_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    a: Borrowed<'a, 'py>,
    b: i32,
    c: &str,
    d: isize,
    e: isize,
    f: Option<Borrowed<'a, 'py>>,
    r#type: Option<Borrowed<'a, 'py>>,
) -> PyResult<isize>
/*[clinic end generated code: output=5899ef0f0e404416 input=ad91e9fe9884f031]*/
{
    Ok(d)
}

/*[clinic input]
shapes.named as named_constant -> int

    level: int(c_default="super::LEVEL") = DEFAULT_LEVEL
    raw: ascii_buffer = b'\x00a'
    text: str(accept={str, NoneType}) = None
    t: object(subclass_of='&PyTuple_Type') = None

[clinic start generated code]*/
fn named_constant_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    level: i32,
    raw: &[u8],
    text: Option<&str>,
    t: Borrowed<'a, 'py>,
) -> PyResult<i32>
/*[clinic end generated code: output=1c84ba72eac6123c input=caac215a31f52e58]*/
{
    Ok(level)
}

/*[clinic input]
@parse_tuple
shapes.legacy_o

    s: object
    /

legacy_o(s) -> str

A METH_O function with a hand-written docstring: no signature line.
[clinic start generated code]*/
fn legacy_o_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    s: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=ddbdb11dbe301778 input=28fa6f5584ba2303]*/
{
    Ok(s.to_owned())
}

/*[clinic input]
@parse_tuple
shapes.legacy_tuple

    s: object
    end: Py_ssize_t
    strict: bool = True
    /

legacy_tuple(s, end, strict=True) -> int

Parsed with PyArg_ParseTuple in C: its count messages, keywords refused
in its words.
[clinic start generated code]*/
fn legacy_tuple_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    s: Borrowed<'a, 'py>,
    end: isize,
    strict: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=0dc77633799d95d7 input=c3d03fc548a78ea5]*/
{
    Ok(end)
}
