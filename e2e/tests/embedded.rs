//! The embeddable widget (`dist/widget/embed.js`) on host pages served by the reference
//! server: the custom element, the JS API, events, edit and delete, company timelines,
//! shared requests, the strict CSP example, and the README's snippet.

use calls_e2e::{Browser, DEMO_COMPANY, DEMO_CONTACT, DEMO_TOKEN, Server, keep_screenshot, workspace_root};
use serde_json::{Value, json};

/// The demo company's second contact (Grace Hopper).
const SECOND_CONTACT: &str = "6553f100de30020000000001";

/// Counts what a page started and did not finish: intervals, timeouts and fetches, and
/// records every request with its body. Loaded before the widget, as a classic script.
const PROBE: &str = r#"
window.probe = { intervals: new Set(), timeouts: new Set(), pending: 0, requests: [], listeners: 0 };
(() => {
  // Listeners on the window and the document: what a widget could leave behind.
  const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
  const global = (target) => target === window || target === document;
  EventTarget.prototype.addEventListener = function (...args) {
    if (global(this)) probe.listeners += 1;
    return add.apply(this, args);
  };
  EventTarget.prototype.removeEventListener = function (...args) {
    if (global(this)) probe.listeners -= 1;
    return remove.apply(this, args);
  };
  const { setInterval: si, clearInterval: ci, setTimeout: st, clearTimeout: ct, fetch: f } = window;
  window.setInterval = function (...args) { const id = si.apply(window, args); probe.intervals.add(id); return id; };
  window.clearInterval = function (id) { probe.intervals.delete(id); return ci.call(window, id); };
  window.setTimeout = function (callback, ms, ...rest) {
    const id = st.call(window, (...x) => { probe.timeouts.delete(id); if (typeof callback === "function") callback(...x); }, ms, ...rest);
    probe.timeouts.add(id);
    return id;
  };
  window.clearTimeout = function (id) { probe.timeouts.delete(id); return ct.call(window, id); };
  window.fetch = function (input, init) {
    // A copy to read: reading the page's own request would use up its body.
    const copy = input instanceof Request ? input.clone() : new Request(input, init);
    const entry = { method: copy.method, url: copy.url, body: null, credentials: copy.credentials,
                    authorization: copy.headers.get("authorization") };
    probe.requests.push(entry);
    copy.text().then((text) => { entry.body = text; });
    probe.pending += 1;
    return f.call(window, input, init).finally(() => { probe.pending -= 1; });
  };
})();
window.events = [];
for (const name of ["calls:logged", "calls:updated", "calls:deleted", "calls:error"]) {
  document.addEventListener(name, (event) => window.events.push({ type: event.type, detail: event.detail }));
}
"#;

/// A host page: the probe, the widget's loader, and `body`.
fn page(body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>host</title>\
         <link rel=\"stylesheet\" href=\"host.css\"><script src=\"probe.js\"></script>\
         <script type=\"module\" src=\"widget/embed.js\"></script></head><body>{body}</body></html>"
    )
}

fn serve(body: &str, host_css: &str) -> Server {
    Server::start_with_pages(&[("host.html", &page(body)), ("probe.js", PROBE), ("host.css", host_css)])
}

fn widget(attributes: &str) -> String {
    format!("<calls-widget token=\"{DEMO_TOKEN}\" {attributes}></calls-widget>")
}

/// JavaScript for the shadow root of the widget matching `selector`.
fn shadow(selector: &str) -> String {
    format!("document.querySelector('{selector}').shadowRoot")
}

/// Serves a host page with `body` and `host_css`, and opens it in a fresh browser.
async fn host(body: &str, host_css: &str) -> (Server, Browser) {
    let server = serve(body, host_css);
    let browser = Browser::start().await;
    open(&browser, &server, "host.html").await;
    (server, browser)
}

async fn open(browser: &Browser, server: &Server, path: &str) {
    browser.goto(&format!("{}/{path}", server.base())).await;
}

