//! `float.__repr__` for finite doubles, without the interpreter: the shortest decimal digits
//! that read back as the same double, laid out as CPython's `repr` writes them.
//!
//! The digits come from Rust's shortest formatting (`{:e}`: the shortest digit string that
//! rounds back to the double and, among those, the one closest to it). CPython's `dtoa` picks
//! the same string except when the double lies exactly halfway between two shortest candidates:
//! `dtoa` then takes the even last digit, Rust the upper one; [`fix_tie`] detects that case with
//! exact integer arithmetic and moves to the even neighbour when it reads back too.
//!
//! Layout (`repr`, `PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0)`): with `decpt` the
//! position of the decimal point relative to the digits (value = `0.DIGITS * 10**decpt`),
//! exponent notation when `decpt <= -4` or `decpt > 16` (`1e-05`, `1.5e+16`: a point only when
//! there is more than one digit, at least two exponent digits, a sign always); otherwise
//! positional, with `.0` added to integral values (`1.0`, `1e+16` but `1000000000000000.0`).

use std::fmt::Write;

/// Room for every repr of a finite double (the longest, such as `-2.2250738585072014e-308` or
/// `-0.00012345678901234567`, take 24 bytes).
pub const FLOAT_REPR_MAX: usize = 32;

/// A fixed buffer that `write!` fills.
struct Stack {
    buf: [u8; FLOAT_REPR_MAX],
    len: usize,
}

