use super::*;

fn cps(s: &str) -> Vec<u32> {
    s.chars().map(|c| c as u32).collect()
}

fn scan(s: &str, end: isize, strict: bool) -> Result<(String, usize), ScanError> {
    let v = cps(s);
    scanstring(&v, end, strict, Rules::PY310).map(|(r, e)| {
        let points = match r {
            Scanned::Slice(a, b) => v[a..b].to_vec(),
            Scanned::Decoded(d) => d,
        };
        (
            points
                .iter()
                .map(|&c| char::from_u32(c).unwrap_or('?'))
                .collect(),
            e,
        )
    })
}

fn err(msg: &'static str, pos: isize) -> ScanError {
    ScanError::Decode { msg, pos }
}

#[test]
fn scanstring_plain_and_escapes() {
    assert_eq!(scan("\"abc\"", 1, true), Ok(("abc".into(), 5)));
    assert_eq!(
        scan(r#""a\n\t\"\\\/\u00e9\ud83d\ude00z" tail"#, 1, true),
        Ok(("a\n\t\"\\/é😀z".into(), 32))
    );
    // No escape: the contents are a slice of the input.
    let v = cps("x\"hello\"");
    assert_eq!(
        scanstring(&v, 2, true, Rules::PY310),
        Ok((Scanned::Slice(2, 7), 8))
    );
}

#[test]
fn scanstring_lone_surrogates_kept() {
    let v = cps(r#""\ud800\u0041""#);
    let (r, end) = scanstring(&v, 1, true, Rules::PY310).unwrap();
    assert_eq!(r, Scanned::Decoded(vec![0xD800, 0x41]));
    assert_eq!(end, 14);
    let v = cps(r#""\udc00""#);
    assert_eq!(
        scanstring(&v, 1, true, Rules::PY310).unwrap().0,
        Scanned::Decoded(vec![0xDC00])
    );
    // A high surrogate followed by a non-surrogate escape.
    let v = cps(r#""\ud800\ud800""#);
    assert_eq!(
        scanstring(&v, 1, true, Rules::PY310).unwrap().0,
        Scanned::Decoded(vec![0xD800, 0xD800])
    );
}

#[test]
fn scanstring_errors_as_c() {
    assert_eq!(scan("\"ab", 1, true), Err(err(msg::UNTERMINATED, 0)));
    assert_eq!(scan("ab", 0, true), Err(err(msg::UNTERMINATED, -1)));
    assert_eq!(scan("\"a\\", 1, true), Err(err(msg::UNTERMINATED, 0)));
    assert_eq!(scan("\"a\x01\"", 1, true), Err(err(msg::CONTROL, 2)));
    assert_eq!(scan("\"a\x01\"", 1, false), Ok(("a\x01".into(), 4)));
    assert_eq!(scan("\"\\x\"", 1, true), Err(err(msg::ESCAPE, 1)));
    assert_eq!(scan("\"\\u12\"", 1, true), Err(err(msg::UXXXX, 2)));
    assert_eq!(scan("\"\\u12g4\"", 1, true), Err(err(msg::UXXXX, 2)));
    assert_eq!(scan("\"\\ud800\\u12x4\"", 1, true), Err(err(msg::UXXXX, 8)));
    assert_eq!(scan("abc", 4, true), Err(ScanError::EndOutOfBounds));
    assert_eq!(scan("abc", -1, true), Err(ScanError::EndOutOfBounds));
}

#[test]
fn numbers() {
    let n = |s: &str, i: usize| match_number(&cps(s), i);
    assert_eq!(
        n("123,", 0),
        Some(Number {
            end: 3,
            is_float: false
        })
    );
    assert_eq!(
        n("-0.5e+3]", 0),
        Some(Number {
            end: 7,
            is_float: true
        })
    );
    assert_eq!(
        n("1.5e+", 0),
        Some(Number {
            end: 3,
            is_float: true
        })
    );
    assert_eq!(
        n("1e", 0),
        Some(Number {
            end: 1,
            is_float: false
        })
    );
    assert_eq!(
        n("1.", 0),
        Some(Number {
            end: 1,
            is_float: false
        })
    );
    assert_eq!(
        n("012", 0),
        Some(Number {
            end: 1,
            is_float: false
        })
    );
    assert_eq!(n("-", 0), None);
    assert_eq!(n("-x", 0), None);
    assert_eq!(n("x", 0), None);
    assert_eq!(number_text(&cps("-12.5"), 0, 5), "-12.5");
}

#[test]
fn terms() {
    let t = |s: &str| term(&cps(s), 0);
    assert_eq!(t("null"), Term::Null);
    assert_eq!(t("nul"), Term::Number);
    assert_eq!(t("false"), Term::False);
    assert_eq!(t("-Infinity"), Term::Constant("-Infinity"));
    assert_eq!(t("-1"), Term::Number);
    assert_eq!(skip_whitespace(&cps(" \t\r\nx"), 0), 4);
}

#[test]
fn escaping() {
    let mut out = Vec::new();
    let mut input = cps("a\"\\\n\u{1}é\u{1F600}");
    input.push(0xDC00);
    escape_ascii(&input, &mut out);
    assert_eq!(
        std::str::from_utf8(&out).unwrap(),
        r#""a\"\\\n\u0001\u00e9\ud83d\ude00\udc00""#
    );
    let mut out: Vec<u16> = Vec::new();
    escape(&[0x41u16, 0x1f, 0x22, 0x3a9], &mut out);
    assert_eq!(
        out,
        [0x22, 0x41, 0x5c, 0x75, 0x30, 0x30, 0x31, 0x66, 0x5c, 0x22, 0x3a9, 0x22]
    );
}

#[test]
fn writer_widens() {
    let mut w = Writer::new();
    w.push_ascii(b"[");
    w.push(&[0xe9u8]);
    assert!(matches!(w, Writer::Latin1(_)));
    w.push(&[0x41u16]);
    assert!(matches!(w, Writer::Latin1(_)));
    w.push(&[0x3a9u32]);
    assert_eq!(w, Writer::Ucs2(vec![0x5b, 0xe9, 0x41, 0x3a9]));
    w.push_escaped_ascii(&[0x1F600u32]);
    w.push(&[0x1F600u32]);
    assert_eq!(w.len(), 4 + 14 + 1);
    assert!(matches!(w, Writer::Ucs4(_)));
}

#[test]
fn escape_at_end_per_version() {
    let v = cps(r#""\u0041"#);
    assert_eq!(
        scanstring(&v, 1, true, Rules::PY310),
        Err(err(msg::UXXXX, 2))
    );
    assert_eq!(
        scanstring(&v, 1, true, Rules::PY314),
        Err(err(msg::UNTERMINATED, 0))
    );
    let v = cps(r#""\u004"#);
    assert_eq!(
        scanstring(&v, 1, true, Rules::PY314),
        Err(err(msg::UXXXX, 2))
    );
}