async fn wait_for_calls(browser: &Browser, selector: &str) {
    browser
        .wait_for_js(
            &format!("calls in {selector}"),
            &format!("{}?.querySelector('article')", shadow(selector)),
        )
        .await;
}

async fn js(browser: &Browser, script: &str) -> Value {
    browser.execute(script, vec![]).await
}

#[tokio::test]
async fn the_element_renders_in_its_shadow_root_whatever_the_host_css_says() {
    let hostile = "* { color: rgb(255, 0, 0) !important; font-family: monospace !important; }\
                   article, .cw-timeline, form { display: none !important; }\
                   button { visibility: hidden !important; }\
                   calls-widget { --calls-accent: rgb(0, 128, 0); }";
    let (_server, browser) = host(
        &format!(
            "{}<button class=\"cw-button\" id=\"host-button\">Host</button>",
            widget(&format!("id=\"w\" contact-id=\"{DEMO_CONTACT}\""))
        ),
        hostile,
    )
    .await;
    wait_for_calls(&browser, "#w").await;
    let seen = js(
        &browser,
        &format!(
            "const root = {}; const article = root.querySelector('article');\
             const button = root.querySelector('button');\
             const host = document.getElementById('host-button');\
             return {{ display: getComputedStyle(article).display,\
                      color: getComputedStyle(article).color,\
                      font: getComputedStyle(article).fontFamily,\
                      button: getComputedStyle(button).visibility,\
                      accent: getComputedStyle(root.querySelector('button[type=submit]')).backgroundColor,\
                      hostButton: getComputedStyle(host).backgroundColor,\
                      inLightDom: document.querySelectorAll('article').length }};",
            shadow("#w")
        ),
    )
    .await;
    assert_eq!(seen["display"], "block", "{seen}");
    assert_ne!(seen["color"], "rgb(255, 0, 0)", "{seen}");
    assert!(!seen["font"].as_str().unwrap().contains("monospace"), "{seen}");
    assert_eq!(seen["button"], "visible", "{seen}");
    // The page's theme variable reaches in; the widget's styles do not leak out.
    assert_eq!(seen["accent"], "rgb(0, 128, 0)", "{seen}");
    assert_ne!(seen["hostButton"], "rgb(0, 128, 0)", "{seen}");
    assert_eq!(seen["inLightDom"], 0, "{seen}");
}

#[tokio::test]
async fn changing_the_contact_id_attribute_shows_that_contact() {
    let (server, browser) = host(
        &widget(&format!("id=\"w\" contact-id=\"{DEMO_CONTACT}\" view=\"timeline\"")),
        "",
    )
    .await;
    wait_for_calls(&browser, "#w").await;
    let second = server
        .get(&format!("contacts/{SECOND_CONTACT}/calls.json?per_page=1"))
        .await;
    let expected = format!("{} calls", second["data"]["total_count"]);
    let first_id = second["data"]["calls"][0]["call"]["id"].as_str().unwrap().to_owned();
    js(
        &browser,
        &format!("document.getElementById('w').setAttribute('contact-id', '{SECOND_CONTACT}');"),
    )
    .await;
    browser
        .wait_for_js(
            "the second contact's count",
            &format!(
                "{}.querySelector('.cw-timeline__count')?.textContent === '{expected}'",
                shadow("#w")
            ),
        )
        .await;
    browser
        .wait_for_js(
            "the second contact's newest call first",
            &format!(
                "{}.querySelector('article .cw-call__notes, article')?.closest('article') !== null",
                shadow("#w")
            ),
        )
        .await;
    let listed = server.get(&format!("calls/{first_id}.json")).await;
    assert_eq!(listed["data"]["call"]["contact_id"], SECOND_CONTACT);
}

