//! The page-wide state: one [`CallStore`] per API connection, holding one
//! [`OwnerState`] per owner (contact or company). Every widget that shows an owner reads
//! the same signals, concurrent loads share one request, and every write goes through
//! here so a call logged in one widget appears in all of them.

mod background;
mod contacts;
mod editing;
mod entries;
#[cfg(test)]
pub(crate) mod fixtures;
mod owner;
mod paging;
mod pending;
mod refresh;
mod rows;
mod sender;
mod timeline;
mod view;
mod watch;
mod writes;

use std::sync::{Arc, Mutex, OnceLock};

use calls_model::{ObjectId, Owner};
use leptos::prelude::*;

pub use contacts::ContactsState;
pub use owner::{LoadState, OwnerState};
pub use pending::{Pending, Standing};
pub use refresh::{DEFAULT_REFRESH_SECONDS, Refreshing};
pub use rows::{Item, ItemKey, Row, Rows};
pub use timeline::Timeline;
pub use view::{ViewKey, shows};
pub use watch::Watch;
pub use writes::Fix;

/// A map keyed by call id, hashed as Leptos hashes (see `rustc-hash` in Cargo.toml).
pub type IdMap<V> = std::collections::HashMap<calls_model::ObjectId, V, rustc_hash::FxBuildHasher>;

use crate::api::{ApiClient, Connection};
use crate::dom::Host;
use crate::outbox::Outbox;
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
    /// Each view of an owner shown on the page (see [`ViewKey`]).
    owners: Mutex<Entries<ViewKey, OwnerState>>,
    /// Which company each known contact belongs to, so that a call logged for a contact
    /// also reaches that company's timeline.
    companies_of_contacts: Mutex<Entries<ObjectId, Option<ObjectId>>>,
    /// Each company's contacts, for names in its timeline and the form's Contact field.
    company_contacts: Mutex<Entries<ObjectId, ArcRwSignal<ContactsState>>>,
    /// Every write, kept until the server confirms it (shared with the origin's tabs).
    outbox: Outbox,
    /// The widget each write of this tab came from, told when it is confirmed.
    hosts: Mutex<Entries<String, Option<Host>>>,
    /// The confirmed writes already applied to this tab's timelines.
    applied: Mutex<Vec<String>>,
    /// A refused new call the user asked to fix, for its owner's form to take.
    fix: ArcRwSignal<Option<Fix>>,
    /// Sends the outbox's entries, once started.
    sender: background::Background,
    /// Refreshes the views shown, while a widget wants it.
    refresher: refresh::Refresher,
    /// The calls open in an editor here, each with the flag its editor shows.
    editing: Mutex<Vec<(ObjectId, RwSignal<bool>)>>,
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
            .get_or_insert_with(connection.clone(), || {
                let outbox = Outbox::open(&connection.api_base, connection.token.as_deref());
                Self::with_outbox(ApiClient::new(connection), outbox)
            })
            .clone()
    }

    /// A store of its own, outside the page registry (tests give it a short timeout),
    /// with an outbox of its own that no other store or tab shares.
    pub fn new(client: ApiClient) -> Self {
        Self::with_outbox(client, Outbox::own())
    }

    fn with_outbox(client: ApiClient, outbox: Outbox) -> Self {
        Self {
            inner: Arc::new(StoreInner {
                client,
                owners: Mutex::default(),
                companies_of_contacts: Mutex::default(),
                company_contacts: Mutex::default(),
                outbox,
                hosts: Mutex::default(),
                applied: Mutex::default(),
                fix: ArcRwSignal::new(None),
                sender: background::Background::default(),
                editing: Mutex::default(),
                refresher: refresh::Refresher::default(),
            }),
        }
    }

    /// The client, for the few reads that are not per-owner state (settings pickers).
    pub fn client(&self) -> &ApiClient {
        &self.inner.client
    }

    /// The state of a view of an owner, made on first use (showing the writes waiting
    /// for it).
    pub fn owner(&self, key: ViewKey) -> OwnerState {
        let (state, new) = {
            let mut owners = lock(&self.inner.owners);
            let mut new = false;
            let state = owners
                .get_or_insert_with(key, || {
                    new = true;
                    OwnerState::new(key)
                })
                .clone();
            (state, new)
        };
        if new {
            state.set_pending(self.inner.outbox.entries());
        }
        state
    }

    /// Every view of an owner the page holds.
    pub(super) fn states(&self) -> Vec<OwnerState> {
        lock(&self.inner.owners).values().cloned().collect()
    }

    /// The "Called via" values of `owner`'s calls as a view of it shows them (none while
    /// no view of it is loaded): the form's suggestions.
    pub fn called_via(&self, owner: Owner) -> ArcRwSignal<Vec<String>> {
        let state = self.states().into_iter().find(|state| state.owner == owner);
        state.map_or_else(|| ArcRwSignal::new(Vec::new()), |state| state.rows.called_via)
    }

    /// Says a widget shows `key` until the returned guard is dropped, and loads the
    /// view's first page if nobody has. When the last widget of a view goes, a list
    /// request still on its way is aborted.
    pub fn watch(&self, key: ViewKey) -> Watch {
        self.start_sending();
        let watch = self.owner(key).watchers.add();
        self.ensure_loaded(key);
        watch
    }
}
