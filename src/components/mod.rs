//! The widget's components. They read the store and send it intents; none of them talks
//! to the network or keeps its own copy of a call.

mod call_item;
mod icons;
pub mod intl;
mod log_form;
mod saved;
mod standalone;
mod timeline;

pub use call_item::CallItem;
pub use log_form::LogCallForm;
pub use standalone::StandaloneApp;
pub use timeline::CallTimeline;
