//! The call timeline and log-a-call widget for CRM pages: Leptos components compiled to
//! WebAssembly, talking to the Calls API (`shared/calls-api.md`).
//!
//! The embeddable build exports the mount API ([`embed`]); the standalone app's build
//! (feature `standalone`) adds the page around it.

#[cfg(feature = "alloc-stats")]
pub mod alloc_stats;
pub mod api;
pub mod components;
pub mod dom;
pub mod embed;
pub mod form;
pub mod format;
pub mod outbox;
pub mod store;

pub use calls_model as model;

/// Runs when the standalone app's module loads: mounts the app into `#calls-app`.
#[cfg(feature = "standalone")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let Some(root) = document.get_element_by_id("calls-app") {
        use wasm_bindgen::JsCast;
        if let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() {
            // The page may hold a <noscript> fallback; the app replaces it.
            root.set_text_content(None);
            leptos::mount::mount_to(root, components::StandaloneApp).forget();
        }
    }
}
