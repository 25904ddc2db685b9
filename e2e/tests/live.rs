//! Live timelines in Chromium against the reference server: what a colleague logs, edits
//! or deletes through the API shows in an open widget within a refresh interval; a tab
//! that cannot be seen asks nothing; a refresh that finds nothing is a 304 of a few
//! hundred bytes; calls that arrive above the one being read do not move it; an open
//! editor keeps what was typed; a write in one tab shows in another with no request.

use std::time::Duration;

use calls_e2e::Browser;
use calls_e2e::Server;
use calls_e2e::{DEMO_CONTACT, DEMO_TOKEN};
use reqwest::Method;
use serde_json::{Value, json};

/// A host page with a widget of `attributes` (refreshing every second unless told),
/// tall enough to scroll.
fn page(attributes: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>host</title>\
         <link rel=\"stylesheet\" href=\"host.css\"><script src=\"probe.js\"></script><script type=\"module\" src=\"widget/embed.js\"></script></head>\
         <body><header>CRM header</header>\
         <calls-widget token=\"{DEMO_TOKEN}\" contact-id=\"{DEMO_CONTACT}\" {attributes}></calls-widget>\
         <footer>CRM footer</footer></body></html>"
    )
}

/// Records each request the page makes and whether the page could be seen then, and
/// each change of visibility.
const PROBE: &str = r#"
window.asked = [];
window.shown = [];
const originalFetch = window.fetch;
window.fetch = function (input, init) {
  window.asked.push({ url: String(input instanceof Request ? input.url : input), hidden: document.hidden, at: performance.now() });
  return originalFetch.call(window, input, init);
};
document.addEventListener("visibilitychange", () => window.shown.push({ hidden: document.hidden, at: performance.now() }));
// The wasm's memory, kept as wasm-bindgen's glue instantiates the module.
window.memories = [];
for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) {
    return original.apply(this, args).then((result) => {
      const instance = result instanceof WebAssembly.Instance ? result : result.instance;
      for (const value of Object.values(instance?.exports ?? {})) {
        if (value instanceof WebAssembly.Memory) window.memories.push(value);
      }
      return result;
    });
  };
}
"#;

/// The host page's own layout (inline styles are refused by the server's CSP).
const HOST_CSS: &str = "header { height: 300px; } footer { height: 2000px; }";

const ROOT: &str = "document.querySelector('calls-widget').shadowRoot";

async fn open(attributes: &str) -> (Server, Browser) {
    let server = Server::start_with_pages(&[
        ("host.html", &page(attributes)),
        ("probe.js", PROBE),
        ("host.css", HOST_CSS),
    ]);
    let browser = Browser::start().await;
    browser.goto(&format!("{}/host.html", server.base())).await;
    browser
        .wait_for_js("the calls", &format!("{ROOT}?.querySelector('article')"))
        .await;
    (server, browser)
}

/// Whether the widget shows a call whose notes are `text`.
fn shows(text: &str) -> String {
    format!("[...{ROOT}.querySelectorAll('.cw-call__notes')].some(n => n.textContent === {text:?})")
}

