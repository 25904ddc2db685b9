//! The signals of one call form, what happens to them on refusal and save, and
//! the draft a new call's form keeps in the browser.

use std::sync::atomic::{AtomicU32, Ordering};

use calls_model::{FieldErrors, Owner};
use leptos::prelude::*;

use crate::dom::focus::focus_in_form_later;
use crate::dom::saved;
use crate::form::{FormField, FormValues, Problems};
use crate::i18n::{Catalog, problem_messages};

/// Gives each form on the page its own element ids.
fn next_form_id() -> u32 {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The signals of one form.
#[derive(Clone, Copy)]
pub(super) struct FormState {
    pub form_id: u32,
    pub values: RwSignal<FormValues>,
    pub errors: RwSignal<FieldErrors>,
    pub form_error: RwSignal<Option<String>>,
    pub status: RwSignal<Option<String>>,
    pub form: NodeRef<leptos::html::Form>,
    /// The form's language, for the messages it words when the user submits.
    pub i18n: Catalog,
}

impl FormState {
    pub fn new(values: FormValues, i18n: Catalog) -> Self {
        Self {
            form_id: next_form_id(),
            values: RwSignal::new(values),
            errors: RwSignal::new(FieldErrors::new()),
            form_error: RwSignal::new(None),
            status: RwSignal::new(None),
            form: NodeRef::new(),
            i18n,
        }
    }

    /// The element id of a part of this form (a field's name, `title`, …).
    pub fn id(&self, part: &str) -> String {
        format!("cw-form-{}-{part}", self.form_id)
    }

    /// Shows what to fix and moves focus there; nothing is sent.
    pub fn refuse(&self, problems: Problems) {
        self.errors.set(problem_messages(self.i18n, &problems));
        self.form_error.set(Some(self.i18n.text("form.refused")));
        // Focus goes to the summary of what to fix, once it shows.
        focus_in_form_later(self.form, ".cw-form__error");
    }

    /// A call the checks let through: their messages go.
    pub fn clear_messages(&self) {
        self.errors.set(FieldErrors::new());
        self.form_error.set(None);
        self.status.set(None);
    }

    /// Whether `field` has a message now.
    pub fn has_error(&self, field: FormField) -> bool {
        !self.errors.with(|errors| errors.field(field.name()).is_empty())
    }

    /// A value typed into `field`: kept, and its message goes.
    pub fn typed(&self, field: FormField, value: String) {
        self.values.update(|values| values.set(field, value));
        self.errors
            .update(|errors| *errors = without_field(errors, field.name()));
    }
}

fn without_field(errors: &FieldErrors, field: &str) -> FieldErrors {
    let mut kept = FieldErrors::new();
    for (name, messages) in errors.iter() {
        if name != field {
            for message in messages {
                kept.add(name, message.clone());
            }
        }
    }
    kept
}

fn draft_key(owner: Owner) -> String {
    format!("calls-widget:draft:{}", owner.id())
}

/// The draft of a new call for `owner`, if one was kept.
pub(super) fn load_draft(owner: Owner) -> Option<FormValues> {
    let get = saved::load(&draft_key(owner))?;
    Some(FormValues::from_pairs(get))
}

/// Keeps what was typed for `owner`'s next call, or forgets it when nothing was.
pub(super) fn save_draft(owner: Owner, values: &FormValues) {
    if !values.has_input() {
        return saved::forget(&draft_key(owner));
    }
    let pairs: Vec<(&str, &str)> = values.pairs().collect();
    saved::save(&draft_key(owner), &pairs);
}
