// An owned reference cannot be moved to another thread (which is not attached).
use ferrocpy::{Owned, Python};

fn send_away(py: Python<'_>) {
    let s: Owned<'_> = ferrocpy::types::str::new(py, "x").unwrap();
    std::thread::spawn(move || drop(s));
}

fn main() {}
