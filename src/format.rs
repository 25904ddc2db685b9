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

impl Relative {
    /// English wording, for where `Intl.RelativeTimeFormat` is missing.
    pub fn english(&self) -> String {
        let count = self.value.abs();
        match (self.unit, self.value.signum()) {
            ("second", _) => "just now".to_owned(),
            (unit, sign) => {
                let plural = if count == 1 { "" } else { "s" };
                let amount = if count == 1 {
                    if unit == "hour" {
                        "an".to_owned()
                    } else {
                        "a".to_owned()
                    }
                } else {
                    count.to_string()
                };
                if sign < 0 {
                    format!("{amount} {unit}{plural} ago")
                } else {
                    format!("in {amount} {unit}{plural}")
                }
            }
        }
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

/// "1 call", "25 calls".
pub fn count_calls(count: u64) -> String {
    if count == 1 {
        "1 call".to_owned()
    } else {
        format!("{count} calls")
    }
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
        assert_eq!(relative(10).english(), "just now");
        assert_eq!(relative(60).english(), "a minute ago");
        assert_eq!(relative(5 * 60).english(), "5 minutes ago");
        assert_eq!(relative(3 * 3600).english(), "3 hours ago");
        assert_eq!(relative(3600).english(), "an hour ago");
        assert_eq!(relative(26 * 3600).english(), "a day ago");
        assert_eq!(relative(3 * 86_400).english(), "3 days ago");
        assert_eq!(relative(45 * 86_400).english(), "2 months ago");
        assert_eq!(relative(400 * 86_400).english(), "a year ago");
        assert_eq!(relative(-120).english(), "in 2 minutes");
        assert_eq!(
            relative(3 * 3600),
            Relative {
                value: -3,
                unit: "hour"
            }
        );
    }

    #[test]
    fn long_or_many_line_notes_fold() {
        assert!(!should_fold("short"));
        assert!(should_fold(&"a".repeat(FOLD_CHARS + 1)));
        assert!(should_fold("1\n2\n3\n4\n5"));
        assert!(!should_fold("1\n2\n3\n4"));
    }

    #[test]
    fn counts() {
        assert_eq!(count_calls(0), "0 calls");
        assert_eq!(count_calls(1), "1 call");
        assert_eq!(count_calls(180), "180 calls");
    }
}
