//! The form's markup, shared by logging and editing, built field by field from the
//! form's description (`crate::form::FormField`).

use calls_model::CallResult;
use leptos::prelude::*;

use super::Handler;
use super::state::FormState;
use super::summary::error_summary;
use crate::form::{Control, FormField};
use crate::i18n::{Catalog, field_label, result_label};
use crate::store::ContactsState;

/// What a form shows besides its fields.
pub(super) struct FormParts {
    pub title: String,
    pub submit_label: String,
    /// The owner's "Called via" values, suggested in that field.
    pub suggestions: ArcRwSignal<Vec<String>>,
    /// A company's contacts, for its Contact field; no such field without them.
    pub contacts: Option<ArcRwSignal<ContactsState>>,
    pub submit: Handler,
    /// An edit's Cancel: what closes the form (also on Escape).
    pub close: Option<Handler>,
}

/// The form: title, the form-wide message, every field, the actions.
pub(super) fn form_view(i18n: Catalog, state: FormState, parts: FormParts) -> AnyView {
    let FormParts {
        title,
        submit_label,
        suggestions,
        contacts,
        submit,
        close,
    } = parts;
    let on_submit = {
        let submit = submit.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            submit();
        }
    };
    let on_keydown = {
        let close = close.clone();
        move |event: leptos::ev::KeyboardEvent| {
            if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                event.prevent_default();
                submit();
            } else if event.key() == "Escape"
                && let Some(close) = &close
            {
                event.prevent_default();
                close();
            }
        }
    };
    let title_id = state.id("title");
    let labelled_by = title_id.clone();
    let fields = FormField::ALL
        .into_iter()
        .filter_map(|field| match field.control() {
            Control::ContactSelect => contacts.clone().map(|contacts| contact_field(i18n, state, contacts)),
            Control::ResultChoices => Some(result_field(i18n, state)),
            Control::TextArea | Control::Input { .. } => Some(text_field(i18n, state, field, suggestions.clone())),
        })
        .collect_view();
    let cancel = close.map(|close| {
        view! {
            <button type="button" class="cw-button cw-button--secondary" on:click=move |_| close()>
                {i18n.text("form.cancel")}
            </button>
        }
    });
    let status = state.status;
    view! {
        <form
            class="cw-form"
            aria-labelledby=labelled_by
            novalidate=true
            node_ref=state.form
            on:submit=on_submit
            on:keydown=on_keydown
        >
            <h2 class="cw-form__title" id=title_id>
                {title}
            </h2>
            {error_summary(i18n, state)}
            {fields}
            <div class="cw-form__actions">
                <button type="submit" class="cw-button">
                    {submit_label}
                </button>
                {cancel}
                <span class="cw-form__hint">{i18n.text("form.shortcut")}</span>
                <p class="cw-form__status" role="status">
                    {move || status.get().unwrap_or_default()}
                </p>
            </div>
        </form>
    }
    .into_any()
}

/// A field's label, control and message, with the control's accessible wiring.
fn labelled(i18n: Catalog, state: FormState, field: FormField, control: AnyView) -> AnyView {
    let id = state.id(field.name());
    view! {
        <div class="cw-field">
            <label class="cw-field__label" for=id>{field_label(i18n, field.name())}</label>
            {control}
            {field_message(state, field)}
        </div>
    }
    .into_any()
}

/// `aria-invalid` and `aria-describedby` for `field`'s control, while it has a message.
fn error_wiring(
    state: FormState,
    field: FormField,
) -> (impl Fn() -> Option<&'static str>, impl Fn() -> Option<String>) {
    let error_id = format!("{}-error", state.id(field.name()));
    (
        move || state.has_error(field).then_some("true"),
        move || state.has_error(field).then(|| error_id.clone()),
    )
}

