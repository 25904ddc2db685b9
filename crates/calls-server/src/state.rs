//! What every handler shares.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::ids::IdGenerator;
use crate::metrics::Metrics;
use crate::storage::{Db, User};

/// The server's shared state, cheap to clone into each request.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Makes the ids of new calls.
    pub ids: Arc<IdGenerator>,
    /// Users by token hash, filled on first use. Tokens cannot be revoked or reassigned
    /// to another user, so a cached answer never goes stale; unknown tokens are not
    /// cached, so a token created while the server runs works at once.
    pub users_by_token: Arc<RwLock<HashMap<String, Arc<User>>>>,
    /// Whether `Idempotency-Key` is honoured. Off, the server ignores the header, as a
    /// CRM's API that never implemented it would (for testing the widget against one).
    pub idempotency: bool,
    /// What `/metrics` reports.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// State around an open database.
    pub fn new(db: Db) -> Result<Self, getrandom::Error> {
        Ok(Self {
            db,
            ids: Arc::new(IdGenerator::new()?),
            users_by_token: Arc::default(),
            idempotency: true,
            metrics: Arc::default(),
        })
    }
}