#[tokio::test]
async fn removing_the_element_leaves_no_timer_listener_or_request_behind() {
    let (server, browser) = host(&widget(&format!("id=\"w\" contact-id=\"{DEMO_CONTACT}\"")), "").await;
    wait_for_calls(&browser, "#w").await;
    let running = js(&browser, "return probe.intervals.size;").await;
    assert_eq!(
        running, 1,
        "one minute timer for relative times while a widget is shown"
    );
    let listeners_with_widget = js(&browser, "return probe.listeners;").await;

    // A second widget whose list request hangs (the server is frozen), then both go.
    server.freeze();
    js(
        &browser,
        &format!(
            "const second = document.createElement('calls-widget');\
             second.id = 'second'; second.setAttribute('token', '{DEMO_TOKEN}');\
             second.setAttribute('contact-id', '{SECOND_CONTACT}'); document.body.append(second);"
        ),
    )
    .await;
    browser.wait_for_js("the hanging request", "probe.pending === 1").await;
    js(
        &browser,
        "document.getElementById('w').remove(); document.getElementById('second').remove();",
    )
    .await;
    browser
        .wait_for_js("the hanging request to be aborted", "probe.pending === 0")
        .await;
    let left = js(
        &browser,
        "return { intervals: probe.intervals.size, timeouts: probe.timeouts.size, listeners: probe.listeners };",
    )
    .await;
    server.thaw();
    assert_eq!(
        left,
        json!({ "intervals": 0, "timeouts": 0, "listeners": listeners_with_widget }),
        "nothing keeps running, and no window or document listener was added"
    );
    // Put back, a widget starts afresh and loads.
    js(
        &browser,
        &format!(
            "const again = document.createElement('calls-widget'); again.id = 'again';\
             again.setAttribute('token', '{DEMO_TOKEN}'); again.setAttribute('contact-id', '{SECOND_CONTACT}');\
             document.body.append(again);"
        ),
    )
    .await;
    wait_for_calls(&browser, "#again").await;
}

#[tokio::test]
async fn mount_with_bad_options_throws_and_shows_why() {
    let server = Server::start_with_pages(&[
        (
            "mount.html",
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>mount</title>\
             <script type=\"module\" src=\"mount.js\"></script></head><body><div id=\"box\"></div></body></html>",
        ),
        (
            "mount.js",
            "import { mount } from './widget/embed.js'; window.callsMount = mount;",
        ),
    ]);
    let browser = Browser::start().await;
    open(&browser, &server, "mount.html").await;
    browser.wait_for_js("mount() to load", "window.callsMount").await;
    let attempt = |options: &str| {
        format!(
            "const box = document.getElementById('box');\
             try {{ window.handle = callsMount(box, {options}); return {{ thrown: null }}; }}\
             catch (error) {{ return {{ thrown: error.message, isError: error instanceof Error,\
                                        shown: box.shadowRoot.textContent }}; }}"
        )
    };
    for (options, reason) in [
        ("{}", "give contactId (contact-id) or companyId (company-id)"),
        (
            &format!("{{ contactId: '{DEMO_CONTACT}', companyId: '{DEMO_COMPANY}' }}"),
            "not both",
        ),
        (
            &format!("{{ contactId: '{DEMO_CONTACT}', apiBase: 'ftp://crm.example.com/' }}"),
            "apiBase (api-base) must be an http:// or https:// address",
        ),
        ("{ contactId: 'nope' }", "24 hexadecimal characters"),
    ] {
        let result = js(&browser, &attempt(options)).await;
        let thrown = result["thrown"]
            .as_str()
            .unwrap_or_else(|| panic!("{options} did not throw"));
        assert!(thrown.contains(reason), "{options}: {thrown}");
        assert_eq!(result["isError"], true);
        assert!(
            result["shown"].as_str().unwrap().contains(reason),
            "{options}: {result}"
        );
    }
    let result = js(
        &browser,
        &attempt(&format!(
            "{{ contactId: '{DEMO_CONTACT}', token: '{DEMO_TOKEN}', view: 'timeline', perPage: 5 }}"
        )),
    )
    .await;
    assert_eq!(result["thrown"], Value::Null);
    browser
        .wait_for_js(
            "five calls",
            "document.getElementById('box').shadowRoot.querySelectorAll('article').length === 5",
        )
        .await;
    js(
        &browser,
        "window.handle.unmount(); window.handle.unmount(); window.handle.refresh();",
    )
    .await;
    let left = js(
        &browser,
        "return document.getElementById('box').shadowRoot.childNodes.length;",
    )
    .await;
    assert_eq!(left, 0);
}

