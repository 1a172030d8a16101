//! Emits `Py_3_N` cfgs for the target interpreter (cpython-sys reports it as DEP_PYTHON_MINOR):
//! 3.11 added `compress`'s `wbits`, 3.12 `_ZlibDecompressor`, 3.14 made `compressobj`'s
//! `zdict` default unrepresentable and rewrapped two docstrings (and changed
//! `Decompress`'s end-of-stream rules), 3.15 added the `*_combine`
//! functions and refuses negative sizes in the converters.
fn main() {
    let minor: u32 = std::env::var("DEP_PYTHON_MINOR")
        .expect("cpython-sys did not report the target version")
        .parse()
        .expect("DEP_PYTHON_MINOR is not a number");
    for n in 10..=20u32 {
        println!("cargo:rustc-check-cfg=cfg(Py_3_{n})");
        if n <= minor {
            println!("cargo:rustc-cfg=Py_3_{n}");
        }
    }
}
