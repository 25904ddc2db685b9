//! Telling the host page what happened: bubbling, composed DOM events (`calls:logged`,
//! `calls:updated`, `calls:deleted` with the call, `calls:error` with the message) sent
//! from the widget's element, so they cross its shadow root and reach the page.

use calls_model::Call;
use js_sys::{Object, Reflect};
use leptos::prelude::{provide_context, use_context};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

use crate::api::call_fields;

/// The element a widget's events are dispatched from; provided as context by whoever
/// mounts the widget. Components mounted without one (the standalone app's own views,
/// tests) send nothing.
#[derive(Clone)]
pub struct Host(SendWrapper<Element>);

impl Host {
    /// Makes `element` the source of the events of the components mounted below.
    pub fn provide(element: Element) {
        provide_context(Self(SendWrapper::new(element)));
    }

    /// The host of the component being built, if any. Call while building a component
    /// (not later, from a task): context is read from the component tree.
    pub fn current() -> Option<Self> {
        use_context::<Self>()
    }

    /// `calls:logged`, `calls:updated` or `calls:deleted`, with the call as the API
    /// writes it.
    pub fn call_event(&self, name: &str, call: &Call) {
        self.dispatch(name, &call_object(call));
    }

    /// `calls:error` with the message the widget shows.
    pub fn error(&self, message: &str) {
        self.dispatch("calls:error", &JsValue::from_str(message));
    }

    fn dispatch(&self, name: &str, detail: &JsValue) {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.0.dispatch_event(&event);
        }
    }
}

/// Sends through `host`, if there is one.
pub fn report_error(host: Option<&Host>, message: &str) {
    if let Some(host) = host {
        host.error(message);
    }
}

/// A call as the contract's JSON object (the same fields and formats as the API's
/// answers), built from the fields as the client writes them.
pub fn call_object(call: &Call) -> JsValue {
    let object = Object::new();
    for (key, value) in call_fields(call) {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(&value));
    }
    object.into()
}
