//! The reference server's SQLite store: one file, WAL journal, `synchronous=FULL` so that a call the server
//! answered 201 for is on disk before the answer leaves.

use std::path::Path;
use std::time::Duration;

use calls_model::{Call, ListParams, ObjectId};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteExecutor, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

mod directory;
mod listing;
mod versions;
mod writes;

use calls_storage::{CallRow, NewCall, StorageError, call_query};
pub use writes::Write;

/// A handle on the database, cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: SqlitePool,
    path: std::path::PathBuf,
    /// The file's identity when it was opened (device and inode), so that a file made
    /// anew at the path (a connection opened after the file went creates an empty one)
    /// is not taken for the database.
    file: Option<(u64, u64)>,
}

/// The identity of the file at `path`, where the platform has one.
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|meta| (meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        path.exists().then_some((0, 0))
    }
}

impl Db {
    /// Opens (creating if needed) the database file with up to `connections` connections
    /// (readers run in parallel under WAL; more than the cores only adds switching), and
    /// brings its schema up to date.
    pub async fn open(path: &Path, connections: u32) -> Result<Self, StorageError> {
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
        let pool = SqlitePoolOptions::new()
            .max_connections(connections.max(1))
            .connect_with(options)
            .await?;
        let mut migrations = sqlx::migrate!("./migrations");
        // During a rolling upgrade a server that is not replaced yet may restart after a
        // newer one migrated: migrations only add, so it runs on what it knows.
        migrations.set_ignore_missing(true);
        migrations.run(&pool).await.map_err(StorageError::Migration)?;
        // What an earlier process (or the migrations) left in the WAL goes into the file
        // now: readers otherwise look up every page in the WAL first, and under reads
        // alone nothing would ever checkpoint it (bench/RESULTS.md). A pragma, like those of
        // the connect options: the one statement sqlx cannot check at compile time.
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await?;
        Ok(Self {
            pool,
            path: path.to_owned(),
            file: file_identity(path),
        })
    }

    /// Whether the database is there and answers (`/readyz`).
    pub async fn ready(&self) -> bool {
        // An SQLite file removed under a running server still answers through the
        // connections open on it, while its data is gone for good: not ready; nor when
        // another file took its place.
        self.file.is_some()
            && file_identity(&self.path) == self.file
            && sqlx::query!("SELECT 1 AS one").fetch_one(&self.pool).await.is_ok()
    }

    /// The pool's connections: how many are open, and how many of those are idle.
    pub fn pool_use(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// Closes every connection, checkpointing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Whether the database holds no contacts, companies or calls yet.
    pub async fn is_empty(&self) -> Result<bool, StorageError> {
        let any = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM contacts) OR EXISTS (SELECT 1 FROM companies)
               OR EXISTS (SELECT 1 FROM calls) AS "any!: bool""#
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(!any)
    }

    /// One page of calls matching the listing parameters, in timeline order, and how
    /// many match in all.
    pub async fn calls_page(&self, params: &ListParams) -> Result<(Vec<Call>, u64), StorageError> {
        let (rows, total) = listing::calls_page(&self.pool, params).await?;
        let calls = rows.into_iter().map(Call::try_from).collect::<Result<_, _>>()?;
        Ok((calls, total))
    }

    /// One call.
    pub async fn call(&self, id: ObjectId) -> Result<Option<Call>, StorageError> {
        let id = id.to_string();
        let row = call_query!(CallRow, ["SELECT "], [" FROM calls WHERE id = ?1"], id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Call::try_from).transpose()
    }

    /// Stores many calls in one transaction (demo and benchmark data). Every contact must exist.
    pub async fn insert_calls(&self, calls: &[NewCall]) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await?;
        for call in calls {
            if insert(&mut *tx, call).await?.is_none() {
                return Err(StorageError::Corrupt(format!(
                    "call {} names contact {}, which does not exist",
                    call.id, call.contact_id
                )));
            }
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Stores a new call for an existing contact only (the call takes the contact's company),
/// answering the stored call; `None` when the contact does not exist.
async fn insert(db: impl SqliteExecutor<'_>, call: &NewCall) -> Result<Option<CallRow>, StorageError> {
    let id = call.id.to_string();
    let date = call.fields.date.to_string();
    let call_result = call.fields.call_result.as_api_str();
    let created = call.created_at.timestamp_millis();
    let contact_id = call.contact_id.to_string();
    let row = call_query!(
        CallRow,
        [
            "INSERT INTO calls (id, contact_id, company_id, date, call_result, text, called_via, \
             phone_number, author, recording_link, created_at, modified_at) \
             SELECT ?1, id, company_id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9 FROM contacts WHERE id = ?10 \
             RETURNING "
        ],
        [],
        id,
        date,
        call_result,
        call.fields.text,
        call.fields.called_via,
        call.fields.phone_number,
        call.author,
        call.fields.recording_link,
        created,
        contact_id,
    )
    .fetch_optional(db)
    .await?;
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_connection_uses_wal_and_full_sync() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.sqlite3"), 4).await.unwrap();
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
