//! Publication dates as inputs write them (`2024-05-01`, `2024-05-01T09:30:00Z`,
//! `Wed, 01 May 2024 09:30:00 +0000`, `1 May 2024`, `May 1, 2024`, `01.05.2024`), read into one
//! calendar date, and the calendar arithmetic periods need (days, weekdays, ISO weeks).

use std::fmt;

/// A day of the proleptic Gregorian calendar, as written where the article was published (a time
/// of day and its zone, when given, are not used: a week or a month is what dates are for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("date `{0}` is not understood; write dates as 2024-05-01 (times and RFC 2822 dates such as `Wed, 01 May 2024` are read too)")]
    Unknown(String),
    #[error("date `{0}` could be read day first or month first; write it as 2024-05-01")]
    Ambiguous(String),
    #[error("date `{0}` names no day of the calendar")]
    NoSuchDay(String),
}

/// The usual names of a field that holds an article's publication date, in the order they are
/// looked for: in a table's columns and in a text file's front matter.
pub const DATE_NAMES: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publish_date",
    "publication_date",
    "pub_date",
    "pubdate",
    "datetime",
    "date_published",
];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

impl Date {
    /// The date if `year-month-day` is a day of the calendar (years 1000 to 9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Reads a date in one of the forms this module's documentation lists; surrounding spaces
    /// and quotes are ignored.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let s = text.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        let unknown = || DateError::Unknown(shorten(text));
        let no_day = || DateError::NoSuchDay(shorten(text));
        if s.is_empty() {
            return Err(unknown());
        }
        if let Some(parts) = numeric_parts(s) {
            return match parts {
                // Year first: 2024-05-01, 2024/05/01, 2024.05.01, 20240501.
                Numeric::YearFirst(y, m, d) => Date::new(y, m, d).ok_or_else(no_day),
                // Day first with dots is the European convention; with slashes or dashes the
                // order is anyone's guess unless one part cannot be a month.
                Numeric::YearLast(a, b, y, dots) => {
                    let (d, m) = if dots || a > 12 {
                        (a, b)
                    } else if b > 12 {
                        (b, a)
                    } else if a == b {
                        (a, b)
                    } else {
                        return Err(DateError::Ambiguous(shorten(text)));
                    };
                    Date::new(y, m, d).ok_or_else(no_day)
                }
            };
        }
        words(s).ok_or_else(unknown)?.ok_or_else(no_day)
    }

    /// Days since 1970-01-01 (negative before it), after Hinnant's `days_from_civil`.
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, after Hinnant's `civil_from_days`.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Monday is 0, Sunday 6.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7)) as u8
    }

    /// The Monday that starts this date's week.
    pub fn week_start(self) -> Date {
        Date::from_days(self.days() - i64::from(self.weekday()))
    }

    /// The ISO 8601 week-numbering year and week (the week holding the year's first Thursday is
    /// week 1).
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = Date::from_days(self.days() - i64::from(self.weekday()) + 3);
        let jan1 = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = (thursday.days() - jan1.days()) / 7 + 1;
        (thursday.year, week as u32)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The date of a date field: none when it is empty, and a warning when it cannot be read.
