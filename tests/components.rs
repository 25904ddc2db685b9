//! Component tests: the widget's components mounted in headless Chromium, talking to a
//! real reference server that `scripts/component-tests.sh` starts (its address, and
//! contacts without calls, arrive as build-time environment variables).
#![cfg(target_arch = "wasm32")]

use calls_model::{ObjectId, Owner};
use calls_widget::api::{ApiClient, Connection};
use calls_widget::components::{CallTimeline, LogCallForm};
use calls_widget::i18n::Catalog;
use calls_widget::store::CallStore;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const DEMO_CONTACT: &str = "6553f100de30020000000000";

fn api_base() -> &'static str {
    // Not env!: clippy and `cargo check` build these tests without a server to point at.
    match option_env!("CALLS_TEST_API") {
        Some(base) => base,
        None => panic!("run through scripts/component-tests.sh: CALLS_TEST_API is not set"),
    }
}

/// A contact with no calls, one per test so tests do not see each other's calls.
fn fresh_contact(n: usize) -> ObjectId {
    let Some(ids) = option_env!("CALLS_TEST_CONTACTS") else {
        panic!("run through scripts/component-tests.sh: CALLS_TEST_CONTACTS is not set")
    };
    ids.split(',')
        .nth(n)
        .and_then(|id| id.parse().ok())
        .expect("enough test contacts")
}

/// A store of the test's own, so nothing is shared with other tests.
fn store() -> CallStore {
    CallStore::new(ApiClient::new(Connection::new(api_base(), Some("demo-token"))))
}

/// A store whose server is not there.
fn unreachable_store() -> CallStore {
    CallStore::new(
        ApiClient::new(Connection::new("http://127.0.0.1:9/api/", Some("demo-token"))).with_timeout_ms(3_000),
    )
}

fn mount<F, N>(view: F) -> HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let document = document();
    let container = document.create_element("div").unwrap().unchecked_into::<HtmlElement>();
    document.body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), view).forget();
    container
}

