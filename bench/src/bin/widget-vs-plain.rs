//! The widget against plain JavaScript: the Leptos widget (`dist/widget/`) and a
//! hand-written vanilla custom element doing the same job with the same markup
//! (`bench/plain/plain-calls.js`), in headless Chromium, against one reference server and
//! one contact with 1,000 calls. Runs alternate between the two pages, each in a fresh
//! browser; the medians are printed as a markdown table for bench/RESULTS.md.
//!
//! `bench/widget-vs-plain.sh [--rounds 5] [--max-calls 1000] [--logs 3]`
//!
//! What each page measures, and how, is in `bench/plain/probe.js`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use calls_e2e::{Browser, Server, workspace_root};
use chrono::{Days, Utc};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::task::JoinSet;

/// The demo's contact Priya Nair (the demo's ids are fixed: the server's demo module),
/// emptied of the demo's calls and given the benchmark's.
const CONTACT: &str = "6553f100de3002000000000c";
/// How many calls the contact has at the start of every run.
const CALLS: usize = 1_000;
/// The first page, and every Load more, brings this many calls (the host pages' `per-page`).
const PER_PAGE: usize = 100;
/// Calls created at once while seeding.
const SEED_PARALLEL: usize = 8;
/// How the notes of a call logged by the benchmark start, so it can be found and deleted.
const LOG_MARK: &str = "Benchmark: logged call";
/// The longest a probe step may take (the slowest Load more seen is a few seconds).
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(300);

struct Args {
    rounds: usize,
    max_calls: usize,
    logs: usize,
}

const USAGE: &str = "usage: widget-vs-plain [--rounds N (5)] [--max-calls N (1000)] [--logs N (3)]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        rounds: 5,
        max_calls: CALLS,
        logs: 3,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let value = given.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let count = value
            .parse::<usize>()
            .map_err(|_| format!("{flag} {value}: not a number"))?;
        match flag.as_str() {
            "--rounds" => args.rounds = count.max(1),
            "--max-calls" => args.max_calls = count.clamp(PER_PAGE, CALLS),
            "--logs" => args.logs = count,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(args)
}

/// One of the two host pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Widget,
    Plain,
}

impl Page {
    fn name(self) -> &'static str {
        match self {
            Self::Widget => "widget",
            Self::Plain => "plain",
        }
    }

    fn file(self) -> &'static str {
        match self {
            Self::Widget => "widget.html",
            Self::Plain => "plain.html",
        }
    }
}

/// How many of the timeline's articles, marked before a change, are the same DOM nodes
/// after it: a list that keeps its rows keeps them all.
#[derive(Debug, Clone, Copy, Default)]
struct Kept {
    survived: u64,
    marked: u64,
}

/// One Load more click.
#[derive(Debug, Clone, Copy)]
struct Click {
    /// From the click to the frame showing the new calls.
    ms: f64,
    /// From the click to the end of that frame's rendering.
    rendered_ms: f64,
    /// From the page's answer to its rows in the DOM: the page's own script time.
    script_ms: f64,
    before: u64,
    after: u64,
    kept: Kept,
}

/// One call logged through the form.
#[derive(Debug, Clone, Copy)]
struct Log {
    /// From the POST's response end to the frame showing the new call.
    ms: f64,
    /// From the POST's response end to the end of that frame's rendering.
    rendered_ms: f64,
    click_to_paint_ms: f64,
    click_to_request_ms: f64,
    request_ms: f64,
    kept: Kept,
}

/// What one run of one page measured.
#[derive(Debug, Default)]
struct Run {
    first_call_painted_ms: f64,
    hundred_after_response_ms: f64,
    hundred_after_ready_ms: f64,
    bytes_transferred: f64,
    bytes_encoded: f64,
    requests_before_paint: f64,
    clicks: Vec<Click>,
    /// Calls logged with the first page shown, and with every call shown.
    first_page_logs: Vec<Log>,
    logs: Vec<Log>,
    /// JS heap and wasm memory with the first page shown, after a full collection.
    first_page_memory_bytes: f64,
    calls_at_memory: u64,
    js_heap_bytes: f64,
    wasm_memory_bytes: f64,
    dom_nodes: f64,
    shadow_nodes: f64,
    shadow_elements: f64,
    shadow_comments: f64,
    event_listeners: f64,
}

