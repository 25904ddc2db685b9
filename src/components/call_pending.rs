//! What a call's row says while a write of it waits for the server: saving; not saved yet,
//! retrying (Retry now); or needing a fix (Fix, Discard).

use std::sync::Arc;

use calls_model::Call;
use leptos::prelude::*;

use super::call_actions::{ActionButton, LINK, LINK_DANGER, Parts, Question};
use crate::i18n::Catalog;
use crate::outbox::Op;
use crate::store::{CallStore, Pending, Standing};

/// Where a write stands: saving; not saved yet, retrying (Retry now); or needing a fix
/// (Fix, Discard). A live region, so a screen reader hears each change.
pub(super) fn pending_parts(
    i18n: Catalog,
    store: CallStore,
    pending: Pending,
    (editing, edit_values): (RwSignal<bool>, RwSignal<Option<Call>>),
    ask: impl Fn(Question) + Copy + Send + Sync + 'static,
) -> Parts {
    let keys = OpKeys::of(pending.op);
    let key = pending.key;
    match pending.standing {
        Standing::Retrying(code) => Parts {
            line: Some((
                i18n.fill(keys.retrying, &[("reason", &i18n.error(&code))]),
                "cw-call__pending cw-call__pending--retrying",
                "status",
            )),
            buttons: vec![ActionButton {
                label: i18n.text("pending.retry_now"),
                class: LINK,
                focus: None,
                on_click: Arc::new(move || store.retry_now(&key)),
            }],
            ..Parts::default()
        },
        Standing::NeedsFix(code) => {
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
                line: Some((
                    i18n.fill("pending.needs_fix", &[("reason", &i18n.error(&code))]),
                    "cw-call__problem",
                    "alert",
                )),
                buttons: vec![
                    ActionButton {
                        label: i18n.text(if op == Op::Delete {
                            "pending.keep_call"
                        } else {
                            "pending.fix"
                        }),
                        class: LINK,
                        focus: None,
                        on_click: Arc::new(fix),
                    },
                    ActionButton {
                        label: i18n.text("call.discard"),
                        class: LINK_DANGER,
                        focus: None,
                        on_click: Arc::new(move || ask(Question::Discard(key_asked.clone()))),
                    },
                ],
                ..Parts::default()
            }
        }
        Standing::Saving => Parts {
            line: Some((i18n.text(keys.saving), "cw-call__pending", "status")),
            ..Parts::default()
        },
    }
}

/// The catalog keys of what a row says about a waiting write of each kind.
pub(super) struct OpKeys {
    saving: &'static str,
    retrying: &'static str,
    pub discard_question: &'static str,
}

impl OpKeys {
    pub fn of(op: Op) -> Self {
        let (saving, retrying, discard_question) = match op {
            Op::Create => (
                "pending.saving",
                "pending.create_retrying",
                "call.discard_create_question",
            ),
            Op::Update => (
                "pending.saving_changes",
                "pending.update_retrying",
                "call.discard_update_question",
            ),
            Op::Delete => (
                "pending.deleting",
                "pending.delete_retrying",
                "call.discard_delete_question",
            ),
        };
        Self {
            saving,
            retrying,
            discard_question,
        }
    }
}