/// The words the loader would give: English, as the catalog file has it.
fn english() -> Catalog {
    Catalog::new("en", js_sys::JSON::parse(include_str!("../i18n/en.json")).unwrap())
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

async fn wait_until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..250 {
        if condition() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

fn query(root: &HtmlElement, css: &str) -> Option<HtmlElement> {
    root.query_selector(css)
        .unwrap()
        .map(|element| element.unchecked_into())
}

fn count(root: &HtmlElement, css: &str) -> u32 {
    root.query_selector_all(css).unwrap().length()
}

fn text(root: &HtmlElement, css: &str) -> String {
    query(root, css)
        .map(|element| element.text_content().unwrap_or_default())
        .unwrap_or_default()
}

fn button(root: &HtmlElement, label: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|node| node.unchecked_into::<HtmlElement>())
        .find(|button| button.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button `{label}`"))
}

fn type_into(root: &HtmlElement, css: &str, value: &str) {
    let element = query(root, css).unwrap_or_else(|| panic!("no field {css}"));
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    }
    element.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

/// How many requests the page has made whose URL contains `part`, by the Performance API.
fn requests_to(part: &str) -> u32 {
    let script = format!(
        "performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch' && e.name.includes('{part}')).length"
    );
    js_sys::eval(&script).unwrap().as_f64().unwrap() as u32
}

#[wasm_bindgen_test]
async fn timeline_shows_skeleton_then_the_calls_grouped_by_day() {
    let contact: ObjectId = DEMO_CONTACT.parse().unwrap();
    let store = store();
    let root = mount(move || view! { <CallTimeline store=store owner=Owner::Contact(contact) i18n=english() /> });
    leptos::task::tick().await;
    assert_eq!(count(&root, ".cw-skeleton"), 1, "skeleton while loading");
    let feed = query(&root, ".cw-timeline__days").unwrap();
    assert_eq!(feed.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(feed.get_attribute("role"), None, "a feed only once it has calls");
    wait_until("calls", || count(&root, "article") > 0).await;
    assert_eq!(feed.get_attribute("role").as_deref(), Some("feed"));
    assert_eq!(feed.get_attribute("aria-busy").as_deref(), Some("false"));
    assert_eq!(count(&root, ".cw-skeleton"), 0);
    assert_eq!(
        query(&root, "section").unwrap().get_attribute("aria-label").as_deref(),
        Some("Calls")
    );
    assert_eq!(count(&root, "section article"), 25);
    assert_eq!(text(&root, ".cw-day__heading"), "Today");
    assert!(text(&root, ".cw-timeline__count").ends_with(" calls"));
    // Every result shows its word, not only a colour.
    let labels = text(&root, ".cw-call__result-label");
    assert!(
        ["Conversation", "No answer", "Left message"].contains(&labels.as_str()),
        "{labels}"
    );
    assert!(count(&root, "button") >= 1, "Load more is offered");
}

#[wasm_bindgen_test]
async fn timeline_of_a_contact_without_calls_points_at_the_form() {
    let contact = fresh_contact(0);
    let store = store();
    let root = mount(move || view! { <CallTimeline store=store owner=Owner::Contact(contact) i18n=english() /> });
    wait_until("the empty state", || count(&root, ".cw-state--empty") == 1).await;
    assert!(text(&root, ".cw-state--empty").contains("Log a call"));
    assert_eq!(text(&root, ".cw-timeline__count"), "0 calls");
}

#[wasm_bindgen_test]
async fn timeline_shows_error_and_retry_when_the_server_cannot_be_reached() {
    let contact = fresh_contact(1);
    let store = unreachable_store();
    let root = mount(move || view! { <CallTimeline store=store owner=Owner::Contact(contact) i18n=english() /> });
    wait_until("the error", || count(&root, "[role=alert]") == 1).await;
    assert!(text(&root, "[role=alert]").contains("Could not reach the calls server"));
    button(&root, "Retry").click();
    leptos::task::tick().await;
    assert_eq!(count(&root, ".cw-skeleton"), 1, "retry loads again");
    wait_until("the error again", || count(&root, "[role=alert]") == 1).await;
}

#[wasm_bindgen_test]
async fn two_timelines_of_one_owner_share_one_request() {
    let contact = fresh_contact(2);
    let store = store();
    let before = requests_to(&format!("contacts/{contact}/calls.json"));
    let (first, second) = (store.clone(), store.clone());
    let root = mount(move || {
        view! {
            <CallTimeline store=first owner=Owner::Contact(contact) i18n=english() />
            <CallTimeline store=second owner=Owner::Contact(contact) i18n=english() />
        }
    });
    wait_until("both empty states", || count(&root, ".cw-state--empty") == 2).await;
    sleep(100).await;
    assert_eq!(requests_to(&format!("contacts/{contact}/calls.json")) - before, 1);
}

#[wasm_bindgen_test]
async fn form_validation_shows_messages_next_to_fields_and_sends_nothing() {
    let contact = fresh_contact(3);
    let store = store();
    let root = mount(move || view! { <LogCallForm store=store owner=Owner::Contact(contact) i18n=english() /> });
    // The form reads the contact's calls once, for its "Called via" suggestions.
    for _ in 0..100 {
        if requests_to(&format!("contacts/{contact}/calls.json")) > 0 {
            break;
        }
        sleep(20).await;
    }
    type_into(&root, "input[name=recording_link]", "ftp://files.example.com/a.mp3");
    type_into(&root, "input[name=phone_number]", &"1".repeat(41));
    type_into(&root, "textarea", "keep me");
    let before = requests_to(&format!("contacts/{contact}/calls.json"));
    button(&root, "Log call").click();
    leptos::task::tick().await;
    assert_eq!(count(&root, ".cw-field__error"), 2);
    let link = query(&root, "input[name=recording_link]").unwrap();
    assert_eq!(link.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = link.get_attribute("aria-describedby").unwrap();
    assert!(text(&root, &format!("#{described}")).contains("Recording link must be a web address"));
    // The summary at the top: a heading, what happened, and a link to each field.
    assert_eq!(text(&root, ".cw-form__error-title"), "There is a problem");
    assert!(text(&root, ".cw-form__error").contains("nothing was sent"));
    let links: Vec<(String, String)> = (0..count(&root, ".cw-form__error-list a"))
        .map(|index| {
            let link = query(&root, &format!(".cw-form__error-list li:nth-child({}) a", index + 1)).unwrap();
            (
                link.get_attribute("href").unwrap_or_default(),
                link.text_content().unwrap_or_default(),
            )
        })
        .collect();
    let field_id = |name: &str| query(&root, &format!("input[name={name}]")).unwrap().id();
    assert_eq!(links.len(), 2, "{links:?}");
    assert!(links.contains(&(
        format!("#{}", field_id("recording_link")),
        text(&root, &format!("#{described}"))
    )));
    assert!(
        links
            .iter()
            .any(|(href, _)| *href == format!("#{}", field_id("phone_number")))
    );
    // Focus goes to the summary once it shows.
    wait_until("the summary focused", || {
        document()
            .active_element()
            .is_some_and(|element| element.class_name() == "cw-form__error")
    })
    .await;
    // A field typed into loses its message, and its link goes from the summary.
    type_into(&root, "input[name=phone_number]", "+1 555 0100");
    leptos::task::tick().await;
    assert_eq!(count(&root, ".cw-form__error-list a"), 1);
    sleep(50).await;
    assert_eq!(requests_to(&format!("contacts/{contact}/calls.json")), before);
    assert_eq!(
        query(&root, "textarea")
            .unwrap()
            .unchecked_into::<HtmlTextAreaElement>()
            .value(),
        "keep me"
    );
}

#[wasm_bindgen_test]
async fn form_labels_every_control() {
    let store = store();
    let contact = fresh_contact(4);
    let root = mount(move || view! { <LogCallForm store=store owner=Owner::Contact(contact) i18n=english() /> });
    leptos::task::tick().await;
    let controls = root.query_selector_all("input, textarea").unwrap();
    for i in 0..controls.length() {
        let control = controls.item(i).unwrap().unchecked_into::<HtmlElement>();
        let id = control.id();
        assert!(!id.is_empty());
        assert_eq!(
            count(&root, &format!("label[for='{id}']")),
            1,
            "control {id} has a label"
        );
    }
    assert_eq!(
        query(&root, "form")
            .unwrap()
            .get_attribute("aria-labelledby")
            .map(|id| text(&root, &format!("#{id}")))
            .as_deref(),
        Some("Log a call")
    );
    let date = query(&root, "input[type=date]")
        .unwrap()
        .unchecked_into::<HtmlInputElement>();
    assert_eq!(date.value(), calls_widget::dom::intl::local_today().to_string());
}

#[wasm_bindgen_test]
async fn a_logged_call_shows_as_saving_at_once_a_double_click_logs_one_and_it_becomes_the_servers() {
    let contact = fresh_contact(5);
    let store = store();
    let (for_timeline, for_form) = (store.clone(), store.clone());
    let root = mount(move || {
        view! {
            <CallTimeline store=for_timeline owner=Owner::Contact(contact) i18n=english() />
            <LogCallForm store=for_form owner=Owner::Contact(contact) i18n=english() />
        }
    });
    wait_until("the empty timeline", || count(&root, ".cw-state--empty") == 1).await;
    type_into(&root, "textarea", "Logged from a component test");
    let submit = button(&root, "Log call");
    submit.click();
    submit.click();
    leptos::task::tick().await;
    // In the timeline at once, marked, and the form free for the next call.
    assert_eq!(count(&root, "article"), 1);
    assert!(text(&root, "article").contains("Logged from a component test"));
    assert_eq!(text(&root, "article .cw-call__pending"), "Saving…");
    assert_eq!(
        query(&root, "textarea")
            .unwrap()
            .unchecked_into::<HtmlTextAreaElement>()
            .value(),
        ""
    );
    wait_until("the server's call", || count(&root, ".cw-call__pending") == 0).await;
    assert_eq!(count(&root, "article"), 1);
    assert_eq!(text(&root, ".cw-timeline__count"), "1 call");
    let page = store
        .client()
        .list_calls(Owner::Contact(contact), &Default::default(), None)
        .await
        .unwrap();
    assert_eq!(page.info.total_count, 1, "the double click logged one call");
}

#[wasm_bindgen_test]
async fn a_call_the_server_cannot_take_yet_keeps_every_value_says_why_and_offers_retry_now() {
    let contact = fresh_contact(6);
    let store = unreachable_store();
    let (for_timeline, for_form) = (store.clone(), store.clone());
    let root = mount(move || {
        view! {
            <CallTimeline store=for_timeline owner=Owner::Contact(contact) i18n=english() />
            <LogCallForm store=for_form owner=Owner::Contact(contact) i18n=english() />
        }
    });
    leptos::task::tick().await;
    type_into(&root, "textarea", "Important notes");
    type_into(&root, "input[name=called_via]", "Skype");
    button(&root, "Log call").click();
    wait_until("the reason", || count(&root, ".cw-call__pending--retrying") == 1).await;
    let said = text(&root, ".cw-call__pending--retrying");
    assert!(said.contains("Not saved yet"), "{said}");
    assert!(said.contains("Could not reach the calls server"), "{said}");
    let row = text(&root, "article");
    assert!(row.contains("Important notes") && row.contains("Skype"), "{row}");
    // Retry now tries again at once (and says so while it does).
    button(&root, "Retry now").click();
    leptos::task::tick().await;
    assert_eq!(count(&root, "article"), 1, "one call, however often it is tried");
}

#[wasm_bindgen_test]
async fn what_was_typed_survives_a_reload_as_a_draft_until_the_call_is_logged() {
    let contact = fresh_contact(7);
    let store = store();
    let (first, second, third) = (store.clone(), store.clone(), store.clone());
    let root = mount(move || view! { <LogCallForm store=first owner=Owner::Contact(contact) i18n=english() /> });
    leptos::task::tick().await;
    type_into(&root, "textarea", "Half-written notes");
    type_into(&root, "input[name=called_via]", "Aircall");
    leptos::task::tick().await;
    // A second form for the contact (the page reloaded, or another widget) starts from the draft.
    let again = mount(move || view! { <LogCallForm store=second owner=Owner::Contact(contact) i18n=english() /> });
    leptos::task::tick().await;
    assert_eq!(
        query(&again, "textarea")
            .unwrap()
            .unchecked_into::<HtmlTextAreaElement>()
            .value(),
        "Half-written notes"
    );
    assert_eq!(
        query(&again, "input[name=called_via]")
            .unwrap()
            .unchecked_into::<HtmlInputElement>()
            .value(),
        "Aircall"
    );
    button(&again, "Log call").click();
    wait_until("the call to be logged", || {
        text(&again, ".cw-form__status").starts_with("Call logged")
    })
    .await;
    leptos::task::tick().await;
    let fresh = mount(move || view! { <LogCallForm store=third owner=Owner::Contact(contact) i18n=english() /> });
    leptos::task::tick().await;
    assert_eq!(
        query(&fresh, "textarea")
            .unwrap()
            .unchecked_into::<HtmlTextAreaElement>()
            .value(),
        "",
        "the draft is gone"
    );
}