/// A text field: an input of its type, or the notes' text area.
fn text_field(i18n: Catalog, state: FormState, field: FormField, suggestions: ArcRwSignal<Vec<String>>) -> AnyView {
    let id = state.id(field.name());
    let value = move || state.values.with(|values| values.value(field).to_owned());
    let on_input = move |event: leptos::ev::Event| state.typed(field, event_target_value(&event));
    let (invalid, described_by) = error_wiring(state, field);
    let control = match field.control() {
        Control::Input {
            input_type,
            placeholder,
            suggested,
        } => {
            let list_id = suggested.then(|| format!("{id}-suggestions"));
            let datalist = list_id.clone().map(|list_id| {
                view! {
                    <datalist id=list_id>
                        {move || suggestions.get().into_iter().map(|value| view! { <option value=value></option> }).collect_view()}
                    </datalist>
                }
            });
            view! {
                <input
                    class="cw-input"
                    type=input_type
                    id=id
                    name=field.name()
                    list=list_id
                    autocomplete="off"
                    placeholder=placeholder
                    prop:value=value
                    on:input=on_input
                    aria-invalid=invalid
                    aria-describedby=described_by
                />
                {datalist}
            }
            .into_any()
        }
        _ => view! {
            <textarea
                class="cw-input cw-input--notes"
                id=id
                name=field.name()
                rows="4"
                prop:value=value
                on:input=on_input
                aria-invalid=invalid
                aria-describedby=described_by
            ></textarea>
        }
        .into_any(),
    };
    labelled(i18n, state, field, control)
}

/// The result: one radio button per result this widget offers.
fn result_field(i18n: Catalog, state: FormState) -> AnyView {
    let values = state.values;
    let choices = CallResult::CHOICES
        .iter()
        .map(|choice| {
            let value = choice.as_api_str();
            let choice_id = state.id(&format!("result-{value}"));
            let label_for = choice_id.clone();
            view! {
                <label class=format!("cw-choice cw-choice--{}", value.replace('_', "-")) for=label_for>
                    <input
                        type="radio"
                        id=choice_id
                        name=state.id("result")
                        value=value
                        prop:checked=move || values.with(|values| values.call_result == value)
                        on:change=move |_| state.typed(FormField::Result, value.to_owned())
                    />
                    <span class="cw-choice__label">{result_label(i18n, choice)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="cw-field cw-field--choices">
            <legend class="cw-field__label">{field_label(i18n, FormField::Result.name())}</legend>
            {choices}
            {field_message(state, FormField::Result)}
        </fieldset>
    }
    .into_any()
}

/// The Contact field of a company's form: the company's contacts, fetched once.
fn contact_field(i18n: Catalog, state: FormState, contacts: ArcRwSignal<ContactsState>) -> AnyView {
    let field = FormField::Contact;
    let (loading, failed) = (i18n.text("form.contacts_loading"), i18n);
    let options = move || match &*contacts.read() {
        ContactsState::Ready(list) => {
            let current = state.values.with_untracked(|values| values.value(field).to_owned());
            list.iter()
                .map(|contact| {
                    let value = contact.id.to_string();
                    let selected = value == current;
                    view! { <option value=value selected=selected>{contact.display_name()}</option> }
                })
                .collect_view()
                .into_any()
        }
        ContactsState::Loading => view! { <option value="" disabled=true>{loading.clone()}</option> }.into_any(),
        ContactsState::Failed(error) => {
            let reason = error.user_message(failed);
            let message = failed.fill("form.contacts_failed", &[("reason", &reason)]);
            view! { <option value="" disabled=true>{message}</option> }.into_any()
        }
    };
    let (invalid, described_by) = error_wiring(state, field);
    let control = view! {
        <select
            class="cw-input"
            id=state.id(field.name())
            on:change=move |event| state.typed(field, event_target_value(&event))
            aria-invalid=invalid
            aria-describedby=described_by
        >
            <option value="">{i18n.text("form.choose_contact")}</option>
            {options}
        </select>
    }
    .into_any();
    labelled(i18n, state, field, control)
}

/// The messages for one field, in a paragraph with the id its control's
/// `aria-describedby` names, while there are any.
fn field_message(state: FormState, field: FormField) -> impl Fn() -> Option<AnyView> + Send + Sync + 'static {
    let id = format!("{}-error", state.id(field.name()));
    move || {
        state.errors.with(|errors| {
            // Joined by hand: `join` would compile a generic copy of its own.
            let mut messages = String::new();
            for message in errors.field(field.name()) {
                if !messages.is_empty() {
                    messages.push(' ');
                }
                messages.push_str(message);
            }
            (!messages.is_empty()).then(|| view! { <p class="cw-field__error" id=id.clone()>{messages}</p> }.into_any())
        })
    }
}
