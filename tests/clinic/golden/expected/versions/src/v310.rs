//! Before 3.11: `decode` takes no flag.

use ferrocpy::{Borrowed, Module, Owned, PyResult};

/*[clinic input]
module versions python=<3.11
versions.decode

    data: object
    /

Decode data.
[clinic start generated code]*/
fn decode_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    data: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=68da8b1591e0acdc input=7ecc844ac5048fbb]*/
{
    Ok(data.to_owned())
}

/*[clinic input]
versions.removed

    data: object
    /

Removed in 3.11.
[clinic start generated code]*/
fn removed_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    data: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=2167ec8e3aaefc02 input=7cc577a8e1e15094]*/
{
    Ok(data.to_owned())
}
