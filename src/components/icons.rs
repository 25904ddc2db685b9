//! Small inline icons. They are decoration next to a word, so screen readers skip them.

use calls_model::CallResult;
use leptos::prelude::*;

/// The icon of a call result: a handset, a crossed handset, a voicemail tape, or a dot.
#[component]
pub fn ResultIcon(result: CallResult) -> impl IntoView {
    let path = match result {
        CallResult::Conversation => {
            "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
        }
        CallResult::NoAnswer => {
            "M3 3l18 18M6.6 10.8a15.1 15.1 0 0 0 2.5 3.4M13.2 17.4l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1 17 17 0 0 1-9.4-2.8M5.2 11.5A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57"
        }
        CallResult::LeftMessage => {
            "M6.5 16a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7zm11 0a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7zM6.5 16h11"
        }
        CallResult::Other(_) => "M12 8a4 4 0 1 1 0 8 4 4 0 0 1 0-8z",
    };
    view! {
        <svg class="cw-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path d=path />
        </svg>
    }
}
