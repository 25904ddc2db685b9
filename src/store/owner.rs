//! One owner's state: the pure timeline, the rows it is shown from, and where loading
//! stands, each its own signal so that a change reaches only what reads it.

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use calls_model::Owner;
use leptos::prelude::*;

use super::entries::lock;
use super::pending::{concerns, with_pending};
use super::refresh::Freshness;
use super::rows::Rows;
use super::timeline::Timeline;
use super::view::ViewKey;
use super::watch::Watchers;
use crate::api::ApiError;
use crate::outbox::Entry;

/// Where an owner's pages stand.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum LoadState {
    /// Nothing asked yet.
    #[default]
    Idle,
    /// The first page is on its way.
    Loading,
    /// Pages are shown; `loading_more` says whether another page is on its way.
    Ready {
        /// A following page is being fetched.
        loading_more: bool,
    },
    /// The last load failed; what is shown (if anything) stays.
    Failed(ApiError),
}

impl LoadState {
    /// Whether a request for a page is on its way.
    pub fn is_busy(&self) -> bool {
        matches!(self, LoadState::Loading | LoadState::Ready { loading_more: true })
    }
}

/// The state of one owner's timeline; cloning shares it.
#[derive(Clone)]
pub struct OwnerState {
    /// Whose calls these are.
    pub owner: Owner,
    /// How this view shows them.
    pub key: ViewKey,
    /// What the page shows of the timeline, one signal per concern.
    pub rows: Rows,
    /// Where loading stands.
    pub load: ArcRwSignal<LoadState>,
    /// The calls loaded so far: every change is made here, then shown by `rows`.
    timeline: Arc<Mutex<Timeline>>,
    /// The outbox's writes that concern this owner, shown over the timeline.
    pending: Arc<Mutex<Vec<Entry>>>,
    /// Who shows this owner, and the list request on its way.
    pub(super) watchers: Arc<Watchers>,
    /// What refreshing needs: the first page's tag, and a count of changes.
    pub(super) freshness: Arc<Freshness>,
}

impl OwnerState {
    pub(super) fn new(key: ViewKey) -> Self {
        Self {
            owner: key.owner,
            key,
            rows: Rows::default(),
            load: ArcRwSignal::new(LoadState::Idle),
            timeline: Arc::default(),
            pending: Arc::default(),
            watchers: Arc::default(),
            freshness: Arc::default(),
        }
    }

    /// Changes the timeline with `change`, then shows the result.
    pub(super) fn change(&self, change: impl FnOnce(&mut Timeline)) {
        let mut timeline = lock(&self.timeline);
        change(&mut timeline);
        self.freshness.changes.fetch_add(1, Ordering::Relaxed);
        self.show(&timeline);
    }

    /// Shows the outbox's `entries` (those that concern this owner) over the timeline.
    pub(super) fn set_pending(&self, entries: Vec<Entry>) {
        let mine: Vec<Entry> = entries
            .into_iter()
            .filter(|entry| concerns(entry, self.owner))
            .collect();
        let same = *lock(&self.pending) == mine;
        if !same {
            *lock(&self.pending) = mine;
            self.show(&lock(&self.timeline));
        }
    }

    fn show(&self, timeline: &Timeline) {
        let pending = lock(&self.pending);
        if pending.is_empty() {
            return self.rows.show(timeline, &Default::default());
        }
        let (shown, marks) = with_pending(timeline, self.owner, &pending);
        self.rows.show(&shown, &marks);
    }

    /// Reads the timeline without subscribing to anything.
    pub(super) fn read<T>(&self, read: impl FnOnce(&Timeline) -> T) -> T {
        read(&lock(&self.timeline))
    }

    /// Where loading stands, read without subscribing.
    pub fn load_untracked(&self) -> LoadState {
        self.load.get_untracked()
    }

    pub(super) fn set_load(&self, load: LoadState) {
        if self.load.with_untracked(|current| *current != load) {
            self.load.set(load);
        }
    }
}
