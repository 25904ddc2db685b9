//! The widget against plain JavaScript: the Leptos widget (`dist/widget/`) and a
//! hand-written vanilla custom element doing the same job with the same markup
//! (`bench/plain/plain-*.js`, served as one script), in headless Chromium, against one reference server and
//! one contact with 1,000 calls. Runs alternate between the two pages, each in a fresh
//! browser; the medians are printed as a markdown table for bench/RESULTS.md.
//!
//! `bench/widget-vs-plain.sh [--rounds 5] [--max-calls 1000] [--logs 3]`
//!
//! What each page measures, and how, is in `bench/plain/probe.js`.

mod data;
mod report;
mod run;

use std::sync::Arc;
use std::time::Duration;

use data::{delete_logged_calls, prepare_contact, start_server};
use report::print_report;
use run::{measure, summary};

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
