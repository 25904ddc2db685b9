//! The log-a-call form: labelled fields, the model's checks before anything is sent,
//! one request however often it is clicked, and nothing typed is ever lost: values stay
//! on failure and are kept as a draft in the browser until the call is logged.

use std::sync::atomic::{AtomicU32, Ordering};

use calls_model::{CallResult, FieldErrors, ObjectId, Owner};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::intl::local_today;
use super::saved;
use crate::form::{FormValues, form_messages};
use crate::store::CallStore;

/// Gives each form on the page its own element ids.
fn next_form_id() -> u32 {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn draft_key(contact: ObjectId) -> String {
    format!("calls-widget:draft:{contact}")
}

fn load_draft(contact: ObjectId) -> Option<FormValues> {
    let get = saved::load(&draft_key(contact))?;
    Some(FormValues {
        date: get("date"),
        call_result: Some(get("call_result"))
            .filter(|value| CallResult::from_api(value).is_known())
            .unwrap_or_else(|| CallResult::Conversation.as_api_str().to_owned()),
        text: get("text"),
        phone_number: get("phone_number"),
        called_via: get("called_via"),
        recording_link: get("recording_link"),
    })
}

fn save_draft(contact: ObjectId, values: &FormValues) {
    if !values.has_input() {
        return saved::forget(&draft_key(contact));
    }
    saved::save(
        &draft_key(contact),
        &[
            ("date", &values.date),
            ("call_result", &values.call_result),
            ("text", &values.text),
            ("phone_number", &values.phone_number),
            ("called_via", &values.called_via),
            ("recording_link", &values.recording_link),
        ],
    );
}

/// The "Log a call" form for one contact. `suggest_from` is the timeline whose
/// `called_via` values are offered (the contact's, or its company's).
#[component]
pub fn LogCallForm(
    store: CallStore,
    contact: ObjectId,
    #[prop(optional)] suggest_from: Option<Owner>,
    #[prop(optional)] on_logged: Option<Callback<calls_model::Call>>,
) -> impl IntoView {
    let form_id = next_form_id();
    let id = move |field: &str| format!("cw-form-{form_id}-{field}");
    let values = RwSignal::new(load_draft(contact).unwrap_or_else(|| FormValues::new(local_today())));
    let errors = RwSignal::new(FieldErrors::new());
    let form_error = RwSignal::new(None::<String>);
    let saved_message = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();

    Effect::new(move || values.with(|values| save_draft(contact, values)));

    let suggestions = {
        let timeline = store.owner(suggest_from.unwrap_or(Owner::Contact(contact))).timeline;
        move || timeline.with(|timeline| timeline.called_via_values())
    };

    let submit = {
        let store = store.clone();
        move || {
            if saving.get_untracked() {
                return;
            }
            saved_message.set(None);
            let patch = match values.get_untracked().to_patch() {
                Ok(patch) => patch,
                Err(problems) => {
                    errors.set(problems);
                    form_error.set(Some("Check the fields marked below; nothing was sent.".to_owned()));
                    focus_first_invalid(form_ref);
                    return;
                }
            };
            errors.set(FieldErrors::new());
            form_error.set(None);
            saving.set(true);
            let store = store.clone();
            spawn_local(async move {
                match store.log_call(contact, patch).await {
                    Ok(call) => {
                        values.set(FormValues::new(local_today()));
                        saved_message.set(Some("Call logged.".to_owned()));
                        if let Some(on_logged) = on_logged {
                            on_logged.run(call);
                        }
                    }
                    Err(error) => {
                        web_sys::console::warn_1(
                            &format!("calls widget: logging a call failed: {}", error.detail()).into(),
                        );
                        if let Some(fields) = error.field_errors() {
                            errors.set(form_messages(fields));
                        }
                        form_error.set(Some(format!(
                            "{} Your call was not saved; nothing you typed is lost.",
                            error.user_message()
                        )));
                    }
                }
                saving.set(false);
            });
        }
    };

    let on_submit = {
        let submit = submit.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            submit();
        }
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            submit();
        }
    };

    let title_id = id("title");
    let labelled_by = title_id.clone();
    let field = move |name: &'static str, label: &'static str, input_type: &'static str| Field {
        form_id,
        name,
        label,
        input_type,
        values,
        errors,
    };

    view! {
        <form
            class="cw-form"
            aria-labelledby=labelled_by
            novalidate=true
            node_ref=form_ref
            on:submit=on_submit
            on:keydown=on_keydown
        >
            <h2 class="cw-form__title" id=title_id>
                "Log a call"
            </h2>
            {move || form_error.get().map(|message| view! { <p class="cw-form__error" role="alert">{message}</p> })}
            {field("date", "Date", "date").view(|v| &v.date, |v, x| v.date = x, None)}
            <fieldset class="cw-field cw-field--choices">
                <legend class="cw-field__label">"Result"</legend>
                {CallResult::CHOICES
                    .iter()
                    .map(|choice| {
                        let value = choice.as_api_str();
                        let choice_id = id(&format!("result-{value}"));
                        let label_for = choice_id.clone();
                        view! {
                            <label class=format!("cw-choice cw-choice--{}", value.replace('_', "-")) for=label_for>
                                <input
                                    type="radio"
                                    id=choice_id
                                    name=id("result")
                                    value=value
                                    prop:checked=move || values.with(|values| values.call_result == value)
                                    on:change=move |_| values.update(|values| values.call_result = value.to_owned())
                                />
                                <span>{choice.label()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
                {move || {
                    errors.with(|errors| {
                        let messages = errors.field("call_result").join(" ");
                        (!messages.is_empty()).then(|| view! { <p class="cw-field__error">{messages}</p> })
                    })
                }}
            </fieldset>
            {field("text", "Notes", "textarea").view(|v| &v.text, |v, x| v.text = x, None)}
            {field("phone_number", "Phone number", "tel").view(|v| &v.phone_number, |v, x| v.phone_number = x, None)}
            {field("called_via", "Called via", "text")
                .view(|v| &v.called_via, |v, x| v.called_via = x, Some(Signal::derive(suggestions)))}
            {field("recording_link", "Recording link", "url")
                .view(|v| &v.recording_link, |v, x| v.recording_link = x, None)}
            <div class="cw-form__actions">
                <button type="submit" class="cw-button" aria-disabled=move || saving.get().then_some("true")>
                    {move || if saving.get() { "Saving…" } else { "Log call" }}
                </button>
                <span class="cw-form__hint">"Ctrl+Enter"</span>
                <p class="cw-form__status" role="status">
                    {move || saved_message.get()}
                </p>
            </div>
        </form>
    }
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
        suggestions: Option<Signal<Vec<String>>>,
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
        let list_id = suggestions.map(|_| format!("{id}-suggestions"));
        let has_error = move || !errors.with(|errors| errors.field(name).is_empty());
        let value = move || values.with(|values| read(values).clone());
        let on_input = move |event: leptos::ev::Event| {
            let typed = event_target_value(&event);
            values.update(|values| write(values, typed));
            errors.update(|errors| *errors = without_field(errors, name));
        };
        let invalid = move || has_error().then_some("true");
        let described_by = {
            let error_id = error_id.clone();
            move || has_error().then(|| error_id.clone())
        };
        let control = if input_type == "textarea" {
            view! {
                <textarea
                    class="cw-input cw-input--notes"
                    id=id.clone()
                    name=name
                    rows="4"
                    prop:value=value
                    on:input=on_input
                    aria-invalid=invalid
                    aria-describedby=described_by
                ></textarea>
            }
            .into_any()
        } else {
            view! {
                <input
                    class="cw-input"
                    type=input_type
                    id=id.clone()
                    name=name
                    list=list_id.clone()
                    autocomplete="off"
                    placeholder=(input_type == "url").then_some("https://")
                    prop:value=value
                    on:input=on_input
                    aria-invalid=invalid
                    aria-describedby=described_by
                />
            }
            .into_any()
        };
        let datalist = suggestions.zip(list_id).map(|(suggestions, list_id)| {
            view! {
                <datalist id=list_id>
                    {move || suggestions.get().into_iter().map(|value| view! { <option value=value></option> }).collect_view()}
                </datalist>
            }
        });
        let message = move || {
            errors.with(|errors| {
                let messages = errors.field(name).join(" ");
                (!messages.is_empty()).then(|| view! { <p class="cw-field__error" id=error_id.clone()>{messages}</p> })
            })
        };
        view! {
            <div class="cw-field">
                <label class="cw-field__label" for=id>{label}</label>
                {control}
                {datalist}
                {message}
            </div>
        }
        .into_any()
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

fn focus_first_invalid(form: NodeRef<leptos::html::Form>) {
    // After the errors render, move focus to the first field that has one.
    request_animation_frame(move || {
        let Some(form) = form.get_untracked() else { return };
        if let Ok(Some(element)) = form.query_selector("[aria-invalid='true']")
            && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = element.focus();
        }
    });
}
