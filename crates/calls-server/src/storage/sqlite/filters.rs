//! The listing's filters as SQL: each parameter of `ListParams` becomes a bound
//! condition, added to the query only when given.

use calls_model::{DateFilter, ListParams, Owner};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sqlx::{QueryBuilder, Sqlite};

pub(super) fn offset(params: &ListParams) -> i64 {
    i64::try_from(params.offset()).unwrap_or(i64::MAX)
}

/// Adds the WHERE clause of a call listing: the owner, then the time filters.
pub(super) fn push_call_filters(query: &mut QueryBuilder<'_, Sqlite>, params: &ListParams) {
    let mut conditions = Conditions { query, any: false };
    if let Some(owner) = params.owner {
        let column = match owner {
            Owner::Contact(_) => "contact_id = ",
            Owner::Company(_) => "company_id = ",
        };
        conditions.push(column).push_bind(owner.id().to_string());
    }
    let column = match params.date_filter {
        None | Some(DateFilter::Modified) => "modified_at",
        Some(DateFilter::Created) => "created_at",
        Some(DateFilter::Date) => "date",
    };
    if let Some(since) = params.since {
        if column == "date" {
            conditions.push("date >= ").push_bind(first_day_from(since).to_string());
        } else {
            conditions
                .push(&format!("{column} >= "))
                .push_bind(since.timestamp_millis());
        }
    }
    if let Some(until) = params.until {
        if column == "date" {
            conditions.push("date <= ").push_bind(until.date_naive().to_string());
        } else {
            conditions
                .push(&format!("{column} <= "))
                .push_bind(until.timestamp_millis());
        }
    }
    if let Some(time) = params.unmodified_since {
        conditions.push("modified_at <= ").push_bind(time.timestamp_millis());
    }
    if let Some(time) = params.modified_since {
        conditions.push("modified_at >= ").push_bind(time.timestamp_millis());
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

struct Conditions<'q, 'a> {
    query: &'q mut QueryBuilder<'a, Sqlite>,
    any: bool,
}

impl<'q, 'a> Conditions<'q, 'a> {
    fn push(&mut self, sql: &str) -> &mut QueryBuilder<'a, Sqlite> {
        self.query.push(if self.any { " AND " } else { " WHERE " });
        self.any = true;
        self.query.push(sql)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_day_from_rounds_up_unless_at_midnight() {
        let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc);
        assert_eq!(first_day_from(at("2014-11-18T00:00:00Z")).to_string(), "2014-11-18");
        assert_eq!(first_day_from(at("2014-11-18T00:00:00.001Z")).to_string(), "2014-11-19");
    }
}
