//! The standalone app, built with `trunk build --release` and served by the reference
//! server, driven in headless Chromium.

use calls_e2e::{Browser, DEMO_CONTACT, DEMO_TOKEN, Server, keep_screenshot};
use reqwest::Method;
use serde_json::json;

fn contact_page(server: &Server) -> String {
    format!("{}/?contact_id={DEMO_CONTACT}&token={DEMO_TOKEN}", server.base())
}

/// How many fetches of call lists or writes the page has made, by the Performance API.
async fn call_requests(browser: &Browser) -> u64 {
    let script = "return performance.getEntriesByType('resource')\
                  .filter(e => e.initiatorType === 'fetch' && e.name.includes('/calls')).length;";
    browser.execute(script, vec![]).await.as_u64().unwrap_or_default()
}

#[tokio::test]
async fn the_demo_contacts_calls_are_shown_and_a_screenshot_is_saved() {
    let server = Server::start();
    let browser = Browser::start().await;
    browser.goto(&contact_page(&server)).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    let listed = server
        .get(&format!("contacts/{DEMO_CONTACT}/calls.json?per_page=25"))
        .await;
    let total = listed["data"]["total_count"].as_u64().unwrap();
    let header = browser.text(&browser.wait_for(".cw-timeline__count").await).await;
    assert_eq!(header, format!("{total} calls"));
    let articles = browser.find_all("section[aria-label='Calls'] article").await;
    assert_eq!(articles.len(), 25);
    let first_text = listed["data"]["calls"][0]["call"]["text"].as_str().unwrap();
    if !first_text.is_empty() {
        assert!(
            browser
                .text(&articles[0])
                .await
                .contains(first_text.lines().next().unwrap())
        );
    }
    let headings = browser.find_all(".cw-day__heading").await;
    assert_eq!(browser.text(&headings[0]).await.to_lowercase(), "today");
    let png = browser.screenshot().await;
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    keep_screenshot("standalone.png", &png);
}

#[tokio::test]
async fn logging_a_call_shows_it_in_the_timeline_and_stores_it() {
    let server = Server::start();
    let browser = Browser::start().await;
    browser.goto(&contact_page(&server)).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    let notes = "Agreed on the pilot.\nSecond line stays a second line.";
    browser.type_into(&browser.field("Notes").await, notes).await;
    browser.click(&browser.field("No answer").await).await;
    browser.type_into(&browser.field("Called via").await, "Aircall").await;
    browser.click(&browser.button("Log call").await).await;
    browser
        .wait_for_js(
            "the new call at the top",
            "document.querySelector('article .cw-call__notes')?.textContent.startsWith('Agreed on the pilot')",
        )
        .await;
    browser
        .wait_for_js("the form to clear", "document.querySelector('textarea').value === ''")
        .await;
    // The row shows the call at once (the outbox), marked until the server has it.
    browser
        .wait_for_js(
            "the server to have the call",
            "!document.querySelector('article')?.querySelector('.cw-call__pending')",
        )
        .await;

    let listed = server
        .get(&format!("contacts/{DEMO_CONTACT}/calls.json?per_page=1"))
        .await;
    let stored = &listed["data"]["calls"][0]["call"];
    assert_eq!(stored["text"], notes);
    assert_eq!(stored["call_result"], "no_answer");
    assert_eq!(stored["called_via"], "Aircall");
    assert_eq!(stored["author"], "peter a.");
    let id = stored["id"].as_str().unwrap();
    let fetched = server.get(&format!("calls/{id}.json")).await;
    assert_eq!(fetched["data"]["call"]["text"], notes);
    // Line breaks are kept on screen.
    let rendered = browser
        .execute(
            "return document.querySelector('article .cw-call__notes').innerText",
            vec![],
        )
        .await;
    assert_eq!(rendered.as_str().unwrap(), notes);
}

