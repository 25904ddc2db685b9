//! How the widget renders, as facts rather than timings: rows already shown stay the
//! same DOM nodes when a page is added or another call is logged, edited or deleted; a
//! 2,000-call timeline renders; the example CRM page does not move while widgets load.

use calls_e2e::{Browser, DEMO_COMPANY, DEMO_TOKEN, Server};
use serde_json::{Value, json};

/// The demo company's second contact (Grace Hopper).
const SECOND_CONTACT: &str = "6553f100de30020000000001";
/// The demo company's third contact.
const THIRD_CONTACT: &str = "6553f100de30020000000002";

fn host_page(widget: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>host</title>\
         <script type=\"module\" src=\"widget/embed.js\"></script></head><body>{widget}</body></html>"
    )
}

const ROOT: &str = "document.querySelector('calls-widget').shadowRoot";

async fn js(browser: &Browser, script: &str) -> Value {
    browser.execute(script, vec![]).await
}

async fn article_count(browser: &Browser) -> u64 {
    js(browser, &format!("return {ROOT}.querySelectorAll('article').length;"))
        .await
        .as_u64()
        .unwrap_or_default()
}

/// Marks every article and day heading shown now, so a later check can tell whether
/// each is still the same node in the page.
async fn mark_rows(browser: &Browser) -> u64 {
    js(
        browser,
        &format!(
            "const nodes = [...{ROOT}.querySelectorAll('article, h3.cw-day__heading')];\
             window.marked = nodes; window.expectedGone = []; nodes.forEach(node => node.cwMark = true); return nodes.length;"
        ),
    )
    .await
    .as_u64()
    .unwrap_or_default()
}

/// The marked nodes that are no longer in the widget, other than those named by
/// [`expect_gone`].
async fn marked_nodes_replaced(browser: &Browser) -> Value {
    js(
        browser,
        &format!(
            "const root = {ROOT}, gone = window.expectedGone || [];\
             return window.marked.filter(node => !root.contains(node) && !gone.includes(node))\
               .map(node => node.localName + ': ' + node.textContent.slice(0, 60));"
        ),
    )
    .await
}

/// Says that the article at `index` (and, with `heading`, the day heading right before
/// it) is expected to leave: it is the call being changed.
async fn expect_gone(browser: &Browser, index: usize, heading: bool) {
    js(
        browser,
        &format!(
            "const article = {ROOT}.querySelectorAll('article')[{index}];\
             const before = article.previousElementSibling;\
             window.expectedGone = [article, ...({heading} && before?.localName === 'h3' ? [before] : [])];"
        ),
    )
    .await;
}

async fn click_load_more_and_wait(browser: &Browser, expected_rows: u64) {
    let button = browser.button_in(ROOT, "Load more").await;
    browser.click(&button).await;
    browser
        .wait_for_js(
            &format!("{expected_rows} rows"),
            &format!("{ROOT}.querySelectorAll('article').length === {expected_rows}"),
        )
        .await;
}

