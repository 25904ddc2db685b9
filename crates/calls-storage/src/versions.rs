//! What a list of calls is versioned by (see the `call_list_versions` migrations): the
//! row of its owner, or the shards of all calls.

use calls_model::Owner;

/// The version of a list of calls, and the database it was read from: together they
/// change whenever the list's data may have changed, and only then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListVersion {
    /// The database's identity, made when its schema was: versions start at 0 again in
    /// a new database that may hold the same ids.
    pub database: String,
    /// How many writes the listed calls have seen.
    pub version: i64,
}

/// The row of `call_list_versions` counting the writes of `owner`'s calls.
pub fn version_key(owner: Owner) -> String {
    match owner {
        Owner::Contact(id) => format!("contact:{id}"),
        Owner::Company(id) => format!("company:{id}"),
    }
}

/// The range of keys (`from..until`) of the shards counting the writes of all calls.
pub const ALL_CALLS_KEYS: (&str, &str) = ("all:", "all;");
