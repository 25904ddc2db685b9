//! axe-core (pinned, installed by scripts/setup.sh into `.tools/`) in the real pages: the
//! standalone app, the example CRM pages and the embedded widget in each state a user
//! meets (loaded, empty, error, form errors, editing, a delete question, an edit that
//! needs a fix, a call being saved and one not saved yet), with the system in light and
//! in dark, shadow roots included. WCAG 2.2 A and AA and axe's best practices: no
//! violation.

use calls_e2e::{Browser, DEMO_CONTACT, DEMO_TOKEN, Server, workspace_root};
use serde_json::{Value, json};

const RULES: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']";
const ROOT: &str = "document.querySelector('calls-widget').shadowRoot";

fn axe_source() -> String {
    let path = workspace_root().join(".tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error} (scripts/setup.sh installs axe-core)", path.display()))
}

/// axe's violations on the page as it is now, each with up to three of its elements.
async fn violations(browser: &Browser, axe: &str) -> Vec<String> {
    let loaded = browser.execute("return typeof window.axe === 'object';", vec![]).await;
    if loaded != true {
        browser.execute(axe, vec![]).await;
    }
    let found = browser
        .execute(
            &format!(
                "return axe.run(document, {{ runOnly: {{ type: 'tag', values: {RULES} }} }}).then((result) =>\
                 result.violations.map((v) => `${{v.id}} (${{v.impact}}): ${{v.help}}\\n` +\
                   v.nodes.slice(0, 3).map((n) => `    ${{JSON.stringify(n.target)}} ${{n.failureSummary.replaceAll('\\n', ' ')}}`).join('\\n')));"
            ),
            vec![],
        )
        .await;
    found
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

async fn set_scheme(browser: &Browser, scheme: &str) {
    browser
        .cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        )
        .await;
}

/// Checks the page in light and in dark; every violation is collected as `what` names it.
/// Every page checked opts into dark, so its widget is dark in dark (`theme="auto"`
/// follows the page): the check in dark is a real one.
async fn check(browser: &Browser, axe: &str, what: &str, found: &mut Vec<String>) {
    for scheme in ["light", "dark"] {
        set_scheme(browser, scheme).await;
        let background = browser
            .execute(
                "const root = document.querySelector('calls-widget')?.shadowRoot?.querySelector('.cw-root')                   ?? document.querySelector('#calls-app');                 return getComputedStyle(root).backgroundColor;",
                vec![],
            )
            .await;
        let expected = if scheme == "dark" {
            "rgb(15, 23, 42)"
        } else {
            "rgb(255, 255, 255)"
        };
        assert_eq!(background, expected, "{what}: the widget's background in {scheme}");
        for violation in violations(browser, axe).await {
            found.push(format!("{what}, {scheme}: {violation}"));
        }
    }
    set_scheme(browser, "light").await;
}

async fn js(browser: &Browser, script: &str) -> Value {
    browser.execute(script, vec![]).await
}