#[tokio::test]
async fn rows_already_shown_stay_the_same_nodes_through_load_more_log_edit_and_delete() {
    let server = Server::start_with_pages(&[(
        "host.html",
        &host_page(&format!(
            "<calls-widget token=\"{DEMO_TOKEN}\" contact-id=\"{THIRD_CONTACT}\" per-page=\"40\"></calls-widget>"
        )),
    )]);
    server.seed_calls(&[THIRD_CONTACT], 90).await;
    let total = server.get(&format!("contacts/{THIRD_CONTACT}/calls.json")).await["data"]["total_count"]
        .as_u64()
        .unwrap();
    assert!(total >= 90);
    let browser = Browser::start().await;
    browser.goto(&format!("{}/host.html", server.base())).await;
    browser
        .wait_for_js(
            "the first page",
            &format!("{ROOT}.querySelectorAll('article').length === 40"),
        )
        .await;

    // Load more: the 40 rows (and their day headings) stay, 40 more come.
    let marked = mark_rows(&browser).await;
    assert!(marked > 40, "articles and day headings were marked ({marked})");
    click_load_more_and_wait(&browser, 80).await;
    assert_eq!(
        marked_nodes_replaced(&browser).await,
        json!([]),
        "Load more rebuilt rows"
    );

    // Logging a call (today: at the top, a new day heading) keeps every other row.
    mark_rows(&browser).await;
    browser
        .type_into(&browser.field_in(ROOT, "Notes").await, "Logged while 80 rows are shown")
        .await;
    browser.click(&browser.button_in(ROOT, "Log call").await).await;
    browser
        .wait_for_js(
            "the logged call",
            &format!("{ROOT}.querySelectorAll('article').length === 81"),
        )
        .await;
    assert_eq!(marked_nodes_replaced(&browser).await, json!([]), "logging rebuilt rows");

    // Editing a call in the middle keeps every other row.
    mark_rows(&browser).await;
    expect_gone(&browser, 9, false).await;
    let edit = browser
        .wait_for_element(
            "the 10th call's Edit",
            &format!("[...{ROOT}.querySelectorAll('article')][9]?.querySelector('button')"),
        )
        .await;
    browser.click(&edit).await;
    let notes = browser.field_in(ROOT, "Notes").await;
    browser.clear(&notes).await;
    browser.type_into(&notes, "Edited in the middle").await;
    browser.click(&browser.button_in(ROOT, "Save changes").await).await;
    browser
        .wait_for_js(
            "the edit",
            &format!(
                "[...{ROOT}.querySelectorAll('.cw-call__notes')].some(n => n.textContent === 'Edited in the middle')"
            ),
        )
        .await;
    assert_eq!(
        marked_nodes_replaced(&browser).await,
        json!([]),
        "an edit rebuilt other rows"
    );

    // Deleting a call keeps every other row.
    mark_rows(&browser).await;
    let delete = browser
        .wait_for_element(
            "the 20th call's Delete",
            &format!("[...[...{ROOT}.querySelectorAll('article')][19].querySelectorAll('button')].find(b => b.textContent === 'Delete')"),
        )
        .await;
    // Each seeded call is alone on its day: its heading goes with it.
    expect_gone(&browser, 19, true).await;
    browser.click(&delete).await;
    let confirm = browser
        .wait_for_element(
            "the confirmation",
            &format!("{ROOT}.querySelector('[role=group] .cw-button--danger')"),
        )
        .await;
    browser.click(&confirm).await;
    browser
        .wait_for_js(
            "the delete",
            &format!("{ROOT}.querySelectorAll('article').length === 80"),
        )
        .await;
    assert_eq!(
        marked_nodes_replaced(&browser).await,
        json!([]),
        "a delete rebuilt other rows"
    );
}

#[tokio::test]
async fn a_company_timeline_of_2000_calls_renders_every_call() {
    let server = Server::start_with_pages(&[(
        "host.html",
        &host_page(&format!(
            "<calls-widget token=\"{DEMO_TOKEN}\" company-id=\"{DEMO_COMPANY}\" view=\"timeline\" per-page=\"100\"></calls-widget>"
        )),
    )]);
    let before = server.get(&format!("companies/{DEMO_COMPANY}/calls.json")).await["data"]["total_count"]
        .as_u64()
        .unwrap();
    let per_contact = (2000 - before as usize).div_ceil(2);
    server.seed_calls(&[SECOND_CONTACT, THIRD_CONTACT], per_contact).await;
    let total = server.get(&format!("companies/{DEMO_COMPANY}/calls.json")).await["data"]["total_count"]
        .as_u64()
        .unwrap();
    assert!(total >= 2000, "{total} calls");
    let browser = Browser::start().await;
    browser.goto(&format!("{}/host.html", server.base())).await;
    browser
        .wait_for_js(
            "the first page",
            &format!("{ROOT}.querySelectorAll('article').length === 100"),
        )
        .await;
    mark_rows(&browser).await;
    let mut shown = 100;
    while shown < total {
        shown = (shown + 100).min(total);
        click_load_more_and_wait(&browser, shown).await;
    }
    assert_eq!(article_count(&browser).await, total);
    assert_eq!(marked_nodes_replaced(&browser).await, json!([]));
    let header = js(
        &browser,
        &format!("return {ROOT}.querySelector('.cw-timeline__count').textContent;"),
    )
    .await;
    // Written as English writes numbers: "2,000 calls".
    let total_in_english = js(
        &browser,
        &format!("return new Intl.NumberFormat('en').format({total});"),
    )
    .await;
    assert_eq!(header, format!("{} calls", total_in_english.as_str().unwrap()));
    // Every call names its contact, and "Load more" is gone with nothing left to load.
    let unnamed = js(
        &browser,
        &format!("return [...{ROOT}.querySelectorAll('article')].filter(a => !a.querySelector('.cw-call__contact')?.textContent).length;"),
    )
    .await;
    assert_eq!(unnamed, 0);
    let more = js(
        &browser,
        &format!("return {ROOT}.querySelectorAll('.cw-timeline__more button').length;"),
    )
    .await;
    assert_eq!(more, 0);
}

