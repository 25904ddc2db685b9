//! What an operator watches, in Prometheus' text format at `/metrics`: API requests by
//! route, method and status, their latency as a histogram per route, the database pool,
//! and idempotent replays. Counted in this process (each process of a cluster is scraped
//! on its own, as Prometheus expects).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// Latency buckets, in seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

#[derive(Default)]
struct Histogram {
    /// Per bucket (and one past the last), how many fell at or under it.
    counts: [u64; BUCKETS.len() + 1],
    sum: f64,
}

/// The process's counters.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    replays: AtomicU64,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Metrics {
    fn record(&self, route: &str, method: &str, status: u16, seconds: f64) {
        let mut requests = self.requests.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *requests
            .entry((route.to_owned(), method.to_owned(), status))
            .or_default() += 1;
        drop(requests);
        let mut latency = self.latency.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let histogram = latency.entry(route.to_owned()).or_default();
        let bucket = BUCKETS
            .iter()
            .position(|bound| seconds <= *bound)
            .unwrap_or(BUCKETS.len());
        histogram.counts[bucket] += 1;
        histogram.sum += seconds;
    }

    /// Counts an answer sent again for an idempotency key.
    pub fn replayed(&self) {
        self.replays.fetch_add(1, Ordering::Relaxed);
    }

    /// Everything, in Prometheus' text format; `pool` is (connections open, idle).
    pub fn render(&self, pool: (u32, usize)) -> String {
        let mut out = String::new();
        out.push_str("# HELP calls_http_requests_total API requests answered, by route, method and status.\n");
        out.push_str("# TYPE calls_http_requests_total counter\n");
        let requests = self.requests.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for ((route, method, status), count) in requests.iter() {
            let _ = writeln!(
                out,
                "calls_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {count}"
            );
        }
        drop(requests);
        out.push_str("# HELP calls_http_request_duration_seconds Time to answer API requests, by route.\n");
        out.push_str("# TYPE calls_http_request_duration_seconds histogram\n");
        let latency = self.latency.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (route, histogram) in latency.iter() {
            let mut cumulative = 0;
            for (bound, count) in BUCKETS.iter().zip(histogram.counts) {
                cumulative += count;
                let _ = writeln!(
                    out,
                    "calls_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            cumulative += histogram.counts[BUCKETS.len()];
            let _ = writeln!(
                out,
                "calls_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {cumulative}"
            );
            let _ = writeln!(
                out,
                "calls_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                histogram.sum
            );
            let _ = writeln!(
                out,
                "calls_http_request_duration_seconds_count{{route=\"{route}\"}} {cumulative}"
            );
        }
        drop(latency);
        let (open, idle) = pool;
        out.push_str("# HELP calls_db_connections Database pool connections, by state.\n");
        out.push_str("# TYPE calls_db_connections gauge\n");
        let busy = (open as usize).saturating_sub(idle);
        let _ = writeln!(out, "calls_db_connections{{state=\"busy\"}} {busy}");
        let _ = writeln!(out, "calls_db_connections{{state=\"idle\"}} {idle}");
        out.push_str("# HELP calls_idempotent_replays_total Answers sent again for a repeated Idempotency-Key.\n");
        out.push_str("# TYPE calls_idempotent_replays_total counter\n");
        let _ = writeln!(
            out,
            "calls_idempotent_replays_total {}",
            self.replays.load(Ordering::Relaxed)
        );
        out
    }
}

/// Middleware on the API's routes: counts each request under its route's pattern (not
/// its path, so that ids do not make a series each).
pub async fn count(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.record(
        &route,
        &method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics`.
pub async fn serve(State(state): State<AppState>) -> Response {
    let text = state.metrics.render(state.db.pool_use());
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}
