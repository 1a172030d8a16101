//! Differential test: the core against vectors recorded from CPython's C
//! `binascii` (3.10-3.15) by `tests/gen_vectors.py`, on every backend, with the
//! rules and the functions the binding uses for each version.

use binascii_core as core;
use binascii_core::{Backend, Error};
use serde_json::Value;

fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2));
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// What a call gave: bytes, an integer, or an exception (name, message).
#[derive(Debug, PartialEq)]
enum Outcome {
    Bytes(Vec<u8>),
    Int(u64),
    /// `a2b_hqx`'s `(bytes, done)`.
    Pair(Vec<u8>, bool),
    Exc(String, String),
}

fn from_result(r: Result<Vec<u8>, Error>) -> Outcome {
    match r {
        Ok(v) => Outcome::Bytes(v),
        Err(e) => Outcome::Exc(e.exception_name().to_owned(), e.message().to_owned()),
    }
}

fn expected(v: &Value) -> Outcome {
    if let (Some(o), Some(d)) = (v.get("o"), v.get("d")) {
        Outcome::Pair(unhex(o.as_str().unwrap()), d.as_u64().unwrap() != 0)
    } else if let Some(o) = v.get("o") {
        Outcome::Bytes(unhex(o.as_str().unwrap()))
    } else if let Some(n) = v.get("v") {
        Outcome::Int(n.as_u64().unwrap())
    } else {
        Outcome::Exc(
            v["e"].as_str().unwrap().to_owned(),
            v["m"].as_str().unwrap().to_owned(),
        )
    }
}

fn arg_bool(args: &Value, name: &str, default: bool) -> bool {
    args.get(name).map_or(default, |v| v.as_bool().unwrap())
}

fn arg_sep(args: &Value) -> Result<Option<u8>, Error> {
    match args.get("sep") {
        None => Ok(None),
        Some(v) => {
            if let Some(s) = v.get("str") {
                core::sep_from_str(s.as_str().unwrap()).map(Some)
            } else {
                core::sep_from_bytes(&unhex(v["bytes"].as_str().unwrap())).map(Some)
            }
        }
    }
}

fn arg_bytes(args: &Value, name: &str) -> Option<Vec<u8>> {
    args.get(name).map(|v| unhex(v["bytes"].as_str().unwrap()))
}

