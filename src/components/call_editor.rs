//! A call being edited in its place in the timeline, and what others did to it meanwhile:
//! saved it or deleted it. The editor says so; saving keeps what was typed (over their
//! fields, or as a call logged again), Cancel takes what they did.

use std::sync::Arc;

use calls_model::Call;
use leptos::prelude::*;

use super::form::{EditCallForm, Handler};
use crate::i18n::Catalog;
use crate::store::CallStore;

/// The editor of `opened` (what the form starts with) for the call `stored` shows.
pub fn editor_view(
    i18n: Catalog,
    store: CallStore,
    stored: ArcRwSignal<Arc<Call>>,
    opened: Call,
    gone: RwSignal<bool>,
    close: Handler,
) -> impl IntoView {
    let saved_at = stored.with_untracked(|call| call.modified_at);
    // What others did meanwhile, and the user's choice: the call saved (saving sends
    // only the fields changed here, over theirs; Cancel shows theirs), or deleted
    // (saving logs it again; Cancel lets it go).
    // Empty (and hidden by the stylesheet) while nobody else touched the call.
    let news = move || {
        if gone.get() {
            i18n.text("call.deleted_elsewhere")
        } else if stored.with(|call| call.modified_at) != saved_at {
            i18n.text("call.changed_elsewhere")
        } else {
            String::new()
        }
    };
    let id = opened.id.to_string();
    view! {
        // Still an article of the feed, holding the form.
        <article class="cw-call cw-call--editing" data-id=id>
            <p class="cw-call__conflict" role="status">{news}</p>
            <EditCallForm store=store call=opened gone=gone on_close=close i18n=i18n />
        </article>
    }
}
