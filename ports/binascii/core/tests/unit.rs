//! Unit tests: every function, its edge cases and every error message.

use binascii_core::*;
use std::mem::MaybeUninit;

fn err(msg: &str) -> Error {
    Error::Error(msg.to_owned().into())
}

#[test]
fn b2a_base64_basics() {
    for backend in Backend::ALL {
        let enc = |d: &[u8], nl| b2a_base64_with(backend, d, nl).unwrap();
        assert_eq!(enc(b"", true), b"\n");
        assert_eq!(enc(b"", false), b"");
        assert_eq!(enc(b"b", true), b"Yg==\n");
        assert_eq!(enc(b"ab", false), b"YWI=");
        assert_eq!(enc(b"abc", false), b"YWJj");
        assert_eq!(enc(b"\xfb\xff", false), b"+/8=");
    }
    assert_eq!(b2a_base64_len(0, true), Ok(1));
    assert_eq!(b2a_base64_len(4, false), Ok(8));
    assert_eq!(
        b2a_base64_len(usize::MAX / 2, true),
        Err(err("Too much data for base64 line"))
    );
}

#[test]
fn a2b_base64_errors() {
    for backend in Backend::ALL {
        let dec = |d: &[u8], strict, minor| {
            a2b_base64_with(backend, d, strict, Base64Rules::for_minor(minor))
        };
        assert_eq!(dec(b"YWJj\nZA==\n", false, 12).unwrap(), b"abcd");
        assert_eq!(dec(b"ab=x=", false, 10).unwrap(), b"i\xbc");
        assert_eq!(dec(b"ab==cd", false, 13).unwrap(), b"i");
        assert_eq!(dec(b"=", false, 10).unwrap(), b"");
        assert_eq!(dec(b"ab", false, 10), Err(err("Incorrect padding")));
        assert_eq!(dec(b"abc", true, 11), Err(err("Incorrect padding")));
        assert_eq!(
            dec(b"abcde", false, 12),
            Err(err(
                "Invalid base64-encoded string: number of data characters (5) cannot be 1 \
                 more than a multiple of 4"
            ))
        );
        assert_eq!(
            dec(b"=ab=", true, 11),
            Err(err("Leading padding not allowed"))
        );
        assert_eq!(
            dec(b"ab=c", true, 11),
            Err(err("Discontinuous padding not allowed"))
        );
        assert_eq!(
            dec(b"abc=d", true, 12),
            Err(err("Excess data after padding"))
        );
        assert_eq!(
            dec(b"YW\nJj", true, 13),
            Err(err("Only base64 data is allowed"))
        );
        // 3.13 added a check that 3.11 and 3.12 lack.
        assert_eq!(dec(b"abcd=", true, 12).unwrap(), b"i\xb7\x1d");
        assert_eq!(
            dec(b"abcd=", true, 13),
            Err(err("Excess padding not allowed"))
        );
        assert_eq!(dec(b"abcd=", false, 13).unwrap(), b"i\xb7\x1d");
    }
    assert_eq!(a2b_base64_len(5), 6);
}

