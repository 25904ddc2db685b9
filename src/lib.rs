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
pub mod i18n;
pub mod outbox;
pub mod store;

pub use calls_model as model;

/// Starts the standalone app in `#calls-app`, in the language `lang` with its catalog
/// (`app.js` picks and fetches them, as the loader does for the widget).
#[cfg(all(feature = "standalone", target_arch = "wasm32"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = startApp)]
pub fn start_app(lang: &str, messages: wasm_bindgen::JsValue) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let Some(root) = document.get_element_by_id("calls-app") {
        use wasm_bindgen::JsCast;
        if let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() {
            // The page may hold a <noscript> fallback; the app replaces it.
            root.set_text_content(None);
            let i18n = i18n::Catalog::new(lang, messages);
            leptos::mount::mount_to(root, move || leptos::view! { <components::StandaloneApp i18n=i18n /> }).forget();
        }
    }
}