impl Write for Stack {
    #[inline]
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// The shortest digits of a finite, non-negative double: `(digits, count, exp)` with the value
/// `d.ddd * 10**exp` (the digits as an integer; `count` of them, no trailing zeros but for 0).
#[inline]
fn shortest(v: f64) -> (u64, i32, i32) {
    let mut s = Stack {
        buf: [0; FLOAT_REPR_MAX],
        len: 0,
    };
    // `{:e}` of a finite double never exceeds the buffer (at most 17 digits, a point, `e-324`).
    let _ = write!(s, "{v:e}");
    let text = &s.buf[..s.len];
    let mut digits = 0u64;
    let mut count = 0;
    let mut i = 0;
    while i < text.len() && text[i] != b'e' {
        if text[i] != b'.' {
            digits = digits * 10 + u64::from(text[i] - b'0');
            count += 1;
        }
        i += 1;
    }
    let mut exp = 0i32;
    let mut negative = false;
    for &c in &text[(i + 1).min(text.len())..] {
        if c == b'-' {
            negative = true;
        } else {
            exp = exp * 10 + i32::from(c - b'0');
        }
    }
    (digits, count, if negative { -exp } else { exp })
}

/// The number of decimal digits of `d` (`d > 0`).
#[inline]
fn digit_count(mut d: u64) -> i32 {
    let mut n = 1;
    while d >= 10 {
        d /= 10;
        n += 1;
    }
    n
}

/// Whether `2 * x == k * 10**q` exactly, for a positive finite `x` and an odd `k`.
fn twice_is(x: f64, k: u128, q: i32) -> bool {
    let bits = x.to_bits();
    let frac = bits & ((1u64 << 52) - 1);
    let biased = (bits >> 52) as i32;
    let (m, e2) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    if m == 0 {
        return false;
    }
    let tz = m.trailing_zeros() as i32;
    let m_odd = u128::from(m >> tz);
    // 2x = m_odd * 2**(e2 + 1 + tz); k is odd, so the powers of two must match exactly.
    if q >= 0 {
        // k * 10**q = k * 5**q * 2**q: m_odd < 2**53 bounds 5**q, so q <= 22.
        q <= 23 && e2 + 1 + tz == q && m_odd == k * 5u128.pow(q as u32)
    } else {
        // 2x * 10**p = k with p = -q: m_odd * 5**p * 2**(e2 + 1 + tz + p) = k, k < 2**64.
        let p = -q;
        p <= 27 && e2 + 1 + tz + p == 0 && m_odd * 5u128.pow(p as u32) == k
    }
}

/// Whether the decimal `d * 10**q` reads back as `x`.
fn reads_back(x: f64, d: u64, q: i32) -> bool {
    let mut s = Stack {
        buf: [0; FLOAT_REPR_MAX],
        len: 0,
    };
    let _ = write!(s, "{d}e{q}");
    std::str::from_utf8(&s.buf[..s.len])
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        == Some(x)
}

/// Moves shortest digits `(d, n, exp)` of `x` to the even neighbour when `x` lies exactly
/// halfway between `d` and that neighbour (CPython's `dtoa` rounds such ties to even).
fn fix_tie(x: f64, d: u64, n: i32, exp: i32) -> (u64, i32, i32) {
    if d & 1 == 0 {
        return (d, n, exp);
    }
    let q = exp - n + 1;
    let k = 2 * u128::from(d);
    let other = if twice_is(x, k - 1, q) {
        d - 1
    } else if twice_is(x, k + 1, q) {
        d + 1
    } else {
        return (d, n, exp);
    };
    if other == 0 || !reads_back(x, other, q) {
        return (d, n, exp);
    }
    let len = digit_count(other);
    let mut digits = other;
    let mut count = len;
    while count > 1 && digits % 10 == 0 {
        digits /= 10;
        count -= 1;
    }
    (digits, count, q + len - 1)
}

/// Powers of ten exactly representable as doubles, for [`short_decimal`].
const POW10: [f64; 9] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/// The shortest digits of `x` (positive, finite) when they are those of `N / 10**k` for an
/// integer `N < 2**40` and `k <= 8` (values such as `2.5`, `57.123`, `1e-05`), found without
/// the general algorithm; `None` otherwise (and for exact powers of two, whose rounding
/// interval is not symmetric).
///
/// For `x < 2**40` no decimal coarser than units reads back as `x` (its ulp is below 1), so the
/// shortest digits are those of the smallest `k` at which some integer `N` gives `N / 10**k`
/// reading back as `x`. At a given `k`, if any integer does, the one nearest to `x * 10**k`
/// does (the rounding interval is symmetric around `x`), and that one is `round(p)` for the
/// computed product `p` whenever `p` is within a few ulps of an integer (the interval's
/// half-width at that scale is at most about one ulp of `p`), which is tested first. The read
/// back itself is exact: `N` and `10**k` are exact doubles and the division is correctly
/// rounded, so it gives the double nearest to the decimal, as parsing would.
#[inline]
pub(crate) fn short_decimal(x: f64) -> Option<(u64, i32, i32)> {
    const LIMIT: f64 = (1u64 << 40) as f64;
    if x >= LIMIT || x.to_bits() & ((1u64 << 52) - 1) == 0 {
        return None;
    }
    // If `N / 10**k` reads back for some k <= 8, then `x * 10**8` is within about two of its
    // ulps of the integer `N * 10**(8 - k)`: one product rules out most doubles at once.
    let p8 = x * POW10[8];
    if (p8 - p8.round()).abs() > p8 * (1.0 / (1u64 << 51) as f64) {
        return None;
    }
    for (k, &scale) in POW10.iter().enumerate() {
        let p = x * scale;
        if p >= LIMIT {
            return None;
        }
        let n = p.round();
        if (p - n).abs() > p * (1.0 / (1u64 << 50) as f64) || n == 0.0 {
            continue;
        }
        if n / scale != x {
            continue;
        }
        // The unique integer at this scale reading back as `x` (its neighbours are a whole
        // unit away, far outside the interval).
        let mut digits = n as u64;
        let mut count = digit_count(digits);
        let exp = count - 1 - k as i32;
        while digits % 10 == 0 {
            digits /= 10;
            count -= 1;
        }
        return Some((digits, count, exp));
    }
    None
}

/// Writes `repr(v)` for a finite `v` into `out`, returning its length.
pub fn float_repr(v: f64, out: &mut [u8; FLOAT_REPR_MAX]) -> usize {
    debug_assert!(v.is_finite());
    let x = v.abs();
    let (d, n, exp) = if x == 0.0 {
        (0, 1, 0)
    } else if let Some(short) = short_decimal(x) {
        short
    } else {
        let (d, n, exp) = shortest(x);
        fix_tie(x, d, n, exp)
    };
    layout(v.is_sign_negative(), d, n, exp, out)
}

/// Writes the digits `d` (`n` of them, value `d.ddd * 10**exp`) as `repr` lays them out.
fn layout(negative: bool, d: u64, n: i32, exp: i32, out: &mut [u8; FLOAT_REPR_MAX]) -> usize {
    let mut len = 0;
    if negative {
        out[0] = b'-';
        len = 1;
    }
    // The digits, most significant first.
    let mut digits = [0u8; 20];
    let mut rest = d;
    for slot in digits[..n as usize].iter_mut().rev() {
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    let digits = &digits[..n as usize];
    let mut put = |bytes: &[u8]| {
        out[len..len + bytes.len()].copy_from_slice(bytes);
        len += bytes.len();
    };
    let decpt = exp + 1;
    if decpt <= -4 || decpt > 16 {
        put(&digits[..1]);
        if n > 1 {
            put(b".");
            put(&digits[1..]);
        }
        let e = exp.unsigned_abs();
        put(if exp < 0 { b"e-" } else { b"e+" });
        if e >= 100 {
            put(&[b'0' + (e / 100) as u8]);
        }
        put(&[b'0' + (e / 10 % 10) as u8, b'0' + (e % 10) as u8]);
    } else if decpt <= 0 {
        put(b"0.");
        for _ in 0..-decpt {
            put(b"0");
        }
        put(digits);
    } else if decpt >= n {
        put(digits);
        for _ in 0..decpt - n {
            put(b"0");
        }
        put(b".0");
    } else {
        put(&digits[..decpt as usize]);
        put(b".");
        put(&digits[decpt as usize..]);
    }
    len
}

/// The general path alone (for tests of [`short_decimal`]).
#[cfg(test)]
pub(crate) fn float_repr_general(v: f64, out: &mut [u8; FLOAT_REPR_MAX]) -> usize {
    let x = v.abs();
    let (d, n, exp) = shortest(x);
    let (d, n, exp) = if x == 0.0 {
        (d, n, exp)
    } else {
        fix_tie(x, d, n, exp)
    };
    layout(v.is_sign_negative(), d, n, exp, out)
}
