//! One call in the timeline: result (icon and word), notes, number, service, author,
//! when it was changed, and its recording.

use std::sync::Arc;

use calls_model::links::{http_url, tel_uri};
use calls_model::{Call, CallResult};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::focus::focus_later;
use super::host::{Host, report_error};
use super::icons::ResultIcon;
use super::intl::{exact_local, minute_tick, relative_to_now};
use super::log_form::{Action, EditCallForm};
use crate::format::should_fold;
use crate::store::{CallStore, ContactsState};

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
    #[prop(optional_no_strip)] contacts: Option<ArcRwSignal<ContactsState>>,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let edit_button = NodeRef::<leptos::html::Button>::new();
    let close_edit: Action = Arc::new(move || {
        editing.set(false);
        // Back to where the user was: the Edit button, when the call is still shown.
        focus_later(edit_button, None);
    });
    move || {
        if editing.get() {
            // Read without subscribing: a change made elsewhere while the user edits must
            // not throw away what they typed.
            let call = (*call.get_untracked()).clone();
            view! {
                <div class="cw-call cw-call--editing">
                    <EditCallForm store=store.clone() call=call on_close=close_edit.clone() />
                </div>
            }
            .into_any()
        } else {
            call_view(store.clone(), &call.get(), contacts.clone(), editing, edit_button).into_any()
        }
    }
}

fn call_view(
    store: CallStore,
    call: &Call,
    contacts: Option<ArcRwSignal<ContactsState>>,
    editing: RwSignal<bool>,
    edit_button: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let foldable = should_fold(&call.text);
    let kind = result_kind(&call.call_result);
    let label = call.call_result.label().to_owned();
    let modified_exact = exact_local(&call.modified_at);
    let modified_relative = {
        let (tick, modified_at) = (minute_tick(), call.modified_at);
        move || {
            tick.track();
            relative_to_now(&modified_at)
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
                "Recording"
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
    let accessible_label = {
        let (label, contact_name) = (label.clone(), contact_name.clone());
        move || match contact_name.as_ref().and_then(|name| name()) {
            Some(name) => format!("{label}, {name}"),
            None => label.clone(),
        }
    };
    let folded = move || foldable && !expanded.get();
    let actions = delete_actions(store, call.clone(), editing, edit_button);

    view! {
        <article class=format!("cw-call cw-call--{kind}") aria-label={accessible_label}>
            <header class="cw-call__head">
                <span class=format!("cw-call__result cw-call__result--{kind}")>
                    <ResultIcon kind=kind />
                    <span class="cw-call__result-label">{label}</span>
                </span>
                {contact_name.map(|name| view! { <span class="cw-call__contact">{move || name().unwrap_or_default()}</span> }.into_any())}
                <time class="cw-call__modified" datetime={modified_iso} title={modified_exact.clone()}>
                    <span class="cw-visually-hidden">"Changed "</span>
                    {modified_relative}
                </time>
            </header>
            {has_notes
                .then(|| {
                    view! {
                        <p
                            id={notes_id.clone()}
                            class="cw-call__notes"
                            class:cw-call__notes--folded=folded
                        >
                            {text}
                        </p>
                    }
                    .into_any()
                })}
            {(has_notes && foldable)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="cw-link-button cw-call__fold"
                            aria-expanded={move || expanded.get().to_string()}
                            aria-controls={notes_id.clone()}
                            on:click=move |_| expanded.update(|open| *open = !*open)
                        >
                            {move || if expanded.get() { "Show less" } else { "Show more" }.to_owned()}
                        </button>
                    }
                    .into_any()
                })}
            <footer class="cw-call__meta">
                {phone}
                {via.map(|via| view! { <span class="cw-call__via">"via " {via}</span> }.into_any())}
                {author.map(|author| view! { <span class="cw-call__author">"by " {author}</span> }.into_any())}
                {recording}
            </footer>
            {actions}
        </article>
    }
}

/// Edit and Delete; Delete asks first, in place, and says why when it fails.
fn delete_actions(
    store: CallStore,
    call: Call,
    editing: RwSignal<bool>,
    edit_button: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let host = Host::current();
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    let ask = move |_| {
        problem.set(None);
        confirming.set(true);
        focus_later(confirm_button, None);
    };
    let delete = move |_| {
        if deleting.get_untracked() {
            return;
        }
        deleting.set(true);
        // Where focus goes once this item is gone: the timeline's heading, so a keyboard
        // user stays in the timeline instead of starting over at the top of the page.
        let heading = confirm_button
            .get_untracked()
            .and_then(|button| button.closest(".cw-timeline").ok().flatten())
            .and_then(|timeline| timeline.query_selector(".cw-timeline__title").ok().flatten())
            .and_then(|heading| heading.dyn_into::<web_sys::HtmlElement>().ok());
        let (store, call, host) = (store.clone(), call.clone(), host.clone());
        leptos::task::spawn_local(async move {
            match store.delete_call(&call).await {
                // The call leaves every timeline, this item with it.
                Ok(()) => {
                    if let Some(heading) = heading {
                        let _ = heading.focus();
                    }
                    if let Some(host) = &host {
                        host.call_event("calls:deleted", &call);
                    }
                }
                Err(error) => {
                    let message = format!("The call was not deleted. {}", error.user_message());
                    report_error(&host, &message);
                    problem.try_set(Some(message));
                    deleting.try_set(false);
                    confirming.try_set(false);
                }
            }
        });
    };
    let cancel = move |_| {
        confirming.set(false);
        focus_later(edit_button, None);
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" && confirming.get_untracked() {
            event.prevent_default();
            confirming.set(false);
        }
    };
    view! {
        <div class="cw-call__actions" on:keydown=on_keydown>
            {move || problem.get().map(|message| view! { <p class="cw-call__problem" role="alert">{message}</p> }.into_any())}
            {move || {
                if confirming.get() {
                    view! {
                        <div class="cw-call__confirm" role="group" aria-label="Delete this call?">
                            <span class="cw-call__confirm-text">"Delete this call?"</span>
                            <button
                                type="button"
                                class="cw-button cw-button--danger"
                                node_ref={confirm_button}
                                aria-disabled={move || deleting.get().then(|| "true".to_owned())}
                                on:click=delete.clone()
                            >
                                {move || if deleting.get() { "Deleting…" } else { "Delete" }.to_owned()}
                            </button>
                            <button type="button" class="cw-button cw-button--secondary" on:click=cancel>
                                "Keep"
                            </button>
                        </div>
                    }
                    .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="cw-link-button"
                            node_ref=edit_button
                            on:click=move |_| editing.set(true)
                        >
                            "Edit"
                        </button>
                        <button type="button" class="cw-link-button cw-link-button--danger" on:click=ask>
                            "Delete"
                        </button>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}
