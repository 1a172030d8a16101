//! Golden input: one function per calling convention and converter family.

use ferrocpy::{Borrowed, Module, Owned, PyResult};

pub struct State;

/*[clinic input]
module shapes state=State
[clinic start generated code]*/

/*[clinic input]
shapes.nothing -> bool

Take nothing.
[clinic start generated code]*/
{
    Ok(true)
}

/*[clinic input]
shapes.one

    obj: object
    /

Take one object (METH_O).
[clinic start generated code]*/
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
{
    Ok(level)
}
