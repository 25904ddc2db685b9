//! Attributes set by name.
//!
//! The `view!` macro gives every attribute it knows (`href`, `role`, `aria-label`…) a
//! type of its own, and with Leptos' type erasure (`erase_components`, .cargo/config.toml)
//! each of those types brings its own copy of the attribute code into the wasm, about
//! 600 bytes each. An attribute set by name with [`attr`] is one type for every name,
//! so the widget's views write `{attr("role", "alert")}` instead of `role="alert"`.

use leptos::tachys::html::attribute::AttributeValue;
use leptos::tachys::html::attribute::custom::{CustomAttr, custom_attribute};

/// The attribute `name` with `value` (text, optional text, or a closure giving either).
pub fn attr<V: AttributeValue>(name: &'static str, value: V) -> CustomAttr<&'static str, V> {
    custom_attribute(name, value)
}
