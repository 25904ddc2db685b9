//! The reference server's PostgreSQL store: for teams that run several servers behind a
//! load balancer on one database. Nothing lives in one process's memory: idempotency
//! claims are rows, and every write is one transaction.

use std::time::Duration;

use calls_model::{Call, ListParams, ObjectId};
use calls_storage::{CallRow, NewCall, StorageError, call_query};
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgExecutor, PgPoolOptions};

mod directory;
mod listing;
mod versions;
mod writes;

pub use writes::Write;

/// A handle on the database, cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: PgPool,
}

impl Db {
    /// Connects to the database at `url` (`postgres://…`) with up to `connections`
    /// connections, and brings its schema up to date. Servers starting together on one
    /// database are safe: the migrations hold an advisory lock while they run.
    pub async fn open(url: &str, connections: u32) -> Result<Self, StorageError> {
        let options: PgConnectOptions = url.parse()?;
        let pool = PgPoolOptions::new()
            .max_connections(connections.max(1))
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        let mut migrations = sqlx::migrate!("./migrations");
        // During a rolling upgrade a server that is not replaced yet may restart after a
        // newer one migrated: migrations only add, so it runs on what it knows.
        migrations.set_ignore_missing(true);
        migrations.run(&pool).await.map_err(StorageError::Migration)?;
        Ok(Self { pool })
    }

    /// Whether the database answers (`/readyz`).
    pub async fn ready(&self) -> bool {
        sqlx::query!("SELECT 1 AS one").fetch_one(&self.pool).await.is_ok()
    }

    /// The pool's connections: how many are open, and how many of those are idle.
    pub fn pool_use(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Whether the database holds no contacts, companies or calls yet.
    pub async fn is_empty(&self) -> Result<bool, StorageError> {
        let any = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM contacts) OR EXISTS (SELECT 1 FROM companies)
               OR EXISTS (SELECT 1 FROM calls) AS "any!""#
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
        let row = call_query!(CallRow, ["SELECT "], [" FROM calls WHERE id = $1"], id)
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
async fn insert(db: impl PgExecutor<'_>, call: &NewCall) -> Result<Option<CallRow>, StorageError> {
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
             SELECT $1, id, company_id, $2, $3, $4, $5, $6, $7, $8, $9, $9 FROM contacts WHERE id = $10 \
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