#[tokio::test]
async fn a_bad_recording_link_is_refused_with_a_message_and_no_request() {
    let server = Server::start();
    let browser = Browser::start().await;
    browser.goto(&contact_page(&server)).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    let before = server.get(&format!("contacts/{DEMO_CONTACT}/calls.json")).await["data"]["total_count"].clone();
    let requests_before = call_requests(&browser).await;
    let link = browser.field("Recording link").await;
    browser.type_into(&link, "javascript:alert(1)").await;
    browser.type_into(&browser.field("Notes").await, "kept").await;
    browser.click(&browser.button("Log call").await).await;
    let message = browser.wait_for(".cw-field__error").await;
    assert!(
        browser
            .text(&message)
            .await
            .contains("Recording link must be a web address")
    );
    assert_eq!(browser.property(&link, "ariaInvalid").await, json!("true"));
    // Focus moves to the error summary, whose link leads to the field (and leaves the
    // address as it was).
    browser
        .wait_for_js(
            "the error summary focused",
            "document.activeElement?.classList.contains('cw-form__error')",
        )
        .await;
    let address = browser.execute("return location.href", vec![]).await;
    let summary_link = browser.wait_for(".cw-form__error-list a").await;
    assert!(
        browser
            .text(&summary_link)
            .await
            .contains("Recording link must be a web address")
    );
    browser.click(&summary_link).await;
    let focused = browser
        .execute(
            "return document.activeElement === arguments[0]",
            vec![json!({"element-6066-11e4-a52e-4f735466cecf": link_id(&link)})],
        )
        .await;
    assert_eq!(focused, json!(true), "the summary's link focuses the field to fix");
    assert_eq!(browser.execute("return location.href", vec![]).await, address);
    assert_eq!(call_requests(&browser).await, requests_before, "nothing was sent");
    assert_eq!(
        server.get(&format!("contacts/{DEMO_CONTACT}/calls.json")).await["data"]["total_count"],
        before
    );
    assert_eq!(
        browser.property(&browser.field("Notes").await, "value").await,
        json!("kept")
    );
}

fn link_id(element: &calls_e2e::Element) -> String {
    format!("{element:?}")
        .trim_start_matches("Element(\"")
        .trim_end_matches("\")")
        .to_owned()
}

#[tokio::test]
async fn with_the_server_stopped_a_logged_call_waits_with_the_reason_and_is_saved_once_after_restart() {
    let mut server = Server::start();
    let browser = Browser::start().await;
    browser.goto(&contact_page(&server)).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    server.stop();
    let notes = "Typed while the server was down";
    browser.type_into(&browser.field("Notes").await, notes).await;
    browser
        .type_into(&browser.field("Phone number").await, "+1 555 0199")
        .await;
    browser.click(&browser.button("Log call").await).await;
    // The call is kept (in the outbox) and shown at once, with why it is not saved yet.
    let waiting = browser.wait_for("article .cw-call__pending--retrying").await;
    let said = browser.text(&waiting).await;
    assert!(said.contains("Not saved yet"), "{said}");
    assert!(said.contains("Could not reach the calls server"), "{said}");
    let article = browser
        .execute(
            "return document.querySelector('article .cw-call__pending--retrying').closest('article').textContent",
            vec![],
        )
        .await;
    assert!(article.as_str().unwrap().contains(notes), "{article}");

    server.resume();
    browser.click(&browser.button("Retry now").await).await;
    browser
        .wait_for_js(
            "the call saved",
            "!document.querySelector('.cw-call__pending, .cw-call__problem')",
        )
        .await;
    let listed = server
        .get(&format!("contacts/{DEMO_CONTACT}/calls.json?per_page=2"))
        .await;
    assert_eq!(listed["data"]["calls"][0]["call"]["text"], notes);
    assert_eq!(listed["data"]["calls"][0]["call"]["phone_number"], "+1 555 0199");
    assert_ne!(listed["data"]["calls"][1]["call"]["text"], notes, "saved once");
}

