//! One call in the timeline: result (icon and word), notes, number, service, author,
//! when it was changed, and its recording.

use std::sync::Arc;

use calls_model::links::{http_url, tel_uri};
use calls_model::{Call, CallResult};
use leptos::prelude::*;
use leptos::tachys::html::node_ref::NodeRefContainer;
use wasm_bindgen::JsCast;

use super::form::{EditCallForm, Handler};
use super::icons::ResultIcon;
use crate::dom::focus::focus_later;
use crate::dom::host::Host;
use crate::dom::intl::{exact_local, minute, relative_to_now};
use crate::format::should_fold;
use crate::outbox::Op;
use crate::store::{CallStore, ContactsState, Pending, Standing};

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
) -> impl IntoView {
    let editing = RwSignal::new(false);
    // What the edit form opens with when it is not the stored call: a refused edit's
    // values, brought back by Fix so that nothing typed is lost.
    let edit_values = RwSignal::new(None::<Call>);
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
            let call = edit_values
                .try_update(Option::take)
                .flatten()
                .unwrap_or_else(|| (*call.get_untracked()).clone());
            view! {
                <div class="cw-call cw-call--editing">
                    <EditCallForm store=store.clone() call=call on_close=close_edit.clone() />
                </div>
            }
            .into_any()
        } else {
            call_view(
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
    store: CallStore,
    call: &Arc<Call>,
    pending: ArcRwSignal<Option<Pending>>,
    contacts: Option<ArcRwSignal<ContactsState>>,
    editing: (RwSignal<bool>, RwSignal<Option<Call>>),
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
    let actions = actions(store, Arc::clone(call), pending, editing, edit_button);

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

/// What the actions area of a call shows.
#[derive(Clone, PartialEq)]
enum Area {
    /// Edit and Delete.
    Idle,
    /// "Delete this call?" is asked, in place.
    AskingDelete,
    /// A write of the call waits for the server: where it stands, and what can be done.
    Pending(Pending),
    /// "Discard …?" is asked for a refused write, in place.
    AskingDiscard(Pending),
}

/// The question the user asked for, in place: deleting the call, or discarding the
/// waiting write with this key.
#[derive(Clone, PartialEq)]
enum Question {
    None,
    Delete,
    Discard(String),
}

/// What the actions area shows, as data: a question asked in place, or a line saying
/// where a waiting write stands, and the buttons. One view draws every kind of area, so
/// its code is in the wasm once (a view of its own for each kind cost 3.4 KB of brotli,
/// bench/RESULTS.md).
#[derive(Default)]
struct Parts {
    /// The question; its buttons are then a group, and Escape answers Keep.
    question: Option<&'static str>,
    /// Where a waiting write stands: the words, their class and their live-region role.
    line: Option<(String, &'static str, &'static str)>,
    buttons: Vec<ActionButton>,
}

/// A button of the actions area.
struct ActionButton {
    label: &'static str,
    class: &'static str,
    /// Where focus is put on it later (Edit, and the answer to a question).
    focus: Option<NodeRef<leptos::html::Button>>,
    on_click: Handler,
}

const LINK: &str = "cw-link-button";
const LINK_DANGER: &str = "cw-link-button cw-link-button--danger";

/// Edit and Delete, or where a write of the call stands. Delete and Discard ask first,
/// in place. One memo picks what shows, so the area is built again only when that
/// changes.
fn actions(
    store: CallStore,
    call: Arc<Call>,
    pending: ArcRwSignal<Option<Pending>>,
    (editing, edit_values): (RwSignal<bool>, RwSignal<Option<Call>>),
    edit_button: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let asking = RwSignal::new(Question::None);
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    let host = Host::current();
    let area = Memo::new(move |_| match (pending.get(), asking.get()) {
        (Some(pending), Question::Discard(key)) if key == pending.key => Area::AskingDiscard(pending),
        (Some(pending), _) => Area::Pending(pending),
        (None, Question::Delete) => Area::AskingDelete,
        (None, _) => Area::Idle,
    });
    let ask = move |question: Question| {
        asking.set(question);
        focus_later(confirm_button);
    };
    let keep: Handler = Arc::new(move || {
        asking.set(Question::None);
        focus_later(edit_button);
    });
    let delete: Handler = {
        let (store, call) = (store.clone(), Arc::clone(&call));
        Arc::new(move || {
            // Where focus goes: the timeline's heading, so a keyboard user stays in the
            // timeline when the call leaves it.
            let heading = confirm_button
                .get_untracked()
                .and_then(|button| button.closest(".cw-timeline").ok().flatten())
                .and_then(|timeline| timeline.query_selector(".cw-timeline__title").ok().flatten())
                .and_then(|heading| heading.dyn_into::<web_sys::HtmlElement>().ok());
            asking.set(Question::None);
            store.delete_call(&call, host.clone());
            if let Some(heading) = heading {
                let _ = heading.focus();
            }
        })
    };
    // A question asked in place: its answer, then Keep.
    let question = move |question: &'static str, answer: &'static str, on_answer: Handler, keep: Handler| Parts {
        question: Some(question),
        line: None,
        buttons: vec![
            ActionButton {
                label: answer,
                class: "cw-button cw-button--danger",
                focus: Some(confirm_button),
                on_click: on_answer,
            },
            ActionButton {
                label: "Keep",
                class: "cw-button cw-button--secondary cw-call__keep",
                focus: None,
                on_click: keep,
            },
        ],
    };
    let view = move || {
        let parts = match area.get() {
            Area::Idle => Parts {
                buttons: vec![
                    ActionButton {
                        label: "Edit",
                        class: LINK,
                        focus: Some(edit_button),
                        on_click: Arc::new(move || editing.set(true)),
                    },
                    ActionButton {
                        label: "Delete",
                        class: LINK_DANGER,
                        focus: None,
                        on_click: Arc::new(move || ask(Question::Delete)),
                    },
                ],
                ..Parts::default()
            },
            Area::AskingDelete => question("Delete this call?", "Delete", Arc::clone(&delete), Arc::clone(&keep)),
            Area::Pending(pending) => pending_parts(store.clone(), pending, (editing, edit_values), ask),
            Area::AskingDiscard(pending) => {
                let store = store.clone();
                let text = match pending.op {
                    Op::Create => "Discard this call? It will not be saved.",
                    Op::Update => "Discard this change? The call stays as saved.",
                    Op::Delete => "Keep this call instead of deleting it?",
                };
                let discard = Arc::new(move || store.discard(&pending.key));
                question(text, "Discard", discard, Arc::clone(&keep))
            }
        };
        parts_view(parts)
    };
    view! { <div class="cw-call__actions">{view}</div> }
}

/// The actions area drawn from its parts. A question is a group named by it; Escape in
/// it answers Keep (the timeline listens for that: `keep_on_escape`). Otherwise the
/// wrapper takes no room of its own (`display: contents`).
fn parts_view(parts: Parts) -> impl IntoView {
    let Parts {
        question,
        line,
        buttons,
    } = parts;
    let class = if question.is_some() {
        "cw-call__confirm"
    } else {
        "cw-call__buttons"
    };
    view! {
        <div class=class role=question.map(|_| "group") aria-label=question>
            {question.map(|text| view! { <span class="cw-call__confirm-text">{text}</span> })}
            {line.map(|(text, class, role)| view! { <p class=class role=role>{text}</p> })}
            {buttons
                .into_iter()
                .map(|button| {
                    let on_click = button.on_click;
                    view! {
                        <button type="button" class=button.class node_ref=Focusable(button.focus) on:click=move |_| on_click()>
                            {button.label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A button's `node_ref` when only some of the buttons drawn by one view are wanted
/// later.
#[derive(Clone)]
struct Focusable(Option<NodeRef<leptos::html::Button>>);

impl NodeRefContainer<leptos::html::Button> for Focusable {
    fn load(self, element: &web_sys::Element) {
        if let Some(node_ref) = self.0 {
            node_ref.load(element);
        }
    }
}

/// Escape in a question asked in place in one of the rows answers it with Keep: one
/// listener on the list of rows instead of one in each.
pub fn keep_on_escape(event: leptos::ev::KeyboardEvent) {
    if event.key() != "Escape" {
        return;
    }
    let keep = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest(".cw-call__confirm").ok().flatten())
        .and_then(|question| question.query_selector(".cw-call__keep").ok().flatten())
        .and_then(|keep| keep.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(keep) = keep {
        event.prevent_default();
        keep.click();
    }
}

/// Where a write stands: saving; not saved yet, retrying (Retry now); or needing a fix
/// (Fix, Discard). A live region, so a screen reader hears each change.
fn pending_parts(
    store: CallStore,
    pending: Pending,
    (editing, edit_values): (RwSignal<bool>, RwSignal<Option<Call>>),
    ask: impl Fn(Question) + Copy + Send + Sync + 'static,
) -> Parts {
    let (saving, not_yet) = match pending.op {
        Op::Create => ("Saving…", "Not saved yet — retrying."),
        Op::Update => ("Saving changes…", "Changes not saved yet — retrying."),
        Op::Delete => ("Deleting…", "Not deleted yet — retrying."),
    };
    let key = pending.key;
    match pending.standing {
        Standing::Retrying(message) => Parts {
            line: Some((
                format!("{not_yet} {message}"),
                "cw-call__pending cw-call__pending--retrying",
                "status",
            )),
            buttons: vec![ActionButton {
                label: "Retry now",
                class: LINK,
                focus: None,
                on_click: Arc::new(move || store.retry_now(&key)),
            }],
            ..Parts::default()
        },
        Standing::NeedsFix(message) => {
            let op = pending.op;
            let key_asked = key.clone();
            let fix = move || match op {
                // A new call goes back into the form; an edit opens again here.
                Op::Create => store.fix(&key),
                Op::Update => {
                    edit_values.set(store.written_call(&key));
                    store.discard(&key);
                    editing.set(true);
                }
                Op::Delete => store.discard(&key),
            };
            Parts {
                line: Some((format!("Needs a fix: {message}"), "cw-call__problem", "alert")),
                buttons: vec![
                    ActionButton {
                        label: if op == Op::Delete { "Keep the call" } else { "Fix" },
                        class: LINK,
                        focus: None,
                        on_click: Arc::new(fix),
                    },
                    ActionButton {
                        label: "Discard",
                        class: LINK_DANGER,
                        focus: None,
                        on_click: Arc::new(move || ask(Question::Discard(key_asked.clone()))),
                    },
                ],
                ..Parts::default()
            }
        }
        Standing::Saving => Parts {
            line: Some((saving.to_owned(), "cw-call__pending", "status")),
            ..Parts::default()
        },
    }
}