#[tokio::test]
async fn logging_editing_and_deleting_reach_both_widgets_the_server_and_the_page() {
    let (server, browser) = host(
        &[
            widget(&format!("id=\"one\" contact-id=\"{DEMO_CONTACT}\"")),
            widget(&format!("id=\"two\" contact-id=\"{DEMO_CONTACT}\" view=\"timeline\"")),
        ]
        .concat(),
        "",
    )
    .await;
    wait_for_calls(&browser, "#one").await;
    wait_for_calls(&browser, "#two").await;

    // Log a call in the first widget.
    let one = shadow("#one");
    browser
        .type_into(&browser.field_in(&one, "Notes").await, "Logged from the host page")
        .await;
    browser.click(&browser.button_in(&one, "Log call").await).await;
    browser
        .wait_for_js("calls:logged", "window.events.some(e => e.type === 'calls:logged')")
        .await;
    let logged = js(
        &browser,
        "return window.events.find(e => e.type === 'calls:logged').detail;",
    )
    .await;
    let id = logged["id"].as_str().unwrap().to_owned();
    let stored = server.get(&format!("calls/{id}.json")).await["data"]["call"].clone();
    assert_eq!(logged, stored, "the event carries the call as the API returned it");
    for widget in ["#one", "#two"] {
        browser
            .wait_for_js(
                &format!("the new call in {widget}"),
                &format!(
                    "{}.querySelector('article .cw-call__notes')?.textContent === 'Logged from the host page'",
                    shadow(widget)
                ),
            )
            .await;
    }

    // Edit it in the second widget; Escape first cancels an edit and sends nothing.
    let two = shadow("#two");
    browser.click(&browser.button_in(&two, "Edit").await).await;
    let notes = browser.field_in(&two, "Notes").await;
    browser.type_into(&notes, " (draft)\u{E00C}").await;
    browser
        .wait_for_js("Escape to close the edit", &format!("!{two}.querySelector('form')"))
        .await;
    browser.click(&browser.button_in(&two, "Edit").await).await;
    let notes = browser.field_in(&two, "Notes").await;
    browser.clear(&notes).await;
    browser.type_into(&notes, "Edited in place").await;
    browser.click(&browser.button_in(&two, "Save changes").await).await;
    for widget in ["#one", "#two"] {
        browser
            .wait_for_js(
                &format!("the edit in {widget}"),
                &format!(
                    "{}.querySelector('article .cw-call__notes')?.textContent === 'Edited in place'",
                    shadow(widget)
                ),
            )
            .await;
    }
    let puts = js(&browser, "return probe.requests.filter(r => r.method === 'PUT');").await;
    assert_eq!(puts.as_array().unwrap().len(), 1, "Escape sent nothing: {puts}");
    assert!(
        puts[0]["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("calls/{id}.json?partial=1"))
    );
    assert_eq!(
        serde_json::from_str::<Value>(puts[0]["body"].as_str().unwrap()).unwrap(),
        json!({ "call": { "text": "Edited in place" } }),
        "only the changed field is sent"
    );
    // The rows show the edit at once (the outbox); the server has it when the page is
    // told, on confirmation.
    browser
        .wait_for_js(
            "the edit confirmed",
            "window.events.some(e => e.type === 'calls:updated')",
        )
        .await;
    let stored = server.get(&format!("calls/{id}.json")).await["data"]["call"].clone();
    assert_eq!(stored["text"], "Edited in place");
    assert_eq!(stored["call_result"], "conversation");
    let updated = js(
        &browser,
        "return window.events.find(e => e.type === 'calls:updated').detail;",
    )
    .await;
    assert_eq!(updated, stored);

    // Escape answers "Delete this call?" with Keep, and focus goes back to Edit.
    browser.click(&browser.button_in(&one, "Delete").await).await;
    let question = format!("{one}.querySelector('[role=group]')");
    browser
        .wait_for_js(
            "the question, its answer focused",
            &format!("{one}.activeElement?.textContent === 'Delete' && !!{question}"),
        )
        .await;
    let answer = browser.button_in(&question, "Delete").await;
    browser.type_into(&answer, "\u{E00C}").await;
    browser
        .wait_for_js(
            "Escape to keep the call",
            &format!("!{question} && {one}.activeElement?.textContent === 'Edit'"),
        )
        .await;

    // Delete it from the first widget, after confirming.
    browser.click(&browser.button_in(&one, "Delete").await).await;
    browser
        .click(
            &browser
                .button_in(&format!("{one}.querySelector('[role=group]')"), "Delete")
                .await,
        )
        .await;
    for widget in ["#one", "#two"] {
        browser
            .wait_for_js(
                &format!("the call to leave {widget}"),
                &format!(
                    "![...{}.querySelectorAll('.cw-call__notes')].some(n => n.textContent === 'Edited in place')",
                    shadow(widget)
                ),
            )
            .await;
    }
    let focused = js(&browser, &format!("return {one}.activeElement?.className;")).await;
    assert_eq!(focused, "cw-timeline__title", "focus stays in the timeline");
    let gone = server.get(&format!("calls/{id}.json")).await;
    assert_eq!(gone["status"], 404);
    let deleted = js(
        &browser,
        "return window.events.find(e => e.type === 'calls:deleted').detail;",
    )
    .await;
    assert_eq!(deleted["id"], id.as_str());
}

#[tokio::test]
async fn a_failure_is_reported_to_the_page_as_calls_error() {
    let (_server, browser) = host(
        &format!("<calls-widget id=\"w\" token=\"wrong\" contact-id=\"{DEMO_CONTACT}\"></calls-widget>"),
        "",
    )
    .await;
    browser
        .wait_for_js("calls:error", "window.events.some(e => e.type === 'calls:error')")
        .await;
    let detail = js(
        &browser,
        "return window.events.find(e => e.type === 'calls:error').detail;",
    )
    .await;
    let shown = js(
        &browser,
        &format!("return {}.querySelector('[role=alert]').textContent;", shadow("#w")),
    )
    .await;
    assert!(
        shown.as_str().unwrap().contains(detail.as_str().unwrap()),
        "{detail} / {shown}"
    );
}

#[tokio::test]
async fn a_call_logged_for_a_company_contact_appears_in_the_company_and_contact_timelines() {
    let (server, browser) = host(
        &format!(
            "{}{}",
            widget(&format!("id=\"company\" company-id=\"{DEMO_COMPANY}\"")),
            widget(&format!(
                "id=\"contact\" contact-id=\"{DEMO_CONTACT}\" view=\"timeline\""
            ))
        ),
        "",
    )
    .await;
    wait_for_calls(&browser, "#company").await;
    wait_for_calls(&browser, "#contact").await;
    let company = shadow("#company");
    browser
        .wait_for_js(
            "contact names in the company timeline",
            &format!("{company}.querySelector('article .cw-call__contact')?.textContent.length > 0"),
        )
        .await;
    let contact = browser.field_in(&company, "Contact").await;
    browser
        .wait_for_js(
            "the company's contacts in the Contact field",
            &format!("{company}.querySelectorAll('select option[value=\"{DEMO_CONTACT}\"]').length === 1"),
        )
        .await;
    // Without a contact, nothing is sent.
    browser
        .type_into(&browser.field_in(&company, "Notes").await, "Logged on the company page")
        .await;
    browser.click(&browser.button_in(&company, "Log call").await).await;
    browser
        .wait_for_js(
            "the Contact field's message",
            &format!("{company}.querySelector('.cw-field__error')?.textContent.includes('Choose the contact')"),
        )
        .await;
    assert_eq!(
        js(
            &browser,
            "return probe.requests.filter(r => r.method === 'POST').length;"
        )
        .await,
        0
    );
    browser.click(&contact).await;
    browser
        .click(
            &browser
                .wait_for_element(
                    "the demo contact's option",
                    &format!("{company}.querySelector('select option[value=\"{DEMO_CONTACT}\"]')"),
                )
                .await,
        )
        .await;
    browser.click(&browser.button_in(&company, "Log call").await).await;
    for widget in ["#company", "#contact"] {
        browser
            .wait_for_js(
                &format!("the new call in {widget}"),
                &format!(
                    "{}.querySelector('article .cw-call__notes')?.textContent === 'Logged on the company page'",
                    shadow(widget)
                ),
            )
            .await;
    }
    let name = js(
        &browser,
        &format!("return {company}.querySelector('article .cw-call__contact').textContent;"),
    )
    .await;
    assert_eq!(name, "Ada Lovelace");
    let listed = server
        .get(&format!("contacts/{DEMO_CONTACT}/calls.json?per_page=1"))
        .await;
    assert_eq!(listed["data"]["calls"][0]["call"]["text"], "Logged on the company page");
}

#[tokio::test]
async fn three_widgets_for_one_contact_make_one_list_request() {
    let (_server, browser) = host(
        &[
            widget(&format!("id=\"a\" contact-id=\"{DEMO_CONTACT}\" view=\"timeline\"")),
            widget(&format!("id=\"b\" contact-id=\"{DEMO_CONTACT}\" view=\"form\"")),
            widget(&format!("id=\"c\" contact-id=\"{DEMO_CONTACT}\"")),
        ]
        .concat(),
        "",
    )
    .await;
    wait_for_calls(&browser, "#a").await;
    wait_for_calls(&browser, "#c").await;
    let lists = js(
        &browser,
        &format!(
            "return performance.getEntriesByType('resource')\
             .filter(e => e.initiatorType === 'fetch' && e.name.includes('contacts/{DEMO_CONTACT}/calls.json')).length;"
        ),
    )
    .await;
    assert_eq!(lists, 1);
}

#[tokio::test]
async fn the_crm_example_pages_render_under_the_strict_csp_with_no_violation() {
    let server = Server::start();
    let page = reqwest::get(format!("{}/examples/crm-page.html", server.base()))
        .await
        .unwrap();
    assert_eq!(page.headers()["content-security-policy"], calls_server_policy());
    let browser = Browser::start().await;
    open(&browser, &server, "examples/crm-page.html").await;
    wait_for_calls(&browser, "#sidebar-timeline").await;
    browser.field_in(&shadow("#header-form"), "Notes").await;
    assert_eq!(js(&browser, "return window.cspViolations;").await, json!([]));
    let png = browser.screenshot().await;
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    keep_screenshot("crm-page.png", &png);
    open(&browser, &server, "examples/crm-company.html").await;
    wait_for_calls(&browser, "#company-calls").await;
    browser
        .wait_for_js(
            "contact names",
            &format!(
                "{}.querySelector('.cw-call__contact')?.textContent",
                shadow("#company-calls")
            ),
        )
        .await;
    assert_eq!(js(&browser, "return window.cspViolations;").await, json!([]));
    // The page does notice a violation: an inline style is refused and counted.
    js(&browser, "document.body.setAttribute('style', 'color: red');").await;
    browser
        .wait_for_js("the violation to be seen", "window.cspViolations.length === 1")
        .await;
    // The standalone app is served with the same policy.
    browser
        .goto(&format!(
            "{}/?contact_id={DEMO_CONTACT}&token={DEMO_TOKEN}",
            server.base()
        ))
        .await;
    browser.wait_for("section[aria-label='Calls'] article").await;
}

#[tokio::test]
async fn the_readme_snippet_works_as_written_on_a_blank_page() {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let start = readme
        .find("<!-- embed-snippet -->")
        .expect("the README marks its snippet");
    let block = &readme[start..];
    let code_start = block.find("```html\n").expect("an html block") + "```html\n".len();
    let code_end = code_start + block[code_start..].find("```").expect("the block ends");
    let snippet = &block[code_start..code_end];
    let blank = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>blank</title></head><body>{snippet}</body></html>"
    );
    let server = Server::start_with_pages(&[("blank.html", &blank)]);
    let browser = Browser::start().await;
    open(&browser, &server, "blank.html").await;
    wait_for_calls(&browser, "calls-widget").await;
}