#[tokio::test]
async fn markup_in_notes_is_shown_as_text_and_never_runs() {
    let server = Server::start();
    let payloads = [
        "<img src=x onerror=\"window.__pwned=1\">",
        "<script>window.__pwned=2</script>",
        "<a href=\"javascript:window.__pwned=3\">click</a>",
    ];
    for payload in payloads {
        let created = server
            .api(
                Method::POST,
                &format!("contacts/{DEMO_CONTACT}/calls.json?partial=1"),
                Some(json!({"call": {"text": payload, "recording_link": ""}})),
            )
            .await;
        assert_eq!(created["status"], 0);
    }
    let browser = Browser::start().await;
    browser.goto(&contact_page(&server)).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    let notes = browser
        .execute(
            "return [...document.querySelectorAll('.cw-call__notes')].map(n => n.textContent)",
            vec![],
        )
        .await;
    for payload in payloads {
        assert!(
            notes.as_array().unwrap().iter().any(|text| text == payload),
            "{payload} not shown as text"
        );
    }
    let injected = browser
        .execute(
            "return document.querySelectorAll('.cw-timeline img, .cw-timeline script, .cw-call__notes a').length",
            vec![],
        )
        .await;
    assert_eq!(injected, json!(0));
    assert_eq!(
        browser.execute("return window.__pwned === undefined", vec![]).await,
        json!(true)
    );
}

#[tokio::test]
async fn load_more_reaches_the_last_page() {
    let server = Server::start();
    let browser = Browser::start().await;
    browser.goto(&contact_page(&server)).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    let total = server.get(&format!("contacts/{DEMO_CONTACT}/calls.json")).await["data"]["total_count"]
        .as_u64()
        .unwrap();
    assert!(total > 25, "the demo contact has more than one page");
    let mut clicks = 0;
    while let Some(button) = {
        let found = browser.execute("return [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Load more') || null", vec![]).await;
        found["element-6066-11e4-a52e-4f735466cecf"]
            .is_string()
            .then_some(found)
    } {
        let shown = browser.find_all("section[aria-label='Calls'] article").await.len();
        browser.execute("arguments[0].click()", vec![button]).await;
        clicks += 1;
        browser
            .wait_for_js(
                "the next page",
                &format!("document.querySelectorAll('section[aria-label=\"Calls\"] article').length > {shown}"),
            )
            .await;
        browser
            .wait_for_js(
                "loading to end",
                "!document.querySelector('section[aria-busy=\"true\"]')",
            )
            .await;
        assert!(clicks < 20);
    }
    assert_eq!(
        browser.find_all("section[aria-label='Calls'] article").await.len() as u64,
        total
    );
    let ids = browser
        .execute(
            "return new Set([...document.querySelectorAll('article')].map(a => a.outerHTML)).size",
            vec![],
        )
        .await;
    assert_eq!(ids.as_u64().unwrap(), total, "no call is shown twice");
}

#[tokio::test]
async fn a_failed_load_says_why_and_retry_recovers() {
    let mut server = Server::start();
    let browser = Browser::start().await;
    browser.goto(&contact_page(&server)).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    server.stop();
    // Open another contact while the server is down: its load fails.
    let other_contact = "6553f100de30020000000001";
    browser.type_into(&browser.field("or an id").await, other_contact).await;
    browser.click(&browser.button("Open").await).await;
    let alert = browser.wait_for(".cw-state--error").await;
    assert!(browser.text(&alert).await.contains("Could not reach the calls server"));
    server.resume();
    browser.click(&browser.button("Retry").await).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    let total = server.get(&format!("contacts/{other_contact}/calls.json")).await["data"]["total_count"]
        .as_u64()
        .unwrap();
    let header = browser.text(&browser.wait_for(".cw-timeline__count").await).await;
    assert_eq!(header, format!("{total} calls"));
}

#[tokio::test]
async fn a_wrong_token_says_so_and_fixing_it_in_the_settings_loads_the_calls() {
    let server = Server::start();
    let browser = Browser::start().await;
    browser
        .goto(&format!(
            "{}/?contact_id={DEMO_CONTACT}&token=wrong-token",
            server.base()
        ))
        .await;
    let alert = browser.wait_for(".cw-state--error").await;
    assert!(browser.text(&alert).await.contains("token"));
    browser.click(&browser.wait_for(".cw-settings__summary").await).await;
    let token = browser.field("API token").await;
    browser.clear(&token).await;
    browser.type_into(&token, DEMO_TOKEN).await;
    browser.click(&browser.button("Save").await).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
}