#[test]
fn hex_grouping() {
    for backend in Backend::ALL {
        let hx = |d: &[u8], sep, bps| b2a_hex_with(backend, d, sep, bps).unwrap();
        assert_eq!(hx(b"\xb9\x01\xef", None, 1), b"b901ef");
        assert_eq!(hx(b"\xb9\x01\xef", Some(b':'), 1), b"b9:01:ef");
        assert_eq!(hx(b"\xb9\x01\xef", Some(b'_'), 2), b"b9_01ef");
        assert_eq!(hx(b"\xb9\x01\xef", Some(b'_'), -2), b"b901_ef");
        assert_eq!(hx(b"\xb9\x01\xef", Some(b'_'), 0), b"b901ef");
        assert_eq!(hx(b"\xb9\x01\xef", Some(b'_'), 3), b"b901ef");
        assert_eq!(
            hx(b"\xb9\x01\xef", Some(b'_'), i32::MIN as isize),
            b"b901ef"
        );
        // 3.15's Py_ssize_t bytes_per_sep: any value, the extremes included.
        assert_eq!(hx(b"\xb9\x01\xef", Some(b'_'), isize::MIN), b"b901ef");
        assert_eq!(hx(b"\xb9\x01\xef", Some(b'_'), isize::MAX), b"b901ef");
        assert_eq!(hx(b"\xb9\x01\xef", Some(b'_'), 1 << 40), b"b901ef");
        assert_eq!(hx(b"", Some(b'_'), 1), b"");
        assert_eq!(hx(&[0xab; 5], Some(0xff), 2), b"ab\xffabab\xffabab");
        let long: Vec<u8> = (0..=255).collect();
        let plain = hx(&long, None, 1);
        let grouped = hx(&long, Some(b' '), -32);
        assert_eq!(grouped.len(), plain.len() + 7);
        assert_eq!(
            grouped
                .iter()
                .filter(|&&c| c != b' ')
                .copied()
                .collect::<Vec<_>>(),
            plain
        );
    }
    assert_eq!(b2a_hex_len(10, Some(b':'), 3), Ok(23));
    assert_eq!(
        b2a_hex_len(usize::MAX / 4, None, 1),
        Err(Error::MemoryError)
    );
    assert_eq!(sep_from_bytes(b":"), Ok(b':'));
    assert_eq!(sep_from_str("\u{e9}"), Ok(0xe9));
    let too_long = Error::ValueError("sep must be length 1.".into());
    assert_eq!(sep_from_bytes(b""), Err(too_long.clone()));
    assert_eq!(sep_from_str("::"), Err(too_long));
    assert_eq!(
        sep_from_str("\u{20ac}"),
        Err(Error::ValueError("sep must be ASCII.".into()))
    );
    // After a (possibly lying) len() of 1: the first element, 0 when empty, one-byte storage.
    assert_eq!(sep_first_of_str("ab"), Ok(b'a'));
    assert_eq!(sep_first_of_str(""), Ok(0));
    assert_eq!(sep_first_of_str("\u{e9}x"), Ok(0xe9));
    assert_eq!(
        sep_first_of_str("a\u{20ac}"),
        Err(Error::ValueError("sep must be ASCII.".into()))
    );
    assert_eq!(sep_first_of_bytes(b"xy"), b'x');
    assert_eq!(sep_first_of_bytes(b""), 0);
}

#[test]
fn unhex() {
    for backend in Backend::ALL {
        assert_eq!(a2b_hex_with(backend, b"B901eF").unwrap(), b"\xb9\x01\xef");
        assert_eq!(a2b_hex_with(backend, b"").unwrap(), b"");
        assert_eq!(a2b_hex_with(backend, b"abc"), Err(err("Odd-length string")));
        assert_eq!(
            a2b_hex_with(backend, b"0g"),
            Err(err("Non-hexadecimal digit found"))
        );
        let mut long = b"00".repeat(40);
        long[77] = b' ';
        assert_eq!(
            a2b_hex_with(backend, &long),
            Err(err("Non-hexadecimal digit found"))
        );
    }
}

#[test]
fn quoted_printable() {
    assert_eq!(a2b_qp(b"=41=4a=4=\r\nb=\n_=", false).unwrap(), b"AJ=4b_");
    assert_eq!(a2b_qp(b"a_b==c=", true).unwrap(), b"a b=c");
    assert_eq!(
        b2a_qp(b"a=b\t\n", false, true, false).unwrap(),
        b"a=3Db=09\n"
    );
    assert_eq!(b2a_qp(b"a b", true, true, true).unwrap(), b"a=20b");
    assert_eq!(b2a_qp(b"a b_", false, true, true).unwrap(), b"a_b=5F");
    assert_eq!(b2a_qp(b"a\r\nb", false, false, false).unwrap(), b"a=0D=0Ab");
    assert_eq!(b2a_qp(b".\n", false, true, false).unwrap(), b"=2E\n");
    let long = vec![b'x'; 100];
    let enc = b2a_qp(&long, false, true, false).unwrap();
    assert_eq!(&enc[75..78], b"=\nx");
    let crlf = b2a_qp(b"a \r\nb\n", false, true, false).unwrap();
    assert_eq!(crlf, b"a=20\r\nb\r\n");
    assert!(b2a_qp_len(&long, false, true, false).unwrap() >= enc.len());
}

