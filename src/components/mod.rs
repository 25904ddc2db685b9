//! The widget's components. They read the store and send it intents; none of them talks
//! to the network or keeps its own copy of a call.
//!
//! The views are written as Leptos views are usually written. One size rule stays,
//! measured (bench/RESULTS.md, brotli bytes of the release widget as served): a view with
//! nothing dynamic in it stays fully static (built from one HTML string). Leptos'
//! `erase_components` is not used (.cargo/config.toml): it saves 3.3 KB but boxes every
//! element's attributes and children, which doubled the allocations per timeline row.
//!
//! Rules dropped because they cost clarity for little size: attributes set by name
//! through a helper (`{attr("type", "button")}` instead of `type="button"`: 2.5 KB) and
//! optional parts wrapped into `AnyView` by a helper (0.2 KB).

mod call_actions;
mod call_editor;
mod call_item;
mod call_pending;
mod form;
mod icons;
#[cfg(feature = "standalone")]
mod standalone;
mod timeline;
mod widget;

pub use call_item::CallItem;

pub use form::{EditCallForm, LogCallForm};
#[cfg(feature = "standalone")]
pub use standalone::StandaloneApp;
pub use timeline::CallTimeline;
pub use widget::{CallsWidget, WidgetView};
