//! Misuse of the safe layer that must be rejected by the compiler: each file under
//! `tests/compile_fail/` is compiled and must fail with the error recorded beside it.

#[test]
fn misuse_does_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/compile_fail/*.rs");
}
