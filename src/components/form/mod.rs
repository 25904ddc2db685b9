//! The call form, in two uses: logging a call (for a contact, or for one of a company's
//! contacts chosen in the form) and editing one in place. Labelled fields, the model's
//! checks before anything is sent, one request however often it is clicked, and nothing
//! typed is ever lost: values stay on failure, and a new call's values are kept as a
//! draft in the browser until it is logged.

mod state;
mod view;

use std::sync::Arc;

use calls_model::{Call, Owner};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::dom::Host;
use crate::dom::focus::focus_in_form_later;
use crate::dom::intl::local_today;
use crate::form::{FormValues, new_call};
use crate::store::CallStore;
use state::{FormState, load_draft, save_draft};
use view::{FormParts, form_view};

/// What a form does when asked: submit, or close an edit.
pub type Handler = Arc<dyn Fn() + Send + Sync>;

/// The "Log a call" form for `owner`: a contact's, or a company's with a Contact field
/// listing that company's contacts.
#[component]
pub fn LogCallForm(store: CallStore, owner: Owner) -> impl IntoView {
    let state = FormState::new(load_draft(owner).unwrap_or_else(|| FormValues::new(local_today())));
    let host = Host::current();
    Effect::new(move || state.values.with(|values| save_draft(owner, values)));
    let watch = store.watch(owner);
    on_cleanup(move || drop(watch));
    let contacts = match owner {
        Owner::Company(company) => Some(store.company_contacts(company)),
        Owner::Contact(_) => None,
    };
    // "Called via" suggests the values already in this owner's calls.
    let suggestions = store.owner(owner).rows.called_via;

    let submit = move || {
        if state.saving.get_untracked() {
            return;
        }
        let (contact, patch) = match state.values.with_untracked(|values| new_call(owner, values)) {
            Ok(call) => call,
            Err(problems) => return state.refuse(problems),
        };
        state.start_saving();
        let (store, host) = (store.clone(), host.clone());
        spawn_local(async move {
            match store.log_call(contact, patch).await {
                Ok(call) => {
                    // The form clears; a company's form keeps the contact chosen.
                    state.values.try_update(|values| {
                        let contact_id = std::mem::take(&mut values.contact_id);
                        *values = FormValues {
                            contact_id,
                            ..FormValues::new(local_today())
                        };
                    });
                    state.status.try_set(Some("Call logged.".to_owned()));
                    state.saving.try_set(false);
                    if let Some(host) = &host {
                        host.call_event("calls:logged", &call);
                    }
                }
                Err(error) => state.failed(host.as_ref(), &error, "logging a call"),
            }
        });
    };

    form_view(
        state,
        FormParts {
            title: "Log a call",
            submit_label: "Log call",
            suggestions,
            contacts,
            submit: Arc::new(submit),
            close: None,
        },
    )
}

/// A call's form in place of the call: the same fields, filled. Saving sends only what
/// changed (`PUT …?partial=1`); Escape or Cancel closes it and nothing is sent.
#[component]
pub fn EditCallForm(store: CallStore, call: Call, on_close: Handler) -> impl IntoView {
    let state = FormState::new(FormValues::from_call(&call));
    let host = Host::current();
    let suggestions = store.owner(Owner::Contact(call.contact_id)).rows.called_via;
    let submit = {
        let on_close = on_close.clone();
        move || {
            if state.saving.get_untracked() {
                return;
            }
            let changes = match state.values.with_untracked(|values| values.changes_from(&call)) {
                Ok(changes) => changes,
                Err(problems) => return state.refuse(problems),
            };
            if changes.is_empty() {
                return on_close();
            }
            state.start_saving();
            let (store, host, id, on_close) = (store.clone(), host.clone(), call.id, on_close.clone());
            spawn_local(async move {
                match store.update_call(id, changes).await {
                    Ok(call) => {
                        state.saving.try_set(false);
                        if let Some(host) = &host {
                            host.call_event("calls:updated", &call);
                        }
                        on_close();
                    }
                    Err(error) => state.failed(host.as_ref(), &error, "saving a call"),
                }
            });
        }
    };
    // Edits open with the first field focused, so the keyboard is where the user looks.
    focus_in_form_later(state.form, "input, textarea");
    form_view(
        state,
        FormParts {
            title: "Edit call",
            submit_label: "Save changes",
            suggestions,
            contacts: None,
            submit: Arc::new(submit),
            close: Some(on_close),
        },
    )
}
