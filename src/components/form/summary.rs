//! The form's error summary (the GOV.UK pattern), at its top.

use leptos::prelude::*;

use super::state::FormState;
use crate::i18n::Catalog;

/// What stops the form, at its top: a heading, what happened, and each field's message
/// as a link to that field, following the messages as fields are fixed. Focus moves
/// here when the form is refused, so a screen reader reads it all and a keyboard user is
/// one Tab from a fix. The links are plain `#id` links: the loader's `widget/summary.js`
/// focuses their field, which a browser would look for in the page, never in the
/// widget's shadow root.
pub(super) fn error_summary(i18n: Catalog, state: FormState) -> impl Fn() -> Option<AnyView> + Send + Sync + 'static {
    let title = i18n.text("form.errors_title");
    move || {
        let message = state.form_error.get()?;
        let links = state.errors.with(|errors| {
            let mut links = Vec::new();
            for (field, messages) in errors.iter() {
                for message in messages {
                    let href = format!("#{}", state.id(field));
                    links.push(view! { <li><a href=href>{message.clone()}</a></li> });
                }
            }
            links
        });
        Some(
            view! {
                <div class="cw-form__error" role="alert" tabindex="-1">
                    <h3 class="cw-form__error-title">{title.clone()}</h3>
                    <p>{message}</p>
                    <ul class="cw-form__error-list">{links}</ul>
                </div>
            }
            .into_any(),
        )
    }
}