pub fn field_date(value: &str, warnings: &mut Vec<String>) -> Option<Date> {
    if value.trim().is_empty() {
        return None;
    }
    match Date::parse(value) {
        Ok(date) => Some(date),
        Err(e) => {
            warnings.push(format!("{e}; the article has no date"));
            None
        }
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

enum Numeric {
    YearFirst(i32, u8, u8),
    /// Two parts, then the year; whether they were separated by dots.
    YearLast(u8, u8, i32, bool),
}

/// A date of digits: the date part (up to a `T`, a space or the end) split at `-`, `/` or `.`.
fn numeric_parts(s: &str) -> Option<Numeric> {
    let date = s.split(['T', ' ']).next().unwrap_or(s);
    if !date.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = &s[date.len()..];
    // What follows the date must look like a time, so that `2024 May 1` is not read here.
    if !rest.is_empty()
        && !rest[1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| date[r].parse::<u8>().ok();
        return Some(Numeric::YearFirst(
            date[0..4].parse().ok()?,
            n(4..6)?,
            n(6..8)?,
        ));
    }
    let separator = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = date.trim_end_matches('.').split(separator).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2 {
        return Some(Numeric::YearFirst(
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        ));
    }
    if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        return Some(Numeric::YearLast(
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
            separator == '.',
        ));
    }
    None
}

/// A date with the month in words: `1 May 2024`, `May 1, 2024`, `Wed, 01 May 2024 09:30 +0000`,
/// `1. May 2024`. `None`: not such a date; `Some(None)`: such a date naming no day.
fn words(s: &str) -> Option<Option<Date>> {
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .map(|t| t.trim_end_matches('.'))
        .filter(|t| !t.is_empty())
        .collect();
    let month_of = |t: &str| {
        let lower = t.to_ascii_lowercase();
        let known = MONTHS.iter().position(|m| lower.starts_with(m))?;
        // `May`, `Sept`, `September`: the start of the month's English name.
        let full = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ][known];
        full.starts_with(&lower).then_some(known as u8 + 1)
    };
    let number = |t: &str| -> Option<u32> {
        let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        // `1st`, `2nd`, `23rd`, `4th` as well as `1`.
        let suffix = &t[digits.len()..];
        let ordinal = suffix.is_empty() || ["st", "nd", "rd", "th"].contains(&suffix);
        (ordinal && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let at = tokens.iter().position(|t| month_of(t).is_some())?;
    let month = month_of(tokens[at])?;
    let before = at.checked_sub(1).and_then(|i| number(tokens[i]));
    let after = tokens.get(at + 1).and_then(|t| number(t));
    let after2 = tokens.get(at + 2).and_then(|t| number(t));
    let (day, year) = match (before, after, after2) {
        // 1 May 2024
        (Some(d), Some(y), _) if d <= 31 && y >= 1000 => (d, y),
        // May 1, 2024
        (_, Some(d), Some(y)) if d <= 31 && y >= 1000 => (d, y),
        _ => return None,
    };
    // Anything before the date may only be a weekday name.
    let first = if before.is_some() && at >= 1 {
        at - 1
    } else {
        at
    };
    if tokens[..first].iter().any(|t| !is_weekday(t)) {
        return None;
    }
    let year = i32::try_from(year).ok()?;
    Some(Date::new(year, month, u8::try_from(day).ok()?))
}

fn is_weekday(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| lower.len() >= 3 && d.starts_with(&lower))
}

/// A text for a message, cut short.
fn shorten(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", &s[..cut]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        match Date::parse(s) {
            Ok(date) => date.to_string(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn common_forms_are_read() {
        for s in [
            "2024-05-01",
            " 2024-05-01 ",
            "\"2024-05-01\"",
            "2024-05-01T09:30:00Z",
            "2024-05-01T23:30:00-05:00",
            "2024-05-01 09:30:00",
            "2024/05/01",
            "2024.5.1",
            "20240501",
            "Wed, 01 May 2024 09:30:00 +0000",
            "Wednesday, 1 May 2024",
            "1 May 2024",
            "1st May 2024",
            "May 1, 2024",
            "May 1st, 2024",
            "MAY 01 2024",
            "1-May-2024",
            "01.05.2024",
            "1. May 2024",
        ] {
            assert_eq!(d(s), "2024-05-01", "{s:?}");
        }
        assert_eq!(d("01/01/2024"), "2024-01-01");
        assert_eq!(d("31/12/2024"), "2024-12-31");
        assert_eq!(d("12/31/2024"), "2024-12-31");
        assert_eq!(d("Sept 3, 2023"), "2023-09-03");
        assert_eq!(d("29 February 2024"), "2024-02-29");
    }

    #[test]
    fn bad_dates_say_why() {
        assert!(d("05/01/2024").contains("day first or month first"));
        assert!(d("2023-02-29").contains("names no day"));
        assert!(d("31 April 2024").contains("names no day"));
        for s in [
            "",
            "yesterday",
            "2024",
            "2024-05",
            "May 2024",
            "1714555800",
            "2024 May",
            "Maybe 1, 2024",
            "the 1 May 2024 talks",
        ] {
            assert!(d(s).contains("not understood"), "{s:?}: {}", d(s));
        }
    }

    #[test]
    fn calendar_arithmetic() {
        let date = Date::new(2024, 5, 1).unwrap();
        assert_eq!(date.days(), 19_844);
        assert_eq!(Date::from_days(19_844), date);
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(-1).to_string(), "1969-12-31");
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(days).days(), days);
        }
        assert_eq!(date.weekday(), 2); // a Wednesday
        assert_eq!(date.week_start().to_string(), "2024-04-29");
        assert_eq!(date.iso_week(), (2024, 18));
        // Week 1 is the week of the year's first Thursday: 2021-01-03 is in 2020's week 53.
        assert_eq!(Date::new(2021, 1, 3).unwrap().iso_week(), (2020, 53));
        assert_eq!(Date::new(2024, 12, 30).unwrap().iso_week(), (2025, 1));
    }
}