#[tokio::test]
async fn a_refused_edit_says_why_and_fix_brings_the_edited_values_back() {
    let (server, browser) = host(
        &widget(&format!("id=\"w\" contact-id=\"{DEMO_CONTACT}\" view=\"timeline\"")),
        "",
    )
    .await;
    wait_for_calls(&browser, "#w").await;
    let w = shadow("#w");
    browser.click(&browser.button_in(&w, "Edit").await).await;
    // Somebody deletes the call meanwhile.
    let first = server
        .get(&format!("contacts/{DEMO_CONTACT}/calls.json?per_page=1"))
        .await;
    let id = first["data"]["calls"][0]["call"]["id"].as_str().unwrap().to_owned();
    server
        .api(reqwest::Method::DELETE, &format!("calls/{id}.json"), None)
        .await;
    let notes = browser.field_in(&w, "Notes").await;
    browser.clear(&notes).await;
    browser.type_into(&notes, "An edit that cannot be saved").await;
    browser.click(&browser.button_in(&w, "Save changes").await).await;
    // The edit waits in the outbox until the server answers; it refuses (the call is
    // gone), so the row says why and offers Fix and Discard.
    browser
        .wait_for_js(
            "the reason",
            &format!("{w}.querySelector('.cw-call__problem')?.textContent.includes('Needs a fix')"),
        )
        .await;
    browser.click(&browser.button_in(&w, "Fix").await).await;
    let notes = browser.field_in(&w, "Notes").await;
    assert_eq!(browser.property(&notes, "value").await, "An edit that cannot be saved");
}

