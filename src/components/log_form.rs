//! The call form, in two uses: logging a call (for a contact, or for one of a company's
//! contacts chosen in the form) and editing one in place. Labelled fields, the model's
//! checks before anything is sent, one request however often it is clicked, and nothing
//! typed is ever lost: values stay on failure, and a new call's values are kept as a
//! draft in the browser until it is logged.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use calls_model::{Call, CallResult, FieldErrors, ObjectId, Owner};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::focus::focus_later;
use super::host::{Host, report_error};
use super::intl::local_today;
use super::saved;
use crate::form::{FormValues, form_messages};
use crate::store::{CallStore, ContactsState};

/// Gives each form on the page its own element ids.
fn next_form_id() -> u32 {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn draft_key(owner: Owner) -> String {
    format!("calls-widget:draft:{}", owner.id())
}

fn load_draft(owner: Owner) -> Option<FormValues> {
    let get = saved::load(&draft_key(owner))?;
    Some(FormValues {
        date: get("date"),
        call_result: Some(get("call_result"))
            .filter(|value| CallResult::from_api(value).is_known())
            .unwrap_or_else(|| CallResult::Conversation.as_api_str().to_owned()),
        text: get("text"),
        phone_number: get("phone_number"),
        called_via: get("called_via"),
        recording_link: get("recording_link"),
        contact_id: get("contact_id"),
    })
}

fn save_draft(owner: Owner, values: &FormValues) {
    if !values.has_input() {
        return saved::forget(&draft_key(owner));
    }
    saved::save(
        &draft_key(owner),
        &[
            ("date", &values.date),
            ("call_result", &values.call_result),
            ("text", &values.text),
            ("phone_number", &values.phone_number),
            ("called_via", &values.called_via),
            ("recording_link", &values.recording_link),
            ("contact_id", &values.contact_id),
        ],
    );
}

/// Something a form does when asked (submit, close). Not a Leptos `Callback`: a plain
/// shared closure costs the wasm less.
pub type Action = Arc<dyn Fn() + Send + Sync>;

/// The signals of one form.
#[derive(Clone, Copy)]
struct FormState {
    form_id: u32,
    values: RwSignal<FormValues>,
    errors: RwSignal<FieldErrors>,
    form_error: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
    saving: RwSignal<bool>,
    /// The submit button, which leads to its form: a `NodeRef` of the one element type
    /// the widget already refers to (buttons) costs less wasm than a second type.
    submit_button: NodeRef<leptos::html::Button>,
}

impl FormState {
    fn new(values: FormValues) -> Self {
        Self {
            form_id: next_form_id(),
            values: RwSignal::new(values),
            errors: RwSignal::new(FieldErrors::new()),
            form_error: RwSignal::new(None),
            status: RwSignal::new(None),
            saving: RwSignal::new(false),
            submit_button: NodeRef::new(),
        }
    }

    fn id(&self, field: &str) -> String {
        format!("cw-form-{}-{field}", self.form_id)
    }

    /// Shows what to fix and moves focus there; nothing is sent.
    fn refuse(&self, problems: FieldErrors) {
        self.errors.set(problems);
        self.form_error
            .set(Some("Check the fields marked below; nothing was sent.".to_owned()));
        // Focus goes to the first field with a message, once the messages show.
        focus_later(self.submit_button, Some("[aria-invalid='true']"));
    }

    fn start_saving(&self) {
        self.errors.set(FieldErrors::new());
        self.form_error.set(None);
        self.status.set(None);
        self.saving.set(true);
    }

    /// A refused or failed save: the reason, next to the fields when the server named
    /// them; every value stays. The form may be gone by now (its widget removed), so
    /// nothing here insists.
    fn failed(&self, host: &Option<Host>, error: &crate::api::ApiError, what: &str) {
        web_sys::console::warn_1(&format!("calls widget: {what} failed: {}", error.detail()).into());
        if let Some(fields) = error.field_errors() {
            self.errors.try_set(form_messages(fields));
        }
        let message = format!(
            "{} Your call was not saved; nothing you typed is lost.",
            error.user_message()
        );
        report_error(host, &message);
        self.form_error.try_set(Some(message));
        self.saving.try_set(false);
    }
}

/// The "Log a call" form for `owner`: a contact's, or a company's with a Contact field
/// listing that company's contacts.
#[component]
pub fn LogCallForm(store: CallStore, owner: Owner) -> impl IntoView {
    let state = FormState::new(load_draft(owner).unwrap_or_else(|| FormValues::new(local_today())));
    let host = Host::current();
    Effect::new(move || state.values.with(|values| save_draft(owner, values)));
    let watch = store.watch(owner);
    on_cleanup(move || drop(watch));
    // "Called via" suggests the values already in this owner's calls.
    let suggestions = store.owner(owner).rows.called_via;
    let company_contacts = match owner {
        Owner::Company(company) => Some(store.company_contacts(company)),
        Owner::Contact(_) => None,
    };

    let submit = {
        let store = store.clone();
        move || {
            if state.saving.get_untracked() {
                return;
            }
            let contact = match owner {
                Owner::Contact(contact) => Some(contact),
                Owner::Company(_) => state
                    .values
                    .with_untracked(|values| values.contact_id.parse::<ObjectId>().ok()),
            };
            let patch = state.values.get_untracked().to_patch();
            let (patch, contact) = match (patch, contact) {
                (Ok(patch), Some(contact)) => (patch, contact),
                (patch, contact) => {
                    let mut problems = patch.err().unwrap_or_default();
                    if contact.is_none() {
                        problems.add("contact_id", "Choose the contact the call was with.");
                    }
                    return state.refuse(problems);
                }
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
                    Err(error) => state.failed(&host, &error, "logging a call"),
                }
            });
        }
    };

    let contact_field = company_contacts.map(|contacts| contact_field(state, contacts));
    form_view(
        state,
        "Log a call",
        "Log call",
        suggestions,
        contact_field,
        Arc::new(submit),
        None,
    )
}

