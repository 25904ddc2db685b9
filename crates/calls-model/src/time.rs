//! The contract's `time` values and the timestamp format of `modified_at`.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};

/// Which end of a range a date-only value stands for: `since=2014-11-18` starts at that
/// day's midnight, `until=2014-11-18` covers the whole of that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// The first instant of the day.
    Start,
    /// The last millisecond of the day.
    End,
}

/// Why a string is not a `time`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidTime;

impl std::fmt::Display for InvalidTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "is not a time: use a date (2014-11-18), an RFC 3339 date-time \
             (2014-11-18T15:43:33Z) or Unix seconds (1416325413)",
        )
    }
}

impl std::error::Error for InvalidTime {}

/// Parses a `time` parameter: `YYYY-MM-DD` (UTC midnight, or the end of that day for
/// [`Edge::End`]), an RFC 3339 date-time, or Unix seconds.
pub fn parse_time(text: &str, edge: Edge) -> Result<DateTime<Utc>, InvalidTime> {
    let text = text.trim();
    if let Some(date) = parse_date(text) {
        let start = date.and_hms_opt(0, 0, 0).ok_or(InvalidTime)?.and_utc();
        return Ok(match edge {
            Edge::Start => start,
            Edge::End => start + TimeDelta::days(1) - TimeDelta::milliseconds(1),
        });
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let seconds: i64 = text.parse().map_err(|_| InvalidTime)?;
        return DateTime::from_timestamp(seconds, 0).ok_or(InvalidTime);
    }
    parse_timestamp(text).ok_or(InvalidTime)
}

/// Parses a calendar date written `YYYY-MM-DD`, and nothing looser: chrono alone would
/// also take `2014-1-8`, which the contract does not allow.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    // Read the digits directly: chrono's format-string parser would add tens of
    // kilobytes to the widget's WebAssembly for this one shape.
    let number = |range: std::ops::Range<usize>| bytes[range].iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    NaiveDate::from_ymd_opt(i32::try_from(number(0..4)).ok()?, number(5..7), number(8..10))
}

/// Writes a date the way the contract does, `YYYY-MM-DD` (by hand, like
/// [`format_timestamp`]; the tests hold it to chrono's own).
pub fn format_date(date: NaiveDate) -> String {
    let mut text = String::with_capacity(10);
    let year = date.year();
    if !(0..=9999).contains(&year) {
        text.push(if year < 0 { '-' } else { '+' });
    }
    push_digits(&mut text, year.unsigned_abs(), 4);
    text.push('-');
    push_digits(&mut text, date.month(), 2);
    text.push('-');
    push_digits(&mut text, date.day(), 2);
    text
}

/// Serde for a `date` field: written `YYYY-MM-DD`, read by [`parse_date`].
pub mod date_serde {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `2014-11-18`.
    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format_date(*date))
    }

    /// Reads `2014-11-18`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse_date(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("`{text}` is not a date (YYYY-MM-DD)")))
    }
}

/// Writes a timestamp the way the contract shows `modified_at`: RFC 3339, UTC, milliseconds
/// (`2014-11-19T15:43:33.121Z`).
///
/// Written by hand, like [`parse_timestamp`]: chrono's RFC 3339 writer and reader go
/// through its general formatting machinery, which costs the widget's WebAssembly
/// kilobytes for this one shape. The tests hold both to chrono's results.
pub fn format_timestamp(time: &DateTime<Utc>) -> String {
    let mut text = format_date(time.date_naive());
    for (separator, value) in [('T', time.hour()), (':', time.minute())] {
        text.push(separator);
        push_digits(&mut text, value, 2);
    }
    text.push(':');
    // A leap second is kept in the nanoseconds (60 seconds is written 60).
    let nanos = time.nanosecond();
    push_digits(&mut text, time.second() + nanos / 1_000_000_000, 2);
    text.push('.');
    push_digits(&mut text, nanos % 1_000_000_000 / 1_000_000, 3);
    text.push('Z');
    text
}

/// Appends `value` in decimal, zero-padded to at least `width` digits.
fn push_digits(text: &mut String, value: u32, width: usize) {
    let digits = value.to_string();
    for _ in digits.len()..width {
        text.push('0');
    }
    text.push_str(&digits);
}

/// Reads a `modified_at`: any RFC 3339 date-time (`2014-11-19T15:43:33.121Z`,
/// `2014-11-19t10:43:33-05:00`, a space for the `T`, any number of fraction digits, a
/// leap second), converted to UTC.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    let date = parse_date(text.get(..10)?)?;
    if !matches!(bytes.get(10)?, b'T' | b't' | b' ') {
        return None;
    }
    let rest = bytes.get(11..)?;
    let two = |at: usize| -> Option<u32> {
        match rest.get(at..at + 2)? {
            [tens @ b'0'..=b'9', ones @ b'0'..=b'9'] => Some(u32::from(tens - b'0') * 10 + u32::from(ones - b'0')),
            _ => None,
        }
    };
    if rest.get(2) != Some(&b':') || rest.get(5) != Some(&b':') {
        return None;
    }
    let (hour, minute, second) = (two(0)?, two(3)?, two(6)?);
    let mut at = 8;
    let mut nanos = 0u32;
    if rest.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        let mut scale = 100_000_000;
        while let Some(digit @ b'0'..=b'9') = rest.get(at) {
            // Digits past nanoseconds are dropped, as chrono does.
            nanos += u32::from(digit - b'0') * scale;
            scale /= 10;
            at += 1;
        }
        if at == start {
            return None;
        }
    }
    let offset_seconds = match rest.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (two(at + 1)?, two(at + 4)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i64::from(hours * 3600 + minutes * 60);
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    // 60 seconds is a leap second: chrono keeps it as 59 seconds plus a whole second of
    // nanoseconds.
    let time = match second {
        60 => NaiveTime::from_hms_nano_opt(hour, minute, 59, nanos + 1_000_000_000)?,
        _ => NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?,
    };
    date.and_time(time)
        .checked_sub_signed(TimeDelta::seconds(offset_seconds))
        .map(|local| local.and_utc())
}

/// Serde for `modified_at`: written with milliseconds and `Z`, read by [`parse_timestamp`].
pub mod rfc3339_millis {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `2014-11-19T15:43:33.121Z`.
    pub fn serialize<S: Serializer>(time: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format_timestamp(time))
    }

    /// Reads any RFC 3339 date-time and converts it to UTC.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse_timestamp(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("`{text}` is not an RFC 3339 time")))
    }
}

#[cfg(test)]
mod tests;
