//! The call timeline of one owner: newest first, grouped by day, with loading, empty and
//! error states and "Load more".

use calls_model::{Call, Owner};
use leptos::prelude::*;

use super::attr::attr;
use super::call_item::CallItem;
use super::host::Host;
use super::intl::{day_heading_text, local_today};
use super::shown;
use crate::format::{count_calls, day_heading, mark_day_openings};
use crate::store::{CallStore, ContactsState, LoadState, Timeline};

/// The timeline of `owner`'s calls, read from the page-wide store. A company's timeline
/// names the contact of each call.
#[component]
pub fn CallTimeline(store: CallStore, owner: Owner) -> impl IntoView {
    let state = store.owner(owner);
    let watch = store.watch(owner);
    on_cleanup(move || drop(watch));
    let timeline = state.timeline.clone();
    let load = {
        let timeline = timeline.clone();
        move || timeline.with(|timeline| timeline.load.clone())
    };
    let contacts = match owner {
        Owner::Company(company) => Some(store.company_contacts(company)),
        Owner::Contact(_) => None,
    };
    if let Some(host) = Host::current() {
        let load = load.clone();
        Effect::new(move || {
            if let LoadState::Failed(error) = load() {
                host.error(&error.user_message());
            }
        });
    }

    let count = {
        let timeline = timeline.clone();
        // Text rather than an Option (empty until the first page is in): each kind of
        // reactive text costs the wasm its own renderer code, and the widget's others are text.
        move || {
            timeline
                .with(|timeline| timeline.info.map(|info| count_calls(info.total_count)))
                .unwrap_or_default()
        }
    };
    let busy = {
        let load = load.clone();
        move || matches!(load(), LoadState::Loading | LoadState::Ready { loading_more: true }).to_string()
    };
    let body = {
        let (timeline, load, store) = (timeline.clone(), load.clone(), store.clone());
        move || {
            let is_empty = timeline.with(|timeline| timeline.calls.is_empty());
            match (load(), is_empty) {
                (LoadState::Idle | LoadState::Loading, true) => skeleton().into_any(),
                (LoadState::Failed(error), true) => {
                    let store = store.clone();
                    view! {
                        <div class="cw-state cw-state--error" {attr("role", "alert")}>
                            <p class="cw-state__message">{error.user_message()}</p>
                            <button {attr("type", "button")} class="cw-button" on:click=move |_| store.reload(owner)>
                                "Retry"
                            </button>
                        </div>
                    }
                    .into_any()
                }
                (_, true) => view! {
                    <p class="cw-state cw-state--empty">
                        "No calls yet. Log the first one with the "
                        <strong>"Log a call"</strong>
                        " form."
                    </p>
                }
                .into_any(),
                (_, false) => days(store.clone(), timeline.clone(), contacts.clone()).into_any(),
            }
        }
    };
    let more = {
        let (timeline, load, store) = (timeline.clone(), load.clone(), store.clone());
        move || {
            let has_more = timeline.with(|timeline| !timeline.calls.is_empty() && timeline.next_page().is_some());
            let state = load();
            let failed = match &state {
                LoadState::Failed(error) if timeline.with(|timeline| !timeline.calls.is_empty()) => {
                    Some(error.user_message())
                }
                _ => None,
            };
            let loading_more = matches!(state, LoadState::Ready { loading_more: true });
            let store = store.clone();
            shown((has_more || failed.is_some()).then(move || {
                view! {
                    <div class="cw-timeline__more">
                        {failed.map(|message| view! { <p class="cw-timeline__more-error" {attr("role", "alert")}>{message}</p> }.into_any())}
                        {has_more
                            .then(|| {
                                view! {
                                    <button
                                        {attr("type", "button")}
                                        class="cw-button cw-button--secondary"
                                        {attr("disabled", loading_more)}
                                        on:click=move |_| store.load_more(owner)
                                    >
                                        {if loading_more { "Loading…" } else { "Load more" }}
                                    </button>
                                }
                                .into_any()
                            })}
                    </div>
                }
                .into_any()
            }))
        }
    };

    view! {
        <section class="cw-timeline" {attr("aria-label", "Calls")} {attr("aria-busy", busy)}>
            <header class="cw-timeline__header">
                <h2 class="cw-timeline__title" tabindex="-1">"Calls"</h2>
                <span class="cw-timeline__count">{count}</span>
            </header>
            {body}
            {more}
        </section>
    }
}

fn skeleton() -> impl IntoView {
    // Written out in full: a view with nothing dynamic in it is built from one HTML
    // string, the cheapest view there is.
    view! {
        <div class="cw-skeleton">
            <p class="cw-visually-hidden" role="status">"Loading calls…"</p>
            <div class="cw-skeleton__row" aria-hidden="true">
                <span class="cw-skeleton__line cw-skeleton__line--short"></span>
                <span class="cw-skeleton__line"></span>
            </div>
            <div class="cw-skeleton__row" aria-hidden="true">
                <span class="cw-skeleton__line cw-skeleton__line--short"></span>
                <span class="cw-skeleton__line"></span>
            </div>
            <div class="cw-skeleton__row" aria-hidden="true">
                <span class="cw-skeleton__line cw-skeleton__line--short"></span>
                <span class="cw-skeleton__line"></span>
            </div>
        </div>
    }
}

/// The calls with a heading before the first call of each day. One keyed list over the
/// calls (key: id, `modified_at` and whether the call opens a day), so a new or edited
/// call re-renders only itself and the call whose heading it takes over.
fn days(
    store: CallStore,
    timeline: ArcRwSignal<Timeline>,
    contacts: Option<ArcRwSignal<ContactsState>>,
) -> impl IntoView {
    let rows = move || timeline.with(|timeline| mark_day_openings(&timeline.calls));
    let today = local_today();
    view! {
        <div class="cw-timeline__days">
            <For
                each=rows
                key=|(opens_day, call): &(bool, Call)| (call.id, call.modified_at, *opens_day)
                children=move |(opens_day, call): (bool, Call)| {
                    let heading = opens_day
                        .then(|| {
                            view! { <h3 class="cw-day__heading">{day_heading_text(day_heading(call.date, today))}</h3> }
                                .into_any()
                        });
                    view! {
                        {heading}
                        <CallItem store=store.clone() call=call contacts=contacts.clone() />
                    }
                }
            />
        </div>
    }
}