#[tokio::test]
async fn the_pages_and_every_state_of_the_widget_pass_axe_in_light_and_dark() {
    let axe = axe_source();
    let host = |widget: &str| {
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A CRM page</title>\
             <meta name=\"color-scheme\" content=\"light dark\">\
             <script type=\"module\" src=\"widget/embed.js\"></script></head>\
             <body><main><h1>Contact</h1>{widget}</main></body></html>"
        )
    };
    let loaded = host(&format!(
        "<calls-widget token=\"{DEMO_TOKEN}\" contact-id=\"{DEMO_CONTACT}\"></calls-widget>"
    ));
    let failing = host(&format!(
        "<calls-widget token=\"{DEMO_TOKEN}\" api-base=\"http://127.0.0.1:9/api/\" contact-id=\"{DEMO_CONTACT}\"></calls-widget>"
    ));
    let empty = host("<script type=\"module\" src=\"widget-for-address.js\"></script>");
    let for_address = "const w = document.createElement('calls-widget'); w.setAttribute('token', 'demo-token');\
                       w.setAttribute('contact-id', new URLSearchParams(location.search).get('contact'));\
                       document.querySelector('main').append(w);";
    let mut server = Server::start_with_pages(&[
        ("loaded.html", &loaded),
        ("failing.html", &failing),
        ("empty.html", &empty),
        ("widget-for-address.js", for_address),
    ]);
    let browser = Browser::start().await;
    let mut found = Vec::new();

    // The standalone app and the example CRM pages.
    browser
        .goto(&format!(
            "{}/?contact_id={DEMO_CONTACT}&token={DEMO_TOKEN}",
            server.base()
        ))
        .await;
    browser.wait_for("section[aria-label='Calls'] article").await;
    check(&browser, &axe, "standalone app", &mut found).await;
    for page in ["crm-page.html", "crm-company.html"] {
        browser.goto(&format!("{}/examples/{page}", server.base())).await;
        browser
            .wait_for_js(
                "the example's timeline",
                "[...document.querySelectorAll('calls-widget')].some((w) => w.shadowRoot?.querySelector('article'))",
            )
            .await;
        check(&browser, &axe, page, &mut found).await;
    }

    // The embedded widget: loaded, then each state a user brings about.
    browser.goto(&format!("{}/loaded.html", server.base())).await;
    browser
        .wait_for_js("the calls", &format!("{ROOT}?.querySelector('article')"))
        .await;
    check(&browser, &axe, "loaded", &mut found).await;
    js(
        &browser,
        &format!(
            "const root = {ROOT}; const link = root.querySelector('.cw-form input[type=url]');\
             link.value = 'ftp://x'; link.dispatchEvent(new Event('input', {{ bubbles: true }}));\
             root.querySelector('.cw-form button[type=submit]').click();"
        ),
    )
    .await;
    browser
        .wait_for_js(
            "the form's errors",
            &format!("{ROOT}.querySelector('.cw-field__error')"),
        )
        .await;
    check(&browser, &axe, "form errors", &mut found).await;
    js(
        &browser,
        &format!("{ROOT}.querySelector('article .cw-link-button--danger').click();"),
    )
    .await;
    browser
        .wait_for_js(
            "the delete question",
            &format!("{ROOT}.querySelector('.cw-call__confirm')"),
        )
        .await;
    check(&browser, &axe, "delete question", &mut found).await;
    js(
        &browser,
        &format!("{ROOT}.querySelectorAll('article')[1].querySelector('.cw-link-button').click();"),
    )
    .await;
    browser
        .wait_for_js("an edit form", &format!("{ROOT}.querySelector('.cw-call--editing')"))
        .await;
    check(&browser, &axe, "editing", &mut found).await;

    // An edit the server refuses (somebody deleted the call meanwhile): the row needs a fix.
    let listed = server
        .get(&format!("contacts/{DEMO_CONTACT}/calls.json?per_page=2"))
        .await;
    let edited = listed["data"]["calls"][1]["call"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    server
        .api(reqwest::Method::DELETE, &format!("calls/{edited}.json"), None)
        .await;
    js(
        &browser,
        &format!(
            "const form = {ROOT}.querySelector('.cw-call--editing form'); const notes = form.querySelector('textarea');\
             notes.value = 'An edit of a deleted call'; notes.dispatchEvent(new Event('input', {{ bubbles: true }}));\
             form.querySelector('button[type=submit]').click();"
        ),
    )
    .await;
    browser
        .wait_for_js(
            "a row that needs a fix",
            &format!("{ROOT}.querySelector('.cw-call__problem')"),
        )
        .await;
    check(&browser, &axe, "needs a fix", &mut found).await;

    // A call being saved (the server hears it but does not answer yet), then one the
    // server cannot take yet (it is down): the row says so, with Retry now.
    let log = |notes: &str| {
        format!(
            "const root = {ROOT}; const link = root.querySelector('.cw-form input[type=url]');\
             link.value = ''; link.dispatchEvent(new Event('input', {{ bubbles: true }}));\
             const notes = root.querySelector('.cw-form textarea');\
             notes.value = '{notes}'; notes.dispatchEvent(new Event('input', {{ bubbles: true }}));\
             root.querySelector('.cw-form button[type=submit]').click();"
        )
    };
    server.freeze();
    js(&browser, &log("While the server is slow")).await;
    browser
        .wait_for_js(
            "a row being saved",
            &format!("{ROOT}.querySelector('.cw-call__pending:not(.cw-call__pending--retrying)')"),
        )
        .await;
    check(&browser, &axe, "saving", &mut found).await;
    server.thaw();
    browser
        .wait_for_js("the call saved", &format!("!{ROOT}.querySelector('.cw-call__pending')"))
        .await;
    server.stop();
    js(&browser, &log("While the server is down")).await;
    browser
        .wait_for_js(
            "a row not saved yet",
            &format!("{ROOT}.querySelector('.cw-call__pending--retrying')"),
        )
        .await;
    check(&browser, &axe, "not saved yet", &mut found).await;
    server.resume();

    browser.goto(&format!("{}/failing.html", server.base())).await;
    browser
        .wait_for_js("the error", &format!("{ROOT}?.querySelector('.cw-state--error')"))
        .await;
    check(&browser, &axe, "error", &mut found).await;
    let contact = server.create_contact("Ada", "Empty");
    browser
        .goto(&format!("{}/empty.html?contact={contact}", server.base()))
        .await;
    browser
        .wait_for_js("the empty state", &format!("{ROOT}?.querySelector('.cw-state--empty')"))
        .await;
    check(&browser, &axe, "empty", &mut found).await;

    assert!(found.is_empty(), "axe found:\n{}", found.join("\n"));
}
