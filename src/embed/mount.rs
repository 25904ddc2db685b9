//! The JavaScript API: `mountWidget(element, options, catalog)` shows a widget in
//! `element` and returns a handle with `refresh()`, `update(options)`,
//! `setCatalog(catalog)` and `unmount()`. The loader
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
use crate::i18n::Catalog;
use crate::store::{CallStore, ViewKey};

/// A mounted widget, as JavaScript holds it.
#[wasm_bindgen]
pub struct WidgetHandle {
    root: HtmlElement,
    /// The options, once read without a problem.
    options: Option<WidgetOptions>,
    /// The words of the widget's language: nothing is shown before they are here, so a
    /// page in German never shows English first.
    i18n: Option<Catalog>,
    mounted: Option<Mounted>,
}

struct Mounted {
    store: CallStore,
    /// Leptos' mount handle: dropping it removes the view and runs every cleanup (the
    /// minute timer, the store's interest in the owner, which aborts its request).
    _view: Box<dyn Any>,
}

/// Shows a widget in `root` (an element, or a shadow root's container) once it has
/// `catalog` (`{lang, messages}`, from `widget/i18n.js`; given later with
/// `setCatalog` when it is still on its way). Bad options throw an `Error` with the
/// reason at once, which the element shows too.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(root: HtmlElement, options: &JsValue, catalog: &JsValue) -> Result<WidgetHandle, JsError> {
    #[cfg(feature = "alloc-stats")]
    crate::alloc_stats::expose();
    let mut handle = WidgetHandle {
        root,
        options: None,
        i18n: read_catalog(catalog),
        mounted: None,
    };
    handle.update(options)?;
    Ok(handle)
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Loads the timeline again from the server.
    pub fn refresh(&self) {
        if let (Some(mounted), Some(options)) = (&self.mounted, &self.options) {
            mounted.store.reload(ViewKey::new(options.owner, options.per_page));
            if let Owner::Company(company) = options.owner {
                mounted.store.refresh_company_contacts(company);
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
                self.options = None;
                self.show_problem(&message);
                web_sys::console::error_1(&format!("calls widget: {message}").into());
                return Err(JsError::new(&message));
            }
        };
        if self.options.as_ref() == Some(&options) && (self.mounted.is_some() || self.i18n.is_none()) {
            return Ok(());
        }
        self.options = Some(options);
        self.show();
        Ok(())
    }

    /// Gives the widget the words of its language (`{lang, messages}`): it shows in
    /// that language, at once if its options are read.
    #[wasm_bindgen(js_name = setCatalog)]
    pub fn set_catalog(&mut self, catalog: &JsValue) {
        self.i18n = read_catalog(catalog);
        self.show();
    }

    /// Removes the widget and frees what it held; the element is left empty.
    pub fn unmount(&mut self) {
        // Dropping the view unmounts it and runs its cleanups.
        self.mounted = None;
        self.root.set_text_content(None);
    }

    fn show(&mut self) {
        let (Some(options), Some(i18n)) = (self.options.clone(), self.i18n) else {
            return;
        };
        self.unmount();
        let store = CallStore::for_connection(options.connection.clone());
        let _ = self.root.class_list().add_1("cw-root");
        let _ = self.root.set_attribute("data-theme", options.theme.as_str());
        let (owner, view, per_page, refresh) = (options.owner, options.view, options.per_page, options.refresh);
        let (for_view, host) = (store.clone(), self.root.clone());
        let mounted = leptos::mount::mount_to(self.root.clone(), move || {
            Host::provide(host.into());
            view! { <CallsWidget store=for_view owner=owner i18n=i18n view=view per_page=per_page refresh=refresh /> }
        });
        self.mounted = Some(Mounted {
            store,
            _view: Box::new(mounted),
        });
    }

    /// A visible message in place of a widget that cannot start: the reason is for the
    /// developer who embedded it, so it stays in English.
    fn show_problem(&self, reason: &str) {
        let root = &self.root;
        root.set_text_content(None);
        let Some(document) = root.owner_document() else { return };
        // Without its language's words yet, the reason alone (the console has it too).
        let message = match self.i18n {
            Some(i18n) => i18n.fill("widget.cannot_start", &[("reason", reason)]),
            None => reason.to_owned(),
        };
        if let Ok(paragraph) = document.create_element("p") {
            paragraph.set_class_name("cw-state cw-state--error cw-config-error");
            let _ = paragraph.set_attribute("role", "alert");
            paragraph.set_text_content(Some(&message));
            let _ = root.append_child(&paragraph);
        }
    }
}

/// The catalog `{lang, messages}` the loader gives, if it is one.
#[cfg(target_arch = "wasm32")]
fn read_catalog(catalog: &JsValue) -> Option<Catalog> {
    let lang = Reflect::get(catalog, &JsValue::from_str("lang")).ok()?.as_string()?;
    let messages = Reflect::get(catalog, &JsValue::from_str("messages")).ok()?;
    messages.is_object().then(|| Catalog::new(&lang, messages))
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

/// Natively (unit tests) there is no loader to give one.
#[cfg(not(target_arch = "wasm32"))]
fn read_catalog(_catalog: &JsValue) -> Option<Catalog> {
    None
}