#[tokio::test]
async fn the_example_crm_page_does_not_move_while_its_widgets_load() {
    let server = Server::start();
    let browser = Browser::start().await;
    browser.goto(&format!("{}/examples/crm-page.html", server.base())).await;
    browser
        .wait_for_js(
            "the sidebar's calls and the header's form",
            "document.querySelector('#sidebar-timeline').shadowRoot?.querySelector('article')\
             && document.querySelector('#header-form').shadowRoot?.querySelector('form')",
        )
        .await;
    // Two frames more, so a shift caused by the last render is recorded too.
    let shifts = js(
        &browser,
        "return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {\
           const entries = [];\
           new PerformanceObserver(list => entries.push(...list.getEntries()))\
             .observe({ type: 'layout-shift', buffered: true });\
           setTimeout(() => resolve(entries.filter(e => !e.hadRecentInput).map(e => ({\
             value: e.value, at: e.startTime,\
             moved: e.sources.map(s => (s.node?.id || s.node?.className || s.node?.nodeName || '?') +\
               ` ${s.previousRect.y}->${s.currentRect.y} h ${s.previousRect.height}->${s.currentRect.height}`) }))), 100);\
         })));",
    )
    .await;
    let total: f64 = shifts
        .as_array()
        .unwrap()
        .iter()
        .map(|shift| shift["value"].as_f64().unwrap())
        .sum();
    assert!(total == 0.0, "cumulative layout shift {total}: {shifts}");
}

/// Holds the wasm back until the test calls `releaseWasm()`, so the loader's skeleton
/// can be measured; loaded before the widget's loader.
const WASM_GATE: &str = r#"
window.wasmGate = new Promise((release) => { window.releaseWasm = release; });
for (const name of ["instantiateStreaming", "instantiate"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = async (...args) => { await window.wasmGate; return original.apply(WebAssembly, args); };
}
"#;

#[tokio::test]
async fn the_skeleton_before_the_wasm_takes_the_forms_own_space() {
    let widgets = [
        ("wide-form", format!("contact-id=\"{THIRD_CONTACT}\" view=\"form\"")),
        ("narrow-form", format!("contact-id=\"{THIRD_CONTACT}\" view=\"form\"")),
        ("company-form", format!("company-id=\"{DEMO_COMPANY}\" view=\"form\"")),
        ("wide-full", format!("contact-id=\"{THIRD_CONTACT}\"")),
        ("narrow-full", format!("contact-id=\"{THIRD_CONTACT}\"")),
    ];
    let body: String = widgets
        .iter()
        .map(|(id, attributes)| format!("<div class=\"{id}\"><calls-widget id=\"{id}\" token=\"{DEMO_TOKEN}\" {attributes}></calls-widget></div>"))
        .collect();
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>host</title>\
         <link rel=\"stylesheet\" href=\"host.css\"><script src=\"gate.js\"></script>\
         <script type=\"module\" src=\"widget/embed.js\"></script></head><body>{body}</body></html>"
    );
    let css = ".wide-form, .wide-full { width: 1000px; } .narrow-form, .narrow-full { width: 340px; }\
               .company-form { width: 700px; } calls-widget { display: block; }";
    let server = Server::start_with_pages(&[("host.html", &page), ("gate.js", WASM_GATE), ("host.css", css)]);
    let browser = Browser::start().await;
    browser.goto(&format!("{}/host.html", server.base())).await;
    let ids: Vec<&str> = widgets.iter().map(|(id, _)| *id).collect();
    let measure = format!(
        "return {ids:?}.map(id => {{ const root = document.getElementById(id).shadowRoot;\
           const form = root?.querySelector('form'); const css = root?.adoptedStyleSheets.length || root?.querySelector('link')?.sheet;\
           return form && css ? [id, form.getBoundingClientRect().height, form.getBoundingClientRect().width] : null; }});"
    );
    browser
        .wait_for_js(
            "every skeleton, styled",
            &format!("(() => {{ {measure} }})().every(Boolean)"),
        )
        .await;
    let skeletons = js(&browser, &measure).await;
    js(&browser, "window.releaseWasm();").await;
    browser
        .wait_for_js(
            "every widget's own form",
            &format!("{ids:?}.every(id => document.getElementById(id).shadowRoot.querySelector('form:not([inert])'))"),
        )
        .await;
    let forms = js(&browser, &measure).await;
    assert_eq!(
        skeletons, forms,
        "the skeleton's form and the widget's form differ in size"
    );
}
