//! A page of calls, in the contract's timeline order, with the count of all that match.
//!
//! Every statement here is checked at compile time, so none is assembled at run time.
//! The time filters become bounds on three columns, and a bound that is not given is the
//! widest value its column can hold: one statement then serves every combination of
//! filters. Which statement runs depends only on which index should find the rows: the
//! owner's timeline index when there is an owner (with no condition beyond the owner when
//! no filter is given, so that the count reads that index alone), otherwise the index of
//! the column the filters narrow (a `+` before a column keeps SQLite from choosing its
//! index instead).

use calls_model::{DateFilter, ListParams, Owner};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sqlx::SqlitePool;

use super::rows::{CountedCallRow, call_query};
use crate::storage::StorageError;

/// A date above every `YYYY-MM-DD` (and every `+YYYYY-MM-DD`) that `date` can hold.
const LAST_DATE: &str = "~";

/// The listing's filters as bounds on the columns they compare (times in Unix ms,
/// dates as `YYYY-MM-DD`), both ends included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bounds {
    modified: (i64, i64),
    created: (i64, i64),
    date: (String, String),
}

impl Bounds {
    fn of(params: &ListParams) -> Self {
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
    fn narrowest(&self) -> Narrowed {
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

enum Narrowed {
    Nothing,
    Modified,
    Created,
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

/// The rows of one page, with the count in each. Parameters, in every statement:
/// ?1 the owner's id, ?2–?3 `modified_at`, ?4–?5 `created_at`, ?6–?7 `date`, ?8 the page
/// size, ?9 the offset. A statement that does not need one still numbers the others so.
macro_rules! page_where {
    ($pool:expr, $owner:expr, $bounds:expr, $limit:expr, $offset:expr, $where:tt) => {
        call_query!(
            CountedCallRow,
            [r#"SELECT (SELECT COUNT(*) FROM calls "# $where r#") AS "total_count!: i64", "#],
            [" FROM calls " $where " ORDER BY date DESC, created_at DESC, id DESC LIMIT ?8 OFFSET ?9"],
            $owner,
            $bounds.modified.0,
            $bounds.modified.1,
            $bounds.created.0,
            $bounds.created.1,
            $bounds.date.0,
            $bounds.date.1,
            $limit,
            $offset,
        )
        .fetch_all($pool)
        .await?
    };
}

/// The page's rows, each carrying the count of every matching call.
async fn rows(
    pool: &SqlitePool,
    params: &ListParams,
    limit: i64,
    offset: i64,
) -> Result<Vec<CountedCallRow>, StorageError> {
    let bounds = Bounds::of(params);
    let owner = params.owner.map(|owner| owner.id().to_string());
    Ok(match (params.owner, bounds.narrowest()) {
        // Without time filters the count reads the owner's timeline index alone; any
        // condition on another column would make it read every one of the owner's rows.
        (Some(Owner::Contact(_)), Narrowed::Nothing) => {
            page_where!(pool, owner, bounds, limit, offset, "WHERE contact_id = ?1")
        }
        (Some(Owner::Company(_)), Narrowed::Nothing) => {
            page_where!(pool, owner, bounds, limit, offset, "WHERE company_id = ?1")
        }
        (Some(Owner::Contact(_)), _) => page_where!(
            pool,
            owner,
            bounds,
            limit,
            offset,
            "WHERE contact_id = ?1 AND modified_at BETWEEN ?2 AND ?3 AND created_at BETWEEN ?4 AND ?5 \
             AND date BETWEEN ?6 AND ?7"
        ),
        (Some(Owner::Company(_)), _) => page_where!(
            pool,
            owner,
            bounds,
            limit,
            offset,
            "WHERE company_id = ?1 AND modified_at BETWEEN ?2 AND ?3 AND created_at BETWEEN ?4 AND ?5 \
             AND date BETWEEN ?6 AND ?7"
        ),
        (None, Narrowed::Nothing) => page_where!(pool, owner, bounds, limit, offset, ""),
        (None, Narrowed::Modified) => page_where!(
            pool,
            owner,
            bounds,
            limit,
            offset,
            "WHERE modified_at BETWEEN ?2 AND ?3"
        ),
        (None, Narrowed::Created) => page_where!(
            pool,
            owner,
            bounds,
            limit,
            offset,
            "WHERE created_at BETWEEN ?4 AND ?5 AND +modified_at BETWEEN ?2 AND ?3"
        ),
        (None, Narrowed::Date) => page_where!(
            pool,
            owner,
            bounds,
            limit,
            offset,
            "WHERE date BETWEEN ?6 AND ?7 AND +modified_at BETWEEN ?2 AND ?3"
        ),
    })
}

/// One page of calls matching `params`, and how many match in all.
pub(super) async fn calls_page(
    pool: &SqlitePool,
    params: &ListParams,
) -> Result<(Vec<super::rows::CallRow>, u64), StorageError> {
    let rows = rows(pool, params, i64::from(params.per_page), offset(params)).await?;
    let total = match rows.first() {
        Some(row) => row.total_count,
        // A page past the end has no row to carry the count: the first row of the first
        // page has it (the same statement, so no other to keep in step).
        None if params.page > 1 => rows_first(pool, params).await?,
        None => 0,
    };
    Ok((
        rows.into_iter().map(CountedCallRow::into_call).collect(),
        total.max(0) as u64,
    ))
}

async fn rows_first(pool: &SqlitePool, params: &ListParams) -> Result<i64, StorageError> {
    let first = rows(pool, params, 1, 0).await?;
    Ok(first.first().map_or(0, |row| row.total_count))
}

pub(super) fn offset(params: &ListParams) -> i64 {
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
