//! Numbers as text for CSV cells: fixed precision, no scientific notation, no `-0`, and an empty
//! cell for a value that does not exist.

/// `x` with `decimals` digits after the point.
pub fn fixed(x: f64, decimals: usize) -> String {
    let mut out = Vec::with_capacity(24);
    push_fixed(&mut out, x, decimals);
    // Only ASCII digits, a sign and a point were written.
    String::from_utf8(out).unwrap_or_default()
}

/// Like [`fixed`], with `None` as an empty cell.
pub fn fixed_opt(x: Option<f64>, decimals: usize) -> String {
    x.map_or_else(String::new, |x| fixed(x, decimals))
}

/// Appends `x` with `decimals` digits after the point: the same text as `format!("{x:.decimals$}")`
/// (the exact binary value rounded half to even), except that a value that rounds to zero has no
/// sign and a value that is not finite writes nothing.
///
/// Values below 2^53 (every score and rate) are rounded exactly in integer arithmetic, which is
/// several times faster than the general formatter; larger values take the general path.
pub fn push_fixed(out: &mut Vec<u8>, x: f64, decimals: usize) {
    if !x.is_finite() {
        return;
    }
    match scaled_integer(x.abs(), decimals) {
        Some(q) => {
            if q != 0 && x.is_sign_negative() {
                out.push(b'-');
            }
            // Scores and rates fit 64 bits, where division is much cheaper than in 128.
            let (whole, mut frac) = match (u64::try_from(q), 10u64.checked_pow(decimals as u32)) {
                (Ok(q), Some(scale)) => (q / scale, q % scale),
                _ => {
                    let scale = 10u128.pow(decimals as u32);
                    ((q / scale) as u64, (q % scale) as u64)
                }
            };
            push_uint(out, whole);
            if decimals > 0 {
                out.push(b'.');
                let mut digits = [b'0'; 20];
                for d in digits[..decimals].iter_mut().rev() {
                    *d = b'0' + (frac % 10) as u8;
                    frac /= 10;
                }
                // Byte by byte: a call to copy a few bytes costs more than the copy.
                for &d in &digits[..decimals] {
                    out.push(d);
                }
            }
        }
        None => {
            let s = format!("{x:.decimals$}");
            let zero = s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.');
            out.extend_from_slice(if zero {
                &s.as_bytes()[1..]
            } else {
                s.as_bytes()
            });
        }
    }
}

/// `x` (finite, not negative) times 10^decimals rounded half to even, computed exactly; `None`
/// when `x` is 2^53 or more or `decimals` is over 19 (the digits after the point would not fit 64
/// bits).
fn scaled_integer(x: f64, decimals: usize) -> Option<u128> {
    if x >= 9_007_199_254_740_992.0 || decimals > 19 {
        return None;
    }
    if x == 0.0 {
        return Some(0);
    }
    // x = mantissa * 2^exponent exactly.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    // Below 2^53 with a 53-bit mantissa, the exponent is negative (or x is a small integer).
    let scaled = mantissa as u128 * 10u128.pow(decimals as u32);
    if exponent >= 0 {
        return Some(scaled << exponent);
    }
    let shift = (-exponent) as u32;
    if shift >= 128 {
        // scaled < 2^53 * 10^20 < 2^120, less than half of 2^shift: rounds to zero.
        return Some(0);
    }
    let quotient = scaled >> shift;
    let remainder = scaled & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    let round_up = remainder > half || (remainder == half && quotient & 1 == 1);
    Some(quotient + round_up as u128)
}

/// Appends the decimal digits of `n`.
#[inline]
pub fn push_uint(out: &mut Vec<u8>, mut n: u64) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fixed_precision_without_surprises() {
        assert_eq!(fixed(0.1 + 0.2, 4), "0.3000");
        assert_eq!(fixed(-0.00001, 4), "0.0000");
        assert_eq!(fixed(-0.0, 4), "0.0000");
        assert_eq!(fixed(1e-12, 4), "0.0000");
        assert_eq!(fixed(123456789.0, 2), "123456789.00");
        assert_eq!(fixed(f64::NAN, 2), "");
        assert_eq!(fixed_opt(None, 2), "");
        // Exact ties round half to even, as the standard formatter does.
        assert_eq!(fixed(0.03125, 4), "0.0312");
        assert_eq!(fixed(0.09375, 4), "0.0938");
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(1e300, 1), format!("{:.1}", 1e300));
    }

    /// The text the standard formatter gives, with a zero's sign dropped.
    fn reference(x: f64, decimals: usize) -> String {
        let s = format!("{x:.decimals$}");
        if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
            s[1..].to_string()
        } else {
            s
        }
    }

    #[test]
    fn integers_print_like_the_formatter() {
        for n in [0u64, 7, 10, 99, 1000, 123456789, u64::MAX] {
            let mut out = Vec::new();
            push_uint(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }

    proptest! {
        #[test]
        fn same_text_as_the_standard_formatter(
            x in prop_oneof![-1e4..1e4f64, proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO],
            decimals in 0usize..8,
        ) {
            prop_assert_eq!(fixed(x, decimals), reference(x, decimals));
        }

        #[test]
        fn same_text_for_scores_near_ties(k in -2_000_000i64..2_000_000, decimals in 1usize..6) {
            // Values a few ulps around decimal ties: the hard cases of rounding.
            let x = (k as f64 + 0.5) / 10f64.powi(decimals as i32);
            for y in [x, f64::from_bits(x.to_bits() + 1), f64::from_bits(x.to_bits().saturating_sub(1))] {
                prop_assert_eq!(fixed(y, decimals), reference(y, decimals));
            }
        }
    }
}