#[tokio::test]
async fn a_company_deep_link_opens_its_timeline_and_the_choice_is_remembered() {
    let server = Server::start();
    let browser = Browser::start().await;
    browser
        .goto(&format!(
            "{}/?company_id={}&token={DEMO_TOKEN}",
            server.base(),
            calls_e2e::DEMO_COMPANY
        ))
        .await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    let total = server
        .get(&format!("companies/{}/calls.json", calls_e2e::DEMO_COMPANY))
        .await["data"]["total_count"]
        .as_u64()
        .unwrap();
    let header = browser.text(&browser.wait_for(".cw-timeline__count").await).await;
    assert_eq!(header, format!("{total} calls"));
    // Without parameters, the page opens on what was chosen last, with the same token.
    browser.goto(&format!("{}/", server.base())).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    let header = browser.text(&browser.wait_for(".cw-timeline__count").await).await;
    assert_eq!(header, format!("{total} calls"));
    let selected = browser
        .execute("return document.querySelector('#cw-picker-owner').value", vec![])
        .await;
    assert_eq!(selected, json!(format!("company:{}", calls_e2e::DEMO_COMPANY)));
}

#[tokio::test]
async fn the_token_leaves_the_address_at_once_and_a_reload_still_works() {
    let server = Server::start();
    let browser = Browser::start().await;
    browser
        .goto(&format!(
            "{}/?contact_id={DEMO_CONTACT}&token={DEMO_TOKEN}&lang=en",
            server.base()
        ))
        .await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    // The other parameters stay; the token is in this tab's storage only.
    let search = browser.execute("return location.search", vec![]).await;
    assert_eq!(search, json!(format!("?contact_id={DEMO_CONTACT}&lang=en")));
    let kept = browser
        .execute(
            "const has = (storage) => Object.keys(storage).some((key) => storage.getItem(key).includes(arguments[0]));\
             return [has(localStorage), has(sessionStorage)];",
            vec![json!(DEMO_TOKEN)],
        )
        .await;
    assert_eq!(
        kept,
        json!([false, true]),
        "[localStorage, sessionStorage] hold the token"
    );
    browser.execute("location.reload()", vec![]).await;
    browser
        .wait_for_js(
            "the calls again after the reload",
            "performance.getEntriesByType('navigation')[0]?.type === 'reload' && document.querySelector(\"section[aria-label='Calls'] article\")",
        )
        .await;
}

#[tokio::test]
async fn the_app_and_the_example_pages_describe_themselves_and_log_no_error() {
    let server = Server::start();
    let browser = Browser::start().await;
    browser.goto(&contact_page(&server)).await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    let mut pages = vec![("the standalone app".to_owned(), describe(&browser).await)];
    for page in ["crm-page.html", "crm-company.html"] {
        browser.goto(&format!("{}/examples/{page}", server.base())).await;
        browser
            .wait_for_js(
                "the example's timeline",
                "[...document.querySelectorAll('calls-widget')].some((w) => w.shadowRoot?.querySelector('article'))",
            )
            .await;
        pages.push((page.to_owned(), describe(&browser).await));
    }
    for (page, (description, errors)) in pages {
        assert!(description.len() > 20, "{page} has a meta description: {description:?}");
        assert!(errors.is_empty(), "{page} logged errors: {errors:#?}");
    }
}

/// The page's meta description, and the errors it logged. The icon a browser asks for
/// (its `<link rel=icon>`, else `/favicon.ico`) must be there: the browser asks for it
/// after the page's load, so its 404 may not be logged yet when the log is read.
async fn describe(browser: &Browser) -> (String, Vec<String>) {
    browser
        .wait_for_js(
            "the page loaded",
            "document.readyState === 'complete' && performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0",
        )
        .await;
    let icon = browser
        .execute(
            "return document.querySelector('link[rel=icon]')?.href ?? new URL('/favicon.ico', location.href).href",
            vec![],
        )
        .await;
    let icon = icon.as_str().unwrap_or_default();
    let status = reqwest::get(icon)
        .await
        .map(|answer| answer.status().as_u16())
        .unwrap_or(0);
    assert_eq!(status, 200, "the page's icon {icon} is served");
    let description = browser
        .execute(
            "return document.querySelector('meta[name=description]')?.content ?? ''",
            vec![],
        )
        .await;
    (
        description.as_str().unwrap_or_default().to_owned(),
        browser.console_errors().await,
    )
}
