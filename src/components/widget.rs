//! One widget: an owner's timeline, its form, or both, as the embedding page asked.

use calls_model::Owner;
use leptos::prelude::*;

use super::{CallTimeline, LogCallForm};
use crate::i18n::Catalog;
use crate::store::{CallStore, DEFAULT_PER_PAGE};

/// What a widget shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WidgetView {
    /// The timeline and the form: side by side when there is room, stacked when not.
    #[default]
    Full,
    /// Only the timeline (a CRM page's sidebar).
    Timeline,
    /// Only the form (a CRM page's header).
    Form,
}

impl WidgetView {
    /// The value of the `view` attribute or option.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "full" => Some(Self::Full),
            "timeline" => Some(Self::Timeline),
            "form" => Some(Self::Form),
            _ => None,
        }
    }
}

/// The widget for `owner`: timeline and/or form, reading the page-wide store.
#[component]
pub fn CallsWidget(
    store: CallStore,
    owner: Owner,
    /// The words of the widget's language.
    i18n: Catalog,
    #[prop(optional)] view: WidgetView,
    /// How many calls a page of the timeline holds.
    #[prop(default = DEFAULT_PER_PAGE)]
    per_page: u32,
    /// Seconds between refreshes of the timeline; 0: never.
    #[prop(optional)]
    refresh: u32,
) -> impl IntoView {
    let timeline = (view != WidgetView::Form).then(|| {
        view! { <CallTimeline store=store.clone() owner=owner per_page=per_page refresh=refresh i18n=i18n /> }
            .into_any()
    });
    let form = (view != WidgetView::Timeline)
        .then(|| view! { <LogCallForm store=store owner=owner per_page=per_page i18n=i18n /> }.into_any());
    let layout = match view {
        WidgetView::Full => "cw-widget__body cw-widget__body--full",
        WidgetView::Timeline => "cw-widget__body",
        WidgetView::Form => "cw-widget__body cw-widget__body--form",
    };
    // The form comes after the timeline in the page's order (and stands beside it, or
    // above it on narrow screens): one Tab and Enter take a keyboard user to it.
    let skip = (view == WidgetView::Full).then(|| {
        view! {
            <button type="button" class="cw-link-button cw-skip" on:click=skip_to_form>
                {i18n.text("form.skip")}
            </button>
        }
    });
    view! {
        <div class="cw-widget">
            {skip}
            <div class=layout>{timeline}{form}</div>
        </div>
    }
}

/// Focuses the first field of the widget's form.
fn skip_to_form(event: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let field = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|button| button.closest(".cw-widget").ok().flatten())
        .and_then(|widget| {
            widget
                .query_selector(".cw-form :is(input, select, textarea)")
                .ok()
                .flatten()
        })
        .and_then(|field| field.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(field) = field {
        let _ = field.focus();
    }
}
