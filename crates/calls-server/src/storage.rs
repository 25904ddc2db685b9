//! Where calls, contacts, companies and users are kept: SQLite (one file, the default) or
//! PostgreSQL (several servers on one database), chosen by `--db`. Handlers see only
//! [`Db`], [`Write`] and the record types; the SQL lives in one crate per database.

use calls_model::{Call, CallPatch, Company, Contact, ListParams, ObjectId, Owner};
use chrono::{DateTime, Utc};

pub use calls_storage::{CLAIM_LEASE, Claim, ClaimOutcome, ListVersion, NewCall, StorageError, User};

/// Where the data is: an SQLite file, or a PostgreSQL database.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// The SQLite file at this path (created if missing).
    Sqlite(std::path::PathBuf),
    /// The PostgreSQL database at this `postgres://` (or `postgresql://`) URL.
    Postgres(String),
}

impl Location {
    /// `--db`'s value: a `postgres://` or `postgresql://` URL, otherwise a file path.
    pub fn parse(text: &str) -> Self {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Self::Postgres(text.to_owned())
        } else {
            Self::Sqlite(text.into())
        }
    }
}

impl std::fmt::Display for Location {
    /// For logs and the start banner: a URL's password is never shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "{} (SQLite)", path.display()),
            Self::Postgres(url) => write!(f, "{} (PostgreSQL)", without_password(url)),
        }
    }
}

impl std::fmt::Debug for Location {
    /// As [`Display`](std::fmt::Display): a URL's password is never shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Location({self})")
    }
}

/// `url` with its password (in the user part, or a `password` parameter) replaced by
/// `***`. The user part ends at the last `@` (a password may hold `/`, `?` or `@`
/// unencoded, and no host or path does).
fn without_password(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let rest = match rest.rsplit_once('@') {
        Some((user, host)) => {
            let name = user.split_once(':').map_or(user, |(name, _)| name);
            if user.contains(':') {
                format!("{name}:***@{host}")
            } else {
                format!("{name}@{host}")
            }
        }
        None => rest.to_owned(),
    };
    let Some((address, query)) = rest.split_once('?') else {
        return format!("{scheme}://{rest}");
    };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if name.eq_ignore_ascii_case("password") => format!("{name}=***"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{scheme}://{address}?{}", query.join("&"))
}

/// How many connections a pool keeps when `--pool-size` is not given: SQLite's readers run
/// in parallel under WAL and more than the cores only adds switching; a PostgreSQL server
/// does its work in its own processes, so a few more keep it busy.
pub fn default_pool_size(location: &Location) -> u32 {
    match location {
        Location::Sqlite(_) => 4,
        Location::Postgres(_) => 16,
    }
}

/// A handle on the database, cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    /// An SQLite file.
    Sqlite(calls_storage_sqlite::Db),
    /// A PostgreSQL database.
    Postgres(calls_storage_postgres::Db),
}

/// One write transaction. Dropped without [`Write::commit`], it changes nothing.
pub enum Write {
    /// On SQLite.
    Sqlite(calls_storage_sqlite::Write),
    /// On PostgreSQL.
    Postgres(calls_storage_postgres::Write),
}

/// `$body` with `$db` bound to the backend's own handle, whichever it is.
macro_rules! on_backend {
    ($self:expr, $enum:ident, $db:ident => $body:expr) => {
        match $self {
            $enum::Sqlite($db) => $body,
            $enum::Postgres($db) => $body,
        }
    };
}

impl Db {
    /// Opens the database at `location` with up to `pool_size` connections (its default
    /// when `None`), bringing its schema up to date.
    pub async fn open(location: &Location, pool_size: Option<u32>) -> Result<Self, StorageError> {
        let connections = pool_size.unwrap_or_else(|| default_pool_size(location));
        Ok(match location {
            Location::Sqlite(path) => Self::Sqlite(calls_storage_sqlite::Db::open(path, connections).await?),
            Location::Postgres(url) => Self::Postgres(calls_storage_postgres::Db::open(url, connections).await?),
        })
    }

    /// Whether the database is there and answers (`/readyz`).
    pub async fn ready(&self) -> bool {
        on_backend!(self, Db, db => db.ready().await)
    }

    /// The pool's connections: how many are open, and how many of those are idle.
    pub fn pool_use(&self) -> (u32, usize) {
        on_backend!(self, Db, db => db.pool_use())
    }

    /// Closes every connection.
    pub async fn close(&self) {
        on_backend!(self, Db, db => db.close().await)
    }

    /// Whether the database holds no contacts, companies or calls yet.
    pub async fn is_empty(&self) -> Result<bool, StorageError> {
        on_backend!(self, Db, db => db.is_empty().await)
    }

    /// The version of the list of `owner`'s calls (all calls when `None`), for its
    /// `ETag`: read it before the list it tags.
    pub async fn calls_version(&self, owner: Option<Owner>) -> Result<ListVersion, StorageError> {
        on_backend!(self, Db, db => db.calls_version(owner).await)
    }

    /// One page of calls matching the listing parameters, and how many match in all.
    pub async fn calls_page(&self, params: &ListParams) -> Result<(Vec<Call>, u64), StorageError> {
        on_backend!(self, Db, db => db.calls_page(params).await)
    }

    /// One call.
    pub async fn call(&self, id: ObjectId) -> Result<Option<Call>, StorageError> {
        on_backend!(self, Db, db => db.call(id).await)
    }

    /// Stores many calls in one transaction (demo and benchmark data).
    pub async fn insert_calls(&self, calls: &[NewCall]) -> Result<(), StorageError> {
        on_backend!(self, Db, db => db.insert_calls(calls).await)
    }

