//! One call in the timeline: result (icon and word), notes, number, service, author,
//! when it was changed, and its recording.

use std::sync::Arc;

use calls_model::links::{http_url, tel_uri};
use calls_model::{Call, CallResult};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::form::{EditCallForm, Handler};
use super::icons::ResultIcon;
use crate::dom::focus::focus_later;
use crate::dom::host::{Host, report_error};
use crate::dom::intl::{exact_local, minute, relative_to_now};
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
    let close_edit: Handler = Arc::new(move || {
        editing.set(false);
        // Back to where the user was: the Edit button, when the call is still shown.
        focus_later(edit_button);
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
    call: &Arc<Call>,
    contacts: Option<ArcRwSignal<ContactsState>>,
    editing: RwSignal<bool>,
    edit_button: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let foldable = should_fold(&call.text);
    let kind = result_kind(&call.call_result);
    let label = call.call_result.label().to_owned();
    let modified_exact = exact_local(&call.modified_at);
    let modified_relative = {
        let (tick, modified_at) = (minute(), call.modified_at);
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
    // In a company's timeline the call's name says whose it is: the result and the
    // contact's name, by reference, so it follows the name when the contacts come in.
    let name_ids = contact_name.is_some().then(|| {
        (
            format!("cw-call-{}-result", call.id),
            format!("cw-call-{}-contact", call.id),
        )
    });
    let accessible_label = name_ids.is_none().then(|| label.clone());
    let labelled_by = name_ids.as_ref().map(|(result, contact)| format!("{result} {contact}"));
    let (result_id, contact_id) = name_ids.unzip();
    let notes = has_notes.then(|| notes_view(text, notes_id, foldable));
    let actions = delete_actions(store, Arc::clone(call), editing, edit_button);

    view! {
        <article class=format!("cw-call cw-call--{kind}") aria-label=accessible_label aria-labelledby=labelled_by>
            <header class="cw-call__head">
                <span class=format!("cw-call__result cw-call__result--{kind}")>
                    <ResultIcon result=call.call_result.clone() />
                    <span class="cw-call__result-label" id=result_id>{label}</span>
                </span>
                {contact_name.map(|name| view! { <span class="cw-call__contact" id=contact_id>{move || name().unwrap_or_default()}</span> })}
                <time class="cw-call__modified" datetime={modified_iso} title={modified_exact}>
                    <span class="cw-visually-hidden">"Changed "</span>
                    {modified_relative}
                </time>
            </header>
            {notes}
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

/// The notes; long ones fold behind "Show more" (only those have the toggle's state).
fn notes_view(text: String, id: String, foldable: bool) -> AnyView {
    if !foldable {
        return view! { <p id={id} class="cw-call__notes">{text}</p> }.into_any();
    }
    let expanded = RwSignal::new(false);
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
            {move || if expanded.get() { "Show less" } else { "Show more" }}
        </button>
    }
    .into_any()
}

/// Where deleting a call stands, for its Edit / Delete area.
#[derive(Clone, PartialEq)]
enum Deletion {
    /// Edit and Delete are offered.
    Idle,
    /// "Delete this call?" is asked, in place.
    Asking,
    /// The delete is on its way.
    Deleting,
    /// The delete failed: why, above Edit and Delete again.
    Failed(String),
}

/// Edit and Delete; Delete asks first, in place, and says why when it fails. One signal
/// and one reactive part per call: the question and its handlers are built only when
/// asked.
fn delete_actions(
    store: CallStore,
    call: Arc<Call>,
    editing: RwSignal<bool>,
    edit_button: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let deletion = RwSignal::new(Deletion::Idle);
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    let host = Host::current();
    let ask = move |_| {
        deletion.set(Deletion::Asking);
        focus_later(confirm_button);
    };
    let keep = move || {
        deletion.set(Deletion::Idle);
        focus_later(edit_button);
    };
    let delete = move || {
        if deletion.get_untracked() == Deletion::Deleting {
            return;
        }
        let (store, call, host) = (store.clone(), call.clone(), host.clone());
        deletion.set(Deletion::Deleting);
        // Where focus goes once this item is gone: the timeline's heading, so a keyboard
        // user stays in the timeline instead of starting over at the top of the page.
        let heading = confirm_button
            .get_untracked()
            .and_then(|button| button.closest(".cw-timeline").ok().flatten())
            .and_then(|timeline| timeline.query_selector(".cw-timeline__title").ok().flatten())
            .and_then(|heading| heading.dyn_into::<web_sys::HtmlElement>().ok());
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
                    report_error(host.as_ref(), &message);
                    deletion.try_set(Deletion::Failed(message));
                }
            }
        });
    };
    // Whether the question is shown: the delete being on its way leaves its buttons the
    // same elements, so focus stays where it was. A failure's message changes only as
    // the question closes, so the buttons' branch reads it without subscribing.
    let asking = Memo::new(move |_| matches!(deletion.get(), Deletion::Asking | Deletion::Deleting));
    let area = move || match asking.get() {
        false => {
            let problem = match deletion.get_untracked() {
                Deletion::Failed(message) => Some(view! { <p class="cw-call__problem" role="alert">{message}</p> }),
                _ => None,
            };
            view! {
                {problem}
                <button type="button" class="cw-link-button" node_ref=edit_button on:click=move |_| editing.set(true)>
                    "Edit"
                </button>
                <button type="button" class="cw-link-button cw-link-button--danger" on:click=ask>
                    "Delete"
                </button>
            }
            .into_any()
        }
        true => {
            let deleting = move || deletion.get() == Deletion::Deleting;
            let delete = delete.clone();
            let on_keydown = move |event: leptos::ev::KeyboardEvent| {
                if event.key() == "Escape" && !deleting() {
                    event.prevent_default();
                    keep();
                }
            };
            view! {
                <div class="cw-call__confirm" role="group" aria-label="Delete this call?" on:keydown=on_keydown>
                    <span class="cw-call__confirm-text">"Delete this call?"</span>
                    <button
                        type="button"
                        class="cw-button cw-button--danger"
                        node_ref=confirm_button
                        aria-disabled=move || deleting().then_some("true")
                        on:click=move |_| delete()
                    >
                        {move || if deleting() { "Deleting…" } else { "Delete" }}
                    </button>
                    <button type="button" class="cw-button cw-button--secondary" on:click=move |_| keep()>
                        "Keep"
                    </button>
                </div>
            }
            .into_any()
        }
    };
    view! { <div class="cw-call__actions">{area}</div> }
}
