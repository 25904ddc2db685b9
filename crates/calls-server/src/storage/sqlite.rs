//! The SQLite store: one file, WAL journal, `synchronous=FULL` so that a call the server
//! answered 201 for is on disk before the answer leaves.

use std::path::Path;
use std::time::Duration;

use calls_model::time::parse_date;
use calls_model::{Call, CallFields, CallPatch, CallResult, Company, Contact, DateFilter, ListParams, ObjectId, Owner};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqlitePool};

use super::{NewCall, StorageError, User};

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

#[derive(FromRow)]
struct CallRow {
    id: String,
    contact_id: String,
    date: String,
    call_result: String,
    text: String,
    called_via: String,
    phone_number: String,
    author: String,
    recording_link: String,
    modified_at: i64,
}

impl TryFrom<CallRow> for Call {
    type Error = StorageError;

    fn try_from(row: CallRow) -> Result<Self, Self::Error> {
        Ok(Call {
            id: parse_id(&row.id)?,
            contact_id: parse_id(&row.contact_id)?,
            date: parse_date(&row.date).ok_or_else(|| corrupt("date", &row.date))?,
            call_result: CallResult::from_api(&row.call_result),
            text: row.text,
            called_via: row.called_via,
            phone_number: row.phone_number,
            author: row.author,
            recording_link: row.recording_link,
            modified_at: DateTime::from_timestamp_millis(row.modified_at)
                .ok_or_else(|| corrupt("modified_at", &row.modified_at.to_string()))?,
        })
    }
}

#[derive(FromRow)]
struct CountedCallRow {
    total_count: i64,
    #[sqlx(flatten)]
    call: CallRow,
}

#[derive(FromRow)]
struct ContactRow {
    id: String,
    first_name: String,
    last_name: String,
    company_id: Option<String>,
    phone_number: String,
}

impl TryFrom<ContactRow> for Contact {
    type Error = StorageError;

    fn try_from(row: ContactRow) -> Result<Self, Self::Error> {
        Ok(Contact {
            id: parse_id(&row.id)?,
            first_name: row.first_name,
            last_name: row.last_name,
            company_id: row.company_id.as_deref().map(parse_id).transpose()?,
            phone_number: row.phone_number,
        })
    }
}

#[derive(FromRow)]
struct CompanyRow {
    id: String,
    name: String,
}

impl TryFrom<CompanyRow> for Company {
    type Error = StorageError;

    fn try_from(row: CompanyRow) -> Result<Self, Self::Error> {
        Ok(Company {
            id: parse_id(&row.id)?,
            name: row.name,
        })
    }
}

fn parse_id(text: &str) -> Result<ObjectId, StorageError> {
    text.parse().map_err(|_| corrupt("id", text))
}

fn corrupt(column: &str, value: &str) -> StorageError {
    StorageError::Corrupt(format!("{column} holds `{value}`"))
}