/// A call's form in place of the call: the same fields, filled. Saving sends only what
/// changed (`PUT …?partial=1`); Escape or Cancel closes it and nothing is sent.
#[component]
pub fn EditCallForm(store: CallStore, call: Call, on_close: Action) -> impl IntoView {
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
                    Err(error) => state.failed(&host, &error, "saving a call"),
                }
            });
        }
    };
    let cancel = view! {
        <button type="button" class="cw-button cw-button--secondary" on:click={
            let on_close = on_close.clone();
            move |_| on_close()
        }>
            "Cancel"
        </button>
    };
    // Edits open with the first field focused, so the keyboard is where the user looks.
    focus_later(state.submit_button, Some("input, textarea"));
    form_view(
        state,
        "Edit call",
        "Save changes",
        suggestions,
        None,
        Arc::new(submit),
        Some((cancel.into_any(), on_close)),
    )
}

/// The Contact field of a company's form: the company's contacts, fetched once.
fn contact_field(state: FormState, contacts: ArcRwSignal<ContactsState>) -> AnyView {
    let id = state.id("contact_id");
    let error_id = format!("{id}-error");
    let has_error = move || !state.errors.with(|errors| errors.field("contact_id").is_empty());
    let options = move || {
        match &*contacts.read() {
        ContactsState::Ready(list) => {
            let current = state.values.with_untracked(|values| values.contact_id.clone());
            list.iter()
                .map(|contact| {
                    let value = contact.id.to_string();
                    let selected = value == current;
                    view! { <option value={value} selected={selected}>{contact.display_name()}</option> }
                })
                .collect_view()
                .into_any()
        }
        ContactsState::Loading => view! { <option value="" disabled={true}>"Loading contacts…"</option> }.into_any(),
        ContactsState::Failed(error) => {
            view! { <option value="" disabled={true}>{format!("Contacts could not be loaded: {}", error.user_message())}</option> }
                .into_any()
        }
    }
    };
    let message = field_message(state.errors, "contact_id", error_id.clone());
    view! {
        <div class="cw-field">
            <label class="cw-field__label" for={id.clone()}>"Contact"</label>
            <select
                class="cw-input"
                id={id}
                on:change=move |event| {
                    let chosen = event_target_value(&event);
                    state.values.update(|values| values.contact_id = chosen);
                    state.errors.update(|errors| *errors = without_field(errors, "contact_id"));
                }
                aria-invalid={move || has_error().then(|| "true".to_owned())}
                aria-describedby={move || has_error().then(|| error_id.clone())}
            >
                <option value="">"Choose a contact…"</option>
                {options}
            </select>
            {message}
        </div>
    }
    .into_any()
}

