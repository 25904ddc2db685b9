//! Moving focus once a change has rendered: after a dialog-like step closes, or to the
//! field a message is about, so a keyboard user is always where the change happened.

use leptos::html::{Button, Form};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// On the next animation frame (the view has updated by then), focuses `button`.
pub fn focus_later(button: NodeRef<Button>) {
    request_animation_frame(move || {
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    });
}

/// On the next animation frame, focuses the first element of `form` that matches
/// `selector` (the first field, the first field with a message).
pub fn focus_in_form_later(form: NodeRef<Form>, selector: &'static str) {
    request_animation_frame(move || {
        let target = form
            .get_untracked()
            .and_then(|form| form.query_selector(selector).ok().flatten())
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(target) = target {
            let _ = target.focus();
        }
    });
}
