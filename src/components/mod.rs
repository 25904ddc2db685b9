//! The widget's components. They read the store and send it intents; none of them talks
//! to the network or keeps its own copy of a call.

mod attr;
mod call_item;
mod focus;
mod host;
mod icons;
pub mod intl;
mod log_form;
mod saved;
#[cfg(feature = "standalone")]
mod standalone;
mod timeline;
mod widget;

pub use call_item::CallItem;
pub use host::Host;

use leptos::prelude::{AnyView, IntoAny};

/// `view`, or nothing. Reactive parts that may be absent give this rather than an
/// `Option`: each kind of reactive output costs the wasm its own renderer code, and the
/// widget's others are `AnyView`.
fn shown(view: Option<AnyView>) -> AnyView {
    view.unwrap_or_else(|| ().into_any())
}
pub use log_form::{EditCallForm, LogCallForm};
#[cfg(feature = "standalone")]
pub use standalone::StandaloneApp;
pub use timeline::CallTimeline;
pub use widget::{CallsWidget, WidgetView};
