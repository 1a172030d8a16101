//! Generates the raw bindings from the headers of the interpreter we build for.
//!
//! The target interpreter is `$FERROCPY_PYTHON` when set, else the first `python3` on `PATH`.
//! Its include directories, extension suffix and object sizes are asked from the interpreter
//! itself through `sysconfig`, so the layouts always follow the exact build that will load the
//! extension. The version and build-variant cfgs (`Py_3_N`, `Py_DEBUG`, `Py_GIL_DISABLED`) are
//! then read from those headers (`PY_MINOR_VERSION`, `Py_DEBUG`, `Py_GIL_DISABLED` as clang
//! evaluates them, see `wrapper.h`) and checked against the interpreter's own report: this is
//! the one place where every version difference of the C API becomes compile-time
//! configuration for the whole workspace (dependents get them as `DEP_PYTHON_*`).
//!
//! `$FERROCPY_HEADERS` (`include[:platinclude]`) replaces the interpreter's header directories
//! for a compile-only check against a header set the interpreter was not built with, such as
//! its own headers configured with `Py_GIL_DISABLED` (no free-threaded CPython can be installed
//! here): the version must still match, the build variant then follows the headers, and
//! `target::HEADERS_ONLY` tells the layout tests that the interpreter's own sizes do not apply.

use std::env;
use std::path::PathBuf;
use std::process::Command;

/// Oldest and newest minor versions we emit `Py_3_N` cfgs for.
const MIN_MINOR: u32 = 10;
const MAX_MINOR: u32 = 20;

const PROBE: &str = r#"
import sys, sysconfig
paths = sysconfig.get_paths()
cv = sysconfig.get_config_var
print("major", sys.version_info[0])
print("minor", sys.version_info[1])
print("include", paths["include"])
print("platinclude", paths.get("platinclude") or paths["include"])
print("debug", 1 if (cv("Py_DEBUG") or hasattr(sys, "gettotalrefcount")) else 0)
print("gil_disabled", 1 if cv("Py_GIL_DISABLED") else 0)
print("abiflags", getattr(sys, "abiflags", "") or "-")
print("ext_suffix", cv("EXT_SUFFIX"))
print("executable", sys.executable)
for name, t in (("object", object), ("tuple", tuple), ("list", list), ("type", type),
                ("float", float), ("bytearray", bytearray), ("module", type(sys))):
    print("basicsize_" + name, t.__basicsize__)
"#;

struct Interpreter {
    minor: u32,
    include: PathBuf,
    platinclude: PathBuf,
    debug: bool,
    gil_disabled: bool,
    facts: Vec<(String, String)>,
}