    /// Starts a write.
    pub async fn begin_write(&self) -> Result<Write, StorageError> {
        Ok(match self {
            Db::Sqlite(db) => Write::Sqlite(db.begin_write().await?),
            Db::Postgres(db) => Write::Postgres(db.begin_write().await?),
        })
    }

    /// Claims an idempotency key for a request, or says what the key already stands for.
    pub async fn claim_key(
        &self,
        user_id: i64,
        key: &str,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<ClaimOutcome, StorageError> {
        on_backend!(self, Db, db => db.claim_key(user_id, key, fingerprint, now).await)
    }

    /// Gives up a claim whose request wrote nothing.
    pub async fn release_key(&self, claim: &Claim) -> Result<(), StorageError> {
        on_backend!(self, Db, db => db.release_key(claim).await)
    }

    /// Forgets the keys made before `before`; how many.
    pub async fn purge_keys(&self, before: DateTime<Utc>) -> Result<u64, StorageError> {
        on_backend!(self, Db, db => db.purge_keys(before).await)
    }

    /// The user whose token has this SHA-256 (hex), if any.
    pub async fn user_by_token_hash(&self, token_sha256: &str) -> Result<Option<User>, StorageError> {
        on_backend!(self, Db, db => db.user_by_token_hash(token_sha256).await)
    }

    /// Stores a user with a token hash; if a user already holds that hash, renames them.
    pub async fn put_user(&self, first_name: &str, last_name: &str, token_sha256: &str) -> Result<User, StorageError> {
        on_backend!(self, Db, db => db.put_user(first_name, last_name, token_sha256).await)
    }

    /// Stores companies and contacts in one transaction.
    pub async fn insert_directory(&self, companies: &[Company], contacts: &[Contact]) -> Result<(), StorageError> {
        on_backend!(self, Db, db => db.insert_directory(companies, contacts).await)
    }

    /// Writes a contact over the stored one; whether it existed.
    pub async fn update_contact(&self, contact: &Contact) -> Result<bool, StorageError> {
        on_backend!(self, Db, db => db.update_contact(contact).await)
    }

    /// One contact.
    pub async fn contact(&self, id: ObjectId) -> Result<Option<Contact>, StorageError> {
        on_backend!(self, Db, db => db.contact(id).await)
    }

    /// One company.
    pub async fn company(&self, id: ObjectId) -> Result<Option<Company>, StorageError> {
        on_backend!(self, Db, db => db.company(id).await)
    }

    /// A page of contacts by name, all of them or one company's, with the total count.
    pub async fn contacts_page(
        &self,
        company: Option<ObjectId>,
        page: &ListParams,
    ) -> Result<(Vec<Contact>, u64), StorageError> {
        on_backend!(self, Db, db => db.contacts_page(company, page).await)
    }

    /// A page of companies by name, with the total count.
    pub async fn companies_page(&self, page: &ListParams) -> Result<(Vec<Company>, u64), StorageError> {
        on_backend!(self, Db, db => db.companies_page(page).await)
    }
}

impl Write {
    /// Stores a new call for an existing contact; `None` when the contact does not exist.
    pub async fn insert_call(&mut self, call: &NewCall) -> Result<Option<Call>, StorageError> {
        on_backend!(self, Write, write => write.insert_call(call).await)
    }

    /// Changes the given fields of a call; `None` when the call does not exist.
    pub async fn update_call(
        &mut self,
        id: ObjectId,
        patch: &CallPatch,
        modified_at: DateTime<Utc>,
    ) -> Result<Option<Call>, StorageError> {
        on_backend!(self, Write, write => write.update_call(id, patch, modified_at).await)
    }

    /// Deletes a call; whether it existed.
    pub async fn delete_call(&mut self, id: ObjectId) -> Result<bool, StorageError> {
        on_backend!(self, Write, write => write.delete_call(id).await)
    }

    /// Commits the write, with the answer kept under `claim` when the request had a key.
    pub async fn commit(self, claim: Option<&Claim>, status: u16, body: &[u8]) -> Result<(), StorageError> {
        on_backend!(self, Write, write => write.commit(claim, status, body).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_selects_postgres_and_anything_else_is_a_file() {
        assert_eq!(
            Location::parse("postgres://calls@db/calls"),
            Location::Postgres("postgres://calls@db/calls".into())
        );
        assert!(matches!(
            Location::parse("postgresql://db/calls"),
            Location::Postgres(_)
        ));
        assert_eq!(
            Location::parse("calls.sqlite3"),
            Location::Sqlite("calls.sqlite3".into())
        );
    }

    #[test]
    fn a_url_is_shown_without_its_password() {
        let shown = Location::parse("postgres://calls:s3cret@db.example:5432/calls?sslmode=require").to_string();
        assert_eq!(
            shown,
            "postgres://calls:***@db.example:5432/calls?sslmode=require (PostgreSQL)"
        );
        assert_eq!(
            Location::parse("postgres://calls@db/calls").to_string(),
            "postgres://calls@db/calls (PostgreSQL)"
        );
        // Unencoded `/`, `?` and `@` in the password, a password parameter, and Debug.
        for (url, shown) in [
            ("postgres://calls:pa/s?s@w@db/calls", "postgres://calls:***@db/calls"),
            (
                "postgresql://db/calls?user=calls&password=s3cret&sslmode=require",
                "postgresql://db/calls?user=calls&password=***&sslmode=require",
            ),
        ] {
            let location = Location::parse(url);
            assert_eq!(location.to_string(), format!("{shown} (PostgreSQL)"));
            assert!(!format!("{location:?}").contains("s3cret") && !format!("{location:?}").contains("pa/s"));
        }
    }
}
