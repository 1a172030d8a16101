//! `call_probe`: clinic-declared functions whose work is exactly that of a small C builtin, so
//! that a benchmark comparing the two measures only the fixed cost of a call (entry, argument
//! conversion, result conversion, panic containment).
//!
//! - `imode(mode, /)`: `mode & 0o7777`, the work of `stat.S_IMODE` (C, `METH_O`: one int
//!   conversion in, one out), declared `int -> int`.

use ferrocpy::{Module, PyResult};

mod clinic {
    include!("clinic/lib.rs");
}

ferrocpy::module! {
    name: "call_probe",
    doc: "Clinic-declared functions doing the work of small C builtins (call-overhead probes).",
    state: (),
    methods: [clinic::CALL_PROBE_IMODE_METHODDEF],
}

/*[clinic input]
module call_probe state=()
call_probe.imode -> int

    mode: int
    /

Return the permission bits of mode (mode & 0o7777), as stat.S_IMODE does.
[clinic start generated code]*/
fn imode_impl<'a, 'py>(module: Module<'a, 'py, ()>, mode: i32) -> PyResult<i32>
/*[clinic end generated code: output=6e70c2426868759d input=2b24caaf1af8cebc]*/
{
    let _ = module;
    Ok(mode & 0o7777)
}
