//! Moving focus once a change has rendered: after a dialog-like step closes, or to the
//! field a message is about, so a keyboard user is always where the change happened.

use leptos::html::Button;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// On the next animation frame (the view has updated by then), focuses `button`, or,
/// with `in_form`, the first element of the button's form that matches that selector.
/// One function for every such move, so its frame callback is compiled once.
pub fn focus_later(button: NodeRef<Button>, in_form: Option<&'static str>) {
    request_animation_frame(move || {
        let Some(button) = button.get_untracked() else { return };
        let target = match in_form {
            None => Some(button.unchecked_into::<web_sys::HtmlElement>()),
            Some(selector) => button
                .form()
                .and_then(|form| form.query_selector(selector).ok().flatten())
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()),
        };
        if let Some(target) = target {
            let _ = target.focus();
        }
    });
}
