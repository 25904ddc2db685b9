//! The call timeline and log-a-call widget. The widget itself lands with the widget issue;
//! for now this crate only proves that the shared model builds into it.

pub use calls_model as model;
