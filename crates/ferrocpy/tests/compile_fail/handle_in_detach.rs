// A Python handle cannot be used while the thread is detached: `detach` takes a `Send`
// closure, and handles are not `Send`.
use ferrocpy::{Borrowed, Python};

fn use_handle_detached(py: Python<'_>, obj: Borrowed<'_, '_>) -> bool {
    py.detach(|| obj.is_none())
}

fn main() {}
