//! Golden input: declarations per CPython version range, one file per range (the crate compiles
//! each file only for its versions with `#[cfg(Py_3_N)]`), as binascii declares `a2b_base64`.

use ferrocpy::{Borrowed, Module, Owned, PyResult};

mod clinic {
    include!("clinic/lib.rs");
}

#[cfg(not(Py_3_11))]
mod v310;
#[cfg(all(Py_3_11, not(Py_3_15)))]
mod v311;
#[cfg(not(Py_3_15))]
mod pre315;
#[cfg(Py_3_15)]
mod v315;

/*[clinic input]
module versions
versions.always

    data: object
    /

Declared for every version.
[clinic start generated code]*/
fn always_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    data: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=1435b3cc6c1f4b3f input=2f80ba8d9c7921f1]*/
{
    Ok(data.to_owned())
}
