//! The page-wide state: one [`CallStore`] per API connection, holding one
//! [`OwnerState`] per owner (contact or company). Every widget that shows an owner reads
//! the same signals, concurrent loads share one request, and every write goes through
//! here so a call logged in one widget appears in all of them.

mod contacts;
mod entries;
#[cfg(test)]
mod fixtures;
mod owner;
mod paging;
mod rows;
mod timeline;
mod watch;
mod writes;

use std::sync::{Arc, Mutex, OnceLock};

use calls_model::{ListParams, ObjectId, Owner};
use leptos::prelude::*;

pub use contacts::ContactsState;
pub use owner::{LoadState, OwnerState};
pub use rows::{Item, ItemKey, Row, Rows};
pub use timeline::Timeline;
pub use watch::Watch;

use crate::api::{ApiClient, Connection};
use entries::{Entries, lock};

/// Default page size for timelines.
pub const DEFAULT_PER_PAGE: u32 = 25;

/// The state of every owner shown on the page through one API connection.
#[derive(Clone)]
pub struct CallStore {
    inner: Arc<StoreInner>,
}

struct StoreInner {
    client: ApiClient,
    owners: Mutex<Entries<Owner, OwnerState>>,
    /// Which company each known contact belongs to, so that a call logged for a contact
    /// also reaches that company's timeline.
    companies_of_contacts: Mutex<Entries<ObjectId, Option<ObjectId>>>,
    /// Each company's contacts, for names in its timeline and the form's Contact field.
    company_contacts: Mutex<Entries<ObjectId, ArcRwSignal<ContactsState>>>,
    per_page: Mutex<u32>,
}

fn registry() -> &'static Mutex<Entries<Connection, CallStore>> {
    static STORES: OnceLock<Mutex<Entries<Connection, CallStore>>> = OnceLock::new();
    STORES.get_or_init(Mutex::default)
}

impl CallStore {
    /// The page's store for a connection, made on first use. Widgets with the same API
    /// base and token share it.
    pub fn for_connection(connection: Connection) -> Self {
        lock(registry())
            .get_or_insert_with(connection.clone(), || Self::new(ApiClient::new(connection)))
            .clone()
    }

    /// A store of its own, outside the page registry (tests give it a short timeout).
    pub fn new(client: ApiClient) -> Self {
        Self {
            inner: Arc::new(StoreInner {
                client,
                owners: Mutex::default(),
                companies_of_contacts: Mutex::default(),
                company_contacts: Mutex::default(),
                per_page: Mutex::new(DEFAULT_PER_PAGE),
            }),
        }
    }

    /// The client, for the few reads that are not per-owner state (settings pickers).
    pub fn client(&self) -> &ApiClient {
        &self.inner.client
    }

    /// Sets the page size used by owners loaded from now on.
    pub fn set_per_page(&self, per_page: u32) {
        *lock(&self.inner.per_page) = per_page.clamp(1, ListParams::MAX_PER_PAGE);
    }

    /// The page size owners are loaded with.
    pub fn per_page(&self) -> u32 {
        *lock(&self.inner.per_page)
    }

    /// The state of an owner, made on first use.
    pub fn owner(&self, owner: Owner) -> OwnerState {
        lock(&self.inner.owners)
            .get_or_insert_with(owner, || OwnerState::new(owner))
            .clone()
    }

    /// Says a widget shows `owner` until the returned guard is dropped, and loads the
    /// owner's first page if nobody has. When the last widget of an owner goes, a list
    /// request still on its way is aborted.
    pub fn watch(&self, owner: Owner) -> Watch {
        let watch = self.owner(owner).watchers.add();
        self.ensure_loaded(owner);
        watch
    }
}
