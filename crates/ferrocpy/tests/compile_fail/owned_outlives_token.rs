// An owned reference cannot escape the attached period it was made in.
use ferrocpy::{Owned, Python};

fn escape(py: Python<'_>) -> Owned<'static> {
    ferrocpy::types::str::new(py, "x").unwrap()
}

fn main() {}
