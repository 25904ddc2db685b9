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

/// chrono's own reader, the oracle for ours.
fn chrono_reads(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

#[test]
fn timestamps_are_read_as_chrono_reads_them() {
    for text in [
        "2014-11-19T15:43:33.121Z",
        "2014-11-19T15:43:33Z",
        "2014-11-19t15:43:33z",
        "2014-11-19 15:43:33Z",
        "2014-11-19T10:43:33-05:00",
        "2014-11-19T23:30:00+14:00",
        "2014-12-31T23:30:00-23:59",
        "2014-11-19T15:43:33.1Z",
        "2014-11-19T15:43:33.123456789Z",
        "2014-11-19T15:43:33.1234567891234Z",
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.5Z",
        "2016-02-29T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999+00:00",
        "2014-11-19T15:43:33-00:00",
    ] {
        assert!(chrono_reads(text).is_some(), "the oracle takes {text:?}");
        assert_eq!(parse_timestamp(text), chrono_reads(text), "{text:?}");
    }
}

#[test]
fn malformed_timestamps_are_refused_as_chrono_refuses_them() {
    for text in [
        "",
        "2014-11-19",
        "2014-11-19T",
        "2014-11-19T15:43Z",
        "2014-11-19T15:43:33",
        "2014-11-19T15:43:33.Z",
        "2014-11-19T15:43:33+0500",
        "2014-11-19T15:43:33+05",
        "2014-11-19T15:43:33+24:00",
        "2014-11-19T15:43:33+05:60",
        "2014-11-19T24:00:00Z",
        "2014-11-19T15:60:00Z",
        "2014-11-19T15:43:61Z",
        "2015-02-29T00:00:00Z",
        "2014-1-19T15:43:33Z",
        "2014-11-19X15:43:33Z",
        "2014-11-19T15:43:33Zjunk",
        "2014-11-19T1a:43:33Z",
        "2014-11-19T15:43:33.12a4Z",
        "2014-11-19T15:43:33 Z",
        "2014-11-19T15:43:33.121Zé",
        "é014-11-19T15:43:33Z",
    ] {
        assert_eq!(chrono_reads(text), None, "the oracle refuses {text:?}");
        assert_eq!(parse_timestamp(text), None, "{text:?}");
    }
}

#[test]
fn timestamps_are_written_as_chrono_writes_them() {
    use chrono::SecondsFormat;
    for text in [
        "2014-11-19T15:43:33.121Z",
        "2014-01-02T03:04:05.006Z",
        "2016-12-31T23:59:60.5Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z",
        "1969-12-31T23:59:59.999999999Z",
    ] {
        let time = utc(text);
        assert_eq!(
            format_timestamp(&time),
            time.to_rfc3339_opts(SecondsFormat::Millis, true),
            "{text:?}"
        );
    }
    for time in [
        DateTime::from_timestamp(-62_198_755_200, 0).unwrap(),
        DateTime::from_timestamp(253_402_300_800, 7_000_000).unwrap(),
        DateTime::from_timestamp(-100_000_000_000, 0).unwrap(),
    ] {
        assert_eq!(
            format_timestamp(&time),
            time.to_rfc3339_opts(SecondsFormat::Millis, true)
        );
    }
}

#[test]
fn dates_are_written_as_chrono_writes_them() {
    for (year, month, day) in [
        (2014, 11, 18),
        (2026, 1, 2),
        (0, 1, 1),
        (9999, 12, 31),
        (-1, 3, 4),
        (12345, 6, 7),
    ] {
        let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
        assert_eq!(format_date(date), date.to_string());
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