/// The requests for the contact's calls the page made, from Resource Timing: start
/// time, status and bytes on the wire.
async fn list_requests(browser: &Browser) -> Vec<Value> {
    let script = "return performance.getEntriesByType('resource')\
        .filter(e => e.name.includes('/calls.json'))\
        .map(e => ({ start: e.startTime, status: e.responseStatus, bytes: e.transferSize, url: e.name }));";
    browser
        .execute(script, vec![])
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// A colleague's call logged for the demo contact through the API: its id.
async fn colleague_logs(server: &Server, token: &str, notes: &str, date: &str) -> String {
    let body = json!({ "call": { "text": notes, "date": date } });
    let path = format!("contacts/{DEMO_CONTACT}/calls.json?partial=1");
    let answer = server.api_as(token, Method::POST, &path, Some(body)).await;
    answer["data"]["call"]["id"]
        .as_str()
        .expect("the call is stored")
        .to_owned()
}

#[tokio::test]
async fn what_a_colleague_logs_edits_and_deletes_shows_within_one_interval() {
    let (server, browser) = open("refresh=\"1\" view=\"timeline\"").await;
    let colleague = server.create_token("Grace", "Hopper");
    let id = colleague_logs(&server, &colleague, "Logged by a colleague", "2030-01-01").await;
    let within = Duration::from_millis(2_500);
    browser
        .wait_for_js_within("the colleague's call", &shows("Logged by a colleague"), within)
        .await;
    let edit = json!({ "call": { "text": "Edited by a colleague" } });
    server
        .api_as(
            &colleague,
            Method::PUT,
            &format!("calls/{id}.json?partial=1"),
            Some(edit),
        )
        .await;
    browser
        .wait_for_js_within("the colleague's edit", &shows("Edited by a colleague"), within)
        .await;
    server
        .api_as(&colleague, Method::DELETE, &format!("calls/{id}.json"), None)
        .await;
    browser
        .wait_for_js_within(
            "the colleague's deletion",
            &format!("!({})", shows("Edited by a colleague")),
            within,
        )
        .await;
    // Nothing changed since: the next refresh is a 304, and costs a few hundred bytes.
    let before = list_requests(&browser).await.len();
    browser
        .wait_for_js_within(
            "a refresh that finds nothing",
            &format!(
                "performance.getEntriesByType('resource').filter(e => e.name.includes('/calls.json')).length > {before}"
            ),
            within,
        )
        .await;
    let requests = list_requests(&browser).await;
    let last = requests.last().expect("a refresh");
    assert_eq!(last["status"], 304, "{requests:#?}");
    let bytes = last["bytes"].as_f64().unwrap_or(f64::MAX);
    assert!(
        bytes > 0.0 && bytes <= 300.0,
        "an unchanged refresh cost {bytes} bytes: {last}"
    );
}

#[tokio::test]
async fn a_hidden_tab_asks_nothing_and_asks_at_once_when_seen_again() {
    let (server, browser) = open("refresh=\"1\" view=\"timeline\"").await;
    let first = browser.current_tab().await;
    // Another tab in front: this one is hidden for a little over three intervals.
    browser.new_tab().await;
    browser.cdp("Page.bringToFront", json!({})).await;
    tokio::time::sleep(Duration::from_millis(3_500)).await;
    let colleague = server.create_token("Grace", "Hopper");
    colleague_logs(&server, &colleague, "Logged while hidden", "2030-01-02").await;
    browser.switch_to(&first).await;
    browser.cdp("Page.bringToFront", json!({})).await;
    browser
        .wait_for_js_within(
            "the call logged while hidden",
            &shows("Logged while hidden"),
            Duration::from_secs(2),
        )
        .await;
    let (asked, shown) = (
        browser.execute("return window.asked;", vec![]).await,
        browser.execute("return window.shown;", vec![]).await,
    );
    let at = |change: &Value| change["at"].as_f64().unwrap_or_default();
    let changes = shown.as_array().cloned().unwrap_or_default();
    let hidden_at = changes.iter().find(|change| change["hidden"] == true).map(at);
    let visible_at = changes.iter().rev().find(|change| change["hidden"] == false).map(at);
    let (Some(hidden_at), Some(visible_at)) = (hidden_at, visible_at) else {
        panic!("the tab was not hidden and shown again: {shown}");
    };
    assert!(
        visible_at - hidden_at >= 3_000.0,
        "hidden for {} ms only",
        visible_at - hidden_at
    );
    let asked = asked.as_array().cloned().unwrap_or_default();
    let while_hidden: Vec<_> = asked.iter().filter(|request| request["hidden"] == true).collect();
    assert!(while_hidden.is_empty(), "requests while hidden: {while_hidden:#?}");
    let soon_after = asked
        .iter()
        .filter(|request| at(request) >= visible_at - 100.0 && at(request) < visible_at + 500.0)
        .count();
    assert!(
        soon_after >= 1,
        "no request as soon as the tab was seen ({visible_at}): {asked:#?}"
    );
}

#[tokio::test]
async fn calls_arriving_above_keep_the_call_being_read_where_it_is() {
    let (server, browser) = open("refresh=\"1\" view=\"timeline\" per-page=\"10\"").await;
    // The fourth call at the top of the window, as a reader scrolled to it.
    let fourth = format!("{ROOT}.querySelectorAll('article')[3]");
    browser
        .execute(
            &format!("const a = {fourth}; window.scrollBy(0, a.getBoundingClientRect().top - 40); window.reading = a;"),
            vec![],
        )
        .await;
    let before = top(&browser).await;
    let colleague = server.create_token("Grace", "Hopper");
    for n in 0..3 {
        colleague_logs(&server, &colleague, &format!("Arrived above {n}"), "2030-02-01").await;
    }
    browser
        .wait_for_js_within("the three calls", &shows("Arrived above 2"), Duration::from_secs(3))
        .await;
    let after = top(&browser).await;
    assert!(
        (after - before).abs() <= 2.0,
        "the call being read moved from {before} to {after}"
    );
    let connected = browser.execute("return window.reading.isConnected;", vec![]).await;
    assert_eq!(connected, true, "the row was made again");
    // The three are marked new (above the window, not seen yet); no other call is.
    let marked = browser
        .execute(
            &format!(
                "return [...{ROOT}.querySelectorAll('article[data-new]')]\
                 .map(a => [a.dataset.new, a.querySelector('.cw-call__notes')?.textContent]);"
            ),
            vec![],
        )
        .await;
    let expected: Vec<_> = (0..3)
        .rev()
        .map(|n| json!(["New", format!("Arrived above {n}")]))
        .collect();
    assert_eq!(marked, json!(expected), "calls marked new");
    // Seen, the mark goes a moment later.
    browser
        .execute(
            &format!("{ROOT}.querySelector('article[data-new]').scrollIntoView({{ block: 'start' }});"),
            vec![],
        )
        .await;
    browser
        .wait_for_js_within(
            "the marks to go once seen",
            &format!("!{ROOT}.querySelector('article[data-new]')"),
            Duration::from_secs(6),
        )
        .await;
}

#[tokio::test]
async fn an_open_editor_keeps_what_was_typed_through_a_refresh() {
    let (server, browser) = open("refresh=\"1\" view=\"timeline\"").await;
    let colleague = server.create_token("Grace", "Hopper");
    let id = colleague_logs(&server, &colleague, "To be edited twice", "2030-03-01").await;
    edit_and_type(&browser, "To be edited twice", "What I typed").await;
    // The colleague changes the same call, and another: a refresh brings both.
    let edit = json!({ "call": { "text": "The colleague's words" } });
    server
        .api_as(
            &colleague,
            Method::PUT,
            &format!("calls/{id}.json?partial=1"),
            Some(edit),
        )
        .await;
    colleague_logs(&server, &colleague, "Another call meanwhile", "2030-03-02").await;
    browser
        .wait_for_js_within(
            "the other call",
            &shows("Another call meanwhile"),
            Duration::from_secs(3),
        )
        .await;
    let typed = browser
        .execute(&format!("return {EDITOR}?.querySelector('textarea')?.value;"), vec![])
        .await;
    assert_eq!(typed, "What I typed");
    // And it says the call was changed meanwhile.
    browser
        .wait_for_js(
            "the editor to say so",
            &format!("{EDITOR}.querySelector('.cw-call__conflict').textContent.includes('changed this call')"),
        )
        .await;
}

#[tokio::test]
async fn an_editor_whose_call_was_deleted_meanwhile_keeps_it_and_saving_logs_it_again() {
    let (server, browser) = open("refresh=\"1\" view=\"timeline\"").await;
    let colleague = server.create_token("Grace", "Hopper");
    let id = colleague_logs(&server, &colleague, "To be deleted while edited", "2030-04-01").await;
    edit_and_type(&browser, "To be deleted while edited", "Typed before it went").await;
    let editor = EDITOR;
    server
        .api_as(&colleague, Method::DELETE, &format!("calls/{id}.json"), None)
        .await;
    browser
        .wait_for_js_within(
            "the editor to say the call was deleted",
            &format!("{editor}?.querySelector('.cw-call__conflict')?.textContent.includes('deleted')"),
            Duration::from_secs(3),
        )
        .await;
    let typed = browser
        .execute(&format!("return {editor}.querySelector('textarea').value;"), vec![])
        .await;
    assert_eq!(typed, "Typed before it went", "what was typed is still there");
    browser
        .execute(
            &format!(
                "{editor}.querySelectorAll('button').forEach(b => {{ if (b.textContent.trim() === 'Save changes') b.click(); }});"
            ),
            vec![],
        )
        .await;
    browser
        .wait_for_js_within(
            "the call logged again, saved",
            &format!(
                "!{editor} && {} && !{ROOT}.querySelector('.cw-call__pending, .cw-call__problem')",
                shows("Typed before it went")
            ),
            Duration::from_secs(5),
        )
        .await;
    let listed = server
        .api_as(
            &colleague,
            Method::GET,
            &format!("contacts/{DEMO_CONTACT}/calls.json?per_page=100"),
            None,
        )
        .await;
    let texts: Vec<_> = listed["data"]["calls"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|item| item["call"]["text"].as_str().map(str::to_owned))
        .filter(|text| text.contains("before it went") || text.contains("deleted while edited"))
        .collect();
    assert_eq!(texts, ["Typed before it went"], "logged again once, as typed");
}

/// The call being edited, in the widget.
const EDITOR: &str = "document.querySelector('calls-widget').shadowRoot.querySelector('.cw-call--editing')";

/// Opens the editor of the call whose notes are `notes` (once it shows) and types `typed`
/// over its notes.
async fn edit_and_type(browser: &Browser, notes: &str, typed: &str) {
    browser
        .wait_for_js_within("the call", &shows(notes), Duration::from_secs(3))
        .await;
    let open = format!(
        "[...{ROOT}.querySelectorAll('article')].find(a => a.textContent.includes(arguments[0]))\
         .querySelectorAll('button').forEach(b => {{ if (b.textContent.trim() === 'Edit') b.click(); }});"
    );
    browser.execute(&open, vec![json!(notes)]).await;
    browser
        .wait_for_js("the editor", &format!("{EDITOR}?.querySelector('textarea')"))
        .await;
    let typing = format!(
        "const t = {EDITOR}.querySelector('textarea'); t.value = arguments[0]; \
         t.dispatchEvent(new Event('input', {{ bubbles: true }}));"
    );
    browser.execute(&typing, vec![json!(typed)]).await;
}

/// Where the call being read is in the window.
async fn top(browser: &Browser) -> f64 {
    browser
        .execute("return window.reading.getBoundingClientRect().top;", vec![])
        .await
        .as_f64()
        .unwrap_or(f64::NAN)
}

#[tokio::test]
async fn a_call_logged_in_one_tab_shows_in_another_with_no_request() {
    let (server, browser) = open("refresh=\"0\" view=\"full\"").await;
    let first = browser.current_tab().await;
    browser.new_tab().await;
    browser.goto(&format!("{}/host.html", server.base())).await;
    browser
        .wait_for_js("the calls", &format!("{ROOT}?.querySelector('article')"))
        .await;
    let second = browser.current_tab().await;
    let before = list_requests(&browser).await.len();
    browser.switch_to(&first).await;
    browser
        .execute(
            &format!(
                "const r = {ROOT}; const t = r.querySelector('.cw-form textarea'); t.value = 'Logged in the first tab'; \
                 t.dispatchEvent(new Event('input', {{ bubbles: true }})); \
                 r.querySelector('.cw-form button[type=submit]').click();"
            ),
            vec![],
        )
        .await;
    browser.switch_to(&second).await;
    browser
        .wait_for_js("the call from the first tab", &shows("Logged in the first tab"))
        .await;
    browser
        .wait_for_js(
            "the call confirmed",
            &format!(
                "[...{ROOT}.querySelectorAll('article')].some(a => a.textContent.includes('Logged in the first tab') \
                 && !a.querySelector('.cw-call__pending'))"
            ),
        )
        .await;
    let requests = list_requests(&browser).await;
    assert_eq!(requests.len(), before, "the second tab asked the server: {requests:#?}");
}

/// JS heap and wasm memory after a full collection (bytes), and the widget's DOM nodes.
async fn footprint(browser: &Browser) -> (f64, f64) {
    // What the test's own probe kept of the page's requests is not the widget's.
    browser
        .execute("window.asked = []; performance.clearResourceTimings();", vec![])
        .await;
    browser.cdp("HeapProfiler.collectGarbage", json!({})).await;
    let heap = browser.cdp("Runtime.getHeapUsage", json!({})).await;
    let wasm = browser
        .execute(
            "return window.memories.reduce((sum, m) => sum + m.buffer.byteLength, 0);",
            vec![],
        )
        .await;
    let nodes = browser
        .execute(
            &format!("const w = document.createTreeWalker({ROOT}, NodeFilter.SHOW_ALL); let n = 0; while (w.nextNode()) n++; return n;"),
            vec![],
        )
        .await;
    let bytes = heap["usedSize"].as_f64().unwrap_or_default() + wasm.as_f64().unwrap_or_default();
    (bytes, nodes.as_f64().unwrap_or_default())
}

#[tokio::test]
#[ignore = "fails today: 500 refreshes that each bring a row cost 12 % more than a fresh load (issue 20)"]
async fn a_day_of_refreshes_that_each_bring_a_change_leaves_the_page_as_a_fresh_load() {
    // Refreshed on focus only (the period is a day), so the test sets the pace.
    let (server, browser) = open("refresh=\"86400\" view=\"timeline\"").await;
    let colleague = server.create_token("Grace", "Hopper");
    browser.set_script_timeout(Duration::from_secs(300)).await;
    // 500 refreshes, each finding a change: a colleague's call logged, then deleted.
    let rounds = 250;
    let script = format!(
        r#"const [token, contact] = arguments;
        return (async () => {{
        const api = (method, path, body) => fetch(`/api/${{path}}`, {{ method,
            headers: {{ Authorization: `Bearer ${{token}}`, "Content-Type": "application/json" }},
            body: body && JSON.stringify(body) }}).then((answer) => answer.json());
        const shown = (text) => [...{ROOT}.querySelectorAll('.cw-call__notes')].some((n) => n.textContent === text);
        const until = (test) => new Promise((done) => {{
            const check = () => (test() ? done() : requestAnimationFrame(check));
            check();
        }});
        for (let n = 0; n < {rounds}; n++) {{
            const text = `memory ${{n}}`;
            const created = await api("POST", `contacts/${{contact}}/calls.json?partial=1`, {{ call: {{ text, date: "2030-02-01" }} }});
            dispatchEvent(new Event("focus"));
            await until(() => shown(text));
            await api("DELETE", `calls/${{created.data.call.id}}.json`);
            dispatchEvent(new Event("focus"));
            await until(() => !shown(text));
        }}
        return true;
        }})();"#
    );
    let done = browser
        .execute(&script, vec![json!(colleague), json!(DEMO_CONTACT)])
        .await;
    assert_eq!(done, json!(true), "the refreshes did not all show: {done}");
    let (after_bytes, after_nodes) = footprint(&browser).await;
    // The same timeline, freshly loaded.
    browser.goto(&format!("{}/host.html", server.base())).await;
    browser
        .wait_for_js("the calls", &format!("{ROOT}?.querySelector('article')"))
        .await;
    let (fresh_bytes, fresh_nodes) = footprint(&browser).await;
    println!("after 500 refreshes: {after_bytes} B, {after_nodes} nodes; fresh: {fresh_bytes} B, {fresh_nodes} nodes");
    assert!(
        after_bytes <= fresh_bytes * 1.05,
        "memory grew: {after_bytes} B after 500 refreshes, {fresh_bytes} B fresh"
    );
    assert!(
        (after_nodes - fresh_nodes).abs() <= fresh_nodes * 0.05,
        "DOM nodes: {after_nodes} after 500 refreshes, {fresh_nodes} fresh"
    );
}
