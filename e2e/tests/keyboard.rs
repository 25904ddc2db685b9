//! The widget by keyboard alone, as a user who never touches the mouse: from the top of
//! the page to the form, a call logged, the calls walked with Page Down and Page Up,
//! every page loaded, a call edited and one deleted, a refused call fixed from the error
//! summary; after every step focus is on the
//! element that step is about, never on the page's `<body>`.

use calls_e2e::{Browser, DEMO_CONTACT, DEMO_TOKEN, Server};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const PAGE_DOWN: &str = "\u{E00F}";
const PAGE_UP: &str = "\u{E00E}";
const CONTROL: &str = "\u{E009}";
const SHIFT: &str = "\u{E008}";
const BACKSPACE: &str = "\u{E003}";

const ROOT: &str = "document.querySelector('calls-widget').shadowRoot";

/// What has focus after `step`, which must be what `expected` starts with.
async fn expect_focus(browser: &Browser, step: &str, expected: &str) -> String {
    let focused = browser.focused().await;
    assert!(
        focused.starts_with(expected),
        "after {step}, focus is on “{focused}”, not on {expected}"
    );
    focused
}

/// Presses Tab (Shift+Tab with `held` Shift) until what `expected` starts with has
/// focus: a few presses at most (a date input is three stops: day, month, year).
async fn tab_to(browser: &Browser, held: &str, expected: &str) {
    for _ in 0..8 {
        if browser.focused().await.starts_with(expected) {
            return;
        }
        browser.press(held, TAB).await;
    }
    expect_focus(browser, &format!("Tab to {expected}"), expected).await;
}

/// How many calls the widget shows.
async fn articles(browser: &Browser) -> u64 {
    browser
        .execute(&format!("return {ROOT}.querySelectorAll('article').length;"), vec![])
        .await
        .as_u64()
        .unwrap_or_default()
}

