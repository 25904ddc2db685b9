//! A page of calls, in the contract's timeline order, with the count of all that match.
//!
//! The filters are bounds on three columns (`calls_storage::Bounds`); which statement runs
//! depends only on which index should find the rows, as in the SQLite store. PostgreSQL
//! must know the type of every parameter a statement is given, so each statement takes
//! only those it uses: always $1 the page size and $2 the offset, then its own.

use calls_model::{ListParams, Owner};
use calls_storage::{Bounds, CallRow, CountedCallRow, Narrowed, StorageError, call_query, offset};
use sqlx::PgPool;

/// The rows of one page matching `$where`, each with the count of all that match.
macro_rules! page_where {
    ($pool:expr, $limit:expr, $offset:expr, $where:tt $(, $arg:expr)* $(,)?) => {
        call_query!(
            CountedCallRow,
            [r#"SELECT (SELECT COUNT(*) FROM calls "# $where r#") AS "total_count!", "#],
            [" FROM calls " $where " ORDER BY date DESC, created_at DESC, id DESC LIMIT $1 OFFSET $2"],
            $limit,
            $offset,
            $($arg),*
        )
        .fetch_all($pool)
        .await?
    };
}

/// The page's rows, each carrying the count of every matching call.
async fn rows(
    pool: &PgPool,
    params: &ListParams,
    limit: i64,
    offset: i64,
) -> Result<Vec<CountedCallRow>, StorageError> {
    let bounds = Bounds::of(params);
    let owner = params.owner.map(|owner| owner.id().to_string()).unwrap_or_default();
    let (modified, created, date) = (bounds.modified, bounds.created, &bounds.date);
    Ok(match (params.owner, bounds.narrowest()) {
        // Without time filters the count reads the owner's timeline index alone.
        (Some(Owner::Contact(_)), Narrowed::Nothing) => {
            page_where!(pool, limit, offset, "WHERE contact_id = $3", owner)
        }
        (Some(Owner::Company(_)), Narrowed::Nothing) => {
            page_where!(pool, limit, offset, "WHERE company_id = $3", owner)
        }
        (Some(Owner::Contact(_)), _) => page_where!(
            pool,
            limit,
            offset,
            "WHERE contact_id = $3 AND modified_at BETWEEN $4 AND $5 AND created_at BETWEEN $6 AND $7 \
             AND date BETWEEN $8 AND $9",
            owner,
            modified.0,
            modified.1,
            created.0,
            created.1,
            date.0,
            date.1,
        ),
        (Some(Owner::Company(_)), _) => page_where!(
            pool,
            limit,
            offset,
            "WHERE company_id = $3 AND modified_at BETWEEN $4 AND $5 AND created_at BETWEEN $6 AND $7 \
             AND date BETWEEN $8 AND $9",
            owner,
            modified.0,
            modified.1,
            created.0,
            created.1,
            date.0,
            date.1,
        ),
        (None, Narrowed::Nothing) => page_where!(pool, limit, offset, ""),
        (None, Narrowed::Modified) => page_where!(
            pool,
            limit,
            offset,
            "WHERE modified_at BETWEEN $3 AND $4",
            modified.0,
            modified.1
        ),
        (None, Narrowed::Created) => page_where!(
            pool,
            limit,
            offset,
            "WHERE created_at BETWEEN $3 AND $4 AND modified_at BETWEEN $5 AND $6",
            created.0,
            created.1,
            modified.0,
            modified.1
        ),
        (None, Narrowed::Date) => page_where!(
            pool,
            limit,
            offset,
            "WHERE date BETWEEN $3 AND $4 AND modified_at BETWEEN $5 AND $6",
            date.0,
            date.1,
            modified.0,
            modified.1
        ),
    })
}

/// One page of calls matching `params`, and how many match in all.
pub(super) async fn calls_page(pool: &PgPool, params: &ListParams) -> Result<(Vec<CallRow>, u64), StorageError> {
    let page = rows(pool, params, i64::from(params.per_page), offset(params)).await?;
    let total = match page.first() {
        Some(row) => row.total_count,
        // A page past the end has no row to carry the count: the first row of the first
        // page has it (the same statement, so no other to keep in step).
        None if params.page > 1 => rows(pool, params, 1, 0).await?.first().map_or(0, |row| row.total_count),
        None => 0,
    };
    Ok((
        page.into_iter().map(CountedCallRow::into_call).collect(),
        total.max(0) as u64,
    ))
}