fn probe(python: &str) -> Interpreter {
    let out = Command::new(python)
        .arg("-c")
        .arg(PROBE)
        .output()
        .unwrap_or_else(|e| {
            panic!("cpython-sys: cannot run the target interpreter {python:?}: {e}")
        });
    if !out.status.success() {
        panic!(
            "cpython-sys: {python:?} failed to describe itself:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = String::from_utf8(out.stdout).expect("interpreter printed non-UTF-8");
    let mut facts = Vec::new();
    for line in text.lines() {
        let (k, v) = line.split_once(' ').expect("malformed probe line");
        facts.push((k.to_string(), v.to_string()));
    }
    let get = |k: &str| -> String {
        facts
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("probe did not report {k}"))
    };
    let major: u32 = get("major").parse().unwrap();
    assert_eq!(major, 3, "cpython-sys supports CPython 3 only");
    Interpreter {
        minor: get("minor").parse().unwrap(),
        include: PathBuf::from(get("include")),
        platinclude: PathBuf::from(get("platinclude")),
        debug: get("debug") == "1",
        gil_disabled: get("gil_disabled") == "1",
        facts,
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=FERROCPY_PYTHON");
    println!("cargo:rerun-if-env-changed=FERROCPY_HEADERS");
    println!("cargo:rerun-if-changed=wrapper.h");
    println!("cargo:rerun-if-changed=shim/inline.c");
    println!("cargo:rerun-if-changed=shim/layout.c");
    let python = env::var("FERROCPY_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let mut interp = probe(&python);
    let headers_only = match env::var("FERROCPY_HEADERS") {
        Ok(dirs) if !dirs.is_empty() => {
            let (inc, plat) = dirs.split_once(':').unwrap_or((&dirs, &dirs));
            interp.include = PathBuf::from(inc);
            interp.platinclude = PathBuf::from(plat);
            println!("cargo:rerun-if-changed={inc}");
            println!("cargo:rerun-if-changed={plat}");
            true
        }
        _ => false,
    };
    if interp.minor < MIN_MINOR {
        panic!(
            "cpython-sys: CPython 3.{} is too old; 3.{MIN_MINOR} or later is required",
            interp.minor
        );
    }

    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let clang_args = vec![
        format!("-I{}", interp.include.display()),
        format!("-I{}", interp.platinclude.display()),
    ];

    let bindings = bindgen::Builder::default()
        .header("wrapper.h")
        .clang_args(&clang_args)
        .allowlist_function("_?Py.*")
        .allowlist_type("_?Py.*")
        .allowlist_var("_?Py.*")
        .allowlist_var("METH_.*")
        .allowlist_var("PY_.*")
        .allowlist_type("ferrocpy_slot_ids|ferrocpy_version|ferrocpy_header_facts")
        .allowlist_type("_object|_typeobject|_longobject")
        // Variadic formatting functions are usable from Rust only with care; keep them anyway.
        .derive_default(true)
        .derive_debug(false)
        .layout_tests(true)
        .generate_comments(false)
        .prepend_enum_name(false)
        .size_t_is_usize(true)
        .parse_callbacks(Box::new(bindgen::CargoCallbacks::new()))
        .generate()
        .unwrap_or_else(|e| {
            panic!(
                "cpython-sys: bindgen failed on {} ({e}). Is libclang installed? \
                 (apt-get install libclang-dev, or pip install libclang)",
                interp.include.display()
            )
        });
    let text = bindings.to_string();
    std::fs::write(out_dir.join("bindings.rs"), &text).expect("write bindings");

    // The build's facts as the headers state them: the cfgs follow the headers the crate is
    // compiled against, cross-checked with what the interpreter said of itself.
    let hdr = |name: &str| -> u32 {
        header_fact(&text, name)
            .unwrap_or_else(|| panic!("cpython-sys: bindgen did not evaluate {name} (wrapper.h)"))
    };
    let (h_major, h_minor) = (hdr("FERROCPY_HDR_MAJOR"), hdr("FERROCPY_HDR_MINOR"));
    let (h_debug, h_gil_disabled) = (
        hdr("FERROCPY_HDR_DEBUG") == 1,
        hdr("FERROCPY_HDR_GIL_DISABLED") == 1,
    );
    if headers_only && (h_major, h_minor) == (3, interp.minor) {
        // A header-only check: the variant is the headers' (see the module docs).
        interp.debug = h_debug;
        interp.gil_disabled = h_gil_disabled;
    }
    if (h_major, h_minor) != (3, interp.minor)
        || h_debug != interp.debug
        || h_gil_disabled != interp.gil_disabled
    {
        panic!(
            "cpython-sys: the headers in {} describe CPython {h_major}.{h_minor} (debug={h_debug}, \
             free-threaded={h_gil_disabled}) but {python:?} is 3.{} (debug={}, free-threaded={})",
            interp.include.display(),
            interp.minor,
            interp.debug,
            interp.gil_disabled
        );
    }

    // cfg flags: Py_3_N for every N up to the target's minor version, plus the build variant.
    for n in MIN_MINOR..=MAX_MINOR {
        println!("cargo:rustc-check-cfg=cfg(Py_3_{n})");
        if n <= h_minor {
            println!("cargo:rustc-cfg=Py_3_{n}");
        }
    }
    println!("cargo:rustc-check-cfg=cfg(Py_DEBUG)");
    println!("cargo:rustc-check-cfg=cfg(Py_GIL_DISABLED)");
    if h_debug {
        println!("cargo:rustc-cfg=Py_DEBUG");
    }
    if h_gil_disabled {
        println!("cargo:rustc-cfg=Py_GIL_DISABLED");
    }
    // Handed to dependents' build scripts as DEP_PYTHON_* (see `links = "python"`).
    println!("cargo:minor={}", h_minor);
    println!("cargo:debug={}", h_debug as u8);
    println!("cargo:gil_disabled={}", h_gil_disabled as u8);

    // facts.rs keeps what the interpreter itself reported (the layout tests compare the cfgs and
    // the struct sizes with it).
    let mut facts = String::from("/// Facts reported by the target interpreter at build time.\n");
    facts.push_str(&format!("pub const PY_MINOR: u32 = {};\n", interp.minor));
    facts.push_str(&format!("pub const PY_DEBUG: bool = {};\n", interp.debug));
    facts.push_str(&format!(
        "pub const PY_GIL_DISABLED: bool = {};\n",
        interp.gil_disabled
    ));
    facts.push_str(&format!(
        "/// Compiled against `$FERROCPY_HEADERS`, not the interpreter's own headers.\n\
         pub const HEADERS_ONLY: bool = {headers_only};\n"
    ));
    for (k, v) in &interp.facts {
        if let Some(name) = k.strip_prefix("basicsize_") {
            facts.push_str(&format!(
                "pub const BASICSIZE_{}: usize = {v};\n",
                name.to_uppercase()
            ));
        } else if k == "ext_suffix" || k == "abiflags" || k == "executable" {
            facts.push_str(&format!(
                "pub const {}: &str = {:?};\n",
                k.to_uppercase(),
                v
            ));
        }
    }
    std::fs::write(out_dir.join("facts.rs"), facts).unwrap();

    // The C API's macros and static inline functions, compiled by the C compiler against the
    // same headers: the reference our Rust replicas are tested against, and the slow path for
    // builds whose layout we do not replicate.
    let mut build = cc::Build::new();
    build
        .file("shim/inline.c")
        .file("shim/layout.c")
        .include(&interp.include)
        .include(&interp.platinclude)
        .warnings(false)
        .opt_level(2);
    build.compile("ferrocpy_inline_shim");
}

/// The value bindgen gave a constant of `enum ferrocpy_header_facts` (`pub const NAME: T = V;`).
fn header_fact(bindings: &str, name: &str) -> Option<u32> {
    let at = bindings.find(&format!("pub const {name}:"))?;
    let rest = &bindings[at..];
    let value = rest[rest.find('=')? + 1..rest.find(';')?].trim();
    value.parse().ok()
}