fn run(backend: Backend, f: &str, args: &Value, data: &[u8], minor: u32) -> Outcome {
    match f {
        "b2a_base64" if minor >= 15 => {
            let alphabet = match arg_bytes(args, "alphabet") {
                Some(a) => match core::Base64Alphabet::lookup(&a) {
                    Ok(a) => a,
                    Err(e) => return from_result(Err(e)),
                },
                None => std::borrow::Cow::Borrowed(core::Base64Alphabet::standard()),
            };
            let opts = core::B2aBase64Options {
                padded: arg_bool(args, "padded", true),
                wrapcol: args
                    .get("wrapcol")
                    .map_or(0, |v| v.as_u64().unwrap() as usize),
                newline: arg_bool(args, "newline", true),
                alphabet: &alphabet,
            };
            from_result(core::b2a_base64_opts_with(backend, data, &opts))
        }
        "b2a_base64" => from_result(core::b2a_base64_with(
            backend,
            data,
            arg_bool(args, "newline", true),
        )),
        "a2b_base64" if minor >= 15 => {
            let alphabet = match arg_bytes(args, "alphabet") {
                Some(a) => match core::Base64Alphabet::lookup(&a) {
                    Ok(a) => a,
                    Err(e) => return from_result(Err(e)),
                },
                None => std::borrow::Cow::Borrowed(core::Base64Alphabet::standard()),
            };
            let ignorechars = arg_bytes(args, "ignorechars");
            let strict = args
                .get("strict_mode")
                .map_or(ignorechars.is_some(), |v| v.as_bool().unwrap());
            let set = ignorechars.as_deref().map(core::ByteSet::new);
            let opts = core::A2bBase64Options {
                rules: core::Base64Rules::Py314,
                strict,
                padded: arg_bool(args, "padded", true),
                canonical: arg_bool(args, "canonical", false),
                alphabet: &alphabet,
                ignore: set.as_ref(),
            };
            from_result(core::a2b_base64_opts_with(backend, data, &opts))
        }
        "a2b_base64" => from_result(core::a2b_base64_with(
            backend,
            data,
            arg_bool(args, "strict_mode", false),
            core::Base64Rules::for_minor(minor),
        )),
        "b2a_hex" | "hexlify" => {
            let bps = args
                .get("bytes_per_sep")
                .map_or(1, |v| isize::try_from(v.as_i64().unwrap()).unwrap());
            from_result(arg_sep(args).and_then(|sep| core::b2a_hex_with(backend, data, sep, bps)))
        }
        "a2b_hex" | "unhexlify" if minor >= 15 => {
            let set = arg_bytes(args, "ignorechars").map(|b| core::ByteSet::new(&b));
            from_result(core::a2b_hex_ignore_with(backend, data, set.as_ref()))
        }
        "a2b_hex" | "unhexlify" => from_result(core::a2b_hex_with(backend, data)),
        "a2b_qp" => from_result(core::a2b_qp(data, arg_bool(args, "header", false))),
        "b2a_qp" => from_result(core::b2a_qp(
            data,
            arg_bool(args, "quotetabs", false),
            arg_bool(args, "istext", true),
            arg_bool(args, "header", false),
        )),
        "a2b_uu" => from_result(core::a2b_uu(
            data,
            if minor >= 14 {
                core::UuRules::Py314
            } else {
                core::UuRules::Py310
            },
        )),
        "b2a_uu" => from_result(core::b2a_uu(data, arg_bool(args, "backtick", false))),
        "crc32" => {
            let crc = args.get("crc").map_or(0, |v| v.as_u64().unwrap() as u32);
            Outcome::Int(u64::from(core::crc32_with(backend, data, crc)))
        }
        "crc_hqx" => {
            let crc = args["crc"].as_u64().unwrap() as u32;
            Outcome::Int(u64::from(core::crc_hqx(data, crc)))
        }
        "a2b_hqx" => match core::a2b_hqx(data) {
            Ok((v, done)) => Outcome::Pair(v, done),
            Err(e) => from_result(Err(e)),
        },
        "b2a_hqx" => from_result(core::b2a_hqx(data)),
        "rlecode_hqx" => from_result(core::rlecode_hqx(data)),
        "rledecode_hqx" => from_result(core::rledecode_hqx(data)),
        other => panic!("unknown function {other}"),
    }
}

#[test]
fn matches_cpython_vectors() {
    let text = include_str!("data/vectors.json");
    let doc: Value = serde_json::from_str(text).unwrap();
    let versions: Vec<String> = doc["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() > 5000, "too few vectors: {}", cases.len());
    for f in ["a2b_hqx", "b2a_hqx", "rlecode_hqx", "rledecode_hqx"] {
        let n = cases.iter().filter(|c| c["f"] == f).count();
        assert!(n > 20, "too few {f} vectors: {n}");
    }
    let empty = Value::Object(Default::default());
    let mut checked = 0usize;
    let mut failures = Vec::new();
    for case in cases {
        let f = case["f"].as_str().unwrap();
        let data = unhex(case["i"].as_str().unwrap());
        let args = case.get("a").unwrap_or(&empty);
        let per_version: Vec<(u32, Outcome)> = if let Some(r) = case.get("r") {
            let applies: Vec<String> = match case.get("v") {
                Some(v) => v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap().to_owned())
                    .collect(),
                None => versions.clone(),
            };
            applies
                .iter()
                .map(|m| (m.parse().unwrap(), expected(r)))
                .collect()
        } else {
            case["rv"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(m, r)| (m.parse().unwrap(), expected(r)))
                .collect()
        };
        for (minor, want) in per_version {
            for backend in Backend::ALL {
                let got = run(backend, f, args, &data, minor);
                checked += 1;
                if got != want {
                    failures.push(format!(
                        "{f}({:?}, {args}) on 3.{minor} [{backend:?}]: got {got:?}, want {want:?}",
                        String::from_utf8_lossy(&data)
                    ));
                }
            }
        }
    }
    assert!(checked > 30_000, "too few checks: {checked}");
    assert!(
        failures.is_empty(),
        "{} of {checked} checks failed; first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}
