//! The contract's `time` values and the timestamp format of `modified_at`.

use chrono::{DateTime, NaiveDate, SecondsFormat, TimeDelta, Utc};

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
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|_| InvalidTime)
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

/// Serde for a `date` field: written `YYYY-MM-DD`, read by [`parse_date`].
pub mod date_serde {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `2014-11-18`.
    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(date)
    }

    /// Reads `2014-11-18`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse_date(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("`{text}` is not a date (YYYY-MM-DD)")))
    }
}

/// Writes a timestamp the way the contract shows `modified_at`: RFC 3339, UTC, milliseconds.
pub fn format_timestamp(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads a `modified_at`: any RFC 3339 date-time, converted to UTC.
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.with_timezone(&Utc))
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
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn date_is_midnight_utc_at_start() {
        assert_eq!(parse_time("2014-11-18", Edge::Start), Ok(utc("2014-11-18T00:00:00Z")));
    }

    #[test]
    fn date_covers_the_whole_day_at_end() {
        assert_eq!(parse_time("2014-11-18", Edge::End), Ok(utc("2014-11-18T23:59:59.999Z")));
    }

    #[test]
    fn rfc3339_with_offset_is_converted_to_utc() {
        assert_eq!(
            parse_time("2014-11-18T10:00:00+02:00", Edge::End),
            Ok(utc("2014-11-18T08:00:00Z"))
        );
    }

    #[test]
    fn unix_seconds() {
        assert_eq!(parse_time("1416415561", Edge::Start), Ok(utc("2014-11-19T16:46:01Z")));
        assert_eq!(parse_time("0", Edge::Start), Ok(utc("1970-01-01T00:00:00Z")));
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "",
            "yesterday",
            "2014-11-31",
            "2014-1-8",
            "18/11/2014",
            "-5",
            "1.5",
            "99999999999999999999",
        ] {
            assert_eq!(parse_time(bad, Edge::Start), Err(InvalidTime), "{bad:?}");
        }
    }

    #[test]
    fn timestamps_are_written_with_millis_and_z() {
        assert_eq!(
            format_timestamp(&utc("2014-11-19T15:43:33.121Z")),
            "2014-11-19T15:43:33.121Z"
        );
        assert_eq!(
            format_timestamp(&utc("2014-11-19T15:43:33Z")),
            "2014-11-19T15:43:33.000Z"
        );
    }
}
