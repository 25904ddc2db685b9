//! The standalone app (`index.html`): connection settings and the owner to show,
//! remembered in the browser, deep links, and the timeline beside the form.

use calls_model::{Company, Contact, ObjectId, Owner};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{CallTimeline, LogCallForm, saved};
use crate::api::Connection;
use crate::store::CallStore;

const SETTINGS_KEY: &str = "calls-widget:standalone";

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
/// over what was remembered, over the defaults.
fn initial_settings() -> Settings {
    let mut settings = saved::load(SETTINGS_KEY)
        .map(|get| Settings {
            api_base: Some(get("api_base"))
                .filter(|base| !base.is_empty())
                .unwrap_or_else(|| "/api/".to_owned()),
            token: get("token"),
            owner_kind: get("owner_kind"),
            owner_id: get("owner_id"),
        })
        .unwrap_or_default();
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
        }
        if let Some(base) = params.get("api_base") {
            settings.api_base = base;
        }
    }
    settings
}

fn remember(settings: &Settings) {
    saved::save(
        SETTINGS_KEY,
        &[
            ("api_base", &settings.api_base),
            ("token", &settings.token),
            ("owner_kind", &settings.owner_kind),
            ("owner_id", &settings.owner_id),
        ],
    );
}

/// The whole standalone page.
#[component]
pub fn StandaloneApp() -> impl IntoView {
    let settings = RwSignal::new(initial_settings());
    Effect::new(move || settings.with(remember));
    let connection = Memo::new(move |_| settings.with(|s| Connection::new(&s.api_base, Some(&s.token))));
    let owner = Memo::new(move |_| settings.with(Settings::owner));

    view! {
        <div class="cw-app">
            <header class="cw-app__header">
                <h1 class="cw-app__title">"Calls"</h1>
                <SettingsPanel settings=settings />
            </header>
            <OwnerPicker settings=settings connection=connection />
            {move || {
                let store = CallStore::for_connection(connection.get());
                match owner.get() {
                    None => view! {
                        <p class="cw-state cw-state--empty cw-app__hint">
                            "Choose a contact or a company above to see its calls."
                        </p>
                    }
                    .into_any(),
                    Some(owner @ Owner::Contact(contact)) => view! {
                        <main class="cw-app__main">
                            <CallTimeline store=store.clone() owner=owner />
                            <LogCallForm store=store contact=contact />
                        </main>
                    }
                    .into_any(),
                    Some(owner @ Owner::Company(_)) => view! {
                        <main class="cw-app__main cw-app__main--single">
                            <CallTimeline store=store owner=owner />
                        </main>
                    }
                    .into_any(),
                }
            }}
        </div>
    }
}

#[component]
fn SettingsPanel(settings: RwSignal<Settings>) -> impl IntoView {
    let base = RwSignal::new(settings.get_untracked().api_base);
    let token = RwSignal::new(settings.get_untracked().token);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        settings.update(|s| {
            s.api_base = base.get_untracked();
            s.token = token.get_untracked();
        });
    };
    view! {
        <details class="cw-settings">
            <summary class="cw-settings__summary">"Connection settings"</summary>
            <form class="cw-settings__form" on:submit=save>
                <label class="cw-field__label" for="cw-settings-base">"API base"</label>
                <input class="cw-input" id="cw-settings-base" type="text" bind:value=base />
                <label class="cw-field__label" for="cw-settings-token">"API token"</label>
                <input class="cw-input" id="cw-settings-token" type="password" autocomplete="off" bind:value=token />
                <button type="submit" class="cw-button">"Save"</button>
            </form>
        </details>
    }
}

#[component]
fn OwnerPicker(settings: RwSignal<Settings>, connection: Memo<Connection>) -> impl IntoView {
    let contacts = RwSignal::new(Vec::<Contact>::new());
    let companies = RwSignal::new(Vec::<Company>::new());
    let problem = RwSignal::new(None::<String>);
    Effect::new(move || {
        let client = CallStore::for_connection(connection.get()).client().clone();
        spawn_local(async move {
            match (client.contacts(None, 1, 100).await, client.companies(1, 100).await) {
                (Ok(people), Ok(firms)) => {
                    contacts.set(people.contacts.into_iter().map(|item| item.contact).collect());
                    companies.set(firms.companies.into_iter().map(|item| item.company).collect());
                    problem.set(None);
                }
                (Err(error), _) | (_, Err(error)) => problem.set(Some(error.user_message())),
            }
        });
    });
    let selected = move || settings.with(|s| format!("{}:{}", s.owner_kind, s.owner_id));
    let choose = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        if let Some((kind, id)) = value.split_once(':') {
            settings.update(|s| {
                s.owner_kind = kind.to_owned();
                s.owner_id = id.to_owned();
            });
        }
    };
    let typed_id = RwSignal::new(String::new());
    let open_id = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let id = typed_id.get_untracked();
        let kind = if companies.with_untracked(|list| list.iter().any(|c| c.id.to_string() == id.trim())) {
            "company"
        } else {
            "contact"
        };
        settings.update(|s| {
            s.owner_kind = kind.to_owned();
            s.owner_id = id.trim().to_owned();
        });
    };
    view! {
        <nav class="cw-picker" aria-label="Whose calls">
            <label class="cw-field__label" for="cw-picker-owner">"Show calls of"</label>
            <select class="cw-input" id="cw-picker-owner" on:change=choose prop:value=selected>
                <option value="contact:">"Choose…"</option>
                <optgroup label="Contacts">
                    {move || contacts.get().into_iter().map(|contact| {
                        let value = format!("contact:{}", contact.id);
                        let is_selected = selected() == value;
                        view! { <option value=value selected=is_selected>{contact.display_name()}</option> }
                    }).collect_view()}
                </optgroup>
                <optgroup label="Companies">
                    {move || companies.get().into_iter().map(|company| {
                        let value = format!("company:{}", company.id);
                        let is_selected = selected() == value;
                        view! { <option value=value selected=is_selected>{company.name}</option> }
                    }).collect_view()}
                </optgroup>
            </select>
            <form class="cw-picker__by-id" on:submit=open_id>
                <label class="cw-field__label" for="cw-picker-id">"or an id"</label>
                <input class="cw-input" id="cw-picker-id" type="text" placeholder="24 hex characters" bind:value=typed_id />
                <button type="submit" class="cw-button cw-button--secondary">"Open"</button>
            </form>
            {move || problem.get().map(|message| view! { <p class="cw-picker__problem" role="alert">{message}</p> })}
        </nav>
    }
}
