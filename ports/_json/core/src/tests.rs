use super::*;

/// A deterministic xorshift64 generator of test inputs, from a non-zero seed.
fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

fn cps(s: &str) -> Vec<u32> {
    s.chars().map(|c| c as u32).collect()
}

fn scan(s: &str, end: isize, strict: bool) -> Result<(String, usize), ScanError> {
    let v = cps(s);
    scanstring(&v, end, strict, Rules::PY310).map(|(r, e)| {
        let points = match r {
            Scanned::Slice(a, b) => v[a..b].to_vec(),
            Scanned::Decoded(d) => d.code_points(),
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
    assert_eq!(
        r,
        Scanned::Decoded(Writer::from(Units::Ucs2(&[0xD800, 0x41])))
    );
    assert_eq!(end, 14);
    let v = cps(r#""\udc00""#);
    assert_eq!(
        scanstring(&v, 1, true, Rules::PY310).unwrap().0,
        Scanned::Decoded(Writer::from(Units::Ucs2(&[0xDC00])))
    );
    // A high surrogate followed by a non-surrogate escape.
    let v = cps(r#""\ud800\ud800""#);
    assert_eq!(
        scanstring(&v, 1, true, Rules::PY310).unwrap().0,
        Scanned::Decoded(Writer::from(Units::Ucs2(&[0xD800, 0xD800])))
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
    assert!(matches!(w.units(), Units::Latin1(_)));
    w.push(&[0x41u16]);
    assert!(matches!(w.units(), Units::Latin1(_)));
    w.push(&[0x3a9u32]);
    assert_eq!(w, Writer::from(Units::Ucs2(&[0x5b, 0xe9, 0x41, 0x3a9])));
    w.push_escaped_ascii(&[0x1F600u32]);
    w.push(&[0x1F600u32]);
    assert_eq!(w.len(), 4 + 14 + 1);
    assert!(matches!(w.units(), Units::Ucs4(_)));
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

fn frepr(v: f64) -> String {
    let mut buf = [0u8; FLOAT_REPR_MAX];
    let n = float_repr(v, &mut buf);
    String::from_utf8(buf[..n].to_vec()).unwrap()
}

#[test]
fn float_repr_layout() {
    // repr() of CPython for each value.
    for (v, r) in [
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-2.5, "-2.5"),
        (0.1, "0.1"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (0.000123, "0.000123"),
        (1.5e-5, "1.5e-05"),
        (1e15, "1000000000000000.0"),
        (1234567890123456.0, "1234567890123456.0"),
        (1e16, "1e+16"),
        (1.5e16, "1.5e+16"),
        (12345678901234567.0, "1.2345678901234568e+16"),
        (1e22, "1e+22"),
        (1e100, "1e+100"),
        (f64::MAX, "1.7976931348623157e+308"),
        (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
        (5e-324, "5e-324"),
        (-1.2345e-300, "-1.2345e-300"),
        (123.456, "123.456"),
        (0.3, "0.3"),
        (2.0f64.powi(-24), "5.960464477539063e-08"),
    ] {
        assert_eq!(frepr(v), r, "{v:e}");
    }
}

#[test]
fn float_repr_ties_to_even() {
    // Exactly halfway between two shortest candidates: CPython takes the even last digit.
    assert_eq!(frepr(1669760939663944.0 + 0.25), "1669760939663944.2");
    assert_eq!(frepr(-(1737470848118124.0 + 0.25)), "-1737470848118124.2");
    assert_eq!(frepr(1669760939663944.0 + 0.75), "1669760939663944.8");
}

#[test]
fn find_escape_word_at_a_time_matches_one_at_a_time() {
    let scalar = |s: &[u8], from: usize, ascii: bool| {
        (from..s.len())
            .find(|&i| {
                let c = s[i];
                c < 0x20 || c == b'"' || c == b'\\' || (ascii && c >= 0x7f)
            })
            .unwrap_or(s.len())
    };
    for b in 0..=255u8 {
        for pos in 0..20 {
            for fill in [b'a', 0x7e, 0x20, 0xff, 0x80] {
                let mut s = vec![fill; 20];
                s[pos] = b;
                for from in [0, 1, 7, 8, 13] {
                    for ascii in [false, true] {
                        assert_eq!(
                            u8::find_escape(&s, from, ascii),
                            scalar(&s, from, ascii),
                            "{b:#x} at {pos} in {fill:#x}, from {from}, ascii {ascii}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn escapes_in_every_writer_width() {
    let text: Vec<u32> = "a\"b\\c\n\u{1}\u{7f}é\u{3a9}\u{1F600}xyz0123456789"
        .chars()
        .map(|c| c as u32)
        .collect();
    let mut ascii = Vec::new();
    escape_ascii(&text, &mut ascii);
    assert_eq!(
        String::from_utf8(ascii.clone()).unwrap(),
        r#""a\"b\\c\n\u0001\u007f\u00e9\u03a9\ud83d\ude00xyz0123456789""#
    );
    let mut plain = Vec::new();
    escape(&text, &mut plain);
    let plain: String = plain.iter().map(|&c| char::from_u32(c).unwrap()).collect();
    assert_eq!(
        plain,
        "\"a\\\"b\\\\c\\n\\u0001\u{7f}é\u{3a9}\u{1F600}xyz0123456789\""
    );
    // The same through writers already wider than the text, and narrower ones that widen.
    let latin: Vec<u8> = text
        .iter()
        .filter(|&&c| c < 0x100)
        .map(|&c| c as u8)
        .collect();
    for mut w in [
        Writer::from(Units::Latin1(&[])),
        Writer::from(Units::Ucs2(&[])),
        Writer::from(Units::Ucs4(&[])),
    ] {
        w.push_escaped_ascii(&latin);
        w.push_escaped(&latin);
        let mut want = Vec::new();
        escape_ascii(&latin, &mut want);
        let mut want2 = Vec::new();
        escape(&latin, &mut want2);
        let mut expect = Writer::from(Units::Latin1(&want));
        expect.push(&want2);
        assert!(matches!(expect.units(), Units::Latin1(_)));
        assert_eq!(w.code_points(), expect.code_points());
    }
}

#[test]
fn int_text_every_width() {
    for v in [0i64, 7, -7, 10, -10, 1234567890, i64::MAX, i64::MIN, -1] {
        let mut buf = [0u8; 20];
        let at = int_text(v, &mut buf);
        assert_eq!(std::str::from_utf8(&buf[at..]).unwrap(), v.to_string());
    }
}

#[test]
fn key_memo_by_code_points() {
    // Values are the keys' code points, compared by the caller's function.
    let same = |v: &Vec<u32>, k: &[u32]| v[..] == *k;
    let same8 = |v: &Vec<u32>, k: &[u8]| v.iter().copied().eq(k.iter().map(|&b| u32::from(b)));
    let same16 = |v: &Vec<u32>, k: &[u16]| v.iter().copied().eq(k.iter().map(|&b| u32::from(b)));
    for count in [0, 1, 7, 31, 32, 33, 64, 65, 500] {
        let mut m: KeyMemo<Vec<u32>> = KeyMemo::new();
        let keys: Vec<Vec<u32>> = (0..count)
            .map(|i| format!("key{i}").chars().map(|c| c as u32).collect())
            .collect();
        for k in &keys {
            let (h, found) = m.get(k, same);
            assert!(found.is_none());
            m.insert(h, k.clone());
        }
        assert_eq!(m.len(), count);
        for k in &keys {
            // The same key in every width finds the same entry.
            let narrow: Vec<u8> = k.iter().map(|&c| c as u8).collect();
            let wide: Vec<u16> = k.iter().map(|&c| c as u16).collect();
            assert_eq!(m.get(k, same).1, Some(k));
            assert_eq!(m.get(&narrow, same8).1, Some(k));
            assert_eq!(m.get(&wide, same16).1, Some(k));
        }
        assert_eq!(m.get(&[0xe9u8], same8).1, None);
        assert_eq!(m.get::<u8>(&[], same8).1, None);
        let (h, _) = m.get::<u32>(&[], same);
        m.insert(h, vec![]);
        assert_eq!(m.get::<u16>(&[], same16).1, Some(&vec![]));
    }
}

/// Integers of at most eighteen digits, both signs, the extremes included.
const SHORT_INTS: [&str; 6] = [
    "0",
    "-0",
    "7",
    "-7",
    "123456789012345678",
    "-123456789012345678",
];

#[test]
fn small_ints_read_in_place() {
    for text in SHORT_INTS {
        let v: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(small_int(&v, 0, v.len()), Some(text.parse().unwrap()));
    }
    let long = b"1234567890123456789";
    assert_eq!(small_int(long, 0, long.len()), None);
}

#[test]
fn decoded_strings_in_the_narrowest_width() {
    let v = cps(r#""caf\u00e9""#);
    assert_eq!(
        scanstring(&v, 1, true, Rules::PY310).unwrap().0,
        Scanned::Decoded(Writer::from(Units::Latin1(b"caf\xe9")))
    );
    let v: Vec<u8> = br#""\u03a9\ud83d\ude00x""#.to_vec();
    assert_eq!(
        scanstring(&v, 1, true, Rules::PY310).unwrap().0,
        Scanned::Decoded(Writer::from(Units::Ucs4(&[0x3a9, 0x1F600, 0x78])))
    );
}

#[test]
fn float_repr_short_decimals_as_the_general_path() {
    use crate::floatrepr::float_repr_general;
    let check = |v: f64| {
        let (mut a, mut b) = ([0u8; FLOAT_REPR_MAX], [0u8; FLOAT_REPR_MAX]);
        let (na, nb) = (float_repr(v, &mut a), float_repr_general(v, &mut b));
        assert_eq!(a[..na], b[..nb], "{v:e}");
    };
    let mut next = xorshift(0x1234_5678_9abc_def0u64);
    for _ in 0..300_000 {
        // Decimals of 1 to 13 digits with 0 to 10 fractional ones, their neighbours, and
        // random doubles below 2**41.
        let r = next();
        let digits = 10u64.pow((r % 13) as u32 + 1);
        let n = next() % digits;
        let k = (next() % 11) as i32;
        let v = n as f64 / 10f64.powi(k);
        for w in [
            v,
            f64::from_bits(v.to_bits() + 1),
            f64::from_bits(v.to_bits().saturating_sub(1)),
        ] {
            if w.is_finite() {
                check(w);
                check(-w);
            }
        }
        check(f64::from_bits(next() % (1043u64 << 52)));
    }
    for v in [
        0.1,
        0.2,
        0.3,
        2.5,
        57.123,
        1e-5,
        1e-4,
        1099511627775.0,
        1099511627776.5,
        0.1 + 0.2,
    ] {
        check(v);
    }
}

#[test]
fn escaped_ascii_in_place_matches_the_buffered_escape() {
    // Every width, with plain runs, short escapes, control characters, DEL, non-ASCII and
    // astral characters: the two-pass writer gives what `escape_ascii` appends.
    let mut next = xorshift(0x2545_F491_4F6C_DD1Du64);
    let pool: [u32; 12] = [
        b'a' as u32,
        b'"' as u32,
        b'\\' as u32,
        0x0a,
        0x01,
        0x7f,
        0xe9,
        0xff,
        0x3b1,
        0xffff,
        0x1f40d,
        0x10ffff,
    ];
    for len in 0..80 {
        for width in 0..3 {
            let cp: Vec<u32> = (0..len)
                .map(|_| pool[(next() % pool.len() as u64) as usize])
                .filter(|&c| match width {
                    0 => c < 0x100,
                    1 => c < 0x10000,
                    _ => true,
                })
                .collect();
            let check = |want: Vec<u8>, n: usize, out: &mut Vec<u8>| {
                assert_eq!(n, want.len());
                assert_eq!(*out, want);
            };
            let mut want = Vec::new();
            let mut out;
            match width {
                0 => {
                    let s: Vec<u8> = cp.iter().map(|&c| c as u8).collect();
                    escape_ascii(&s, &mut want);
                    out = vec![0; escaped_ascii_len(&s)];
                    write_escaped_ascii(&s, &mut out);
                    check(want, escaped_ascii_len(&s), &mut out);
                }
                1 => {
                    let s: Vec<u16> = cp.iter().map(|&c| c as u16).collect();
                    escape_ascii(&s, &mut want);
                    out = vec![0; escaped_ascii_len(&s)];
                    write_escaped_ascii(&s, &mut out);
                    check(want, escaped_ascii_len(&s), &mut out);
                }
                _ => {
                    escape_ascii(&cp, &mut want);
                    out = vec![0; escaped_ascii_len(&cp)];
                    write_escaped_ascii(&cp, &mut out);
                    check(want, escaped_ascii_len(&cp), &mut out);
                }
            }
        }
    }
}

/// The code points of `escape_ascii`/`escape` of `cp` in the width `width` (0, 1, 2).
fn reference_escape(cp: &[u32], width: usize, ascii: bool) -> Vec<u32> {
    fn go<T: Unit>(s: &[T], ascii: bool) -> Vec<u32> {
        if ascii {
            let mut v = Vec::new();
            escape_ascii(s, &mut v);
            v.iter().map(|&c| u32::from(c)).collect()
        } else {
            let mut v = Vec::new();
            escape(s, &mut v);
            v.iter().map(|u| u.cp()).collect()
        }
    }
    match width {
        0 => go(&cp.iter().map(|&c| c as u8).collect::<Vec<_>>(), ascii),
        1 => go(&cp.iter().map(|&c| c as u16).collect::<Vec<_>>(), ascii),
        _ => go(cp, ascii),
    }
}

#[test]
fn out_escapes_as_the_reference_in_every_width() {
    // Random strings of plain runs (long and short), short escapes, control characters, DEL,
    // Latin-1, BMP and astral characters, in each source width, appended to outputs starting
    // in each storage width, with and without ensure_ascii: the same code points as the
    // reference escapes, whatever came before in the output.
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15u64);
    let pool: [u32; 16] = [
        b'a' as u32,
        b'z' as u32,
        b' ' as u32,
        b'~' as u32,
        b'"' as u32,
        b'\\' as u32,
        0x0a,
        0x01,
        0x1f,
        0x7f,
        0x80,
        0xe9,
        0xff,
        0x3b1,
        0xffff,
        0x1f40d,
    ];
    for len in 0..90 {
        for round in 0..6 {
            for width in 0..3 {
                // Mostly plain text in some rounds, so that the eight-at-a-time path runs.
                let plain_bias = round % 3;
                let cp: Vec<u32> = (0..len)
                    .map(|_| {
                        let r = next();
                        if plain_bias > 0 && r % 8 < 6 + plain_bias as u64 {
                            u32::from(b'a') + (r >> 8) as u32 % 26
                        } else {
                            pool[((r >> 16) % pool.len() as u64) as usize]
                        }
                    })
                    .filter(|&c| match width {
                        0 => c < 0x100,
                        1 => c < 0x10000,
                        _ => true,
                    })
                    .collect();
                for ascii in [true, false] {
                    for start in 0..3 {
                        let mut out = Out::new();
                        let mut want: Vec<u32> = b"[".iter().map(|&b| u32::from(b)).collect();
                        out.byte(b'[');
                        match start {
                            1 => {
                                out.push(&[0x3a9u16]);
                                want.push(0x3a9);
                            }
                            2 => {
                                out.push(&[0x1F600u32]);
                                want.push(0x1F600);
                            }
                            _ => {}
                        }
                        match width {
                            0 => {
                                out.escaped(&cp.iter().map(|&c| c as u8).collect::<Vec<_>>(), ascii)
                            }
                            1 => out
                                .escaped(&cp.iter().map(|&c| c as u16).collect::<Vec<_>>(), ascii),
                            _ => out.escaped(&cp, ascii),
                        }
                        want.extend(reference_escape(&cp, width, ascii));
                        out.byte(b']');
                        want.push(u32::from(b']'));
                        assert_eq!(
                            out.code_points(),
                            want,
                            "{cp:x?} ascii={ascii} start={start}"
                        );
                        assert_eq!(out.len(), want.len());
                    }
                }
            }
        }
    }
}

#[test]
fn out_numbers_pieces_and_growth() {
    let mut out = Out::new();
    let mut want = String::new();
    let ints = [
        0i64,
        7,
        -7,
        9,
        10,
        99,
        100,
        -100,
        12345,
        1234567890,
        i64::MAX,
        i64::MIN,
        -1,
    ];
    let floats = [
        0.0f64,
        -0.0,
        1.5,
        1e16,
        1e-7,
        123456.789,
        f64::MAX,
        f64::MIN_POSITIVE,
    ];
    let sep = Piece::new(b", ");
    let long = Piece::new(&[0x20u16; 12]);
    let wide = Piece::new(&[0x3a9u16, 0x3a]);
    // Thousands of writes: the storage grows many times over.
    for round in 0..400 {
        for &v in &ints {
            out.int(v);
            want.push_str(&v.to_string());
            out.piece(&sep);
            want.push_str(", ");
        }
        for &v in &floats {
            out.float(v);
            want.push_str(&frepr(v));
            out.piece(&long);
            want.push_str(&" ".repeat(12));
        }
        out.ascii(b"null");
        want.push_str("null");
        if round == 200 {
            out.piece(&wide);
            want.push_str("\u{3a9}:");
        }
    }
    let got: String = out
        .code_points()
        .iter()
        .map(|&c| char::from_u32(c).unwrap())
        .collect();
    assert_eq!(got, want);
    assert!(matches!(out, Out::Ucs2(_)));
}

#[test]
fn find_escape_sixteen_at_a_time_in_every_width() {
    fn check<T: Unit>(cps: &[u32]) {
        let s: Vec<T> = cps.iter().map(|&c| T::from_cp(c)).collect();
        for from in 0..=s.len() {
            for ascii in [false, true] {
                let want = (from..s.len())
                    .find(|&i| {
                        let c = s[i].cp();
                        c < 0x20 || c == 0x22 || c == 0x5c || (ascii && c >= 0x7f)
                    })
                    .unwrap_or(s.len());
                assert_eq!(
                    T::find_escape(&s, from, ascii),
                    want,
                    "{cps:x?} from {from}"
                );
            }
        }
    }
    let specials = [
        0x00u32, 0x1f, 0x22, 0x5c, 0x7f, 0xff, 0x3a9, 0xffff, 0x1F600,
    ];
    for len in [0usize, 1, 15, 16, 17, 31, 32, 33, 40] {
        for &c in &specials {
            for pos in [0, 1, 7, 15, 16, 17, 30, 39] {
                if pos >= len {
                    continue;
                }
                let mut v = vec![u32::from(b'a'); len];
                v[pos] = c;
                if c <= 0xff {
                    check::<u8>(&v);
                }
                if c <= 0xffff {
                    check::<u16>(&v);
                }
                check::<u32>(&v);
            }
        }
    }
}

#[test]
fn simple_floats_as_the_general_parse() {
    // Every float text the fast path takes gives Rust's correctly rounded parse; random
    // mantissas, scales and exponents around its limits, taken or not.
    let mut next = xorshift(0xD1B5_4A32_D192_ED03u64);
    let mut taken = 0;
    for _ in 0..200_000 {
        let r = next();
        let int_digits = 1 + (r % 17) as usize;
        let frac_digits = ((r >> 8) % 12) as usize;
        let mut t = String::new();
        if r >> 20 & 1 == 1 {
            t.push('-');
        }
        let mut d = next();
        for k in 0..int_digits {
            let c = (d % 10) as u8;
            d /= 10;
            t.push(char::from(
                b'0' + if k == 0 && int_digits > 1 {
                    c.max(1)
                } else {
                    c
                },
            ));
        }
        if frac_digits > 0 {
            t.push('.');
            let mut d = next();
            for _ in 0..frac_digits {
                t.push(char::from(b'0' + (d % 10) as u8));
                d /= 10;
            }
        }
        if r >> 24 & 3 == 0 {
            let e = (next() % 60) as i32 - 30;
            t.push_str(&format!(
                "{}{}",
                if r >> 30 & 1 == 1 { "E" } else { "e" },
                e
            ));
        }
        let cps: Vec<u32> = t.chars().map(|c| c as u32).collect();
        let Some(n) = match_number(&cps, 0) else {
            continue;
        };
        if n.end != cps.len() || !n.is_float {
            continue;
        }
        let want: f64 = t.parse().unwrap();
        if let Some(v) = simple_float(&cps, 0, n.end) {
            taken += 1;
            assert_eq!(v.to_bits(), want.to_bits(), "{t}");
        }
        let bytes: Vec<u8> = t.bytes().collect();
        if let Some(v) = simple_float(&bytes, 0, n.end) {
            assert_eq!(v.to_bits(), want.to_bits(), "{t}");
        }
    }
    assert!(taken > 10_000, "{taken}");
    for t in [
        "0.25",
        "-0.0",
        "1.5",
        "1e22",
        "1e-22",
        "123456789012345.0",
        "9007199254740993.0",
    ] {
        let cps: Vec<u32> = t.chars().map(|c| c as u32).collect();
        if let Some(v) = simple_float(&cps, 0, cps.len()) {
            assert_eq!(v.to_bits(), t.parse::<f64>().unwrap().to_bits(), "{t}");
        }
    }
}

#[test]
fn one_writer_serves_many_strings() {
    // Each decoded string starts from an empty one-byte writer, whatever the previous left.
    let mut w = Writer::new();
    let docs: [(&str, Option<Vec<u32>>); 5] = [
        (r#""\ud83d\ude00 wide""#, Some(cps("\u{1F600} wide"))),
        (r#""plain""#, None),
        (r#""caf\u00e9\n""#, Some(cps("caf\u{e9}\n"))),
        (r#""\u03a9\t""#, Some(cps("\u{3a9}\t"))),
        (r#""a\"b""#, Some(cps("a\"b"))),
    ];
    for (doc, want) in docs {
        let v: Vec<u8> = doc.bytes().collect();
        let (found, end) = scanstring_into(&v, 1, true, Rules::PY310, &mut w).unwrap();
        assert_eq!(end, v.len());
        match want {
            None => assert_eq!(found, Found::Slice(1, v.len() - 1)),
            Some(points) => {
                assert_eq!(found, Found::Decoded);
                assert_eq!(w.code_points(), points);
                let fresh = match scanstring(&v, 1, true, Rules::PY310).unwrap().0 {
                    Scanned::Decoded(d) => d,
                    other => panic!("{other:?}"),
                };
                assert_eq!(w.units(), fresh.units()); // same (narrowest) width
            }
        }
    }
}

#[test]
fn plain_int_agrees_with_the_general_path() {
    // Wherever plain_int answers, match_number + small_int give the same value and end; it
    // declines for fractions, exponents, more than eighteen digits and non-numbers.
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15u64);
    let alphabet = b"0123456789-.eE+ ,]x";
    let mut answered = 0;
    for _ in 0..200_000 {
        let len = 1 + (next() % 24) as usize;
        let text: Vec<u8> = (0..len)
            .map(|_| {
                let r = next();
                if r % 4 == 0 {
                    alphabet[(r >> 8) as usize % alphabet.len()]
                } else {
                    b'0' + (r >> 8) as u8 % 10
                }
            })
            .collect();
        let general = match_number(&text, 0)
            .filter(|n| !n.is_float)
            .and_then(|n| small_int(&text, 0, n.end).map(|v| (v, n.end)));
        if let Some(got) = plain_int(&text, 0) {
            answered += 1;
            assert_eq!(Some(got), general, "{:?}", String::from_utf8_lossy(&text));
        }
    }
    assert!(answered > 10_000);
    for text in SHORT_INTS.into_iter().chain(["12,", "3]"]) {
        let v: Vec<u16> = text.encode_utf16().collect();
        assert!(plain_int(&v, 0).is_some(), "{text}");
    }
    for text in [
        "1.5",
        "1e5",
        "1E5",
        "1.",
        "1234567890123456789",
        "-",
        "x",
        "",
        "-x",
        "0.0",
    ] {
        let v: Vec<u32> = text.chars().map(|c| c as u32).collect();
        assert_eq!(plain_int(&v, 0), None, "{text}");
    }
    // "01": C's match stops after the zero.
    assert_eq!(plain_int(b"01", 0), Some((0, 1)));
}
