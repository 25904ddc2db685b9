//! What the reference server's storage backends share: the record types handlers see,
//! the storage error, the rows every backend's statements answer (one list of a call's
//! columns), and the listing's filters as column bounds. Each backend is its own crate
//! (`calls-storage-sqlite`, `calls-storage-postgres`), because sqlx checks a crate's
//! queries against one database; the server picks one at start.

mod bounds;
mod keys;
mod rows;
mod versions;

use calls_model::{CallFields, ObjectId};
use chrono::{DateTime, TimeDelta, Utc};

pub use bounds::{Bounds, Narrowed, offset};
pub use keys::{KeptKey, KeyDecision, judge};
pub use rows::{CallRow, CompanyRow, ContactRow, CountedCallRow, convert_all};
pub use versions::{ALL_CALLS_KEYS, ListVersion, version_key};

/// How long a claimed key is the first request's before another may take it over: longer
/// than any request takes, so only a request whose process died loses its claim.
pub const CLAIM_LEASE: TimeDelta = TimeDelta::seconds(30);

/// A storage failure. The API reports it as a 500 envelope; the detail goes to the log.
#[derive(Debug)]
pub enum StorageError {
    /// The database failed or could not be reached.
    Database(sqlx::Error),
    /// Migrations could not be applied.
    Migration(sqlx::migrate::MigrateError),
    /// A stored row does not hold what the schema promises.
    Corrupt(String),
    /// An idempotency key's claim was taken over before its write committed (its request
    /// outlived the lease); the write was not made.
    ClaimLost,
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Database(error) => write!(f, "database error: {error}"),
            Self::Migration(error) => write!(f, "database migration failed: {error}"),
            Self::Corrupt(detail) => write!(f, "stored data is corrupt: {detail}"),
            Self::ClaimLost => write!(f, "the idempotency key was taken over by a later request"),
        }
    }
}

impl std::error::Error for StorageError {}

impl From<sqlx::Error> for StorageError {
    fn from(error: sqlx::Error) -> Self {
        Self::Database(error)
    }
}

/// A person who holds an API token and logs calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The user's row id.
    pub id: i64,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
}

impl User {
    /// How calls name their author: the first name and the first letter of the last
    /// name, in lower case, e.g. `peter a.`.
    pub fn author(&self) -> String {
        let first = self.first_name.trim().to_lowercase();
        match self.last_name.trim().chars().next() {
            Some(initial) => format!("{first} {}.", initial.to_lowercase()),
            None => first,
        }
    }
}

/// A call about to be stored.
#[derive(Debug, Clone)]
pub struct NewCall {
    /// Its new id.
    pub id: ObjectId,
    /// The contact it is logged for.
    pub contact_id: ObjectId,
    /// The writable fields.
    pub fields: CallFields,
    /// Who logged it, as calls name authors.
    pub author: String,
    /// When it was created; also its first `modified_at`.
    pub created_at: DateTime<Utc>,
}

/// An idempotency key held by the request being processed: its user, the key, and when it
/// was claimed (which also tells this claim from a later one that took the key over).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The key's user.
    pub user_id: i64,
    /// The key as the client sent it.
    pub key: String,
    /// When this request claimed it, in Unix milliseconds.
    pub claimed_at: i64,
}

/// What an idempotency key stands for when a request brings it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimOutcome {
    /// New (or its first request died): this request is processed, under this claim.
    Claimed(Claim),
    /// Already answered: this is the answer, to send again.
    Replay {
        /// Its HTTP status.
        status: u16,
        /// Its body, byte for byte.
        body: Vec<u8>,
    },
    /// A request with this key is being processed now.
    InFlight,
    /// The key was used for a different request.
    OtherRequest,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_is_first_name_and_initial() {
        let user = User {
            id: 1,
            first_name: "Peter".into(),
            last_name: "Anderson".into(),
        };
        assert_eq!(user.author(), "peter a.");
        let single = User {
            id: 2,
            first_name: "Cher".into(),
            last_name: " ".into(),
        };
        assert_eq!(single.author(), "cher");
        let accented = User {
            id: 3,
            first_name: "Élodie".into(),
            last_name: "Ørsted".into(),
        };
        assert_eq!(accented.author(), "élodie ø.");
    }
}
