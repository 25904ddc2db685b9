//! One call in the timeline: result (icon and word), notes, number, service, author,
//! when it was changed, and its recording.

use std::sync::Arc;

use calls_model::links::{http_url, tel_uri};
use calls_model::{Call, CallResult};
use leptos::prelude::*;

use super::call_actions::actions;
use super::call_editor::editor_view;
use super::form::Handler;
use super::icons::ResultIcon;
use crate::dom::focus::focus_later;
use crate::dom::intl::{day_heading_text, exact_local, minute, relative_to_now};
use crate::format::{DayHeading, should_fold};
use crate::i18n::{Catalog, result_label};
use crate::store::{CallStore, ContactsState, Pending};

/// The CSS modifier of a result, so a conversation and a missed call look different
/// beyond their colour.
fn result_kind(result: &CallResult) -> &'static str {
    match result {
        CallResult::Conversation => "conversation",
        CallResult::NoAnswer => "no-answer",
        CallResult::LeftMessage => "left-message",
        CallResult::Other(_) => "other",
    }
}

/// A call as an `article`, with Edit (the form in its place) and Delete (after a
/// confirmation). `contacts` (a company's, in company timelines) names the call's contact.
#[component]
pub fn CallItem(
    store: CallStore,
    /// The call as stored; an edit, here or in another widget, sets it.
    call: ArcRwSignal<Arc<Call>>,
    /// Where a write of the call stands with the server, while one waits.
    pending: ArcRwSignal<Option<Pending>>,
    #[prop(optional_no_strip)] contacts: Option<ArcRwSignal<ContactsState>>,
    /// The words of the widget's language.
    i18n: Catalog,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    // What the edit form opens with when it is not the stored call: a refused edit's
    // values, brought back by Fix so that nothing typed is lost.
    let edit_values = RwSignal::new(None::<Call>);
    let edit_button = NodeRef::<leptos::html::Button>::new();
    let id = call.with_untracked(|call| call.id);
    // Set when a refresh finds the call being edited deleted by someone else.
    let gone = RwSignal::new(false);
    let close_edit: Handler = {
        let store = store.clone();
        Arc::new(move || {
            editing.set(false);
            store.editing(id, None);
            if gone.get_untracked() {
                store.let_go(id);
            } else {
                // Back to where the user was: the Edit button.
                focus_later(edit_button);
            }
        })
    };
    on_cleanup({
        let store = store.clone();
        move || store.editing(id, None)
    });
    move || {
        if editing.get() {
            store.editing(id, Some(gone));
            // What it opens with: a refused edit's values, or the call as stored, read
            // without subscribing (a change made elsewhere must not throw away what
            // the user typed).
            let opened = edit_values
                .try_update(Option::take)
                .flatten()
                .unwrap_or_else(|| (*call.get_untracked()).clone());
            editor_view(i18n, store.clone(), call.clone(), opened, gone, close_edit.clone()).into_any()
        } else {
            call_view(
                i18n,
                store.clone(),
                &call.get(),
                pending.clone(),
                contacts.clone(),
                (editing, edit_values),
                edit_button,
            )
            .into_any()
        }
    }
}