/// The `aria-posinset` of the call that has focus.
async fn position(browser: &Browser) -> u64 {
    browser
        .execute(
            &format!("return Number({ROOT}.activeElement?.getAttribute('aria-posinset'));"),
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_keyboard_alone_reaches_the_form_logs_walks_loads_edits_and_deletes() {
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>host</title>\
         <script type=\"module\" src=\"widget/embed.js\"></script></head><body>\
         <calls-widget token=\"{DEMO_TOKEN}\" contact-id=\"{DEMO_CONTACT}\"></calls-widget></body></html>"
    );
    let server = Server::start_with_pages(&[("host.html", &page)]);
    let browser = Browser::start().await;
    browser.goto(&format!("{}/host.html", server.base())).await;
    browser
        .wait_for_js("the calls", &format!("{ROOT}?.querySelector('article')"))
        .await;

    // From the top of the page, two presses: the skip link, and into the form.
    browser.press("", TAB).await;
    expect_focus(&browser, "Tab from the top", "BUTTON Skip to the form").await;
    browser.press("", ENTER).await;
    expect_focus(&browser, "Enter on the skip link", "INPUT").await;
    let in_form = browser
        .execute(
            &format!("return {ROOT}.activeElement.closest('form')?.querySelector('h2')?.textContent;"),
            vec![],
        )
        .await;
    assert_eq!(in_form, "Log a call");

    // A call the checks refuse: focus goes to the error summary, whose link leads to the
    // field; fixed, the field's link goes.
    tab_to(&browser, "", "TEXTAREA").await;
    browser.press("", TAB).await;
    browser.press("", &"1".repeat(41)).await;
    browser.press(CONTROL, ENTER).await;
    browser
        .wait_for_js(
            "the error summary focused",
            &format!("{ROOT}.activeElement?.classList.contains('cw-form__error')"),
        )
        .await;
    expect_focus(&browser, "a refused call", "DIV There is a problem").await;
    browser.press("", TAB).await;
    expect_focus(&browser, "Tab in the summary", "A Phone number").await;
    browser.press("", ENTER).await;
    let field = browser
        .execute(&format!("return {ROOT}.activeElement?.name;"), vec![])
        .await;
    assert_eq!(field, "phone_number", "the summary's link focuses its field");
    browser.press(CONTROL, "a").await;
    browser.press("", BACKSPACE).await;
    browser
        .wait_for_js(
            "the field's link gone",
            &format!("!{ROOT}.querySelector('.cw-form__error-list a')"),
        )
        .await;

    // Log a call: back to the notes, type, Ctrl+Enter.
    tab_to(&browser, SHIFT, "TEXTAREA").await;
    browser.press("", "Logged by keyboard").await;
    browser.press(CONTROL, ENTER).await;
    browser
        .wait_for_js(
            "the call logged by keyboard",
            &format!("{ROOT}.querySelector('article .cw-call__notes')?.textContent === 'Logged by keyboard'"),
        )
        .await;
    expect_focus(&browser, "logging the call", "TEXTAREA").await;

    // Back out of the form: before it in the page's order is the timeline's Load more.
    tab_to(&browser, SHIFT, "BUTTON Load more").await;
    // Every page: focus stays on the button while there is more, and goes to the first
    // call that came when the last page takes the button away.
    loop {
        let before = articles(&browser).await;
        browser.press("", ENTER).await;
        browser
            .wait_for_js(
                "the next page",
                &format!("{ROOT}.querySelectorAll('article').length > {before}"),
            )
            .await;
        let more = browser
            .execute(
                &format!("return Boolean({ROOT}.querySelector('.cw-timeline__more button'));"),
                vec![],
            )
            .await;
        if more == true {
            browser
                .wait_for_js(
                    "the button ready again",
                    &format!("!{ROOT}.querySelector('.cw-timeline__more button').hasAttribute('aria-disabled')"),
                )
                .await;
            expect_focus(&browser, "Load more", "BUTTON Load more").await;
        } else {
            browser
                .wait_for_js(
                    "focus on a call",
                    &format!("{ROOT}.activeElement?.tagName === 'ARTICLE'"),
                )
                .await;
            expect_focus(&browser, "the last page", "ARTICLE").await;
            break;
        }
    }

    // Page Up and Page Down walk the calls.
    let first_of_last_page = position(&browser).await;
    assert!(first_of_last_page > 1, "a call of the last page has focus");
    browser.press("", PAGE_UP).await;
    assert_eq!(position(&browser).await, first_of_last_page - 1, "Page Up");
    browser.press("", &PAGE_DOWN.repeat(2)).await;
    assert_eq!(position(&browser).await, first_of_last_page + 1, "Page Down twice");
    expect_focus(&browser, "Page Down", "ARTICLE").await;

    // Edit: Tab to the call's Edit, open it, Escape closes it and focus comes back.
    tab_to(&browser, "", "BUTTON Edit").await;
    browser.press("", ENTER).await;
    browser
        .wait_for_js(
            "the edit form's first field",
            &format!("{ROOT}.activeElement?.closest('.cw-call--editing')"),
        )
        .await;
    expect_focus(&browser, "Edit", "INPUT").await;
    browser.press("", ESCAPE).await;
    browser
        .wait_for_js("Edit again", &format!("{ROOT}.activeElement?.textContent === 'Edit'"))
        .await;
    expect_focus(&browser, "Escape in the edit form", "BUTTON Edit").await;

    // Delete: the question takes focus, Enter answers it, focus goes to the heading.
    browser.press("", TAB).await;
    expect_focus(&browser, "Tab to Delete", "BUTTON Delete").await;
    let before = articles(&browser).await;
    browser.press("", ENTER).await;
    browser
        .wait_for_js(
            "the question",
            &format!("{ROOT}.activeElement?.closest('.cw-call__confirm')"),
        )
        .await;
    expect_focus(&browser, "Delete", "BUTTON Delete").await;
    browser.press("", ENTER).await;
    browser
        .wait_for_js(
            "one call fewer",
            &format!("{ROOT}.querySelectorAll('article').length === {before} - 1"),
        )
        .await;
    expect_focus(&browser, "answering Delete", "H2 Calls").await;
}