#[test]
fn uu() {
    assert_eq!(b2a_uu(b"", false).unwrap(), b" \n");
    assert_eq!(b2a_uu(b"", true).unwrap(), b"`\n");
    assert_eq!(b2a_uu(b"\x00", true).unwrap(), b"!````\n");
    assert_eq!(b2a_uu(b"Cat", false).unwrap(), b"#0V%T\n");
    assert_eq!(
        b2a_uu(&[0; 46], false),
        Err(err("At most 45 bytes at once"))
    );
    assert_eq!(a2b_uu(b"#0V%T\n", UuRules::Py310).unwrap(), b"Cat");
    assert_eq!(a2b_uu(b"#0V", UuRules::Py310).unwrap(), b"C`\x00");
    assert_eq!(a2b_uu(b"", UuRules::Py310).unwrap(), vec![0; 32]);
    assert_eq!(a2b_uu(b"!\x7f", UuRules::Py310), Err(err("Illegal char")));
    assert_eq!(
        a2b_uu(b"!!!  x", UuRules::Py310),
        Err(err("Trailing garbage"))
    );
    assert_eq!(a2b_uu(b"!!!  ``\r\n", UuRules::Py310).unwrap(), b"\x04");
}

#[test]
fn crcs() {
    for backend in Backend::ALL {
        assert_eq!(crc32_with(backend, b"", 0), 0);
        assert_eq!(crc32_with(backend, b"hello world", 0), 0x0d4a_1185);
        let whole = crc32_with(backend, b"hello world", 7);
        let part = crc32_with(backend, b"hello", 7);
        assert_eq!(crc32_with(backend, b" world", part), whole);
    }
    assert_eq!(crc_hqx(b"", 0x12345), 0x2345);
    assert_eq!(crc_hqx(b"123456789", 0), 0x31c3);
}

#[test]
fn into_returns_buffer_prefix() {
    let mut buf = vec![MaybeUninit::<u8>::uninit(); 64];
    let start = buf.as_ptr().cast::<u8>();
    let s = b2a_base64_into(b"abcdef", true, &mut buf).unwrap();
    assert_eq!(s, b"YWJjZGVm\n");
    assert!(std::ptr::eq(s.as_ptr(), start));
    let s = a2b_base64_into(b"YWJj ZGVm", false, Base64Rules::Py310, &mut buf).unwrap();
    assert_eq!(s, b"abcdef");
    assert!(std::ptr::eq(s.as_ptr(), start));
    let s = b2a_hex_into(&[1; 20], Some(b':'), 4, &mut buf).unwrap();
    assert_eq!(s.len(), b2a_hex_len(20, Some(b':'), 4).unwrap());
    assert!(std::ptr::eq(s.as_ptr(), start));
}

#[test]
#[should_panic(expected = "output buffer too small")]
fn small_buffer_panics() {
    let mut buf = vec![MaybeUninit::<u8>::uninit(); 3];
    let _ = b2a_base64_into(b"abc", true, &mut buf);
}

#[test]
fn error_names() {
    assert_eq!(err("x").exception_name(), "binascii.Error");
    assert_eq!(Error::MemoryError.exception_name(), "MemoryError");
    assert_eq!(Error::MemoryError.message(), "");
    assert_eq!(err("x").to_string(), "binascii.Error: x");
}

