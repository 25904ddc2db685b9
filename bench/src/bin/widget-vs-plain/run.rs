//! One run: a page opened in a fresh browser, timed while it loads, pages through the
//! calls, and logs a few.

use calls_e2e::{Browser, Server};
use serde_json::{Value, json};

use super::report::median;
use super::{Args, Click, Kept, LOG_MARK, Log, Page, Run, SCRIPT_TIMEOUT};

/// Opens `page` in a fresh browser (empty cache, nothing left from the other page) and
/// measures everything in order: the first load, Load more up to `max_calls`, memory
/// there, then logging calls.
pub(super) async fn measure(server: &Server, page: Page, args: &Args, show_requests: bool) -> Run {
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

pub(super) fn summary(run: &Run) -> String {
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
