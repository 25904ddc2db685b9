//! The listing's filters as bounds on the columns they compare. Every backend's listing
//! statements are checked at compile time, so none is assembled at run time: a bound that
//! is not given is the widest value its column can hold, and one statement then serves
//! every combination of filters; which statement runs depends only on which index should
//! find the rows ([`Bounds::narrowest`]).

use calls_model::{DateFilter, ListParams};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

/// A date above every `YYYY-MM-DD` (and every `+YYYYY-MM-DD`) that `date` can hold.
const LAST_DATE: &str = "~";

/// The listing's filters as bounds on the columns they compare (times in Unix ms,
/// dates as `YYYY-MM-DD`), both ends included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounds {
    /// `modified_at`, Unix ms.
    pub modified: (i64, i64),
    /// `created_at`, Unix ms.
    pub created: (i64, i64),
    /// `date`, `YYYY-MM-DD` text (compared byte by byte).
    pub date: (String, String),
}

impl Bounds {
    /// The bounds `params` ask for.
    pub fn of(params: &ListParams) -> Self {
        let mut bounds = Self {
            modified: (i64::MIN, i64::MAX),
            created: (i64::MIN, i64::MAX),
            date: (String::new(), LAST_DATE.to_owned()),
        };
        let since = params.since.map(|time| time.timestamp_millis());
        let until = params.until.map(|time| time.timestamp_millis());
        match params.date_filter {
            None | Some(DateFilter::Modified) => narrow(&mut bounds.modified, since, until),
            Some(DateFilter::Created) => narrow(&mut bounds.created, since, until),
            Some(DateFilter::Date) => {
                if let Some(since) = params.since {
                    bounds.date.0 = first_day_from(since).to_string();
                }
                if let Some(until) = params.until {
                    bounds.date.1 = until.date_naive().to_string();
                }
            }
        }
        narrow(
            &mut bounds.modified,
            params.modified_since.map(|time| time.timestamp_millis()),
            params.unmodified_since.map(|time| time.timestamp_millis()),
        );
        bounds
    }

    /// The column whose index finds the rows of a listing without an owner.
    pub fn narrowest(&self) -> Narrowed {
        let wide = Self::of(&ListParams::default());
        if self.created != wide.created {
            Narrowed::Created
        } else if self.date != wide.date {
            Narrowed::Date
        } else if self.modified != wide.modified {
            Narrowed::Modified
        } else {
            Narrowed::Nothing
        }
    }
}

/// The one column whose bounds are narrower than its widest, the first of created, date
/// and modified (the order of their indexes' use).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Narrowed {
    /// No bound is given.
    Nothing,
    /// `modified_at` only.
    Modified,
    /// `created_at`.
    Created,
    /// `date`.
    Date,
}

fn narrow(range: &mut (i64, i64), from: Option<i64>, to: Option<i64>) {
    if let Some(from) = from {
        range.0 = range.0.max(from);
    }
    if let Some(to) = to {
        range.1 = range.1.min(to);
    }
}

/// The first day whose midnight (UTC) is at or after `time`: a call's `date` stands for
/// that day's midnight when it is compared with a time.
fn first_day_from(time: DateTime<Utc>) -> NaiveDate {
    let day = time.date_naive();
    let midnight = day.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    if midnight == Some(time) {
        day
    } else {
        day + TimeDelta::days(1)
    }
}

/// The rows a page skips.
pub fn offset(params: &ListParams) -> i64 {
    i64::try_from(params.offset()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn first_day_from_rounds_up_unless_at_midnight() {
        assert_eq!(first_day_from(at("2014-11-18T00:00:00Z")).to_string(), "2014-11-18");
        assert_eq!(first_day_from(at("2014-11-18T00:00:00.001Z")).to_string(), "2014-11-19");
    }

    #[test]
    fn the_modified_bounds_are_the_tightest_of_since_until_and_modified_since() {
        let params = ListParams {
            since: Some(at("2026-01-01T00:00:00Z")),
            modified_since: Some(at("2026-02-01T00:00:00Z")),
            unmodified_since: Some(at("2026-03-01T00:00:00Z")),
            until: Some(at("2026-04-01T00:00:00Z")),
            ..ListParams::default()
        };
        let bounds = Bounds::of(&params);
        assert_eq!(
            bounds.modified,
            (
                at("2026-02-01T00:00:00Z").timestamp_millis(),
                at("2026-03-01T00:00:00Z").timestamp_millis()
            )
        );
        assert!(matches!(bounds.narrowest(), Narrowed::Modified));
    }

    #[test]
    fn a_date_filter_narrows_its_own_column() {
        let params = ListParams {
            date_filter: Some(DateFilter::Date),
            since: Some(at("2026-01-01T12:00:00Z")),
            until: Some(at("2026-01-31T23:59:59.999Z")),
            ..ListParams::default()
        };
        let bounds = Bounds::of(&params);
        assert_eq!(bounds.date, ("2026-01-02".to_owned(), "2026-01-31".to_owned()));
        assert_eq!(bounds.modified, (i64::MIN, i64::MAX));
        assert!(matches!(bounds.narrowest(), Narrowed::Date));
        let created = ListParams {
            date_filter: Some(DateFilter::Created),
            since: Some(at("2026-01-01T00:00:00Z")),
            ..ListParams::default()
        };
        assert!(matches!(Bounds::of(&created).narrowest(), Narrowed::Created));
        assert!(matches!(
            Bounds::of(&ListParams::default()).narrowest(),
            Narrowed::Nothing
        ));
    }
}
