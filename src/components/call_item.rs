//! One call in the timeline: result (icon and word), notes, number, service, author,
//! when it was changed, and its recording.

use calls_model::links::{http_url, tel_uri};
use calls_model::{Call, CallResult};
use leptos::prelude::*;

use super::icons::ResultIcon;
use super::intl::{exact_local, minute_tick, relative_to_now};
use crate::format::should_fold;

/// The CSS modifier of a result, so a conversation and a missed call look different
/// beyond their colour.
fn result_kind(result: &CallResult) -> &'static str {
    match result {
        CallResult::Conversation => "conversation",
        CallResult::NoAnswer => "no-answer",
        CallResult::LeftMessage => "left-message",
        CallResult::Other(_) => "other",
    }
}

/// A call as an `article`. `contact_name` is set in company timelines.
#[component]
pub fn CallItem(call: Call, #[prop(optional_no_strip)] contact_name: Option<String>) -> impl IntoView {
    let (expanded, set_expanded) = signal(false);
    let foldable = should_fold(&call.text);
    let kind = result_kind(&call.call_result);
    let label = call.call_result.label().to_owned();
    let modified_exact = exact_local(&call.modified_at);
    let modified_relative = {
        let (tick, modified_at) = (minute_tick(), call.modified_at);
        move || {
            tick.track();
            relative_to_now(&modified_at)
        }
    };
    let modified_iso = calls_model::time::format_timestamp(&call.modified_at);
    let notes_id = format!("cw-notes-{}", call.id);
    let phone = (!call.phone_number.trim().is_empty()).then(|| {
        let number = call.phone_number.clone();
        match tel_uri(&number) {
            Some(href) => view! { <a class="cw-call__phone" href=href>{number}</a> }.into_any(),
            None => view! { <span class="cw-call__phone">{number}</span> }.into_any(),
        }
    });
    let recording = http_url(&call.recording_link).map(|url| {
        let url = url.to_owned();
        view! {
            <a class="cw-call__recording" href=url target="_blank" rel="noopener noreferrer">
                "Recording"
            </a>
        }
    });
    let via = (!call.called_via.trim().is_empty()).then(|| call.called_via.clone());
    let author = (!call.author.trim().is_empty()).then(|| call.author.clone());
    let has_notes = !call.text.trim().is_empty();
    let text = call.text.clone();
    let accessible_label = match &contact_name {
        Some(name) => format!("{label}, {name}"),
        None => label.clone(),
    };

    view! {
        <article class=format!("cw-call cw-call--{kind}") aria-label=accessible_label>
            <header class="cw-call__head">
                <span class=format!("cw-call__result cw-call__result--{kind}")>
                    <ResultIcon kind=kind />
                    <span class="cw-call__result-label">{label}</span>
                </span>
                {contact_name.map(|name| view! { <span class="cw-call__contact">{name}</span> })}
                <time class="cw-call__modified" datetime=modified_iso title=modified_exact.clone()>
                    <span class="cw-visually-hidden">"Changed "</span>
                    {modified_relative}
                </time>
            </header>
            {has_notes
                .then(|| {
                    view! {
                        <p
                            id=notes_id.clone()
                            class="cw-call__notes"
                            class:cw-call__notes--folded=move || foldable && !expanded.get()
                        >
                            {text}
                        </p>
                    }
                })}
            {(has_notes && foldable)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="cw-link-button cw-call__fold"
                            aria-expanded=move || expanded.get().to_string()
                            aria-controls=notes_id.clone()
                            on:click=move |_| set_expanded.update(|open| *open = !*open)
                        >
                            {move || if expanded.get() { "Show less" } else { "Show more" }}
                        </button>
                    }
                })}
            <footer class="cw-call__meta">
                {phone}
                {via.map(|via| view! { <span class="cw-call__via">"via " {via}</span> })}
                {author.map(|author| view! { <span class="cw-call__author">"by " {author}</span> })}
                {recording}
            </footer>
        </article>
    }
}
