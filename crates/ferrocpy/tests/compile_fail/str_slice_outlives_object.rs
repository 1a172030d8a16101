// Text read in place from a str cannot outlive the object that stores it.
use ferrocpy::Python;

fn text(py: Python<'_>) -> &'static str {
    let s = ferrocpy::types::str::new(py, "x").unwrap();
    ferrocpy::types::str::as_utf8(s.as_borrowed()).unwrap()
}

fn main() {}
