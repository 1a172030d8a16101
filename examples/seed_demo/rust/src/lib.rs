//! `seed_demo`: the two functions of the Rust-for-CPython seed article, on ferrocpy.
//!
//! - `fibonacci(n)`: the naive recursive Fibonacci, to show the cost of interpretation.
//! - `parse_header(data)`: the first four bytes of a bytes-like object decoded as UTF-8,
//!   with bounds checked by slices rather than by hand.
//!
//! Each Python function is declared in CPython's Argument Clinic language; `ferrocpy.clinic`
//! (run by the build backend before compiling) writes the impl signature under each block and
//! the argument-parsing glue to `src/clinic/lib.rs`. There is no `unsafe` in this crate.

use ferrocpy::exc::{OverflowError, ValueError};
use ferrocpy::{IntoPyObject, Module, Owned, PyResult};

mod clinic {
    include!("clinic/lib.rs");
}

ferrocpy::module! {
    name: "seed_demo",
    doc: "Functions from the Rust-for-CPython seed article, written in Rust on ferrocpy.",
    state: (),
    methods: [clinic::SEED_DEMO_FIBONACCI_METHODDEF, clinic::SEED_DEMO_PARSE_HEADER_METHODDEF],
}

/*[clinic input]
module seed_demo state=()
seed_demo.fibonacci

    n: int
    /

Return the n-th Fibonacci number, computed recursively.
[clinic start generated code]*/
fn fibonacci_impl<'a, 'py>(module: Module<'a, 'py, ()>, n: i32) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=77a0b2c7efe896f1 input=a2827f47ebcb1177]*/
{
    let py = module.py();
    match fibonacci(i64::from(n)) {
        Some(v) => v.into_py(py),
        None => Err(OverflowError::new_err(py, "Fibonacci number does not fit in 64 bits")),
    }
}

/// The n-th Fibonacci number by naive recursion (`n` itself for `n <= 1`, like the Python
/// version); `None` if it overflows `i64`.
pub fn fibonacci(n: i64) -> Option<i64> {
    if n <= 1 {
        return Some(n);
    }
    fibonacci(n - 1)?.checked_add(fibonacci(n - 2)?)
}

/*[clinic input]
seed_demo.parse_header

    data: Py_buffer
    /

Return the first 4 bytes of data decoded as UTF-8.

Raise ValueError if data is shorter than 4 bytes or its first 4 bytes are not UTF-8.
[clinic start generated code]*/
fn parse_header_impl<'a, 'py>(module: Module<'a, 'py, ()>, data: &[u8]) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=e644ab8e43d42e09 input=027ddb341dcbf5cb]*/
{
    match parse_header(data) {
        Ok(text) => text.into_py(module.py()),
        Err(msg) => Err(ValueError::new_err(module.py(), msg)),
    }
}

/// The 4-byte signature at the start of `data`, as UTF-8.
pub fn parse_header(data: &[u8]) -> Result<&str, &'static str> {
    let signature = data.get(..4).ok_or("Header too short")?;
    std::str::from_utf8(signature).map_err(|_| "Invalid UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fib() {
        assert_eq!(fibonacci(0), Some(0));
        assert_eq!(fibonacci(1), Some(1));
        assert_eq!(fibonacci(-3), Some(-3));
        assert_eq!(fibonacci(30), Some(832040));
        assert_eq!(fibonacci(35), Some(9227465));
    }

    #[test]
    fn header() {
        assert_eq!(parse_header(b"PNG\x00rest"), Ok("PNG\x00"));
        assert_eq!(parse_header(b"ab"), Err("Header too short"));
        assert_eq!(parse_header(b"\xff\xfe\x00\x00"), Err("Invalid UTF-8"));
        assert_eq!(parse_header("é€".as_bytes()), Err("Invalid UTF-8"));
        assert_eq!(parse_header("éé".as_bytes()), Ok("éé"));
    }
}
