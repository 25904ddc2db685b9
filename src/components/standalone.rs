//! The standalone app (`index.html`): connection settings and the owner to show,
//! remembered in the browser, deep links, and the timeline beside the form.

use calls_model::{ObjectId, Owner};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::CallsWidget;
use crate::api::Connection;
use crate::dom::saved;
use crate::i18n::Catalog;
use crate::store::{CallStore, DEFAULT_REFRESH_SECONDS};

const SETTINGS_KEY: &str = "calls-widget:standalone";
/// The token is kept apart, for this tab only (sessionStorage): never in the address,
/// never remembered by the browser after the tab closes.
const TOKEN_KEY: &str = "calls-widget:standalone:token";

/// What the app remembers between visits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Settings {
    api_base: String,
    token: String,
    owner_kind: String,
    owner_id: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            api_base: "/api/".to_owned(),
            token: String::new(),
            owner_kind: "contact".to_owned(),
            owner_id: String::new(),
        }
    }
}

impl Settings {
    fn owner(&self) -> Option<Owner> {
        let id: ObjectId = self.owner_id.trim().parse().ok()?;
        Some(if self.owner_kind == "company" {
            Owner::Company(id)
        } else {
            Owner::Contact(id)
        })
    }
}

/// Settings from the page's query (`?contact_id=…`, `?company_id=…`, `token=`, `api_base=`)
/// over what was remembered (the token: by this tab), over the defaults. A token in the
/// query leaves the address at once.
fn initial_settings() -> Settings {
    let mut settings = saved::load(SETTINGS_KEY)
        .map(|get| Settings {
            api_base: Some(get("api_base"))
                .filter(|base| !base.is_empty())
                .unwrap_or_else(|| "/api/".to_owned()),
            token: String::new(),
            owner_kind: get("owner_kind"),
            owner_id: get("owner_id"),
        })
        .unwrap_or_default();
    if let Some(get) = saved::tab::load(TOKEN_KEY) {
        settings.token = get("token");
    }
    let search = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    if let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) {
        if let Some(id) = params.get("contact_id") {
            settings.owner_kind = "contact".to_owned();
            settings.owner_id = id;
        } else if let Some(id) = params.get("company_id") {
            settings.owner_kind = "company".to_owned();
            settings.owner_id = id;
        }
        if let Some(token) = params.get("token") {
            settings.token = token;
            forget_token_in_address();
        }
        if let Some(base) = params.get("api_base") {
            settings.api_base = base;
        }
    }
    settings
}

/// The page's address without its `token` (the other parameters kept), in place of the
/// one that had it: an address stays in the history, in bookmarks and in whatever copies
/// it. The token is in this tab's storage by then, so a reload still works.
fn forget_token_in_address() {
    let Some(window) = web_sys::window() else { return };
    let Some(address) = window
        .location()
        .href()
        .ok()
        .and_then(|href| web_sys::Url::new(&href).ok())
    else {
        return;
    };
    address.search_params().delete("token");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address.href()));
    }
}

fn remember(settings: &Settings) {
    saved::save(
        SETTINGS_KEY,
        &[
            ("api_base", &settings.api_base),
            ("owner_kind", &settings.owner_kind),
            ("owner_id", &settings.owner_id),
        ],
    );
    saved::tab::save(TOKEN_KEY, &[("token", &settings.token)]);
}

/// The whole standalone page.
#[component]
pub fn StandaloneApp(
    /// The words of the app's language.
    i18n: Catalog,
) -> impl IntoView {
    let settings = RwSignal::new(initial_settings());
    Effect::new(move || settings.with(remember));
    let connection = Memo::new(move |_| settings.with(|s| Connection::new(&s.api_base, Some(&s.token))));
    let owner = Memo::new(move |_| settings.with(Settings::owner));

    view! {
        <div class="cw-app">
            <header class="cw-app__header">
                <h1 class="cw-app__title">{i18n.text("app.title")}</h1>
                <SettingsPanel settings=settings i18n=i18n />
            </header>
            <OwnerPicker settings=settings connection=connection i18n=i18n />
            {move || {
                let store = CallStore::for_connection(connection.get());
                match owner.get() {
                    None => view! {
                        <p class="cw-state cw-state--empty cw-app__hint">{i18n.text("app.choose_owner")}</p>
                    }
                    .into_any(),
                    Some(owner) => view! {
                        <main class="cw-app__main">
                            <CallsWidget store=store owner=owner i18n=i18n refresh=DEFAULT_REFRESH_SECONDS />
                        </main>
                    }
                    .into_any(),
                }
            }}
        </div>
    }
}

/// The value of the input with `id` inside `form`.
fn input_value(form: &web_sys::HtmlFormElement, id: &str) -> String {
    form.query_selector(&format!("#{id}"))
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}

fn submitted_form(event: &leptos::ev::SubmitEvent) -> Option<web_sys::HtmlFormElement> {
    event.prevent_default();
    event.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()
}

