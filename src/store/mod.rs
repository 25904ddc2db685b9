//! The page-wide state: one [`CallStore`] per API connection, holding one set of signals
//! per owner (contact or company). Every widget that shows an owner reads the same
//! signals, concurrent loads share one request, and every write goes through here so a
//! call logged in one widget appears in all of them.

mod timeline;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use calls_model::{Call, CallPage, CallPatch, Contact, ListParams, ObjectId, Owner};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use web_sys::AbortController;

pub use timeline::Timeline;

use crate::api::{ApiClient, ApiError, Connection};

/// Where an owner's first page stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum LoadState {
    /// Nothing asked yet.
    #[default]
    Idle,
    /// The first page is on its way.
    Loading,
    /// Pages are shown; `more` says whether another page is on its way.
    Ready {
        /// A following page is being fetched.
        loading_more: bool,
    },
    /// The last load failed; what is shown (if anything) stays.
    Failed(ApiError),
}

/// The signals of one owner's timeline; cloning shares them.
#[derive(Clone)]
pub struct OwnerState {
    /// Whose calls these are.
    pub owner: Owner,
    /// The calls loaded so far, the paging facts and the loading state: one signal, as
    /// they change together (and each signal type costs the wasm its own code).
    pub timeline: ArcRwSignal<Timeline>,
    /// How many widgets show this owner now, and the list request on its way: when the
    /// last widget goes, the request is aborted rather than left running.
    watch: Arc<Watchers>,
}

impl OwnerState {
    /// Where the first page stands, read without subscribing.
    pub fn load_untracked(&self) -> LoadState {
        self.timeline.with_untracked(|timeline| timeline.load.clone())
    }

    fn set_load(&self, load: LoadState) {
        self.timeline.update(|timeline| timeline.load = load);
    }
}

#[derive(Default)]
struct Watchers {
    count: AtomicUsize,
    in_flight: Mutex<Option<SendWrapper<AbortController>>>,
}

impl Watchers {
    fn begin_request(&self) -> Option<AbortController> {
        let controller = AbortController::new().ok()?;
        if let Ok(mut slot) = self.in_flight.lock() {
            *slot = Some(SendWrapper::new(controller.clone()));
        }
        Some(controller)
    }

    fn end_request(&self) {
        if let Ok(mut slot) = self.in_flight.lock() {
            *slot = None;
        }
    }

    fn abort_request(&self) {
        let controller = self.in_flight.lock().ok().and_then(|mut slot| slot.take());
        if let Some(controller) = controller {
            controller.abort();
        }
    }

    fn is_watched(&self) -> bool {
        self.count.load(Ordering::Relaxed) > 0
    }
}

/// A widget's interest in an owner (see [`CallStore::watch`]); dropping it ends it.
pub struct Watch {
    watchers: Arc<Watchers>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if self.watchers.count.fetch_sub(1, Ordering::Relaxed) == 1 {
            self.watchers.abort_request();
        }
    }
}

/// A company's contacts, fetched once per page and shared by its widgets.
#[derive(Debug, Clone, PartialEq)]
pub enum ContactsState {
    /// On their way.
    Loading,
    /// Every contact of the company.
    Ready(Vec<Contact>),
    /// The list could not be fetched.
    Failed(ApiError),
}

impl ContactsState {
    /// The display name of the contact `id`, once the contacts are here.
    pub fn name_of(&self, id: ObjectId) -> Option<String> {
        match self {
            ContactsState::Ready(list) => list
                .iter()
                .find(|contact| contact.id == id)
                .map(|contact| contact.display_name()),
            _ => None,
        }
    }
}

/// How many contacts of one company are read at most (pages of 100).
const MAX_COMPANY_CONTACTS_PAGES: u32 = 10;

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

/// A few keyed entries: a page holds a handful of owners and connections, for which a
/// list is as fast as a hash map and much smaller in the wasm.
struct Entries<K, V>(Vec<(K, V)>);

impl<K, V> Default for Entries<K, V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<K: PartialEq, V> Entries<K, V> {
    fn get(&self, key: &K) -> Option<&V> {
        self.0.iter().find(|(known, _)| known == key).map(|(_, value)| value)
    }

    fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let index = match self.0.iter().position(|(known, _)| *known == key) {
            Some(index) => index,
            None => {
                self.0.push((key, make()));
                self.0.len() - 1
            }
        };
        &mut self.0[index].1
    }

    fn insert(&mut self, key: K, value: V) {
        match self.0.iter_mut().find(|(known, _)| *known == key) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((key, value)),
        }
    }
}

fn registry() -> &'static Mutex<Entries<Connection, CallStore>> {
    static STORES: OnceLock<Mutex<Entries<Connection, CallStore>>> = OnceLock::new();
    STORES.get_or_init(Mutex::default)
}

impl CallStore {
    /// The page's store for a connection, made on first use. Widgets with the same API
    /// base and token share it.
    pub fn for_connection(connection: Connection) -> Self {
        let Ok(mut stores) = registry().lock() else {
            return Self::new(ApiClient::new(connection));
        };
        stores
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
        if let Ok(mut current) = self.inner.per_page.lock() {
            *current = per_page.clamp(1, ListParams::MAX_PER_PAGE);
        }
    }

    fn per_page(&self) -> u32 {
        self.inner
            .per_page
            .lock()
            .map(|value| *value)
            .unwrap_or(DEFAULT_PER_PAGE)
    }

    /// The signals of an owner, made on first use.
    pub fn owner(&self, owner: Owner) -> OwnerState {
        let mut owners = match self.inner.owners.lock() {
            Ok(owners) => owners,
            Err(poisoned) => poisoned.into_inner(),
        };
        owners
            .get_or_insert_with(owner, || OwnerState {
                owner,
                timeline: ArcRwSignal::new(Timeline::default()),
                watch: Arc::default(),
            })
            .clone()
    }

    /// Says a widget shows `owner` until the returned guard is dropped, and loads the
    /// owner's first page if nobody has. When the last widget of an owner goes, a list
    /// request still on its way is aborted.
    pub fn watch(&self, owner: Owner) -> Watch {
        let state = self.owner(owner);
        state.watch.count.fetch_add(1, Ordering::Relaxed);
        self.ensure_loaded(owner);
        Watch { watchers: state.watch }
    }

    /// Loads an owner's first page unless it is loaded or loading: any number of widgets
    /// can ask, and one request is made.
    pub fn ensure_loaded(&self, owner: Owner) {
        let state = self.owner(owner);
        if state.load_untracked() == LoadState::Idle {
            self.reload(owner);
        }
    }

    /// Loads the first page again (Retry, refresh). Does nothing while a load is running.
    pub fn reload(&self, owner: Owner) {
        let state = self.owner(owner);
        let busy = matches!(
            state.load_untracked(),
            LoadState::Loading | LoadState::Ready { loading_more: true }
        );
        if busy {
            return;
        }
        state.set_load(LoadState::Loading);
        let params = ListParams {
            per_page: self.per_page(),
            ..ListParams::default()
        };
        self.fetch_page(state, params, Timeline::reset_with);
    }

    /// Fetches the next page, if there is one and nothing else is loading.
    pub fn load_more(&self, owner: Owner) {
        let state = self.owner(owner);
        let Some(page) = state.timeline.with_untracked(Timeline::next_page) else {
            return;
        };
        if !matches!(
            state.load_untracked(),
            LoadState::Ready { loading_more: false } | LoadState::Failed(_)
        ) {
            return;
        }
        state.set_load(LoadState::Ready { loading_more: true });
        let per_page = state
            .timeline
            .with_untracked(|timeline| timeline.info.map(|info| info.per_page));
        let params = ListParams {
            page,
            per_page: per_page.unwrap_or_else(|| self.per_page()),
            ..ListParams::default()
        };
        self.fetch_page(state, params, Timeline::append_page);
    }

    /// Fetches a page of an owner's calls (abortable: see [`CallStore::watch`]) and puts
    /// it into the timeline with `apply`.
    fn fetch_page(&self, state: OwnerState, params: ListParams, apply: fn(&mut Timeline, CallPage)) {
        let client = self.inner.client.clone();
        spawn_local(async move {
            let controller = state.watch.begin_request();
            let answer = client.list_calls(state.owner, &params, controller).await;
            state.watch.end_request();
            match answer {
                Ok(page) => {
                    state.timeline.update(|timeline| {
                        apply(timeline, page);
                        timeline.load = LoadState::Ready { loading_more: false };
                    });
                }
                Err(error) => fail(&state, error),
            }
        });
    }