#[tokio::main]
async fn main() {
    let args = parse_args().unwrap_or_else(|message| {
        eprintln!("{message}\n{USAGE}");
        std::process::exit(2);
    });
    // ChromeDriver runs in a process group of its own, which a Ctrl+C at the terminal does
    // not reach: stopping here drops the browser and the server, which ends them.
    tokio::select! {
        () = benchmark(&args) => {}
        _ = tokio::signal::ctrl_c() => eprintln!("interrupted; browser and server stopped"),
    }
}

async fn benchmark(args: &Args) {
    let server = Arc::new(start_server());
    prepare_contact(&server).await;
    let mut runs: Vec<(Page, Run)> = Vec::new();
    for round in 0..args.rounds {
        // Alternating who goes first spreads what drifts over time (a warming server, a
        // busy machine) over both pages.
        let order = if round % 2 == 0 {
            [Page::Widget, Page::Plain]
        } else {
            [Page::Plain, Page::Widget]
        };
        for page in order {
            let run = measure(&server, page, args, round == 0).await;
            eprintln!("round {} {:>6}: {}", round + 1, page.name(), summary(&run));
            runs.push((page, run));
            delete_logged_calls(&server).await;
        }
    }
    print_report(&runs, args);
}

// ---- the server and its data ----

/// The reference server with the built widget and the two host pages beside it.
fn start_server() -> Server {
    let root = workspace_root();
    let embed = root.join("dist/widget/embed.js");
    assert!(
        embed.exists(),
        "{} is missing: build the widget first (scripts/setup.sh's build_web)",
        embed.display()
    );
    let read = |name: &str| {
        let path = root.join("bench/plain").join(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
            .replace("{{CONTACT_ID}}", CONTACT)
    };
    let files: Vec<(&str, String)> = ["widget.html", "plain.html", "probe.js", "plain-calls.js"]
        .into_iter()
        .map(|name| (name, read(name)))
        .collect();
    let pages: Vec<(&str, &str)> = files.iter().map(|(name, text)| (*name, text.as_str())).collect();
    Server::start_with_pages(&pages)
}

/// Leaves the benchmark's contact with exactly its [`CALLS`] seeded calls.
async fn prepare_contact(server: &Arc<Server>) {
    let contact = server.get(&format!("contacts/{CONTACT}.json")).await;
    assert_eq!(
        contact["data"]["contact"]["id"], CONTACT,
        "the demo has no contact {CONTACT}: {contact}"
    );
    let started = Instant::now();
    delete_calls_where(server, |_| true).await;
    seed(server).await;
    assert_eq!(total_calls(server).await, CALLS, "the contact's calls after seeding");
    // Every page read once, so the first measured run does not pay for a cold database.
    for page in 1..=CALLS.div_ceil(PER_PAGE) {
        server.get(&list_path(page)).await;
    }
    eprintln!(
        "seeded {CALLS} calls for contact {CONTACT} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

fn list_path(page: usize) -> String {
    format!("contacts/{CONTACT}/calls.json?page={page}&per_page={PER_PAGE}")
}

async fn total_calls(server: &Server) -> usize {
    let answer = server.get(&format!("contacts/{CONTACT}/calls.json?per_page=1")).await;
    let total = answer["data"]["total_count"].as_u64();
    usize::try_from(total.unwrap_or_else(|| panic!("a list answer: {answer}"))).unwrap_or(usize::MAX)
}

/// Creates the calls through the API, several at a time.
async fn seed(server: &Arc<Server>) {
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = JoinSet::new();
    for _ in 0..SEED_PARALLEL {
        let (server, next) = (server.clone(), next.clone());
        workers.spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= CALLS {
                    break;
                }
                let body = json!({ "call": seed_call(n) });
                let answer = server
                    .api(Method::POST, &format!("contacts/{CONTACT}/calls.json"), Some(body))
                    .await;
                assert_eq!(answer["status"], 0, "creating call {n}: {answer}");
            }
        });
    }
    while let Some(finished) = workers.join_next().await {
        finished.expect("a seeding task");
    }
}

const SHORT_NOTES: [&str; 6] = [
    "Quick check-in. All good on their side, renewal expected next month.",
    "Asked for the updated price list; sent it right after the call.",
    "Wants a demo for two more people on their team. Booked for Thursday.",
    "Discussed the delayed shipment. Promised an update by Friday.",
    "They are comparing us with two other vendors. Price is the main question.",
    "Short call, will call back after their board meeting.",
];

