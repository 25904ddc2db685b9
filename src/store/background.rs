//! A loop the page runs in the background (the outbox's sender, the refresher): started
//! once, however many widgets ask, and asleep between rounds in a sleep that a nudge ends
//! early.

use std::sync::atomic::{AtomicBool, Ordering};

pub(super) struct Background {
    started: AtomicBool,
    #[cfg(target_arch = "wasm32")]
    wake: send_wrapper::SendWrapper<crate::dom::outbox_events::Wake>,
}

impl Default for Background {
    fn default() -> Self {
        Self {
            started: AtomicBool::new(false),
            #[cfg(target_arch = "wasm32")]
            wake: send_wrapper::SendWrapper::new(Default::default()),
        }
    }
}

impl Background {
    /// Whether this call is the first: the caller then starts the loop.
    pub(super) fn first_start(&self) -> bool {
        !self.started.swap(true, Ordering::Relaxed)
    }

    /// Ends the loop's sleep, if it is asleep.
    pub(super) fn nudge(&self) {
        #[cfg(target_arch = "wasm32")]
        self.wake.nudge();
    }

    /// The loop's sleep.
    #[cfg(target_arch = "wasm32")]
    pub(super) fn wake(&self) -> crate::dom::outbox_events::Wake {
        (*self.wake).clone()
    }
}