/// The form itself, shared by both uses so its code exists once in the wasm.
fn form_view(
    state: FormState,
    title: &'static str,
    submit_label: &'static str,
    suggestions: ArcRwSignal<Vec<String>>,
    contact_field: Option<AnyView>,
    submit: Action,
    cancel: Option<(AnyView, Action)>,
) -> AnyView {
    let FormState {
        form_id,
        values,
        errors,
        form_error,
        status,
        saving,
        submit_button,
    } = state;
    let on_submit = {
        let submit = submit.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            submit();
        }
    };
    let close = cancel.as_ref().map(|(_, close)| close.clone());
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            submit();
        } else if event.key() == "Escape"
            && let Some(close) = &close
        {
            event.prevent_default();
            close();
        }
    };
    let title_id = state.id("title");
    let labelled_by = title_id.clone();
    let field = move |name: &'static str, label: &'static str, input_type: &'static str| Field {
        form_id,
        name,
        label,
        input_type,
        values,
        errors,
    };
    let cancel_button = cancel.map(|(button, _)| button);
    view! {
        <form
            class="cw-form"
            aria-labelledby={labelled_by}
            novalidate={true}
            on:submit=on_submit
            on:keydown=on_keydown
        >
            <h2 class="cw-form__title" id={title_id}>
                {title}
            </h2>
            {move || form_error.get().map(|message| view! { <p class="cw-form__error" role="alert">{message}</p> }.into_any())}
            {contact_field}
            {field("date", "Date", "date").view(|v| &v.date, |v, x| v.date = x, None)}
            <fieldset class="cw-field cw-field--choices">
                <legend class="cw-field__label">"Result"</legend>
                {CallResult::CHOICES
                    .iter()
                    .map(|choice| {
                        let value = choice.as_api_str();
                        let choice_id = state.id(&format!("result-{value}"));
                        let label_for = choice_id.clone();
                        view! {
                            <label class=format!("cw-choice cw-choice--{}", value.replace('_', "-")) for={label_for}>
                                <input
                                    type="radio"
                                    id={choice_id}
                                    name={state.id("result")}
                                    value={value}
                                    prop:checked=move || values.with(|values| values.call_result == value)
                                    on:change=move |_| values.update(|values| values.call_result = value.to_owned())
                                />
                                <span class="cw-choice__label">{choice.label()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
                {field_message(errors, "call_result", state.id("call_result-error"))}
            </fieldset>
            {field("text", "Notes", "textarea").view(|v| &v.text, |v, x| v.text = x, None)}
            {field("phone_number", "Phone number", "tel").view(|v| &v.phone_number, |v, x| v.phone_number = x, None)}
            {field("called_via", "Called via", "text")
                .view(|v| &v.called_via, |v, x| v.called_via = x, Some(suggestions))}
            {field("recording_link", "Recording link", "url")
                .view(|v| &v.recording_link, |v, x| v.recording_link = x, None)}
            <div class="cw-form__actions">
                <button type="submit" class="cw-button" node_ref={submit_button} aria-disabled={move || saving.get().then(|| "true".to_owned())}>
                    {move || if saving.get() { "Saving…" } else { submit_label }.to_owned()}
                </button>
                {cancel_button}
                <span class="cw-form__hint">"Ctrl+Enter"</span>
                <p class="cw-form__status" role="status">
                    {move || status.get().unwrap_or_default()}
                </p>
            </div>
        </form>
    }
    .into_any()
}

/// One labelled text field of the form, with its message. Every field is built by this
/// one function, so the form's code exists once rather than once per field.
#[derive(Clone, Copy)]
struct Field {
    form_id: u32,
    name: &'static str,
    label: &'static str,
    /// An input type, or `textarea`.
    input_type: &'static str,
    values: RwSignal<FormValues>,
    errors: RwSignal<FieldErrors>,
}

impl Field {
    fn view(
        self,
        read: fn(&FormValues) -> &String,
        write: fn(&mut FormValues, String),
        suggestions: Option<ArcRwSignal<Vec<String>>>,
    ) -> AnyView {
        let Field {
            form_id,
            name,
            label,
            input_type,
            values,
            errors,
        } = self;
        let id = format!("cw-form-{form_id}-{name}");
        let error_id = format!("{id}-error");
        let list_id = suggestions.as_ref().map(|_| format!("{id}-suggestions"));
        let has_error = move || !errors.with(|errors| errors.field(name).is_empty());
        let value = move || values.with(|values| read(values).clone());
        let on_input = move |event: leptos::ev::Event| {
            let typed = event_target_value(&event);
            values.update(|values| write(values, typed));
            errors.update(|errors| *errors = without_field(errors, name));
        };
        let invalid = move || has_error().then(|| "true".to_owned());
        let described_by = {
            let error_id = error_id.clone();
            move || has_error().then(|| error_id.clone())
        };
        let control = if input_type == "textarea" {
            view! {
                <textarea
                    class="cw-input cw-input--notes"
                    id={id.clone()}
                    name={name}
                    rows="4"
                    prop:value=value
                    on:input={on_input}
                    aria-invalid={invalid}
                    aria-describedby={described_by}
                ></textarea>
            }
            .into_any()
        } else {
            view! {
                <input
                    class="cw-input"
                    type={input_type}
                    id={id.clone()}
                    name={name}
                    list={list_id.clone()}
                    autocomplete="off"
                    placeholder={(input_type == "url").then_some("https://")}
                    prop:value=value
                    on:input={on_input}
                    aria-invalid={invalid}
                    aria-describedby={described_by}
                />
            }
            .into_any()
        };
        let datalist = suggestions.zip(list_id).map(|(suggestions, list_id)| {
            view! {
                <datalist id={list_id}>
                    {move || suggestions.get().into_iter().map(|value| view! { <option value={value}></option> }).collect_view().into_any()}
                </datalist>
            }
            .into_any()
        });
        let message = field_message(errors, name, error_id.clone());
        view! {
            <div class="cw-field">
                <label class="cw-field__label" for={id}>{label}</label>
                {control}
                {datalist}
                {message}
            </div>
        }
        .into_any()
    }
}

/// The messages for one field, in a paragraph with `id` (what the field's
/// `aria-describedby` names), while there are any.
fn field_message(
    errors: RwSignal<FieldErrors>,
    name: &'static str,
    id: String,
) -> impl Fn() -> Option<AnyView> + Send + Sync + 'static {
    move || {
        errors.with(|errors| {
            let mut messages = String::new();
            for message in errors.field(name) {
                if !messages.is_empty() {
                    messages.push(' ');
                }
                messages.push_str(message);
            }

            (!messages.is_empty())
                .then(|| view! { <p class="cw-field__error" id={id.clone()}>{messages}</p> }.into_any())
        })
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