#[test]
fn hqx_functions() {
    let incomplete = |m: &str| Error::Incomplete(m.to_owned().into());
    assert_eq!(a2b_hqx(b"!!!!:").unwrap(), (vec![0, 0, 0], true));
    assert_eq!(a2b_hqx(b"!!!!").unwrap(), (vec![0, 0, 0], false));
    assert_eq!(a2b_hqx(b"!!:junk").unwrap(), (vec![0], true));
    assert_eq!(a2b_hqx(b"!\r\n!!!\n").unwrap(), a2b_hqx(b"!!!!").unwrap());
    assert_eq!(
        a2b_hqx(b"!!"),
        Err(incomplete("String has incomplete number of bytes"))
    );
    assert_eq!(a2b_hqx(b"!~"), Err(err("Illegal char")));
    assert_eq!(b2a_hqx(b"\x00\x00\x00\xff").unwrap(), b"!!!!r`");
    assert_eq!(b2a_hqx_len(4), Ok(6));
    assert_eq!(b2a_hqx_len(usize::MAX / 2), Err(Error::MemoryError));
    assert_eq!(rlecode_hqx_len(usize::MAX / 2), Err(Error::MemoryError));
    assert_eq!(
        rlecode_hqx(b"aaaa\x90\x90bbb").unwrap(),
        b"a\x90\x04\x90\x00\x90\x00bbb"
    );
    assert_eq!(rledecode_hqx(b"").unwrap(), b"");
    assert_eq!(rledecode_hqx(b"\x90"), Err(incomplete("")));
    assert_eq!(rledecode_hqx(b"a\x90"), Err(incomplete("")));
    assert_eq!(
        rledecode_hqx(b"\x90\x01"),
        Err(err("Orphaned RLE code at start"))
    );
    assert_eq!(rledecode_hqx(b"\x90\x00\x90\x03").unwrap(), b"\x90\x90\x90");
    assert_eq!(rledecode_hqx(b"a\x90\x01").unwrap(), b"a");
    assert_eq!(rledecode_hqx_len(b"a\x90\xff\x90\xff"), Ok(509));
    // Roundtrips.
    let data: Vec<u8> = (0..3000u32).map(|i| (i / 7 % 5) as u8 * 0x24).collect();
    assert_eq!(rledecode_hqx(&rlecode_hqx(&data).unwrap()).unwrap(), data);
    let mut enc = b2a_hqx(&data).unwrap();
    enc.push(b':');
    assert_eq!(a2b_hqx(&enc).unwrap(), (data, true));
}

#[test]
fn a2b_base64_rules_of_314() {
    // Padding no longer ends the input (3.14): what 3.13 cut off is decoded, and strict mode
    // names each misplaced '='. Cases from CPython 3.14's test_binascii.
    for backend in Backend::ALL {
        let dec = |d: &[u8], strict| a2b_base64_with(backend, d, strict, Base64Rules::Py314);
        assert_eq!(dec(b"ab==cd", false).unwrap(), b"i\xb7\x1d");
        assert_eq!(dec(b"abc=d", false).unwrap(), b"i\xb7\x1d");
        assert_eq!(dec(b"ab==c", false), Err(err("Incorrect padding")));
        assert_eq!(dec(b"ab===", false).unwrap(), b"i");
        assert_eq!(dec(b"ab==cd", true), Err(err("Excess data after padding")));
        assert_eq!(dec(b"ab===", true), Err(err("Excess padding not allowed")));
        assert_eq!(dec(b"abcd=", true), Err(err("Excess padding not allowed")));
        assert_eq!(dec(b"=abcd", true), Err(err("Leading padding not allowed")));
        assert_eq!(dec(b"ab==:", true), Err(err("Only base64 data is allowed")));
        assert_eq!(
            dec(b"ab=cd", true),
            Err(err("Discontinuous padding not allowed"))
        );
        assert_eq!(
            dec(b"a=bcd", true),
            Err(err(
                "Invalid base64-encoded string: number of data characters (1) cannot be 1 \
                 more than a multiple of 4"
            ))
        );
        assert_eq!(Base64Rules::for_minor(12), Base64Rules::Py310);
        assert_eq!(Base64Rules::for_minor(13), Base64Rules::Py313);
        assert_eq!(Base64Rules::for_minor(15), Base64Rules::Py314);
    }
}