/// Folded behind "Show more" (more than four lines).
const LONG_NOTE: &str = "Long call about the roll-out plan.\n\nThey want to start with the Berlin office in March, \
    then Warsaw and Lisbon in Q2. Main worries:\n- data migration from their old CRM\n- single sign-on\n\
    - training for the sales team\n\nWe send a migration plan by next Wednesday.";

/// The n-th call: dated from today (n = 0) back two years, with the mix of results,
/// notes, services and recordings a real timeline has.
fn seed_call(n: usize) -> Value {
    let days_back = (n * 730 / (CALLS - 1)) as u64;
    let date = Utc::now().date_naive() - Days::new(days_back);
    let text = match n % 10 {
        0 => LONG_NOTE.to_owned(),
        7 => String::new(),
        k => format!("{} (call {n})", SHORT_NOTES[k % SHORT_NOTES.len()]),
    };
    let result = ["conversation", "no_answer", "left_message"][n % 3];
    let called_via = ["Talkdesk", "Aircall", "", "Zoom Phone"][n % 4];
    let recording = if n.is_multiple_of(5) {
        format!("https://rec.example.com/bench/{n}.mp3")
    } else {
        String::new()
    };
    json!({
        "date": date.format("%Y-%m-%d").to_string(),
        "call_result": result,
        "text": text,
        "called_via": called_via,
        "phone_number": "+91 22 5550 1234",
        "recording_link": recording,
    })
}

/// Deletes the calls the runs logged, so the next run starts from [`CALLS`] again.
async fn delete_logged_calls(server: &Server) {
    delete_calls_where(server, |call| {
        call["text"].as_str().is_some_and(|text| text.starts_with(LOG_MARK))
    })
    .await;
    assert_eq!(total_calls(server).await, CALLS, "the contact's calls after a run");
}

/// Deletes the contact's calls that `doomed` picks, page by page from the newest (the
/// logged calls are dated today, so they are on the first page).
async fn delete_calls_where(server: &Server, doomed: impl Fn(&Value) -> bool) {
    let mut page = 1;
    loop {
        let answer = server.get(&list_path(page)).await;
        let calls = answer["data"]["calls"].as_array().cloned().unwrap_or_default();
        let ids: Vec<String> = calls
            .iter()
            .map(|item| &item["call"])
            .filter(|call| doomed(call))
            .filter_map(|call| call["id"].as_str().map(str::to_owned))
            .collect();
        for id in &ids {
            let deleted = server.api(Method::DELETE, &format!("calls/{id}.json"), None).await;
            assert_eq!(deleted["status"], 0, "deleting call {id}: {deleted}");
        }
        // Deleting shifts the later calls forward onto this page: read it again.
        if ids.is_empty() {
            if calls.len() < PER_PAGE {
                return;
            }
            page += 1;
        }
    }
}

// ---- one run ----

/// Opens `page` in a fresh browser (empty cache, nothing left from the other page) and
/// measures everything in order: the first load, Load more up to `max_calls`, memory
/// there, then logging calls.
async fn measure(server: &Server, page: Page, args: &Args, show_requests: bool) -> Run {
    let browser = Browser::start().await;
    browser.set_script_timeout(SCRIPT_TIMEOUT).await;
    browser.goto(&format!("{}/{}", server.base(), page.file())).await;
    let mut run = Run::default();

    let startup = browser.execute("return bench.startup();", vec![]).await;
    assert_eq!(
        startup["styled"],
        json!(true),
        "the widget's stylesheet did not apply on the {} page: {startup}",
        page.name()
    );
    run.first_call_painted_ms = number(&startup, &["firstCallPainted"]);
    run.hundred_after_response_ms = number(&startup, &["hundredAfterResponse"]);
    run.hundred_after_ready_ms = number(&startup, &["hundredAfterReady"]);
    run.bytes_transferred = number(&startup, &["bytes", "transferSize"]);
    run.bytes_encoded = number(&startup, &["bytes", "encodedBodySize"]);
    run.requests_before_paint = number(&startup, &["bytes", "requests"]);
    if show_requests {
        eprintln!(
            "{} page, first call painted at {:.0} ms; its requests:",
            page.name(),
            run.first_call_painted_ms
        );
        for file in startup["bytes"]["files"].as_array().into_iter().flatten() {
            eprintln!("  {}", file.as_str().unwrap_or_default());
        }
    }

    browser.cdp("HeapProfiler.collectGarbage", json!({})).await;
    let heap = browser.cdp("Runtime.getHeapUsage", json!({})).await;
    let wasm = browser.execute("return bench.wasmMemoryBytes();", vec![]).await;
    run.first_page_memory_bytes = number(&heap, &["usedSize"]) + wasm.as_f64().unwrap_or_default();
    run.first_page_logs = log_calls(&browser, page, "first page", args.logs).await;

    load_more_until(&browser, args.max_calls, &mut run).await;
    measure_memory(&browser, &mut run).await;
    run.logs = log_calls(&browser, page, "every call", args.logs).await;
    run
}

