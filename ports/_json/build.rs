//! Emits `Py_3_N` cfgs for the target interpreter (cpython-sys reports it as DEP_PYTHON_MINOR):
//! 3.12 returns the encoder's output as a one-item tuple and puts the value in the
//! out-of-range float error, 3.13 encodes `indent` in C and refuses trailing commas, 3.14 adds
//! notes to errors raised while serializing, 3.15 declares the functions with the clinic and
//! adds `array_hook` and `frozendict`.
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
