//! The browser around the widget, wrapped for the components: the clock, time zone and
//! locale (`intl`), moving focus after a render (`focus`), small records in
//! localStorage (`saved`), events to the host page (`host`), and what the outbox's sender
//! waits on (`outbox_events`).

pub mod focus;
pub mod host;
pub mod intl;
#[cfg(target_arch = "wasm32")]
pub mod outbox_events;
pub mod saved;

pub use host::Host;