/// Logs `count` calls through the page's form, timing each.
async fn log_calls(browser: &Browser, page: Page, shown: &str, count: usize) -> Vec<Log> {
    let mut logs = Vec::new();
    for n in 0..count {
        let notes = format!(
            "{LOG_MARK} {} of {count} on the {} page, {shown} shown",
            n + 1,
            page.name()
        );
        let logged = browser
            .execute("return bench.logCall(arguments[0]);", vec![json!(notes)])
            .await;
        logs.push(Log {
            ms: number(&logged, &["ms"]),
            rendered_ms: number(&logged, &["renderedMs"]),
            click_to_paint_ms: number(&logged, &["clickToPaint"]),
            click_to_request_ms: number(&logged, &["clickToRequest"]),
            request_ms: number(&logged, &["request"]),
            kept: kept(&logged),
        });
    }
    logs
}

/// Clicks Load more until `max_calls` calls are shown or there is no more.
async fn load_more_until(browser: &Browser, max_calls: usize, run: &mut Run) {
    loop {
        let shown = browser.execute("return bench.articleCount();", vec![]).await;
        let more = browser.execute("return bench.hasMore();", vec![]).await;
        if shown.as_u64().unwrap_or_default() >= max_calls as u64 || more != json!(true) {
            return;
        }
        let click = browser.execute("return bench.loadMore();", vec![]).await;
        run.clicks.push(Click {
            ms: number(&click, &["ms"]),
            rendered_ms: number(&click, &["renderedMs"]),
            script_ms: number(&click, &["scriptMs"]),
            before: count(&click, "before"),
            after: count(&click, "after"),
            kept: kept(&click),
        });
    }
}

/// Memory with every call shown, after a full garbage collection: the JS heap, the wasm
/// memory (outside the JS heap), the renderer's DOM nodes and event listeners, and the
/// nodes in the shadow tree.
async fn measure_memory(browser: &Browser, run: &mut Run) {
    run.calls_at_memory = browser
        .execute("return bench.articleCount();", vec![])
        .await
        .as_u64()
        .unwrap_or_default();
    browser.cdp("HeapProfiler.collectGarbage", json!({})).await;
    let heap = browser.cdp("Runtime.getHeapUsage", json!({})).await;
    run.js_heap_bytes = number(&heap, &["usedSize"]);
    let dom = browser.cdp("Memory.getDOMCounters", json!({})).await;
    run.dom_nodes = number(&dom, &["nodes"]);
    run.event_listeners = number(&dom, &["jsEventListeners"]);
    let tree = browser.execute("return bench.shadowNodes();", vec![]).await;
    run.shadow_nodes = number(&tree, &["nodes"]);
    run.shadow_elements = number(&tree, &["elements"]);
    run.shadow_comments = number(&tree, &["comments"]);
    let wasm = browser.execute("return bench.wasmMemoryBytes();", vec![]).await;
    run.wasm_memory_bytes = wasm.as_f64().unwrap_or_default();
}

/// A number the probe or DevTools gave, at `path`.
fn number(value: &Value, path: &[&str]) -> f64 {
    path.iter()
        .fold(value, |inner, key| &inner[*key])
        .as_f64()
        .unwrap_or_else(|| panic!("no number at {path:?} in {value}"))
}

fn count(value: &Value, key: &str) -> u64 {
    number(value, &[key]) as u64
}

fn kept(value: &Value) -> Kept {
    Kept {
        survived: count(value, "survived"),
        marked: count(value, "marked"),
    }
}

