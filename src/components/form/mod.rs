//! The call form, in two uses: logging a call (for a contact, or for one of a company's
//! contacts chosen in the form) and editing one in place. Labelled fields, the model's
//! checks before anything is sent, and nothing typed is ever lost: a new call's values
//! are kept as a draft in the browser until it is logged, and a logged call or an edit
//! goes into the outbox, kept in the browser until the server has it (a refused call
//! comes back here to be fixed).

mod state;
mod summary;
mod view;

use std::sync::Arc;

use calls_model::{Call, Owner};
use leptos::prelude::*;

use crate::dom::Host;
use crate::dom::focus::focus_in_form_later;
use crate::dom::intl::local_today;
use crate::form::{FormValues, new_call};
use crate::i18n::{Catalog, server_messages};
use crate::store::{CallStore, DEFAULT_PER_PAGE, ViewKey};
use state::{FormState, load_draft, save_draft};
use view::{FormParts, form_view};

/// What a form does when asked: submit, or close an edit.
pub type Handler = Arc<dyn Fn() + Send + Sync>;

/// How long after logging a call the form, untouched since it was cleared, ignores a
/// submit: longer than a double click.
const DOUBLE_SUBMIT_MS: i64 = 1_000;

/// The "Log a call" form for `owner`: a contact's, or a company's with a Contact field
/// listing that company's contacts.
#[component]
pub fn LogCallForm(
    store: CallStore,
    owner: Owner,
    /// The page size of the timeline beside it, whose calls suggest "Called via".
    #[prop(default = DEFAULT_PER_PAGE)]
    per_page: u32,
    /// The words of the widget's language.
    i18n: Catalog,
) -> impl IntoView {
    let key = ViewKey::new(owner, per_page);
    let state = FormState::new(
        load_draft(owner).unwrap_or_else(|| FormValues::new(local_today())),
        i18n,
    );
    let host = Host::current();
    Effect::new(move || state.values.with(|values| save_draft(owner, values)));
    let watch = store.watch(key);
    on_cleanup(move || drop(watch));
    let contacts = match owner {
        Owner::Company(company) => Some(store.company_contacts(company)),
        Owner::Contact(_) => None,
    };
    // "Called via" suggests the values already in this owner's calls.
    let suggestions = store.owner(key).rows.called_via;

    // A refused call the user asked to fix comes back here, with the server's messages.
    let fixes = store.fix_requests();
    let fix_i18n = i18n;
    Effect::new(move || {
        let Some(fix) = fixes.get() else { return };
        if !fix.is_for(owner) {
            return;
        }
        fixes.set(None);
        state.values.set(FormValues::from_call(&fix.call));
        state.errors.set(server_messages(fix_i18n, &fix.fields));
        let reason = fix_i18n.error(&fix.message);
        state
            .form_error
            .set(Some(fix_i18n.fill("form.fix", &[("reason", &reason)])));
        focus_in_form_later(state.form, ".cw-form__error");
    });

    // When this form last logged a call, and what it was cleared to: the second click of
    // a double click comes to a form just cleared, and must not log an empty call.
    let logged = StoredValue::new(None::<(i64, FormValues)>);
    let logged_status = i18n.text("form.logged");
    let submit = move || {
        let now = crate::outbox::now_ms();
        let untouched = logged.with_value(|logged| {
            logged.as_ref().is_some_and(|(at, cleared)| {
                now.saturating_sub(*at) < DOUBLE_SUBMIT_MS && state.values.with_untracked(|values| values == cleared)
            })
        });
        if untouched {
            return;
        }
        let (contact, patch) = match state.values.with_untracked(|values| new_call(owner, values)) {
            Ok(call) => call,
            Err(problems) => return state.refuse(problems),
        };
        state.clear_messages();
        // Kept in the outbox (and so in the browser) before anything is sent, and shown in
        // the timeline until the server has it: the form is free for the next call.
        store.log_call(contact, patch, host.clone());
        // The form clears; a company's form keeps the contact chosen.
        state.values.update(|values| {
            let contact_id = std::mem::take(&mut values.contact_id);
            *values = FormValues {
                contact_id,
                ..FormValues::new(local_today())
            };
        });
        logged.set_value(Some((now, state.values.get_untracked())));
        state.status.set(Some(logged_status.clone()));
    };

    form_view(
        i18n,
        state,
        FormParts {
            title: i18n.text("form.log_title"),
            submit_label: i18n.text("form.log_submit"),
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
pub fn EditCallForm(
    store: CallStore,
    call: Call,
    /// Set when someone else deleted the call meanwhile: saving then logs it again.
    gone: RwSignal<bool>,
    on_close: Handler,
    /// The words of the widget's language.
    i18n: Catalog,
) -> impl IntoView {
    let state = FormState::new(FormValues::from_call(&call), i18n);
    let host = Host::current();
    let suggestions = store.called_via(Owner::Contact(call.contact_id));
    let submit = {
        let on_close = on_close.clone();
        move || {
            if gone.get_untracked() {
                let owner = Owner::Contact(call.contact_id);
                match state.values.with_untracked(|values| new_call(owner, values)) {
                    Ok((contact, patch)) => store.log_call(contact, patch, host.clone()),
                    Err(problems) => return state.refuse(problems),
                }
                return on_close();
            }
            let changes = match state.values.with_untracked(|values| values.changes_from(&call)) {
                Ok(changes) => changes,
                Err(problems) => return state.refuse(problems),
            };
            if !changes.is_empty() {
                // Shown at once, marked, until the server has it.
                store.update_call(&call, changes, host.clone());
            }
            on_close();
        }
    };
    // Edits open with the first field focused, so the keyboard is where the user looks.
    focus_in_form_later(state.form, "input, textarea");
    form_view(
        i18n,
        state,
        FormParts {
            title: i18n.text("form.edit_title"),
            submit_label: i18n.text("form.edit_submit"),
            suggestions,
            contacts: None,
            submit: Arc::new(submit),
            close: Some(on_close),
        },
    )
}
