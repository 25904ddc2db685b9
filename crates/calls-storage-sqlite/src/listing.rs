//! A page of calls, in the contract's timeline order, with the count of all that match.
//!
//! The filters are bounds on three columns (`calls_storage::Bounds`). Which statement runs
//! depends only on which index should find the rows: the
//! owner's timeline index when there is an owner (with no condition beyond the owner when
//! no filter is given, so that the count reads that index alone), otherwise the index of
//! the column the filters narrow (a `+` before a column keeps SQLite from choosing its
//! index instead).

use calls_model::{ListParams, Owner};
use calls_storage::{Bounds, CallRow, CountedCallRow, Narrowed, StorageError, call_query, offset};
use sqlx::SqlitePool;

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
pub(super) async fn calls_page(pool: &SqlitePool, params: &ListParams) -> Result<(Vec<CallRow>, u64), StorageError> {
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
