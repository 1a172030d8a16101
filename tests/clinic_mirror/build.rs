//! Emits `Py_3_N` cfgs for the target interpreter (cpython-sys reports it as DEP_PYTHON_MINOR):
//! the mirror declares each stdlib function as the running version's C module does.
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
