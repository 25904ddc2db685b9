//! The log-a-call form: labelled fields, the model's checks before anything is sent,
//! one request however often it is clicked, and nothing typed is ever lost: values stay
//! on failure and are kept as a draft in the browser until the call is logged.

use std::sync::atomic::{AtomicU32, Ordering};

use calls_model::{CallResult, FieldErrors, ObjectId, Owner};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::intl::local_today;
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

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_draft(contact: ObjectId) -> Option<FormValues> {
    let text = local_storage()?.get_item(&draft_key(contact)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

fn save_draft(contact: ObjectId, values: &FormValues) {
    let Some(storage) = local_storage() else { return };
    if !values.has_input() {
        let _ = storage.remove_item(&draft_key(contact));
    } else if let Ok(text) = serde_json::to_string(values) {
        let _ = storage.set_item(&draft_key(contact), &text);
    }
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

    let field_error = move |field: &'static str| {
        move || {
            errors.with(|errors| {
                let messages = errors.field(field).join(" ");
                (!messages.is_empty()).then(|| {
                    view! { <p class="cw-field__error" id=id(&format!("{field}-error"))>{messages}</p> }
                })
            })
        }
    };
    let invalid =
        move |field: &'static str| move || (!errors.with(|errors| errors.field(field).is_empty())).then_some("true");
    let described_by = move |field: &'static str| {
        move || (!errors.with(|errors| errors.field(field).is_empty())).then(|| id(&format!("{field}-error")))
    };
    let text_input =
        move |field: &'static str, read: fn(&FormValues) -> &String, write: fn(&mut FormValues, String)| {
            (
                move || values.with(|values| read(values).clone()),
                move |event: leptos::ev::Event| {
                    let value = event_target_value(&event);
                    values.update(|values| write(values, value));
                    errors.update(|errors| *errors = without_field(errors, field));
                },
            )
        };
    let (date_value, date_input) = text_input("date", |v| &v.date, |v, x| v.date = x);
    let (text_value, text_changed) = text_input("text", |v| &v.text, |v, x| v.text = x);
    let (phone_value, phone_changed) = text_input("phone_number", |v| &v.phone_number, |v, x| v.phone_number = x);
    let (via_value, via_changed) = text_input("called_via", |v| &v.called_via, |v, x| v.called_via = x);
    let (link_value, link_changed) = text_input("recording_link", |v| &v.recording_link, |v, x| v.recording_link = x);
    let title_id = id("title");
    let labelled_by = title_id.clone();

    view! {
        <form
            class="cw-form"
            aria-labelledby=labelled_by
            novalidate=true
            node_ref=form_ref
            on:submit=on_submit
            on:keydown=on_keydown
        >
            <h2 class="cw-form__title" id=title_id>"Log a call"</h2>
            {move || form_error.get().map(|message| view! { <p class="cw-form__error" role="alert">{message}</p> })}
            <div class="cw-field">
                <label class="cw-field__label" for=id("date")>"Date"</label>
                <input
                    class="cw-input"
                    type="date"
                    id=id("date")
                    name="date"
                    required=true
                    prop:value=date_value
                    on:input=date_input
                    aria-invalid=invalid("date")
                    aria-describedby=described_by("date")
                />
                {field_error("date")}
            </div>
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
            </fieldset>
            <div class="cw-field">
                <label class="cw-field__label" for=id("text")>"Notes"</label>
                <textarea
                    class="cw-input cw-input--notes"
                    id=id("text")
                    name="text"
                    rows="4"
                    prop:value=text_value
                    on:input=text_changed
                    aria-invalid=invalid("text")
                    aria-describedby=described_by("text")
                ></textarea>
                {field_error("text")}
            </div>
            <div class="cw-field">
                <label class="cw-field__label" for=id("phone_number")>"Phone number"</label>
                <input
                    class="cw-input"
                    type="tel"
                    id=id("phone_number")
                    name="phone_number"
                    autocomplete="off"
                    prop:value=phone_value
                    on:input=phone_changed
                    aria-invalid=invalid("phone_number")
                    aria-describedby=described_by("phone_number")
                />
                {field_error("phone_number")}
            </div>
            <div class="cw-field">
                <label class="cw-field__label" for=id("called_via")>"Called via"</label>
                <input
                    class="cw-input"
                    type="text"
                    id=id("called_via")
                    name="called_via"
                    list=id("called_via-suggestions")
                    autocomplete="off"
                    prop:value=via_value
                    on:input=via_changed
                    aria-invalid=invalid("called_via")
                    aria-describedby=described_by("called_via")
                />
                <datalist id=id("called_via-suggestions")>
                    {move || suggestions().into_iter().map(|value| view! { <option value=value></option> }).collect_view()}
                </datalist>
                {field_error("called_via")}
            </div>
            <div class="cw-field">
                <label class="cw-field__label" for=id("recording_link")>"Recording link"</label>
                <input
                    class="cw-input"
                    type="url"
                    id=id("recording_link")
                    name="recording_link"
                    placeholder="https://"
                    prop:value=link_value
                    on:input=link_changed
                    aria-invalid=invalid("recording_link")
                    aria-describedby=described_by("recording_link")
                />
                {field_error("recording_link")}
            </div>
            <div class="cw-form__actions">
                <button type="submit" class="cw-button" aria-disabled=move || saving.get().then_some("true")>
                    {move || if saving.get() { "Saving…" } else { "Log call" }}
                </button>
                <span class="cw-form__hint">"Ctrl+Enter"</span>
                <p class="cw-form__status" role="status">{move || saved_message.get()}</p>
            </div>
        </form>
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
