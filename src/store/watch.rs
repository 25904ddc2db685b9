//! Who shows an owner: a count of widgets, and the list request on its way, which is
//! aborted when the last widget goes rather than left running.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use send_wrapper::SendWrapper;
use web_sys::AbortController;

use super::entries::lock;

#[derive(Default)]
pub(super) struct Watchers {
    count: AtomicUsize,
    in_flight: Mutex<Option<SendWrapper<AbortController>>>,
}

impl Watchers {
    /// One more widget shows the owner until the guard is dropped.
    pub(super) fn add(self: &Arc<Self>) -> Watch {
        self.count.fetch_add(1, Ordering::Relaxed);
        Watch {
            watchers: Arc::clone(self),
        }
    }

    pub(super) fn begin_request(&self) -> Option<AbortController> {
        let controller = AbortController::new().ok()?;
        *lock(&self.in_flight) = Some(SendWrapper::new(controller.clone()));
        Some(controller)
    }

    pub(super) fn end_request(&self) {
        *lock(&self.in_flight) = None;
    }

    fn abort_request(&self) {
        let controller = lock(&self.in_flight).take();
        if let Some(controller) = controller {
            controller.abort();
        }
    }

    pub(super) fn is_watched(&self) -> bool {
        self.count.load(Ordering::Relaxed) > 0
    }
}

/// A widget's interest in an owner (see [`super::CallStore::watch`]); dropping it ends it.
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
