//! The call timeline of one owner: newest first, grouped by day, with loading, empty and
//! error states and "Load more".
//!
//! The list of rows is built once and keyed by call id: a new page adds its rows, a
//! logged, edited or deleted call touches its own row (and a day heading when it must),
//! and the loading state, the count and "Load more" each read only their own signal.

use calls_model::Owner;
use leptos::prelude::*;

use super::call_item::{CallItem, keep_on_escape};
use crate::dom::host::Host;
use crate::dom::intl::{day_heading_text, local_today, minute_tick};
use crate::format::{count_calls, day_heading};
use crate::store::{CallStore, Item, LoadState};

/// The timeline of `owner`'s calls, read from the page-wide store. A company's timeline
/// names the contact of each call.
#[component]
pub fn CallTimeline(store: CallStore, owner: Owner) -> impl IntoView {
    let state = store.owner(owner);
    let watch = store.watch(owner);
    on_cleanup(move || drop(watch));
    // One claim on the minute timer for every row's relative time.
    let _minute = minute_tick();
    let (rows, info, load) = (state.rows.list.clone(), state.rows.info.clone(), state.load.clone());
    let contacts = match owner {
        Owner::Company(company) => Some(store.company_contacts(company)),
        Owner::Contact(_) => None,
    };
    if let Some(host) = Host::current() {
        let load = load.clone();
        Effect::new(move || {
            load.with(|load| {
                if let LoadState::Failed(error) = load {
                    host.error(&error.user_message());
                }
            })
        });
    }

    let has_rows = {
        let rows = rows.clone();
        Memo::new(move |_| rows.with(|rows| !rows.is_empty()))
    };
    let count = {
        let info = info.clone();
        move || info.with(|info| info.map(|info| count_calls(info.total_count)).unwrap_or_default())
    };
    let busy = {
        let load = load.clone();
        move || load.with(LoadState::is_busy).to_string()
    };
    let list = {
        let store = store.clone();
        let today = local_today();
        view! {
            <div class="cw-timeline__days" on:keydown=keep_on_escape>
                <For
                    each=move || rows.get()
                    key=Item::key
                    children=move |item: Item| match item {
                        Item::Day(date) => {
                            view! { <h3 class="cw-day__heading">{day_heading_text(day_heading(date, today))}</h3> }.into_any()
                        }
                        Item::Call(row) => {
                            view! { <CallItem store=store.clone() call=row.call pending=row.pending contacts=contacts.clone() /> }.into_any()
                        }
                    }
                />
            </div>
        }
    };

    view! {
        <section class="cw-timeline" aria-label="Calls" aria-busy={busy}>
            <header class="cw-timeline__header">
                <h2 class="cw-timeline__title" tabindex="-1">"Calls"</h2>
                <span class="cw-timeline__count">{count}</span>
            </header>
            {no_rows_state(store.clone(), owner, load.clone(), has_rows)}
            {list}
            {load_more(store, owner, info, load, has_rows)}
        </section>
    }
}

/// What stands in place of the rows while there are none: the skeleton while the first
/// page loads, the error with Retry, or the empty state. Nothing once rows are shown.
fn no_rows_state(store: CallStore, owner: Owner, load: ArcRwSignal<LoadState>, has_rows: Memo<bool>) -> impl IntoView {
    let per_page = store.per_page();
    // Once rows are shown this reads only `has_rows`: loading a later page changes `load`
    // without reaching here.
    move || {
        let state = if has_rows.get() { None } else { Some(load.get()) };
        state.map(|load| match load {
            LoadState::Idle | LoadState::Loading => skeleton(per_page).into_any(),
            LoadState::Failed(error) => {
                let store = store.clone();
                view! {
                    <div class="cw-state cw-state--error" role="alert">
                        <p class="cw-state__message">{error.user_message()}</p>
                        <button type="button" class="cw-button" on:click=move |_| store.reload(owner)>
                            "Retry"
                        </button>
                    </div>
                }
                .into_any()
            }
            LoadState::Ready { .. } => view! {
                <p class="cw-state cw-state--empty">
                    "No calls yet. Log the first one with the "
                    <strong>"Log a call"</strong>
                    " form."
                </p>
            }
            .into_any(),
        })
    }
}

/// "Load more" under the rows while there is more, and the message of a failed later
/// page. The button stays the same element while its page loads, so focus stays on it.
fn load_more(
    store: CallStore,
    owner: Owner,
    info: ArcRwSignal<Option<calls_model::PageInfo>>,
    load: ArcRwSignal<LoadState>,
    has_rows: Memo<bool>,
) -> impl IntoView {
    let has_more = Memo::new(move |_| has_rows.get() && info.with(|info| info.is_some_and(|info| info.has_more())));
    // The message of a failed later page, while there is one.
    let problem = {
        let load = load.clone();
        move || match &*load.read() {
            LoadState::Failed(error) if has_rows.get() => Some(error.user_message()),
            _ => None,
        }
    };
    // Whether the area is there at all, as a memo: loading a page must not rebuild it,
    // or the button would lose focus.
    let visible = {
        let problem = problem.clone();
        Memo::new(move |_| has_more.get() || problem().is_some())
    };
    let loading_more = Memo::new(move |_| matches!(*load.read(), LoadState::Ready { loading_more: true }));
    move || {
        let (store, problem) = (store.clone(), problem.clone());
        visible.get().then(move || {
            let button = move || {
                let store = store.clone();
                has_more.get().then(move || {
                    view! {
                        <button
                            type="button"
                            class="cw-button cw-button--secondary"
                            disabled={move || loading_more.get()}
                            on:click=move |_| store.load_more(owner)
                        >
                            {move || if loading_more.get() { "Loading…" } else { "Load more" }}
                        </button>
                    }
                    .into_any()
                })
            };
            let message = move || {
                problem()
                    .map(|message| view! { <p class="cw-timeline__more-error" role="alert">{message}</p> }.into_any())
            };
            view! { <div class="cw-timeline__more">{message}{button}</div> }.into_any()
        })
    }
}

/// Rows the loading skeleton shows at most: about a screen.
const SKELETON_ROWS_MAX: u32 = 10;

/// Placeholder rows for the page on its way: as many as the page will show, up to a
/// screen, so the rows take about the space the skeleton held. The loader draws the same
/// skeleton before the wasm is here (widget/embed.js).
fn skeleton(per_page: u32) -> impl IntoView {
    let rows = (0..per_page.clamp(1, SKELETON_ROWS_MAX))
        .map(|_| {
            view! {
                <div class="cw-skeleton__row" aria-hidden="true">
                    <span class="cw-skeleton__line cw-skeleton__line--short"></span>
                    <span class="cw-skeleton__line"></span>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="cw-skeleton">
            <p class="cw-visually-hidden" role="status">"Loading calls…"</p>
            {rows}
        </div>
    }
}
