//! The server and its data: the benchmark's contact with exactly its seeded calls, and
//! the calls a run logged taken away again.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use calls_e2e::{Server, workspace_root};
use chrono::{Days, Utc};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::task::JoinSet;

use super::{CALLS, CONTACT, LOG_MARK, PER_PAGE, SEED_PARALLEL};

/// The reference server with the built widget and the two host pages beside it.
pub(super) fn start_server() -> Server {
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
    // The plain page's parts are served as one script, in this order, as a page would
    // bundle them: the widget's loader is one script too, so both pages wait for as many
    // requests before their first paint.
    let parts = [
        "plain-format.js",
        "plain-markup.js",
        "plain-api.js",
        "plain-timeline.js",
        "plain-form.js",
        "plain-calls.js",
    ];
    let plain_js: String = parts.into_iter().map(read).collect::<Vec<_>>().join("\n");
    let mut files: Vec<(&str, String)> = ["widget.html", "plain.html", "probe.js"]
        .into_iter()
        .map(|name| (name, read(name)))
        .collect();
    files.push(("plain.js", plain_js));
    let pages: Vec<(&str, &str)> = files.iter().map(|(name, text)| (*name, text.as_str())).collect();
    Server::start_with_pages(&pages)
}

/// Leaves the benchmark's contact with exactly its [`CALLS`] seeded calls.
pub(super) async fn prepare_contact(server: &Arc<Server>) {
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
pub(super) async fn delete_logged_calls(server: &Server) {
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
