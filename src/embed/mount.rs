//! The JavaScript API: `mountWidget(element, options)` shows a widget in `element` and
//! returns a handle with `refresh()`, `update(options)` and `unmount()`. The loader
//! (`widget/embed.js`) wraps it in a shadow root, and in the `<calls-widget>`
//! custom element.

use std::any::Any;

use calls_model::Owner;
use js_sys::{Number, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::options::WidgetOptions;
use crate::components::CallsWidget;
use crate::dom::Host;
use crate::store::CallStore;

/// A mounted widget, as JavaScript holds it.
#[wasm_bindgen]
pub struct WidgetHandle {
    root: HtmlElement,
    mounted: Option<Mounted>,
}

struct Mounted {
    options: WidgetOptions,
    store: CallStore,
    /// Leptos' mount handle: dropping it removes the view and runs every cleanup (the
    /// minute timer, the store's interest in the owner, which aborts its request).
    _view: Box<dyn Any>,
}

/// Shows a widget in `root` (an element, or a shadow root's container). Bad options
/// throw an `Error` with the reason, which the element shows too.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(root: HtmlElement, options: &JsValue) -> Result<WidgetHandle, JsError> {
    #[cfg(feature = "alloc-stats")]
    crate::alloc_stats::expose();
    let mut handle = WidgetHandle { root, mounted: None };
    handle.update(options)?;
    Ok(handle)
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Loads the timeline again from the server.
    pub fn refresh(&self) {
        if let Some(mounted) = &self.mounted {
            mounted.store.reload(mounted.options.owner);
            if let Owner::Company(company) = mounted.options.owner {
                mounted.store.forget_company_contacts(company);
                let _ = mounted.store.company_contacts(company);
            }
        }
    }

    /// Applies new options (an attribute changed): the same options change nothing,
    /// others show the widget afresh. Bad options unmount it and throw, as at mount.
    pub fn update(&mut self, options: &JsValue) -> Result<(), JsError> {
        let options = match WidgetOptions::read(|name| option(options, name)) {
            Ok(options) => options,
            Err(message) => {
                self.unmount();
                show_problem(&self.root, &message);
                web_sys::console::error_1(&format!("calls widget: {message}").into());
                return Err(JsError::new(&message));
            }
        };
        if self.mounted.as_ref().is_some_and(|mounted| mounted.options == options) {
            return Ok(());
        }
        self.unmount();
        let store = CallStore::for_connection(options.connection.clone());
        store.set_per_page(options.per_page);
        let _ = self.root.class_list().add_1("cw-root");
        let _ = self.root.set_attribute("data-theme", options.theme.as_str());
        let (owner, view) = (options.owner, options.view);
        let (for_view, host) = (store.clone(), self.root.clone());
        let mounted = leptos::mount::mount_to(self.root.clone(), move || {
            Host::provide(host.into());
            view! { <CallsWidget store=for_view owner=owner view=view /> }
        });
        self.mounted = Some(Mounted {
            options,
            store,
            _view: Box::new(mounted),
        });
        Ok(())
    }

    /// Removes the widget and frees what it held; the element is left empty.
    pub fn unmount(&mut self) {
        // Dropping the view unmounts it and runs its cleanups.
        self.mounted = None;
        self.root.set_text_content(None);
    }
}

/// An option's value as text: strings as they are, numbers written out; `undefined`
/// and `null` are not given.
fn option(options: &JsValue, name: &str) -> Option<String> {
    let value = Reflect::get(options, &JsValue::from_str(name)).ok()?;
    if value.is_undefined() || value.is_null() {
        None
    } else if let Some(text) = value.as_string() {
        Some(text)
    } else if value.as_f64().is_some() {
        Number::from(value).to_string_with_radix(10).ok().map(String::from)
    } else {
        Some("(not text)".to_owned())
    }
}

/// A visible message in place of a widget that cannot start.
fn show_problem(root: &HtmlElement, message: &str) {
    root.set_text_content(None);
    let Some(document) = root.owner_document() else { return };
    if let Ok(paragraph) = document.create_element("p") {
        paragraph.set_class_name("cw-state cw-state--error cw-config-error");
        let _ = paragraph.set_attribute("role", "alert");
        paragraph.set_text_content(Some(&format!("The calls widget cannot start. {message}")));
        let _ = root.append_child(&paragraph);
    }
}
