//! How calls are presented: day groups, relative times, folding of long notes. Pure
//! logic with no browser in it, so it is tested natively; `components` adds `Intl`.

use chrono::NaiveDate;

/// The heading of a day group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayHeading {
    /// The user's today.
    Today,
    /// The user's yesterday.
    Yesterday,
    /// Any other day, written by the browser's locale.
    Date(NaiveDate),
}

/// The heading for calls on `date` when it is `today` where the user is.
pub fn day_heading(date: NaiveDate, today: NaiveDate) -> DayHeading {
    if date == today {
        DayHeading::Today
    } else if today.pred_opt() == Some(date) {
        DayHeading::Yesterday
    } else {
        DayHeading::Date(date)
    }
}

/// A relative time: how many of which unit, negative for the past, as
/// `Intl.RelativeTimeFormat` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relative {
    /// How many units; negative is in the past.
    pub value: i64,
    /// `second`, `minute`, `hour`, `day`, `month` or `year`.
    pub unit: &'static str,
}

/// The unit a person would use for a time `seconds_ago` seconds in the past (negative:
/// in the future, which a skewed clock can produce).
pub fn relative(seconds_ago: i64) -> Relative {
    let magnitude = seconds_ago.abs();
    let sign = if seconds_ago >= 0 { -1 } else { 1 };
    let (value, unit) = match magnitude {
        0..45 => (0, "second"),
        45..2_700 => ((magnitude + 30) / 60, "minute"),
        2_700..79_200 => ((magnitude + 1_800) / 3_600, "hour"),
        79_200..2_246_400 => ((magnitude + 43_200) / 86_400, "day"),
        2_246_400..29_808_000 => ((magnitude + 1_296_000) / 2_592_000, "month"),
        _ => ((magnitude + 15_768_000) / 31_536_000, "year"),
    };
    Relative {
        value: sign * value.max(1) * i64::from(unit != "second"),
        unit,
    }
}

/// Notes longer than this many characters are folded behind "Show more".
pub const FOLD_CHARS: usize = 280;
/// Notes with more lines than this are folded too.
pub const FOLD_LINES: usize = 4;

/// Whether a note is long enough to fold.
pub fn should_fold(text: &str) -> bool {
    text.chars().count() > FOLD_CHARS || text.lines().count() > FOLD_LINES
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn headings_are_today_yesterday_then_dates() {
        let today = date("2026-03-01");
        assert_eq!(day_heading(today, today), DayHeading::Today);
        assert_eq!(day_heading(date("2026-02-28"), today), DayHeading::Yesterday);
        assert_eq!(
            day_heading(date("2026-02-27"), today),
            DayHeading::Date(date("2026-02-27"))
        );
        // A call dated in the future is just a date.
        assert_eq!(
            day_heading(date("2026-03-02"), today),
            DayHeading::Date(date("2026-03-02"))
        );
    }

    #[test]
    fn relative_picks_the_unit_a_person_would() {
        let cases = [
            (10, 0, "second"),
            (60, -1, "minute"),
            (5 * 60, -5, "minute"),
            (3600, -1, "hour"),
            (3 * 3600, -3, "hour"),
            (26 * 3600, -1, "day"),
            (3 * 86_400, -3, "day"),
            (45 * 86_400, -2, "month"),
            (400 * 86_400, -1, "year"),
            (-120, 2, "minute"),
        ];
        for (seconds_ago, value, unit) in cases {
            assert_eq!(relative(seconds_ago), Relative { value, unit }, "{seconds_ago} s ago");
        }
    }

    #[test]
    fn long_or_many_line_notes_fold() {
        assert!(!should_fold("short"));
        assert!(should_fold(&"a".repeat(FOLD_CHARS + 1)));
        assert!(should_fold("1\n2\n3\n4\n5"));
        assert!(!should_fold("1\n2\n3\n4"));
    }
}