#[tokio::test]
async fn the_theme_attribute_forces_dark_colours_and_no_token_means_cookies() {
    let (_server, browser) = host(
        &format!(
            "{}<calls-widget id=\"session\" contact-id=\"{DEMO_CONTACT}\" view=\"timeline\"></calls-widget>",
            widget(&format!(
                "id=\"w\" contact-id=\"{DEMO_CONTACT}\" view=\"timeline\" theme=\"dark\""
            ))
        ),
        "",
    )
    .await;
    wait_for_calls(&browser, "#w").await;
    let background = format!(
        "getComputedStyle({}.querySelector('.cw-root')).backgroundColor",
        shadow("#w")
    );
    assert_eq!(
        js(&browser, &format!("return {background};")).await,
        "rgb(15, 23, 42)",
        "dark"
    );
    js(&browser, "document.getElementById('w').setAttribute('theme', 'light');").await;
    browser
        .wait_for_js("light colours", &format!("{background} === 'rgb(255, 255, 255)'"))
        .await;
    // The widget without a token asks with the page's cookies and no Authorization header
    // (the reference server signs in by token only, so it is refused, in words).
    browser
        .wait_for_js(
            "the cookie-only widget's answer",
            &format!("{}.querySelector('[role=alert]')", shadow("#session")),
        )
        .await;
    let request = js(
        &browser,
        "return probe.requests.find(r => r.authorization === null && r.url.includes('/calls.json'));",
    )
    .await;
    assert_eq!(request["credentials"], "include", "{request}");
    let with_token = js(&browser, "return probe.requests.find(r => r.authorization !== null);").await;
    assert_eq!(with_token["authorization"], format!("Bearer {DEMO_TOKEN}"));
}

