//! Loading an owner's pages: the first (once, however many widgets ask; again on Retry
//! or refresh) and the following ones (Load more).

use calls_model::{CallPage, ListParams};
use leptos::task::spawn_local;

use super::entries::lock;
use super::timeline::Timeline;
use super::{CallStore, LoadState, OwnerState, ViewKey};
use crate::api::{ApiError, Listed};

impl CallStore {
    /// Loads an owner's first page unless it is loaded or loading: any number of widgets
    /// can ask, and one request is made.
    pub fn ensure_loaded(&self, key: ViewKey) {
        if self.owner(key).load_untracked() == LoadState::Idle {
            self.reload(key);
        }
    }

    /// Loads the first page again (Retry, refresh). Does nothing while a load is running.
    pub fn reload(&self, key: ViewKey) {
        let state = self.owner(key);
        if state.load_untracked().is_busy() {
            return;
        }
        state.set_load(LoadState::Loading);
        self.fetch_page(state, key.page(1), Timeline::reset_with);
    }

    /// Fetches the next page, if there is one and nothing else is loading.
    pub fn load_more(&self, key: ViewKey) {
        let state = self.owner(key);
        let Some((page, per_page)) = state.read(|timeline| Some((timeline.next_page()?, timeline.info?.per_page)))
        else {
            return;
        };
        if !matches!(
            state.load_untracked(),
            LoadState::Ready { loading_more: false } | LoadState::Failed(_)
        ) {
            return;
        }
        state.set_load(LoadState::Ready { loading_more: true });
        let params = ListParams {
            page,
            per_page,
            ..ListParams::default()
        };
        self.fetch_page(state, params, Timeline::append_page);
    }

    /// Fetches a page of an owner's calls (abortable: see [`CallStore::watch`]) and puts
    /// it into the timeline with `apply`.
    fn fetch_page(&self, state: OwnerState, params: ListParams, apply: fn(&mut Timeline, CallPage)) {
        let client = self.inner.client.clone();
        spawn_local(async move {
            let controller = state.watchers.begin_request();
            let answer = client
                .list_calls_if_changed(state.owner, &params, None, controller)
                .await;
            state.watchers.end_request();
            match answer {
                Ok(Listed {
                    page: Some(page), etag, ..
                }) => {
                    if params.page == 1 {
                        // The tag a refresh asks with: the first page's.
                        *lock(&state.freshness.etag) = etag;
                    }
                    state.change(|timeline| apply(timeline, page));
                    state.set_load(LoadState::Ready { loading_more: false });
                }
                Ok(Listed { page: None, .. }) => fail(&state, ApiError::Http { status: 304 }),
                Err(error) => fail(&state, error),
            }
        });
    }
}

fn fail(state: &OwnerState, error: ApiError) {
    if !state.watchers.is_watched() {
        // Aborted because no widget shows this owner any more: the next one loads afresh.
        state.set_load(LoadState::Idle);
        return;
    }
    web_sys::console::warn_1(&format!("calls widget: loading {} failed: {}", state.owner, error.detail()).into());
    state.set_load(LoadState::Failed(error));
}