#[component]
fn SettingsPanel(settings: RwSignal<Settings>, i18n: Catalog) -> impl IntoView {
    // Plain inputs read on submit: the panel needs no signal per field.
    let Settings { api_base, token, .. } = settings.get_untracked();
    let save = move |event: leptos::ev::SubmitEvent| {
        let Some(form) = submitted_form(&event) else { return };
        settings.update(|s| {
            s.api_base = input_value(&form, "cw-settings-base");
            s.token = input_value(&form, "cw-settings-token");
        });
    };
    view! {
        <details class="cw-settings">
            <summary class="cw-settings__summary">{i18n.text("app.settings")}</summary>
            <form class="cw-settings__form" on:submit=save>
                <label class="cw-field__label" for="cw-settings-base">{i18n.text("app.api_base")}</label>
                <input class="cw-input" id="cw-settings-base" type="text" value={api_base} />
                <label class="cw-field__label" for="cw-settings-token">{i18n.text("app.api_token")}</label>
                <input class="cw-input" id="cw-settings-token" type="password" autocomplete="off" value={token} />
                <button type="submit" class="cw-button">{i18n.text("app.save")}</button>
            </form>
        </details>
    }
}

/// The owners to choose from, as (value, label) pairs: `contact:ID` or `company:ID`.
type Choices = (Vec<(String, String)>, Vec<(String, String)>);

#[component]
fn OwnerPicker(settings: RwSignal<Settings>, connection: Memo<Connection>, i18n: Catalog) -> impl IntoView {
    let choices = RwSignal::new(None::<Result<Choices, String>>);
    let loading_i18n = i18n;
    Effect::new(move || {
        let client = CallStore::for_connection(connection.get()).client().clone();
        let i18n = loading_i18n;
        spawn_local(async move {
            let loaded = match (client.contacts(None, 1, 100).await, client.companies(1, 100).await) {
                (Ok(people), Ok(firms)) => Ok((
                    people
                        .contacts
                        .into_iter()
                        .map(|item| (format!("contact:{}", item.contact.id), item.contact.display_name()))
                        .collect(),
                    firms
                        .companies
                        .into_iter()
                        .map(|item| (format!("company:{}", item.company.id), item.company.name))
                        .collect(),
                )),
                (Err(error), _) | (_, Err(error)) => Err(error.user_message(i18n)),
            };
            choices.set(Some(loaded));
        });
    });
    let choose = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        if let Some((kind, id)) = value.split_once(':') {
            settings.update(|s| {
                s.owner_kind = kind.to_owned();
                s.owner_id = id.to_owned();
            });
        }
    };
    let open_id = move |event: leptos::ev::SubmitEvent| {
        let Some(form) = submitted_form(&event) else { return };
        let id = input_value(&form, "cw-picker-id").trim().to_owned();
        let company_value = format!("company:{id}");
        let is_company = choices.with_untracked(|loaded| {
            matches!(loaded, Some(Ok((_, companies))) if companies.iter().any(|(value, _)| *value == company_value))
        });
        settings.update(|s| {
            s.owner_kind = if is_company { "company" } else { "contact" }.to_owned();
            s.owner_id = id;
        });
    };
    // The select is rendered once its options are known, with the current owner selected.
    let words = [
        i18n.text("app.choose"),
        i18n.text("app.contacts"),
        i18n.text("app.companies"),
    ];
    let select = move || {
        let [choose_label, contacts_label, companies_label] = words.clone();
        let selected = settings.with(|s| format!("{}:{}", s.owner_kind, s.owner_id));
        let options = |group: Vec<(String, String)>| {
            group
                .into_iter()
                .map(|(value, label)| {
                    let is_selected = value == selected;
                    view! { <option value={value} selected={is_selected}>{label}</option> }
                })
                .collect_view()
        };
        match choices.get() {
            Some(Ok((contacts, companies))) => view! {
                <select class="cw-input" id="cw-picker-owner" on:change=choose>
                    <option value="contact:">{choose_label}</option>
                    <optgroup label=contacts_label>{options(contacts)}</optgroup>
                    <optgroup label=companies_label>{options(companies)}</optgroup>
                </select>
            }
            .into_any(),
            Some(Err(message)) => view! { <p class="cw-picker__problem" role="alert">{message}</p> }.into_any(),
            None => view! { <select class="cw-input" id="cw-picker-owner" disabled={true}></select> }.into_any(),
        }
    };
    view! {
        <nav class="cw-picker" aria-label=i18n.text("app.picker")>
            <label class="cw-field__label" for="cw-picker-owner">{i18n.text("app.show_calls_of")}</label>
            {select}
            <form class="cw-picker__by-id" on:submit=open_id>
                <label class="cw-field__label" for="cw-picker-id">{i18n.text("app.or_an_id")}</label>
                <input class="cw-input" id="cw-picker-id" type="text" placeholder=i18n.text("app.id_placeholder") />
                <button type="submit" class="cw-button cw-button--secondary">{i18n.text("app.open")}</button>
            </form>
        </nav>
    }
}