fn convert_all<R, T: TryFrom<R, Error = StorageError>>(rows: Vec<R>) -> Result<Vec<T>, StorageError> {
    rows.into_iter().map(T::try_from).collect()
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

    /// The user whose token has this SHA-256 (hex), if any.
    pub async fn user_by_token_hash(&self, token_sha256: &str) -> Result<Option<User>, StorageError> {
        let row: Option<(i64, String, String)> =
            sqlx::query_as("SELECT id, first_name, last_name FROM users WHERE token_sha256 = ?")
                .bind(token_sha256)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(id, first_name, last_name)| User {
            id,
            first_name,
            last_name,
        }))
    }

    /// Stores a user with a token hash; if a user already holds that hash, renames them.
    pub async fn put_user(&self, first_name: &str, last_name: &str, token_sha256: &str) -> Result<User, StorageError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (first_name, last_name, token_sha256, created_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (token_sha256) DO UPDATE SET first_name = excluded.first_name, \
             last_name = excluded.last_name RETURNING id",
        )
        .bind(first_name)
        .bind(last_name)
        .bind(token_sha256)
        .bind(Utc::now().timestamp_millis())
        .fetch_one(&self.pool)
        .await?;
        Ok(User {
            id,
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
        })
    }

    // ---- companies and contacts ---------------------------------------------------------

    /// Stores companies and contacts in one transaction (demo and benchmark data).
    pub async fn insert_directory(&self, companies: &[Company], contacts: &[Contact]) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await?;
        for company in companies {
            sqlx::query("INSERT INTO companies (id, name) VALUES (?, ?)")
                .bind(company.id.to_string())
                .bind(&company.name)
                .execute(&mut *tx)
                .await?;
        }
        for contact in contacts {
            sqlx::query(
                "INSERT INTO contacts (id, first_name, last_name, company_id, phone_number) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(contact.id.to_string())
            .bind(&contact.first_name)
            .bind(&contact.last_name)
            .bind(contact.company_id.map(|id| id.to_string()))
            .bind(&contact.phone_number)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// One contact.
    pub async fn contact(&self, id: ObjectId) -> Result<Option<Contact>, StorageError> {
        let row: Option<ContactRow> =
            sqlx::query_as("SELECT id, first_name, last_name, company_id, phone_number FROM contacts WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(&self.pool)
                .await?;
        row.map(Contact::try_from).transpose()
    }

    /// One company.
    pub async fn company(&self, id: ObjectId) -> Result<Option<Company>, StorageError> {
        let row: Option<CompanyRow> = sqlx::query_as("SELECT id, name FROM companies WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.map(Company::try_from).transpose()
    }

    /// A page of contacts by name, all of them or one company's, with the total count.
    pub async fn contacts_page(
        &self,
        company: Option<ObjectId>,
        page: &ListParams,
    ) -> Result<(Vec<Contact>, u64), StorageError> {
        let company = company.map(|id| id.to_string());
        let filter = if company.is_some() { " WHERE company_id = ?" } else { "" };
        let count_sql = format!("SELECT COUNT(*) FROM contacts{filter}");
        let page_sql = format!(
            "SELECT id, first_name, last_name, company_id, phone_number FROM contacts{filter} \
             ORDER BY last_name, first_name, id LIMIT ? OFFSET ?"
        );
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        let mut query = sqlx::query_as::<_, ContactRow>(&page_sql);
        if company.is_some() {
            count = count.bind(&company);
            query = query.bind(&company);
        }
        let total = count.fetch_one(&self.pool).await?;
        let rows = query
            .bind(i64::from(page.per_page))
            .bind(offset(page))
            .fetch_all(&self.pool)
            .await?;
        Ok((convert_all(rows)?, total.max(0) as u64))
    }

    /// A page of companies by name, with the total count.
    pub async fn companies_page(&self, page: &ListParams) -> Result<(Vec<Company>, u64), StorageError> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies")
            .fetch_one(&self.pool)
            .await?;
        let rows: Vec<CompanyRow> = sqlx::query_as("SELECT id, name FROM companies ORDER BY name, id LIMIT ? OFFSET ?")
            .bind(i64::from(page.per_page))
            .bind(offset(page))
            .fetch_all(&self.pool)
            .await?;
        Ok((convert_all(rows)?, total.max(0) as u64))
    }

    // ---- calls -----------------------------------------------------------------------------

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
        let row: Option<CallRow> = sqlx::query_as(&format!(
            "INSERT INTO calls (id, contact_id, company_id, date, call_result, text, called_via, \
             phone_number, author, recording_link, created_at, modified_at) \
             SELECT ?, id, company_id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM contacts WHERE id = ? \
             RETURNING {CALL_COLUMNS}"
        ))
        .bind(call.id.to_string())
        .bind(call.fields.date.to_string())
        .bind(call.fields.call_result.as_api_str())
        .bind(&call.fields.text)
        .bind(&call.fields.called_via)
        .bind(&call.fields.phone_number)
        .bind(&call.author)
        .bind(&call.fields.recording_link)
        .bind(call.created_at.timestamp_millis())
        .bind(call.created_at.timestamp_millis())
        .bind(call.contact_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(Call::try_from).transpose()
    }

    /// Stores many calls in one transaction (demo and benchmark data). Every contact must exist.
    pub async fn insert_calls(&self, calls: &[NewCall]) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await?;
        for call in calls {
            let fields = &call.fields;
            sqlx::query(
                "INSERT INTO calls (id, contact_id, company_id, date, call_result, text, called_via, \
                 phone_number, author, recording_link, created_at, modified_at) \
                 VALUES (?, ?, (SELECT company_id FROM contacts WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(call.id.to_string())
            .bind(call.contact_id.to_string())
            .bind(call.contact_id.to_string())
            .bind(fields.date.to_string())
            .bind(fields.call_result.as_api_str())
            .bind(&fields.text)
            .bind(&fields.called_via)
            .bind(&fields.phone_number)
            .bind(&call.author)
            .bind(&fields.recording_link)
            .bind(call.created_at.timestamp_millis())
            .bind(call.created_at.timestamp_millis())
            .execute(&mut *tx)
            .await?;
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

fn offset(params: &ListParams) -> i64 {
    i64::try_from(params.offset()).unwrap_or(i64::MAX)
}

/// Adds the WHERE clause of a call listing: the owner, then the time filters.
fn push_call_filters(query: &mut QueryBuilder<'_, Sqlite>, params: &ListParams) {
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

    #[test]
    fn first_day_from_rounds_up_unless_at_midnight() {
        let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc);
        assert_eq!(first_day_from(at("2014-11-18T00:00:00Z")).to_string(), "2014-11-18");
        assert_eq!(first_day_from(at("2014-11-18T00:00:00.001Z")).to_string(), "2014-11-19");
    }
}
