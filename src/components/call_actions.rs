//! A call's actions area: Edit and Delete, a question asked in place (delete, discard),
//! or where a waiting write of the call stands (saving, retrying, needs a fix), with its
//! buttons.

use std::sync::Arc;

use calls_model::Call;
use leptos::prelude::*;
use leptos::tachys::html::node_ref::NodeRefContainer;
use wasm_bindgen::JsCast;

use super::call_pending::{OpKeys, pending_parts};
use super::form::Handler;
use crate::dom::focus::focus_later;
use crate::dom::host::Host;
use crate::i18n::Catalog;
use crate::store::{CallStore, Pending};

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
pub(super) enum Question {
    None,
    Delete,
    Discard(String),
}

/// What the actions area shows, as data: a question asked in place, or a line saying
/// where a waiting write stands, and the buttons. One view draws every kind of area, so
/// its code is in the wasm once (a view of its own for each kind cost 3.4 KB of brotli,
/// bench/RESULTS.md).
#[derive(Default)]
pub(super) struct Parts {
    /// The question; its buttons are then a group, and Escape answers Keep.
    pub question: Option<String>,
    /// Where a waiting write stands: the words, their class and their live-region role.
    pub line: Option<(String, &'static str, &'static str)>,
    pub buttons: Vec<ActionButton>,
}

/// A button of the actions area.
pub(super) struct ActionButton {
    pub label: String,
    pub class: &'static str,
    /// Where focus is put on it later (Edit, and the answer to a question).
    pub focus: Option<NodeRef<leptos::html::Button>>,
    pub on_click: Handler,
}

pub(super) const LINK: &str = "cw-link-button";
pub(super) const LINK_DANGER: &str = "cw-link-button cw-link-button--danger";

/// Edit and Delete, or where a write of the call stands. Delete and Discard ask first,
/// in place. One memo picks what shows, so the area is built again only when that
/// changes.
pub(super) fn actions(
    i18n: Catalog,
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
    let keep_label = i18n.text("call.keep");
    let question = move |question: String, answer: String, on_answer: Handler, keep: Handler| Parts {
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
                label: keep_label.clone(),
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
                        label: i18n.text("call.edit"),
                        class: LINK,
                        focus: Some(edit_button),
                        on_click: Arc::new(move || editing.set(true)),
                    },
                    ActionButton {
                        label: i18n.text("call.delete"),
                        class: LINK_DANGER,
                        focus: None,
                        on_click: Arc::new(move || ask(Question::Delete)),
                    },
                ],
                ..Parts::default()
            },
            Area::AskingDelete => question(
                i18n.text("call.delete_question"),
                i18n.text("call.delete"),
                Arc::clone(&delete),
                Arc::clone(&keep),
            ),
            Area::Pending(pending) => pending_parts(i18n, store.clone(), pending, (editing, edit_values), ask),
            Area::AskingDiscard(pending) => {
                let store = store.clone();
                let text = i18n.text(OpKeys::of(pending.op).discard_question);
                let discard = Arc::new(move || store.discard(&pending.key));
                question(text, i18n.text("call.discard"), discard, Arc::clone(&keep))
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
    let (role, name) = (question.as_ref().map(|_| "group"), question.clone());
    let class = if question.is_some() {
        "cw-call__confirm"
    } else {
        "cw-call__buttons"
    };
    view! {
        <div class=class role=role aria-label=name>
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