fn summary(run: &Run) -> String {
    let clicks: Vec<f64> = run.clicks.iter().map(|click| click.ms).collect();
    let logs: Vec<f64> = run.logs.iter().map(|log| log.ms).collect();
    format!(
        "first call {:.0} ms, 100 calls {:.0} ms after the response, {} Load more clicks (median {:.0} ms), \
         log {:.0} ms, heap {:.0} KB + wasm {:.0} KB, {:.0} DOM nodes",
        run.first_call_painted_ms,
        run.hundred_after_response_ms,
        clicks.len(),
        median(&clicks).unwrap_or(f64::NAN),
        median(&logs).unwrap_or(f64::NAN),
        run.js_heap_bytes / 1000.0,
        run.wasm_memory_bytes / 1000.0,
        run.dom_nodes,
    )
}

// ---- the report ----

fn median(values: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|value| value.is_finite()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    } else {
        sorted[middle]
    })
}

/// One metric: its name, its unit's divisor and decimals, and how to read it from a run.
struct Metric {
    name: String,
    scale: f64,
    decimals: usize,
    values: fn(&Run) -> Vec<f64>,
}

impl Metric {
    fn new(name: impl Into<String>, scale: f64, decimals: usize, values: fn(&Run) -> Vec<f64>) -> Self {
        Self {
            name: name.into(),
            scale,
            decimals,
            values,
        }
    }
}

fn metrics(last_click: &str, calls: &str) -> Vec<Metric> {
    vec![
        Metric::new("first call painted (ms from navigation start)", 1.0, 0, |run| {
            vec![run.first_call_painted_ms]
        }),
        Metric::new("100 calls: list response end → painted (ms)", 1.0, 1, |run| {
            vec![run.hundred_after_response_ms]
        }),
        Metric::new("100 calls: response and code both in → painted (ms)", 1.0, 1, |run| {
            vec![run.hundred_after_ready_ms]
        }),
        Metric::new("Load more → painted, every click (ms)", 1.0, 1, |run| {
            run.clicks.iter().map(|click| click.ms).collect()
        }),
        Metric::new(format!("Load more → painted, {last_click} (ms)"), 1.0, 1, |run| {
            run.clicks.last().map(|click| click.ms).into_iter().collect()
        }),
        Metric::new(
            "Load more: page answer → its rows in the DOM, every click (ms)",
            1.0,
            1,
            |run| run.clicks.iter().map(|click| click.script_ms).collect(),
        ),
        Metric::new(
            format!("Load more: page answer → its rows in the DOM, {last_click} (ms)"),
            1.0,
            1,
            |run| run.clicks.last().map(|click| click.script_ms).into_iter().collect(),
        ),
        Metric::new("Load more → frame rendered, every click (ms)", 1.0, 1, |run| {
            run.clicks.iter().map(|click| click.rendered_ms).collect()
        }),
        Metric::new(
            "log call, first page shown: POST response end → row painted (ms)",
            1.0,
            1,
            |run| run.first_page_logs.iter().map(|log| log.ms).collect(),
        ),
        Metric::new(
            "log call, first page shown: POST response end → frame rendered (ms)",
            1.0,
            1,
            |run| run.first_page_logs.iter().map(|log| log.rendered_ms).collect(),
        ),
        Metric::new("log call: POST response end → row painted (ms)", 1.0, 1, |run| {
            run.logs.iter().map(|log| log.ms).collect()
        }),
        Metric::new("log call: POST response end → frame rendered (ms)", 1.0, 1, |run| {
            run.logs.iter().map(|log| log.rendered_ms).collect()
        }),
        Metric::new("log call: click → row painted (ms)", 1.0, 1, |run| {
            run.logs.iter().map(|log| log.click_to_paint_ms).collect()
        }),
        Metric::new("log call: click → POST sent (ms)", 1.0, 1, |run| {
            run.logs.iter().map(|log| log.click_to_request_ms).collect()
        }),
        Metric::new("log call: POST sent → response end (ms)", 1.0, 1, |run| {
            run.logs.iter().map(|log| log.request_ms).collect()
        }),
        Metric::new(format!("JS heap used at {calls} calls (KB)"), 1000.0, 0, |run| {
            vec![run.js_heap_bytes]
        }),
        Metric::new(format!("wasm memory at {calls} calls (KB)"), 1000.0, 0, |run| {
            vec![run.wasm_memory_bytes]
        }),
        Metric::new("JS heap + wasm memory, first page shown (KB)", 1000.0, 0, |run| {
            vec![run.first_page_memory_bytes]
        }),
        Metric::new(
            format!("JS heap + wasm memory at {calls} calls (KB)"),
            1000.0,
            0,
            |run| vec![run.js_heap_bytes + run.wasm_memory_bytes],
        ),
        Metric::new(
            format!("DOM nodes at {calls} calls (renderer, after GC)"),
            1.0,
            0,
            |run| vec![run.dom_nodes],
        ),
        Metric::new(format!("shadow tree nodes at {calls} calls: all"), 1.0, 0, |run| {
            vec![run.shadow_nodes]
        }),
        Metric::new(format!("shadow tree nodes at {calls} calls: elements"), 1.0, 0, |run| {
            vec![run.shadow_elements]
        }),
        Metric::new(format!("shadow tree nodes at {calls} calls: comments"), 1.0, 0, |run| {
            vec![run.shadow_comments]
        }),
        Metric::new(format!("JS event listeners at {calls} calls"), 1.0, 0, |run| {
            vec![run.event_listeners]
        }),
        Metric::new("bytes to first paint, transferred (KB)", 1000.0, 1, |run| {
            vec![run.bytes_transferred]
        }),
        Metric::new("bytes to first paint, encoded bodies (KB)", 1000.0, 1, |run| {
            vec![run.bytes_encoded]
        }),
        Metric::new("requests before first paint", 1.0, 0, |run| {
            vec![run.requests_before_paint]
        }),
    ]
}

