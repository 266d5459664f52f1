//! Numbers as text for CSV cells: fixed precision, no scientific notation, no `-0`, and an empty
//! cell for a value that does not exist.

/// `x` with `decimals` digits after the point.
pub fn fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{x:.decimals$}");
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Like [`fixed`], with `None` as an empty cell.
pub fn fixed_opt(x: Option<f64>, decimals: usize) -> String {
    x.map_or_else(String::new, |x| fixed(x, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_precision_without_surprises() {
        assert_eq!(fixed(0.1 + 0.2, 4), "0.3000");
        assert_eq!(fixed(-0.00001, 4), "0.0000");
        assert_eq!(fixed(1e-12, 4), "0.0000");
        assert_eq!(fixed(123456789.0, 2), "123456789.00");
        assert_eq!(fixed(f64::NAN, 2), "");
        assert_eq!(fixed_opt(None, 2), "");
    }
}
