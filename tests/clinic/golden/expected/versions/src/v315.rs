//! 3.15 and later: both take more keywords, and `added` is new.

use ferrocpy::{Borrowed, Module, Owned, PyResult};

/*[clinic input]
module versions python=>=3.15
versions.decode

    data: object
    /
    *
    strict: bool = False
    padded: bool = True

Decode data.
[clinic start generated code]*/
fn decode_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    data: Borrowed<'a, 'py>,
    strict: bool,
    padded: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=0e76f269015f5f78 input=cb73d00063a95abc]*/
{
    Ok(data.to_owned())
}

/*[clinic input]
versions.encode

    data: object
    /
    *
    padded: bool = True
    newline: bool = True

Encode data.
[clinic start generated code]*/
fn encode_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    data: Borrowed<'a, 'py>,
    padded: bool,
    newline: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=01bb18544ef608cc input=7103c7f3c1b6a98f]*/
{
    Ok(data.to_owned())
}

/*[clinic input]
versions.added

    data: object
    /

New in 3.15.
[clinic start generated code]*/
fn added_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    data: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=5aa049a2246c39bd input=39de8b0c1c2ff3d5]*/
{
    Ok(data.to_owned())
}
