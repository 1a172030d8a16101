//! `seed_demo`: the two functions of the Rust-for-CPython seed article, on ferrocpy.
//!
//! - `fibonacci(n)`: the naive recursive Fibonacci, to show the cost of interpretation.
//! - `parse_header(data)`: the first four bytes of a bytes-like object decoded as UTF-8,
//!   with bounds checked by slices rather than by hand.
//!
//! Each Python function is a glue function (argument conversion, in the shape ferrocpy's clinic
//! generates) and a plain Rust function. There is no `unsafe` in this crate.

use ferrocpy::exc::{OverflowError, ValueError};
use ferrocpy::{Borrowed, Buffer, IntoPyObject, MethodDef, Module, Owned, PyResult};

ferrocpy::module! {
    name: "seed_demo",
    doc: "Functions from the Rust-for-CPython seed article, written in Rust on ferrocpy.",
    state: (),
    methods: [FIBONACCI, PARSE_HEADER],
}

const FIBONACCI: MethodDef<()> = ferrocpy::function!(
    o, (), "fibonacci",
    "fibonacci($module, n, /)\n--\n\nReturn the n-th Fibonacci number, computed recursively.",
    fibonacci_glue
);

fn fibonacci_glue<'a, 'py>(m: Module<'a, 'py, ()>, n: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let n: i64 = n.extract()?;
    match fibonacci(n) {
        Some(v) => v.into_py(m.py()),
        None => Err(OverflowError::new_err(m.py(), "Fibonacci number does not fit in 64 bits")),
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

const PARSE_HEADER: MethodDef<()> = ferrocpy::function!(
    o, (), "parse_header",
    "parse_header($module, data, /)\n--\n\nReturn the first 4 bytes of data decoded as UTF-8.\n\nRaise ValueError if data is shorter than 4 bytes or its first 4 bytes are not UTF-8.",
    parse_header_glue
);

fn parse_header_glue<'a, 'py>(m: Module<'a, 'py, ()>, data: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let buf = Buffer::get(data)?;
    match parse_header(buf.as_bytes()) {
        Ok(s) => s.into_py(m.py()),
        Err(msg) => Err(ValueError::new_err(m.py(), msg)),
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
