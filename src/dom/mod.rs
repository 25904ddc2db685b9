//! The browser around the widget, wrapped for the components: the clock, time zone and
//! locale (`intl`), moving focus after a render (`focus`), small records in
//! localStorage (`saved`), and events to the host page (`host`).

pub mod focus;
pub mod host;
pub mod intl;
pub mod saved;

pub use host::Host;
