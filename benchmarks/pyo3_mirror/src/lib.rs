//! The benchmark shapes of tests/clinic_mirror, written with PyO3 (same signatures and trivial
//! bodies), to compare per-call overhead.

use pyo3::buffer::PyBuffer;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

#[pyfunction]
fn isenabled() -> bool {
    true
}

#[pyfunction]
#[pyo3(signature = (hexstr, /))]
fn a2b_hex<'py>(py: Python<'py>, hexstr: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    if let Ok(s) = hexstr.downcast::<PyString>() {
        let s = s.to_str()?;
        return Ok(PyBytes::new(py, s.as_bytes()));
    }
    let buf = PyBuffer::<u8>::get(hexstr)?;
    Ok(PyBytes::new(py, &buf.to_vec(py)?))
}

#[pyfunction]
#[pyo3(signature = (data, crc=0, /))]
fn crc32(data: PyBuffer<u8>, crc: u32) -> u32 {
    crc ^ data.len_bytes() as u32
}

#[pyfunction]
#[pyo3(signature = (data, /, *, newline=true))]
fn b2a_base64<'py>(py: Python<'py>, data: PyBuffer<u8>, newline: bool) -> PyResult<(Bound<'py, PyBytes>, bool)> {
    Ok((PyBytes::new(py, &data.to_vec(py)?), newline))
}

#[pyfunction]
#[pyo3(signature = (a, x, lo=0, hi=None, *, key=None))]
fn bisect_left(a: &Bound<'_, PyAny>, x: &Bound<'_, PyAny>, lo: isize, hi: Option<isize>, key: Option<&Bound<'_, PyAny>>) -> isize {
    let _ = (a, x, key);
    lo + hi.unwrap_or(-1)
}

#[pymodule]
fn pyo3_mirror(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(isenabled, m)?)?;
    m.add_function(wrap_pyfunction!(a2b_hex, m)?)?;
    m.add_function(wrap_pyfunction!(crc32, m)?)?;
    m.add_function(wrap_pyfunction!(b2a_base64, m)?)?;
    m.add_function(wrap_pyfunction!(bisect_left, m)?)?;
    Ok(())
}
