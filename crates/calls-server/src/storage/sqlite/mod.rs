//! The SQLite store: one file, WAL journal, `synchronous=FULL` so that a call the server
//! answered 201 for is on disk before the answer leaves.

use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use calls_model::{Call, CallFields, CallPatch, CallResult, ListParams, ObjectId};
use chrono::{DateTime, Utc};
use sqlx::query::QueryAs;
use sqlx::sqlite::{SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

mod directory;
mod filters;
mod rows;

use super::{NewCall, StorageError};
use filters::{offset, push_call_filters};
use rows::{CallRow, CountedCallRow};

/// The columns of a call, in the order [`CallRow`] reads them.
const CALL_COLUMNS: &str =
    "id, contact_id, date, call_result, text, called_via, phone_number, author, recording_link, modified_at";

/// The contract's timeline order, which the timeline indexes are built in.
const TIMELINE_ORDER: &str = " ORDER BY date DESC, created_at DESC, id DESC";

/// A handle on the database, cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: SqlitePool,
}

impl Db {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self, StorageError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Reads through a memory map skip a system call per page, and a larger page
            // cache keeps the timeline indexes in memory: together they more than double
            // list throughput on a large database (bench/RESULTS.md).
            .pragma("mmap_size", "1073741824")
            .pragma("cache_size", "-65536");
        // Readers run in parallel under WAL; more connections than cores only adds switching.
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(StorageError::Migration)?;
        Ok(Self { pool })
    }

    /// Closes every connection, checkpointing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Whether the database holds no contacts, companies or calls yet.
    pub async fn is_empty(&self) -> Result<bool, StorageError> {
        let any: Option<i64> = sqlx::query_scalar(
            "SELECT 1 WHERE EXISTS (SELECT 1 FROM contacts) OR EXISTS (SELECT 1 FROM companies) \
             OR EXISTS (SELECT 1 FROM calls)",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(any.is_none())
    }

    // ---- users -------------------------------------------------------------------------

    /// One page of calls matching the listing parameters, in timeline order, and how
    /// many match in all.
    pub async fn calls_page(&self, params: &ListParams) -> Result<(Vec<Call>, u64), StorageError> {
        // The count rides along with the page as an uncorrelated subquery (SQLite runs it
        // once), saving a round trip to the database thread on every list request.
        let mut page = QueryBuilder::<Sqlite>::new("SELECT (SELECT COUNT(*) FROM calls");
        push_call_filters(&mut page, params);
        page.push(format!(") AS total_count, {CALL_COLUMNS} FROM calls"));
        push_call_filters(&mut page, params);
        page.push(TIMELINE_ORDER);
        page.push(" LIMIT ").push_bind(i64::from(params.per_page));
        page.push(" OFFSET ").push_bind(offset(params));
        let rows: Vec<CountedCallRow> = page.build_query_as().fetch_all(&self.pool).await?;
        let total = match rows.first() {
            Some(row) => row.total_count,
            // A page past the end has no row to carry the count.
            None => {
                let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM calls");
                push_call_filters(&mut count, params);
                count.build_query_scalar().fetch_one(&self.pool).await?
            }
        };
        let calls = rows
            .into_iter()
            .map(|row| Call::try_from(row.call))
            .collect::<Result<_, _>>()?;
        Ok((calls, total.max(0) as u64))
    }

    /// One call.
    pub async fn call(&self, id: ObjectId) -> Result<Option<Call>, StorageError> {
        let row: Option<CallRow> = sqlx::query_as(&format!("SELECT {CALL_COLUMNS} FROM calls WHERE id = ?"))
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.map(Call::try_from).transpose()
    }

    /// Stores a new call for an existing contact; `None` when the contact does not exist.
    pub async fn insert_call(&self, call: &NewCall) -> Result<Option<Call>, StorageError> {
        let row = insert_query(call).fetch_optional(&self.pool).await?;
        row.map(Call::try_from).transpose()
    }

    /// Stores many calls in one transaction (demo and benchmark data). Every contact must exist.
    pub async fn insert_calls(&self, calls: &[NewCall]) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await?;
        for call in calls {
            if insert_query(call).fetch_optional(&mut *tx).await?.is_none() {
                return Err(StorageError::Corrupt(format!(
                    "call {} names contact {}, which does not exist",
                    call.id, call.contact_id
                )));
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Changes the given fields of a call in one statement, so that two partial updates
    /// of different fields never undo each other; `None` when the call does not exist.
    pub async fn update_call(
        &self,
        id: ObjectId,
        patch: &CallPatch,
        modified_at: DateTime<Utc>,
    ) -> Result<Option<Call>, StorageError> {
        let row: Option<CallRow> = sqlx::query_as(&format!(
            "UPDATE calls SET date = COALESCE(?, date), call_result = COALESCE(?, call_result), \
             text = COALESCE(?, text), called_via = COALESCE(?, called_via), \
             phone_number = COALESCE(?, phone_number), recording_link = COALESCE(?, recording_link), \
             modified_at = ? WHERE id = ? RETURNING {CALL_COLUMNS}"
        ))
        .bind(patch.date.map(|date| date.to_string()))
        .bind(patch.call_result.as_ref().map(CallResult::as_api_str))
        .bind(&patch.text)
        .bind(&patch.called_via)
        .bind(&patch.phone_number)
        .bind(&patch.recording_link)
        .bind(modified_at.timestamp_millis())
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(Call::try_from).transpose()
    }

    /// Replaces every writable field of a call; `None` when it does not exist.
    pub async fn replace_call(
        &self,
        id: ObjectId,
        fields: CallFields,
        modified_at: DateTime<Utc>,
    ) -> Result<Option<Call>, StorageError> {
        self.update_call(id, &CallPatch::from(fields), modified_at).await
    }

    /// Deletes a call; whether it existed.
    pub async fn delete_call(&self, id: ObjectId) -> Result<bool, StorageError> {
        let result = sqlx::query("DELETE FROM calls WHERE id = ?")
            .bind(id.to_string())
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected() > 0)
    }
}

/// The one statement that stores a new call, for an existing contact only (the call takes
/// the contact's company), answering the stored call.
static INSERT_CALL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO calls (id, contact_id, company_id, date, call_result, text, called_via, \
         phone_number, author, recording_link, created_at, modified_at) \
         SELECT ?, id, company_id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM contacts WHERE id = ? \
         RETURNING {CALL_COLUMNS}"
    )
});

fn insert_query(call: &NewCall) -> QueryAs<'_, Sqlite, CallRow, SqliteArguments<'_>> {
    let created = call.created_at.timestamp_millis();
    sqlx::query_as(INSERT_CALL.as_str())
        .bind(call.id.to_string())
        .bind(call.fields.date.to_string())
        .bind(call.fields.call_result.as_api_str())
        .bind(&call.fields.text)
        .bind(&call.fields.called_via)
        .bind(&call.fields.phone_number)
        .bind(&call.author)
        .bind(&call.fields.recording_link)
        .bind(created)
        .bind(created)
        .bind(call.contact_id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_connection_uses_wal_and_full_sync() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.sqlite3")).await.unwrap();
        // Check several pooled connections, not just the first.
        let mut connections = Vec::new();
        for _ in 0..3 {
            let mut connection = db.pool.acquire().await.unwrap();
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&mut *connection)
                .await
                .unwrap();
            let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(&mut *connection)
                .await
                .unwrap();
            let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
                .fetch_one(&mut *connection)
                .await
                .unwrap();
            assert_eq!((mode.as_str(), sync, foreign_keys), ("wal", 2, 1));
            connections.push(connection);
        }
    }
}