    /// Remembers which company a contact belongs to, so calls logged for the contact
    /// reach the company's timeline too.
    pub fn note_contact_company(&self, contact: ObjectId, company: Option<ObjectId>) {
        if let Ok(mut known) = self.inner.companies_of_contacts.lock() {
            known.insert(contact, company);
        }
    }

    /// The contacts of a company, fetched on first use (every page of them) and shared by
    /// every widget of that company. Each contact's company is remembered, so calls
    /// logged in a contact's widget reach the company's timeline.
    pub fn company_contacts(&self, company: ObjectId) -> ArcRwSignal<ContactsState> {
        let mut known = match self.inner.company_contacts.lock() {
            Ok(known) => known,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(contacts) = known.get(&company) {
            return contacts.clone();
        }
        let contacts = ArcRwSignal::new(ContactsState::Loading);
        known.insert(company, contacts.clone());
        drop(known);
        let (store, target) = (self.clone(), contacts.clone());
        spawn_local(async move {
            let mut all = Vec::new();
            let mut page = 1;
            let outcome = loop {
                match store.inner.client.contacts(Some(company), page, 100).await {
                    Ok(answer) => {
                        let more = answer.info.has_more();
                        all.extend(answer.contacts.into_iter().map(|item| item.contact));
                        if !more || page >= MAX_COMPANY_CONTACTS_PAGES {
                            break Ok(());
                        }
                        page += 1;
                    }
                    Err(error) => break Err(error),
                }
            };
            match outcome {
                Ok(()) => {
                    for contact in &all {
                        store.note_contact_company(contact.id, contact.company_id.or(Some(company)));
                    }
                    target.set(ContactsState::Ready(all));
                }
                Err(error) => target.set(ContactsState::Failed(error)),
            }
        });
        contacts
    }

    /// Forgets a company's contacts, so the next use fetches them again (refresh).
    pub fn forget_company_contacts(&self, company: ObjectId) {
        if let Ok(mut known) = self.inner.company_contacts.lock() {
            known.0.retain(|(id, _)| *id != company);
        }
    }

    /// Logs a call for a contact. On success the call appears in every timeline on the
    /// page that shows that contact or its company.
    pub async fn log_call(&self, contact: ObjectId, patch: CallPatch) -> Result<Call, ApiError> {
        let call = self.inner.client.create_call(contact, &patch).await?;
        for owner in self.owners_of(&call) {
            self.owner(owner)
                .timeline
                .update(|timeline| timeline.insert_new(call.clone()));
        }
        Ok(call)
    }

    /// Changes the given fields of a call; every timeline showing it follows.
    pub async fn update_call(&self, id: ObjectId, patch: CallPatch) -> Result<Call, ApiError> {
        let call = self.inner.client.update_call(id, &patch).await?;
        for owner in self.owners_of(&call) {
            self.owner(owner).timeline.update(|timeline| {
                if timeline.contains(call.id) {
                    timeline.replace(call.clone());
                }
            });
        }
        Ok(call)
    }

    /// Deletes a call; it leaves every timeline showing it.
    pub async fn delete_call(&self, call: &Call) -> Result<(), ApiError> {
        self.inner.client.delete_call(call.id).await?;
        for owner in self.owners_of(call) {
            self.owner(owner).timeline.update(|timeline| timeline.remove(call.id));
        }
        Ok(())
    }

    /// The owners whose timelines a call belongs in: its contact, and the contact's
    /// company when the page knows it.
    fn owners_of(&self, call: &Call) -> Vec<Owner> {
        let mut owners = vec![Owner::Contact(call.contact_id)];
        let company = self
            .inner
            .companies_of_contacts
            .lock()
            .ok()
            .and_then(|known| known.get(&call.contact_id).copied());
        if let Some(Some(company)) = company {
            owners.push(Owner::Company(company));
        }
        owners
    }
}

fn fail(state: &OwnerState, error: ApiError) {
    if !state.watch.is_watched() {
        // Aborted because no widget shows this owner any more: the next one loads afresh.
        state.set_load(LoadState::Idle);
        return;
    }
    web_sys::console::warn_1(&format!("calls widget: loading {} failed: {}", state.owner, error.detail()).into());
    state.set_load(LoadState::Failed(error));
}
