//! Re-emits the target interpreter's cfgs (handed over by cpython-sys as DEP_PYTHON_*).
fn main() {
    let minor: u32 = std::env::var("DEP_PYTHON_MINOR")
        .expect("cpython-sys did not report the target version")
        .parse()
        .unwrap();
    for n in 10..=20u32 {
        println!("cargo:rustc-check-cfg=cfg(Py_3_{n})");
        if n <= minor {
            println!("cargo:rustc-cfg=Py_3_{n}");
        }
    }
    println!("cargo:rustc-check-cfg=cfg(Py_DEBUG)");
    println!("cargo:rustc-check-cfg=cfg(Py_GIL_DISABLED)");
    if std::env::var("DEP_PYTHON_DEBUG").as_deref() == Ok("1") {
        println!("cargo:rustc-cfg=Py_DEBUG");
    }
    if std::env::var("DEP_PYTHON_GIL_DISABLED").as_deref() == Ok("1") {
        println!("cargo:rustc-cfg=Py_GIL_DISABLED");
    }
}