#[test]
fn a2b_base64_options_of_315() {
    let ws = ByteSet::new(b" \n");
    let opts = |strict, padded, canonical, ignore| A2bBase64Options {
        rules: Base64Rules::Py314,
        strict,
        padded,
        canonical,
        alphabet: Base64Alphabet::standard(),
        ignore,
    };
    let dec = |d: &[u8], o: &A2bBase64Options<'_>| a2b_base64_opts(d, o);
    assert_eq!(dec(b"YQ", &opts(false, false, false, None)).unwrap(), b"a");
    assert_eq!(dec(b"YQ", &opts(true, false, false, None)).unwrap(), b"a");
    assert_eq!(
        dec(b"YQ==", &opts(true, false, false, None)),
        Err(err("Padding not allowed"))
    );
    assert_eq!(
        dec(b"AB==", &opts(false, true, true, None)),
        Err(err("Non-zero padding bits"))
    );
    assert_eq!(
        dec(b"AQ==", &opts(false, true, true, None)).unwrap(),
        b"\x01"
    );
    assert_eq!(
        dec(b"YW\nJj\n", &opts(true, true, false, Some(&ws))).unwrap(),
        b"abc"
    );
    assert_eq!(
        dec(b" =YQ==", &opts(true, true, false, Some(&ws))),
        Err(err("Leading padding not allowed"))
    );
    assert_eq!(
        dec(b"YW\tJj", &opts(true, true, false, Some(&ws))),
        Err(err("Only base64 data is allowed"))
    );
    let url = A2bBase64Options {
        alphabet: Base64Alphabet::urlsafe(),
        ..opts(true, true, false, None)
    };
    assert_eq!(dec(b"-_-_", &url).unwrap(), b"\xfb\xff\xbf");
    assert_eq!(dec(b"+/+/", &url), Err(err("Only base64 data is allowed")));
}

#[test]
fn base64_alphabets() {
    assert_eq!(
        Base64Alphabet::lookup(&BASE64_ALPHABET[..63]),
        Err(Error::ValueError("alphabet must have length 64".into()))
    );
    assert_eq!(
        Base64Alphabet::lookup(&[b'x'; 65]),
        Err(Error::ValueError("alphabet must have length 64".into()))
    );
    assert!(matches!(
        Base64Alphabet::lookup(BASE64_ALPHABET),
        Ok(std::borrow::Cow::Borrowed(_))
    ));
    assert!(matches!(
        Base64Alphabet::lookup(URLSAFE_BASE64_ALPHABET),
        Ok(std::borrow::Cow::Borrowed(_))
    ));
    let odd = Base64Alphabet::lookup(&[b'x'; 64]).unwrap();
    assert_eq!(odd.chars(), &[b'x'; 64]);
    let opts = B2aBase64Options {
        alphabet: &odd,
        ..B2aBase64Options::default()
    };
    assert_eq!(b2a_base64_opts(b"\x00\xff", &opts).unwrap(), b"xxx=\n");
    // A repeated character decodes to its last position.
    let dec = A2bBase64Options {
        alphabet: &odd,
        ..A2bBase64Options::new(Base64Rules::Py314, false)
    };
    assert_eq!(a2b_base64_opts(b"xxxx", &dec).unwrap(), b"\xff\xff\xff");
}