/// The median of `metric` over every run of `page`.
fn page_median(runs: &[(Page, Run)], page: Page, metric: &Metric) -> Option<f64> {
    let values: Vec<f64> = runs
        .iter()
        .filter(|(of, _)| *of == page)
        .flat_map(|(_, run)| (metric.values)(run))
        .collect();
    median(&values).map(|value| value / metric.scale)
}

/// From a run: the rows kept by each change of one kind.
type RowsKept = fn(&Run) -> Vec<Kept>;

fn print_report(runs: &[(Page, Run)], args: &Args) {
    let last_click = runs
        .iter()
        .find_map(|(_, run)| run.clicks.last())
        .map(|click| format!("the click {} → {}", thousands(click.before), thousands(click.after)))
        .unwrap_or_else(|| "the last click".to_owned());
    let calls = runs
        .iter()
        .map(|(_, run)| run.calls_at_memory)
        .max()
        .unwrap_or_default();
    println!();
    println!(
        "Widget vs plain JavaScript, {} round(s), {} calls, per-page {PER_PAGE}, {} log(s) per run; {}",
        args.rounds,
        thousands(CALLS as u64),
        args.logs,
        chromium_version()
    );
    println!();
    println!("| metric | widget median | plain median | widget ÷ plain |");
    println!("|---|---|---|---|");
    for metric in metrics(&last_click, &thousands(calls)) {
        let widget = page_median(runs, Page::Widget, &metric);
        let plain = page_median(runs, Page::Plain, &metric);
        let shown = |value: Option<f64>| value.map_or("—".to_owned(), |value| format!("{value:.*}", metric.decimals));
        let ratio = match (widget, plain) {
            (Some(widget), Some(plain)) if plain > 0.0 => format!("{:.2}×", widget / plain),
            _ => "—".to_owned(),
        };
        println!("| {} | {} | {} | {ratio} |", metric.name, shown(widget), shown(plain));
    }
    println!();
    println!("Rows kept (articles marked before the change that are the same DOM nodes after it), all runs:");
    println!();
    println!("| change | widget | plain |");
    println!("|---|---|---|");
    let kept = |page: Page, rows: RowsKept| {
        let total = runs
            .iter()
            .filter(|(of, _)| *of == page)
            .flat_map(|(_, run)| rows(run))
            .fold(Kept::default(), |total, kept| Kept {
                survived: total.survived + kept.survived,
                marked: total.marked + kept.marked,
            });
        format!("{} of {}", thousands(total.survived), thousands(total.marked))
    };
    let changes: [(&str, RowsKept); 3] = [
        ("Load more, every click", |run| {
            run.clicks.iter().map(|click| click.kept).collect()
        }),
        ("Load more, the last click", |run| {
            run.clicks.last().map(|click| click.kept).into_iter().collect()
        }),
        ("log call", |run| run.logs.iter().map(|log| log.kept).collect()),
    ];
    for (change, rows) in changes {
        println!(
            "| {change} | {} | {} |",
            kept(Page::Widget, rows),
            kept(Page::Plain, rows)
        );
    }
}

fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn chromium_version() -> String {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    std::process::Command::new(chromium)
        .arg("--version")
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .filter(|version| !version.is_empty())
        .unwrap_or_else(|| "Chromium (version unknown)".to_owned())
}
