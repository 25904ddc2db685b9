//! The report: medians per page and metric, printed as markdown for bench/RESULTS.md.

use super::{Args, CALLS, Kept, PER_PAGE, Page, Run};

pub(super) fn median(values: &[f64]) -> Option<f64> {
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

pub(super) fn print_report(runs: &[(Page, Run)], args: &Args) {
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
