//! The versions of call lists, for conditional reads (`call_list_versions`).

use calls_model::Owner;
use calls_storage::{ALL_CALLS_KEYS, ListVersion, StorageError, version_key};

use super::Db;

impl Db {
    /// The version of the list of `owner`'s calls (of all calls when `None`). Read it
    /// before the list it tags: a write between the two then makes the next tag differ,
    /// where the other order could tag new data with an old version.
    pub async fn calls_version(&self, owner: Option<Owner>) -> Result<ListVersion, StorageError> {
        let read = match owner {
            Some(owner) => {
                let key = version_key(owner);
                sqlx::query_as!(
                    ListVersion,
                    r#"SELECT (SELECT id FROM database_identity) AS "database!",
                              COALESCE((SELECT version FROM call_list_versions WHERE owner = $1), 0)::BIGINT
                                  AS "version!""#,
                    key
                )
                .fetch_one(&self.pool)
                .await?
            }
            None => {
                let (from, until) = ALL_CALLS_KEYS;
                sqlx::query_as!(
                    ListVersion,
                    r#"SELECT (SELECT id FROM database_identity) AS "database!",
                              COALESCE((SELECT SUM(version) FROM call_list_versions
                                        WHERE owner >= $1 AND owner < $2), 0)::BIGINT AS "version!""#,
                    from,
                    until
                )
                .fetch_one(&self.pool)
                .await?
            }
        };
        Ok(read)
    }
}