#[test]
fn b2a_base64_options_of_315() {
    let o = |padded, wrapcol, newline| B2aBase64Options {
        padded,
        wrapcol,
        newline,
        ..B2aBase64Options::default()
    };
    let enc = |d: &[u8], o: B2aBase64Options<'_>| b2a_base64_opts(d, &o).unwrap();
    // Cases from CPython 3.15's test_binascii.
    assert_eq!(
        enc(b"www.python.org", o(true, 8, true)),
        b"d3d3LnB5\ndGhvbi5v\ncmc=\n"
    );
    assert_eq!(
        enc(b"www.python.org", o(true, 11, true)),
        b"d3d3LnB5\ndGhvbi5v\ncmc=\n"
    );
    assert_eq!(
        enc(b"www.python.org", o(true, 8, false)),
        b"d3d3LnB5\ndGhvbi5v\ncmc="
    );
    assert_eq!(
        enc(b"www.python.org", o(true, 1, true)),
        b"d3d3\nLnB5\ndGhv\nbi5v\ncmc=\n"
    );
    assert_eq!(enc(b"", o(true, 8, false)), b"");
    assert_eq!(enc(b"a", o(false, 0, true)), b"YQ\n");
    assert_eq!(enc(b"ab", o(false, 0, false)), b"YWI");
    assert_eq!(enc(b"abcd", o(false, 4, false)), b"YWJj\nZA");
    assert_eq!(
        b2a_base64_opts_len(usize::MAX - 1, &o(true, 0, true)),
        Err(err("Too much data for base64"))
    );
    assert_eq!(
        b2a_base64_opts_len(isize::MAX as usize / 4 * 3, &o(true, 4, true)),
        Err(err("Too much data for base64"))
    );
}

#[test]
fn a2b_hex_of_315() {
    let ws = ByteSet::new(b" \n");
    let ac = ByteSet::new(b"ac");
    for backend in Backend::ALL {
        let dec = |d: &[u8], i| a2b_hex_ignore_with(backend, d, i);
        assert_eq!(dec(b"A B\nC D\n", Some(&ws)).unwrap(), b"\xab\xcd");
        // Hex digits are never ignored.
        assert_eq!(dec(b"aBcD", Some(&ac)).unwrap(), b"\xab\xcd");
        assert_eq!(
            dec(b"abc", None),
            Err(err("Odd number of hexadecimal digits"))
        );
        assert_eq!(
            dec(b"a bc", Some(&ws)),
            Err(err("Odd number of hexadecimal digits"))
        );
        // The first non-digit is reported before the count of digits.
        assert_eq!(dec(b"abg", None), Err(err("Non-hexadecimal digit found")));
        assert_eq!(
            dec(b"a bg", Some(&ws)),
            Err(err("Non-hexadecimal digit found"))
        );
        assert_eq!(dec(&[b'0'; 64], None).unwrap(), vec![0; 32]);
        assert_eq!(dec(b"", Some(&ws)).unwrap(), b"");
    }
}

#[test]
fn a2b_uu_empty_line() {
    assert_eq!(a2b_uu(b"", UuRules::Py310).unwrap(), vec![0; 32]);
    assert_eq!(a2b_uu(b"", UuRules::Py314), Err(err("Missing length byte")));
    assert_eq!(a2b_uu(b" ", UuRules::Py314).unwrap(), b"");
}

#[test]
fn small_input_paths() {
    // b2a_hex_plain_into is b2a_hex without a separator, at every length around the kernels'.
    for n in 0..80usize {
        let data: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
        let mut out = vec![MaybeUninit::<u8>::uninit(); 2 * n];
        assert_eq!(
            b2a_hex_plain_into(&data, &mut out),
            &b2a_hex(&data, None, 1).unwrap()[..]
        );
    }
    // whitespace-only input of a few bytes: nothing, unless strict (the early return is
    // non-strict only); one data character is still an error
    for rules in [Base64Rules::Py310, Base64Rules::Py313, Base64Rules::Py314] {
        for d in [&b"\n"[..], b"\r\n", b" \t\r\n", b"!"] {
            assert_eq!(a2b_base64(d, false, rules).unwrap(), b"");
        }
        assert!(a2b_base64(b"\n", true, rules).is_err());
        assert!(a2b_base64(b"A\n", false, rules).is_err());
        assert!(a2b_base64(b"=\n", false, rules).is_ok());
    }
    // uu round trip at every length, through the four-character decoding path
    for n in 0..=45usize {
        let data: Vec<u8> = (0..n).map(|i| (i * 73 + 5) as u8).collect();
        for backtick in [false, true] {
            let line = b2a_uu(&data, backtick).unwrap();
            assert_eq!(a2b_uu(&line, UuRules::Py314).unwrap(), data);
        }
    }
}
