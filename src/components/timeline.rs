//! The call timeline of one owner: newest first, grouped by day, with loading, empty and
//! error states and "Load more".
//!
//! The list of rows is built once and keyed by call id: a new page adds its rows, a
//! logged, edited or deleted call touches its own row (and a day heading when it must),
//! and the loading state, the count and "Load more" each read only their own signal.

use calls_model::Owner;
use leptos::prelude::*;

use super::call_actions::keep_on_escape;
use super::call_item::CallItem;
use crate::dom::host::Host;
use crate::dom::intl::{day_heading_text, local_today, minute_tick};
use crate::format::day_heading;
use crate::i18n::Catalog;
use crate::store::{CallStore, DEFAULT_PER_PAGE, Item, LoadState, ViewKey};

/// The timeline of `owner`'s calls, read from the page-wide store. A company's timeline
/// names the contact of each call.
#[component]
pub fn CallTimeline(
    store: CallStore,
    owner: Owner,
    /// How many calls a page holds.
    #[prop(default = DEFAULT_PER_PAGE)]
    per_page: u32,
    /// Seconds between refreshes (what others changed); 0: never.
    #[prop(optional)]
    refresh: u32,
    /// The words of the widget's language.
    i18n: Catalog,
) -> impl IntoView {
    let key = ViewKey::new(owner, per_page);
    let state = store.owner(key);
    let watch = store.watch(key);
    let refreshing = store.refresh_every(refresh);
    on_cleanup(move || drop((watch, refreshing)));
    // One claim on the minute timer for every row's relative time.
    let _minute = minute_tick();
    let (rows, info, load) = (state.rows.list.clone(), state.rows.info.clone(), state.load.clone());
    let contacts = match owner {
        Owner::Company(company) => Some(store.company_contacts(company)),
        Owner::Contact(_) => None,
    };
    if let Some(host) = Host::current() {
        let (load, i18n) = (load.clone(), i18n);
        Effect::new(move || {
            load.with(|load| {
                if let LoadState::Failed(error) = load {
                    host.error(&error.user_message(i18n));
                }
            })
        });
    }

    let has_rows = {
        let rows = rows.clone();
        Memo::new(move |_| rows.with(|rows| !rows.is_empty()))
    };
    let count = {
        let (info, i18n) = (info.clone(), i18n);
        move || {
            info.with(|info| {
                info.map(|info| i18n.count("timeline.count", info.total_count))
                    .unwrap_or_default()
            })
        }
    };
    let busy = {
        let load = load.clone();
        move || load.with(LoadState::is_busy).to_string()
    };
    // All the owner's calls, not only those loaded: the feed's articles are numbered
    // "n of total" from it (widget/feed.js).
    let total = {
        let info = info.clone();
        // As text: an attribute of a type the widget already writes costs no new code.
        move || info.with(|info| info.map(|info| info.total_count.to_string()))
    };
    let list = {
        let (store, i18n) = (store.clone(), i18n);
        let today = local_today();
        let name = i18n.text("timeline.title");
        // A feed while there are calls (a feed holds articles, and only them). Day
        // headings are for the eye: each call's name says its day.
        let role = move || has_rows.get().then_some("feed");
        let label = move || has_rows.get().then(|| name.clone());
        view! {
            <div class="cw-timeline__days" role=role aria-label=label aria-busy=busy data-total=total on:keydown=keep_on_escape>
                <For
                    each=move || rows.get()
                    key=Item::key
                    children=move |item: Item| match item {
                        Item::Day(date) => {
                            view! { <h3 class="cw-day__heading" aria-hidden="true">{day_heading_text(i18n, day_heading(date, today))}</h3> }.into_any()
                        }
                        Item::Call(row) => {
                            view! { <CallItem store=store.clone() call=row.call pending=row.pending contacts=contacts.clone() i18n=i18n /> }.into_any()
                        }
                    }
                />
            </div>
        }
    };

    let (title, name) = (i18n.text("timeline.title"), i18n.text("timeline.title"));
    view! {
        <section class="cw-timeline" aria-label=name>
            <header class="cw-timeline__header">
                <h2 class="cw-timeline__title" tabindex="-1">{title}</h2>
                <span class="cw-timeline__count">{count}</span>
            </header>
            <p class="cw-visually-hidden cw-timeline__news" role="status"></p>
            {no_rows_state(store.clone(), key, load.clone(), has_rows, i18n)}
            {list}
            {load_more(store, key, info, load, has_rows, i18n)}
        </section>
    }
}

/// What stands in place of the rows while there are none: the skeleton while the first
/// page loads, the error with Retry, or the empty state. Nothing once rows are shown.
fn no_rows_state(
    store: CallStore,
    key: ViewKey,
    load: ArcRwSignal<LoadState>,
    has_rows: Memo<bool>,
    i18n: Catalog,
) -> impl IntoView {
    let per_page = key.per_page;
    // Once rows are shown this reads only `has_rows`: loading a later page changes `load`
    // without reaching here.
    move || {
        let state = if has_rows.get() { None } else { Some(load.get()) };
        state.map(|load| match load {
            LoadState::Idle | LoadState::Loading => skeleton(per_page, i18n).into_any(),
            LoadState::Failed(error) => {
                let store = store.clone();
                view! {
                    <div class="cw-state cw-state--error" role="alert">
                        <p class="cw-state__message">{error.user_message(i18n)}</p>
                        <button type="button" class="cw-button" on:click=move |_| store.reload(key)>
                            {i18n.text("timeline.retry")}
                        </button>
                    </div>
                }
                .into_any()
            }
            LoadState::Ready { .. } => view! {
                <p class="cw-state cw-state--empty">{i18n.text("timeline.empty")}</p>
            }
            .into_any(),
        })
    }
}

/// "Load more" under the rows while there is more, and the message of a failed later
/// page. The button stays the same element while its page loads, so focus stays on it.
fn load_more(
    store: CallStore,
    key: ViewKey,
    info: ArcRwSignal<Option<calls_model::PageInfo>>,
    load: ArcRwSignal<LoadState>,
    has_rows: Memo<bool>,
    i18n: Catalog,
) -> impl IntoView {
    let has_more = Memo::new(move |_| has_rows.get() && info.with(|info| info.is_some_and(|info| info.has_more())));
    // The message of a failed later page, while there is one.
    let problem = {
        let (load, i18n) = (load.clone(), i18n);
        move || match &*load.read() {
            LoadState::Failed(error) if has_rows.get() => Some(error.user_message(i18n)),
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
    let (loading, more) = (i18n.text("timeline.loading_more"), i18n.text("timeline.load_more"));
    move || {
        let (store, problem, loading, more) = (store.clone(), problem.clone(), loading.clone(), more.clone());
        visible.get().then(move || {
            let button = move || {
                let (store, loading, more) = (store.clone(), loading.clone(), more.clone());
                has_more.get().then(move || {
                    view! {
                        <button
                            type="button"
                            class="cw-button cw-button--secondary"
                            // Not `disabled` while the page loads: a disabled button loses
                            // focus, and a keyboard user would be thrown to the page.
                            aria-disabled=move || loading_more.get().then_some("true")
                            on:click=move |_| {
                                if !loading_more.get_untracked() {
                                    store.load_more(key);
                                }
                            }
                        >
                            {move || if loading_more.get() { loading.clone() } else { more.clone() }}
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
fn skeleton(per_page: u32, i18n: Catalog) -> impl IntoView {
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
            <p class="cw-visually-hidden" role="status">{i18n.text("timeline.loading")}</p>
            {rows}
        </div>
    }
}
