// The attached-thread token cannot be carried into a detached section either.
use ferrocpy::Python;

fn token_detached(py: Python<'_>) {
    py.detach(|| {
        let _ = py.none();
    });
}

fn main() {}
