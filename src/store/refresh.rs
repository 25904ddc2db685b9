//! Keeping what the page shows current: every view a widget shows is asked again every
//! so often (the smallest `refresh` of the widgets that want it), at once when the tab is
//! seen again, the browser is back online or the window regains focus, never while the
//! tab is hidden. One request per view, with the tag of its first page: a refresh that
//! finds nothing new is a `304` with no body. When something changed, the pages the
//! view has loaded are fetched again and merged; rows that did not change stay as they
//! are (see [`super::Rows::show`]).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use calls_model::CallPage;
use leptos::task::spawn_local;

use super::background::Background;
use super::entries::lock;
use super::{CallStore, LoadState, OwnerState};

/// How often a timeline asks whether its calls changed, when not told: a colleague's
/// call shows within half a minute, for one small request (a `304` when nothing did).
pub const DEFAULT_REFRESH_SECONDS: u32 = 30;

/// A view's side of refreshing: the tag of its first page, whether a refresh is on its
/// way, and a count of its changes (a refresh that raced a change is dropped).
#[derive(Default)]
pub(super) struct Freshness {
    pub(super) etag: Mutex<Option<String>>,
    in_flight: AtomicBool,
    pub(super) changes: AtomicU64,
}

/// The page's side: the interval each refreshing widget asked for, and the timer's loop.
#[derive(Default)]
pub(super) struct Refresher {
    /// One entry per widget that refreshes: its interval in seconds.
    periods: Mutex<Vec<u32>>,
    timer: Background,
}

/// A widget's wish to have its views refreshed, withdrawn when dropped.
pub struct Refreshing {
    store: Option<CallStore>,
    seconds: u32,
}

impl Drop for Refreshing {
    fn drop(&mut self) {
        if let Some(store) = &self.store {
            {
                let mut periods = lock(&store.inner.refresher.periods);
                if let Some(index) = periods.iter().position(|known| *known == self.seconds) {
                    periods.remove(index);
                }
            }
            // The page's interval may be longer now, or gone with the last widget: the
            // timer is set again, or not at all.
            store.nudge_refresher();
        }
    }
}

impl CallStore {
    /// Refreshes the page's views every `seconds` (0: this widget never asks) while the
    /// returned guard lives. The page's interval is the smallest asked for.
    pub fn refresh_every(&self, seconds: u32) -> Refreshing {
        if seconds == 0 {
            return Refreshing { store: None, seconds };
        }
        lock(&self.inner.refresher.periods).push(seconds);
        self.start_refreshing();
        Refreshing {
            store: Some(self.clone()),
            seconds,
        }
    }

    /// The interval between refreshes, while any widget wants them.
    fn refresh_period_ms(&self) -> Option<i64> {
        let periods = lock(&self.inner.refresher.periods);
        periods.iter().min().map(|seconds| i64::from(*seconds) * 1000)
    }

    /// Refreshes every view a widget shows now, if any widget wants refreshes and the tab
    /// can be seen.
    pub fn refresh_all(&self) {
        if self.refresh_period_ms().is_none() || hidden() {
            return;
        }
        for state in self.states() {
            if state.watchers.is_watched() {
                self.refresh(&state);
            }
        }
    }

    /// Asks whether a view's calls changed, and brings its loaded pages up to date when
    /// they did. Nothing while the view is loading, or a refresh is on its way.
    fn refresh(&self, state: &OwnerState) {
        if state.load_untracked() != (LoadState::Ready { loading_more: false })
            || state.freshness.in_flight.swap(true, Ordering::Relaxed)
        {
            return;
        }
        let (store, state) = (self.clone(), state.clone());
        spawn_local(async move {
            let changes = state.freshness.changes.load(Ordering::Relaxed);
            let pages = fetch_changed(&store.inner.client, &state).await;
            state.freshness.in_flight.store(false, Ordering::Relaxed);
            let (pages, etag) = match pages {
                Ok(Some(fresh)) => fresh,
                Ok(None) => return,
                Err(error) => {
                    // What is shown stays; the next refresh tries again.
                    #[cfg(target_arch = "wasm32")]
                    web_sys::console::warn_1(&format!("calls widget: refreshing failed: {}", error.detail()).into());
                    let _ = error;
                    return;
                }
            };
            // A write of this page or a page loaded meanwhile: these answers may predate
            // it. The next refresh asks again, with the old tag.
            if state.freshness.changes.load(Ordering::Relaxed) != changes {
                return;
            }
            let (open, mut gone) = (store.edited(), Vec::new());
            state.change(|timeline| gone = timeline.refresh_with(pages, &open));
            store.tell_gone(&gone);
            *lock(&state.freshness.etag) = etag;
        });
    }

    fn start_refreshing(&self) {
        if !self.inner.refresher.timer.first_start() {
            self.nudge_refresher();
        } else {
            self.spawn_refresher();
        }
    }

    /// The one timer of the page: it sleeps until the shortest period asked for is over,
    /// or until a widget asks for another period.
    #[cfg(target_arch = "wasm32")]
    fn spawn_refresher(&self) {
        let store = self.clone();
        spawn_local(async move {
            let wake = store.inner.refresher.timer.wake();
            let mut last = crate::outbox::now_ms();
            loop {
                let period = store.refresh_period_ms();
                let left = period.map(|period| last + period - crate::outbox::now_ms());
                match left {
                    Some(left) if left <= 0 => {
                        last = crate::outbox::now_ms();
                        store.refresh_all();
                    }
                    // Asleep until then, or until the interval changes.
                    _ => wake.sleep(left).await,
                }
            }
        });
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn spawn_refresher(&self) {}

    fn nudge_refresher(&self) {
        self.inner.refresher.timer.nudge();
    }
}

/// The view's loaded pages again, and the first page's tag, unless the first page's tag
/// says nothing changed (`None`).
async fn fetch_changed(
    client: &crate::api::ApiClient,
    state: &OwnerState,
) -> Result<Option<(Vec<CallPage>, Option<String>)>, crate::api::ApiError> {
    let etag = lock(&state.freshness.etag).clone();
    let loaded = state.read(|timeline| timeline.pages_shown(state.key.per_page));
    let first = client
        .list_calls_if_changed(state.owner, &state.key.page(1), etag.as_deref(), None)
        .await?;
    let Some(page) = first.page else {
        return Ok(None);
    };
    let mut pages = vec![page];
    for number in 2..=loaded {
        pages.push(client.list_calls(state.owner, &state.key.page(number), None).await?);
    }
    Ok(Some((pages, first.etag)))
}

/// Whether the tab cannot be seen (a background tab, a minimised window).
fn hidden() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|window| window.document())
            .is_some_and(|document| document.hidden())
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}
