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
            // Scores and rates fit 64 bits, where division is much cheaper than in 128.
            let scale = POWERS_OF_TEN[decimals];
            let (whole, frac) = match u64::try_from(q) {
                Ok(q) => (q / scale, q % scale),
                Err(_) => ((q / scale as u128) as u64, (q % scale as u128) as u64),
            };
            // Written backwards into one buffer, then copied at once. Room for a sign, the 20
            // digits of a u64, a point and 19 decimals, twice (see `push_tail`).
            let mut text = [0u8; 2 * 41];
            let mut i = 41;
            if decimals > 0 {
                i = write_digits(&mut text, i, frac, decimals) - 1;
                text[i] = b'.';
            }
            i = write_digits(&mut text, i, whole, 1);
            if q != 0 && x.is_sign_negative() {
                i -= 1;
                text[i] = b'-';
            }
            push_tail(out, &text, i);
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

/// The number a reader parses from the text [`push_fixed`] writes for `x`: `x` rounded half to
/// even to `decimals` digits after the point, with no negative zero; `None` where the text is
/// empty (`x` not finite). Tables that store numbers as values (Parquet) store these, so that
/// they hold what the CSV shows.
pub fn rounded(x: f64, decimals: usize) -> Option<f64> {
    if !x.is_finite() {
        return None;
    }
    match scaled_integer(x.abs(), decimals) {
        // Both the scaled integer (below 2^53) and the power of ten (up to 10^19 < 5^22 * 2^22)
        // are exact doubles, and a division of exact doubles is correctly rounded: the double
        // nearest the decimal, which is what parsing its digits gives.
        Some(q) if q < 1 << 53 => {
            let value = q as f64 / POWERS_OF_TEN[decimals] as f64;
            Some(if q != 0 && x.is_sign_negative() {
                -value
            } else {
                value
            })
        }
        _ => {
            let mut text = Vec::with_capacity(32);
            push_fixed(&mut text, x, decimals);
            std::str::from_utf8(&text).ok()?.parse().ok()
        }
    }
}

/// 10^0 to 10^19, all that fit 64 bits: a lookup costs less than computing a power per number.
const POWERS_OF_TEN: [u64; 20] = {
    let mut powers = [1u64; 20];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

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
    let scaled = mantissa as u128 * POWERS_OF_TEN[decimals] as u128;
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

/// "00", "01", ... "99": two digits per division, which halves the divisions.
const DIGIT_PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Appends the decimal digits of `n`.
#[inline]
pub fn push_uint(out: &mut Vec<u8>, n: u64) {
    if n < 10 {
        // Most counts in the tables are single digits (most are zero): inline, in two steps.
        out.push(b'0' + n as u8);
    } else {
        push_digits(out, n);
    }
}

/// [`push_uint`] for 10 and beyond, kept out of line so that the fast path above stays small
/// where it is inlined.
#[inline(never)]
fn push_digits(out: &mut Vec<u8>, n: u64) {
    // The 20 digits of a u64, twice (see `push_tail`).
    let mut digits = [0u8; 2 * 20];
    let start = write_digits(&mut digits, 20, n, 1);
    push_tail(out, &digits, start);
}

/// Appends `buf[start..N / 2]`: text written backwards into the first half of `buf`. Where `out`
/// has room, copying N / 2 bytes from `start` and dropping those past the text is cheaper than a
/// copy of variable length, which is a call (and the bulk of the cost of a short number); where
/// it has not, the exact copy does not make `out` grow more than the text needs.
#[inline(always)]
fn push_tail<const N: usize>(out: &mut Vec<u8>, buf: &[u8; N], start: usize) {
    let half = N / 2;
    if out.capacity() - out.len() >= half {
        let end = out.len() + (half - start);
        out.extend_from_slice(&buf[start..start + half]);
        out.truncate(end);
    } else {
        out.extend_from_slice(&buf[start..half]);
    }
}

/// Writes the digits of `n` into `buf` so that they end before `end`, with zeros in front up to
/// `width` digits, and returns where they start. `buf[..end]` must have room for them.
#[inline(always)]
fn write_digits(buf: &mut [u8], end: usize, mut n: u64, width: usize) -> usize {
    let mut i = end;
    while n >= 100 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        let pair = n as usize * 2;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    } else {
        i -= 1;
        buf[i] = b'0' + n as u8;
    }
    while end - i < width {
        i -= 1;
        buf[i] = b'0';
    }
    i
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

    /// `push` after some bytes, into a buffer with no room to spare (the exact copy) and into one
    /// with plenty (the fixed-size copy).
    fn both_paths(push: impl Fn(&mut Vec<u8>)) -> [String; 2] {
        [false, true].map(|room| {
            let mut out = b"ab".to_vec();
            out.shrink_to_fit();
            if room {
                out.reserve(100);
            }
            push(&mut out);
            String::from_utf8(out).unwrap()
        })
    }

    #[test]
    fn integers_print_like_the_formatter() {
        // Every length of number, at its edges.
        let mut edges = vec![0u64, 1, 9, u64::MAX, u64::MAX - 1];
        for power in POWERS_OF_TEN.iter().skip(1) {
            edges.extend([power - 1, *power, power + 1]);
        }
        for n in edges {
            for text in both_paths(|out| push_uint(out, n)) {
                assert_eq!(text, format!("ab{n}"));
            }
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
        fn same_text_whatever_room_the_buffer_has(n: u64, x in -1e6..1e6f64, decimals in 0usize..8) {
            for text in both_paths(|out| push_uint(out, n)) {
                prop_assert_eq!(text, format!("ab{n}"));
            }
            for text in both_paths(|out| push_fixed(out, x, decimals)) {
                prop_assert_eq!(text, format!("ab{}", reference(x, decimals)));
            }
        }

        #[test]
        fn rounded_is_the_number_the_text_reads_as(
            x in prop_oneof![-1e4..1e4f64, -1e13..1e13f64, proptest::num::f64::ANY],
            decimals in 0usize..8,
        ) {
            let read: Option<f64> = Some(fixed(x, decimals)).filter(|t| !t.is_empty()).map(|t| t.parse().unwrap());
            prop_assert_eq!(rounded(x, decimals).map(f64::to_bits), read.map(f64::to_bits));
        }

        #[test]
        fn rounded_near_ties(k in -2_000_000i64..2_000_000, decimals in 1usize..6) {
            let x = (k as f64 + 0.5) / 10f64.powi(decimals as i32);
            for y in [x, f64::from_bits(x.to_bits() + 1), f64::from_bits(x.to_bits().saturating_sub(1))] {
                let read: f64 = fixed(y, decimals).parse().unwrap();
                prop_assert_eq!(rounded(y, decimals).map(f64::to_bits), Some(read.to_bits()));
            }
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
