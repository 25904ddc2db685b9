//! The widget's components. They read the store and send it intents; none of them talks
//! to the network or keeps its own copy of a call.
//!
//! The views are written for a small wasm, because Leptos compiles its renderer once per
//! distinct type a view uses (bench/RESULTS.md has what each rule saved):
//! - attributes are set by name with `attr::attr`, one type for every attribute name;
//! - reactive text is a `String`, reactive parts are an `AnyView`, and a part that may be
//!   absent is an `Option<AnyView>` (or `shown(…)` inside a closure), rather than an
//!   `Option` or a closure result of each element's own type;
//! - signals are few kinds (`RwSignal` of a handful of types, the store's `ArcRwSignal`s),
//!   with no derived `Signal`s or `signal()` pairs;
//! - fully static markup stays static, so it is built from one HTML string.

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
