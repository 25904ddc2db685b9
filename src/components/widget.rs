//! One widget: an owner's timeline, its form, or both, as the embedding page asked.

use calls_model::Owner;
use leptos::prelude::*;

use super::{CallTimeline, LogCallForm};
use crate::store::CallStore;

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
pub fn CallsWidget(store: CallStore, owner: Owner, #[prop(optional)] view: WidgetView) -> impl IntoView {
    let timeline =
        (view != WidgetView::Form).then(|| view! { <CallTimeline store=store.clone() owner=owner /> }.into_any());
    let form = (view != WidgetView::Timeline).then(|| view! { <LogCallForm store=store owner=owner /> }.into_any());
    let layout = match view {
        WidgetView::Full => "cw-widget__body cw-widget__body--full",
        WidgetView::Timeline => "cw-widget__body",
        WidgetView::Form => "cw-widget__body cw-widget__body--form",
    };
    view! {
        <div class="cw-widget">
            <div class=layout>{timeline}{form}</div>
        </div>
    }
}
