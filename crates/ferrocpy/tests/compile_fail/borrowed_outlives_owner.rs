// A borrowed handle cannot outlive the owned reference it borrows from.
use ferrocpy::{Borrowed, Python};

fn dangling<'py>(py: Python<'py>) -> bool {
    let b: Borrowed<'_, 'py>;
    {
        let owner = ferrocpy::types::str::new(py, "x").unwrap();
        b = owner.as_borrowed();
    }
    b.is_none()
}

fn main() {}