#[tokio::test]
async fn a_company_widgets_refresh_brings_contacts_renamed_or_added_meanwhile() {
    let (server, browser) = host(&widget(&format!("id=\"company\" company-id=\"{DEMO_COMPANY}\"")), "").await;
    wait_for_calls(&browser, "#company").await;
    let company = shadow("#company");
    let first_call = server
        .get(&format!("companies/{DEMO_COMPANY}/calls.json?per_page=1"))
        .await;
    let contact = first_call["data"]["calls"][0]["call"]["contact_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let first_name = format!("{company}.querySelector('article .cw-call__contact')?.textContent");
    browser
        .wait_for_js("the first call's contact name", &format!("{first_name}?.length > 0"))
        .await;
    let option = |id: &str| format!("{company}.querySelector('select option[value=\"{id}\"]')?.textContent");
    browser
        .wait_for_js("the Contact choices", &format!("{}?.length > 0", option(&contact)))
        .await;
    // Meanwhile, in the CRM: the contact is renamed and another one joins the company.
    server.rename_contact(&contact, "Augusta", "King");
    let joined = server.create_company_contact(DEMO_COMPANY, "Edsger", "Dijkstra");
    js(&browser, "document.getElementById('company').refresh();").await;
    browser
        .wait_for_js("the new name in the row", &format!("{first_name} === 'Augusta King'"))
        .await;
    browser
        .wait_for_js(
            "the new name and the new contact among the choices",
            &format!(
                "{} === 'Augusta King' && {} === 'Edsger Dijkstra'",
                option(&contact),
                option(&joined)
            ),
        )
        .await;
}

#[tokio::test]
async fn theme_auto_follows_the_host_page_not_the_system() {
    let (_server, browser) = host(
        &format!(
            "<div id=\"dark-box\">{}</div>{}",
            widget(&format!(
                "id=\"in-box\" contact-id=\"{DEMO_CONTACT}\" view=\"timeline\""
            )),
            widget(&format!("id=\"w\" contact-id=\"{DEMO_CONTACT}\" view=\"timeline\""))
        ),
        "#dark-box { color-scheme: dark; }",
    )
    .await;
    wait_for_calls(&browser, "#w").await;
    wait_for_calls(&browser, "#in-box").await;
    let background = |selector: &str| {
        format!(
            "getComputedStyle({}.querySelector('.cw-root')).backgroundColor",
            shadow(selector)
        )
    };
    let (dark, light) = ("rgb(15, 23, 42)", "rgb(255, 255, 255)");
    let scheme = |value: &'static str| {
        browser.cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] }),
        )
    };
    // A page that says nothing about its scheme keeps a light widget on a dark system;
    // an element of the page that is dark has a dark widget in it.
    scheme("dark").await;
    assert_eq!(js(&browser, &format!("return {};", background("#w"))).await, light);
    assert_eq!(js(&browser, &format!("return {};", background("#in-box"))).await, dark);
    // The page opts into both schemes: the widget follows the system.
    js(&browser, "document.documentElement.style.colorScheme = 'light dark';").await;
    browser
        .wait_for_js("dark, as the system", &format!("{} === '{dark}'", background("#w")))
        .await;
    scheme("light").await;
    browser
        .wait_for_js("light, as the system", &format!("{} === '{light}'", background("#w")))
        .await;
    // The page switches itself to dark (its own toggle): the widget follows at once.
    js(&browser, "document.documentElement.style.colorScheme = 'dark';").await;
    browser
        .wait_for_js("dark, as the page", &format!("{} === '{dark}'", background("#w")))
        .await;
    scheme("light").await;
}

/// The policy the reference server serves its pages with.
fn calls_server_policy() -> &'static str {
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; \
     frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
}