fn call_view(
    i18n: Catalog,
    store: CallStore,
    call: &Arc<Call>,
    pending: ArcRwSignal<Option<Pending>>,
    contacts: Option<ArcRwSignal<ContactsState>>,
    editing: (RwSignal<bool>, RwSignal<Option<Call>>),
    edit_button: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let foldable = should_fold(&call.text);
    let kind = result_kind(&call.call_result);
    let label = result_label(i18n, &call.call_result);
    let modified_exact = exact_local(i18n, &call.modified_at);
    let modified_relative = {
        let (tick, modified_at, i18n) = (minute(), call.modified_at, i18n);
        move || {
            tick.track();
            relative_to_now(i18n, &modified_at)
        }
    };
    let modified_iso = calls_model::time::format_timestamp(&call.modified_at);
    let notes_id = format!("cw-notes-{}", call.id);
    let phone = (!call.phone_number.trim().is_empty()).then(|| {
        // Without an href (a number with no digits to dial) the anchor is plain text.
        let number = call.phone_number.clone();
        let href = tel_uri(&number);
        view! { <a class="cw-call__phone" href={href}>{number}</a> }.into_any()
    });
    let recording = http_url(&call.recording_link).map(|url| {
        let url = url.to_owned();
        view! {
            <a class="cw-call__recording" href={url} target="_blank" rel="noopener noreferrer">
                {i18n.text("call.recording")}
            </a>
        }
        .into_any()
    });
    let via = (!call.called_via.trim().is_empty()).then(|| call.called_via.clone());
    let author = (!call.author.trim().is_empty()).then(|| call.author.clone());
    let has_notes = !call.text.trim().is_empty();
    let text = call.text.clone();
    let contact_name = contacts.map(|contacts| {
        let id = call.contact_id;
        move || contacts.with(|contacts| contacts.name_of(id))
    });
    // The call's name, as a screen reader's list of calls reads it: the result, the
    // contact (in a company's timeline, once the contacts are in) and the call's day.
    let name = {
        let (i18n, result, date) = (i18n, label.clone(), day_heading_text(i18n, DayHeading::Date(call.date)));
        let contact_name = contact_name.clone();
        move || match contact_name.as_ref().and_then(|name| name()) {
            Some(contact) => i18n.fill(
                "call.name_with",
                &[("result", &result), ("contact", &contact), ("date", &date)],
            ),
            None => i18n.fill("call.name", &[("result", &result), ("date", &date)]),
        }
    };
    let described_by = has_notes.then(|| notes_id.clone());
    // Read before the relative time: "Changed: Thursday, 3 December 2026 at 14:05, ".
    let exact_label = format!("{} {modified_exact}, ", i18n.text("call.changed"));
    let exact_title = modified_exact;
    let notes = has_notes.then(|| notes_view(i18n, text, notes_id, foldable));
    let actions = actions(i18n, store, Arc::clone(call), pending, editing, edit_button);

    view! {
        <article class=format!("cw-call cw-call--{kind}") data-id=call.id.to_string() tabindex="0" aria-label=name aria-describedby=described_by>
            <header class="cw-call__head">
                <span class=format!("cw-call__result cw-call__result--{kind}")>
                    <ResultIcon result=call.call_result.clone() />
                    <span class="cw-call__result-label">{label}</span>
                </span>
                {contact_name.map(|name| view! { <span class="cw-call__contact">{move || name().unwrap_or_default()}</span> })}
                <time class="cw-call__modified" datetime={modified_iso} title={exact_title}>
                    <span class="cw-visually-hidden">{exact_label}</span>
                    {modified_relative}
                </time>
            </header>
            {notes}
            <footer class="cw-call__meta">
                {phone}
                {via.map(|via| view! { <span class="cw-call__via">{i18n.fill("call.via", &[("service", &via)])}</span> }.into_any())}
                {author.map(|author| view! { <span class="cw-call__author">{i18n.fill("call.by", &[("author", &author)])}</span> }.into_any())}
                {recording}
            </footer>
            {actions}
        </article>
    }
}

/// The notes; long ones fold behind "Show more" (only those have the toggle's state).
fn notes_view(i18n: Catalog, text: String, id: String, foldable: bool) -> AnyView {
    if !foldable {
        return view! { <p id={id} class="cw-call__notes">{text}</p> }.into_any();
    }
    let expanded = RwSignal::new(false);
    let (less, more) = (i18n.text("call.show_less"), i18n.text("call.show_more"));
    view! {
        <p id={id.clone()} class="cw-call__notes" class:cw-call__notes--folded=move || !expanded.get()>
            {text}
        </p>
        <button
            type="button"
            class="cw-link-button cw-call__fold"
            aria-expanded=move || expanded.get().to_string()
            aria-controls={id}
            on:click=move |_| expanded.update(|open| *open = !*open)
        >
            {move || if expanded.get() { less.clone() } else { more.clone() }}
        </button>
    }
    .into_any()
}
