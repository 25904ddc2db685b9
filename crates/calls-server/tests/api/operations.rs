//! Running the server on a network: slow and stalled clients, health, readiness,
//! metrics, headers, and logs that never hold a token.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;

use crate::common::TestServer;

fn address(server: &TestServer) -> String {
    server.base.trim_start_matches("http://").to_owned()
}

/// Reads from `stream` until the server closes it or `within` passes; whether it closed.
fn closed_within(stream: &mut TcpStream, within: Duration) -> (bool, String) {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return (true, String::from_utf8_lossy(&seen).into_owned()),
            Ok(n) => seen.extend_from_slice(&buffer[..n]),
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => {
                return (true, String::from_utf8_lossy(&seen).into_owned());
            }
            Err(_) => return (false, String::from_utf8_lossy(&seen).into_owned()),
        }
    }
}

#[tokio::test]
async fn stalled_clients_do_not_keep_others_waiting_and_are_dropped() {
    let server = TestServer::start_with(&["--header-timeout", "1", "--body-timeout", "1"]).await;
    let address = address(&server);
    // 300 clients that start a request and never finish its headers.
    let mut stalled: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut stream = TcpStream::connect(&address).unwrap();
            stream
                .write_all(b"GET /api/calls.json HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            stream
        })
        .collect();
    let started = Instant::now();
    let answer = server.get("/api/calls.json").await;
    assert_eq!(answer.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "answered after {:?}",
        started.elapsed()
    );

    // Past the header timeout the stalled clients are dropped.
    let (closed, _) = closed_within(&mut stalled[0], Duration::from_secs(5));
    assert!(closed, "a client that never finished its headers is still connected");
    let (closed, _) = closed_within(&mut stalled[299], Duration::from_secs(5));
    assert!(closed);

    // A body declared larger than the limit is refused at once, not waited for.
    let mut huge = TcpStream::connect(&address).unwrap();
    write!(
        huge,
        "POST /api/calls.json?contact_id=6553f100de30020000000000 HTTP/1.1\r\nHost: x\r\n\
         Authorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n",
        server.token
    )
    .unwrap();
    let (_, text) = closed_within(&mut huge, Duration::from_secs(3));
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");

    // A body that stops arriving is answered with a 408 envelope.
    let mut slow = TcpStream::connect(&address).unwrap();
    write!(
        slow,
        "POST /api/calls.json?contact_id=6553f100de30020000000000 HTTP/1.1\r\nHost: x\r\n\
         Authorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"call\":",
        server.token
    )
    .unwrap();
    let (_, text) = closed_within(&mut slow, Duration::from_secs(5));
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"status\":408"), "{text}");
}

#[tokio::test]
async fn health_and_readiness_say_whether_the_process_and_the_database_answer() {
    let server = TestServer::start().await;
    let health = server.raw(Method::GET, "/healthz").send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = server.raw(Method::GET, "/readyz").send().await.unwrap();
    assert_eq!(ready.status(), 200);
    // The database gone: not ready (the process still lives); back: ready again.
    let database = Database::of(&server);
    database.take_away().await;
    let unready = server.raw(Method::GET, "/readyz").send().await.unwrap();
    assert_eq!(unready.status(), 503);
    assert_eq!(server.raw(Method::GET, "/healthz").send().await.unwrap().status(), 200);
    database.bring_back().await;
    assert_eq!(server.raw(Method::GET, "/readyz").send().await.unwrap().status(), 200);
}

/// A test server's database, made to disappear and come back.
enum Database {
    /// The SQLite file, moved away and back.
    Sqlite(std::path::PathBuf),
    /// The PostgreSQL database's name, and the superuser URL that drops it (closing the
    /// server's connections) and makes it again.
    Postgres { admin: String, name: String },
}

impl Database {
    fn of(server: &TestServer) -> Self {
        match (server.sqlite_path(), crate::common::postgres_admin_url()) {
            (Some(path), _) => Self::Sqlite(path),
            (None, Some(admin)) => Self::Postgres {
                admin,
                name: server.db.rsplit_once('/').unwrap().1.to_owned(),
            },
            (None, None) => unreachable!("a database is SQLite or PostgreSQL"),
        }
    }

    async fn admin(admin: &str, statement: &str) {
        use sqlx::Connection;
        let mut connection = sqlx::PgConnection::connect(admin).await.unwrap();
        sqlx::raw_sql(statement).execute(&mut connection).await.unwrap();
    }

    async fn take_away(&self) {
        match self {
            Self::Sqlite(path) => std::fs::rename(path, path.with_extension("moved")).unwrap(),
            Self::Postgres { admin, name } => Self::admin(admin, &format!("DROP DATABASE {name} WITH (FORCE)")).await,
        }
    }

    async fn bring_back(&self) {
        match self {
            Self::Sqlite(path) => std::fs::rename(path.with_extension("moved"), path).unwrap(),
            Self::Postgres { admin, name } => Self::admin(admin, &format!("CREATE DATABASE {name}")).await,
        }
    }
}

fn metric(text: &str, series: &str) -> u64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_and_replays() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let scrape = || async {
        server
            .raw(Method::GET, "/metrics")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let before = scrape().await;
    let series = r#"calls_http_requests_total{route="/api/contacts/{id}/calls",method="GET",status="200"}"#;
    for _ in 0..3 {
        server.get(&format!("/api/contacts/{contact}/calls.json")).await;
    }
    server.get("/api/calls/6553f100de30020000009999.json").await;
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    for _ in 0..2 {
        server
            .raw(Method::POST, &path)
            .bearer_auth(&server.token)
            .header("Idempotency-Key", "metrics-key")
            .json(&json!({ "call": {} }))
            .send()
            .await
            .unwrap();
    }
    let after = scrape().await;
    assert_eq!(metric(&after, series) - metric(&before, series), 3, "{after}");
    let missing = r#"calls_http_requests_total{route="/api/calls/{id}",method="GET",status="404"}"#;
    assert_eq!(metric(&after, missing), 1, "{after}");
    assert_eq!(metric(&after, "calls_idempotent_replays_total"), 1);
    let latency = r#"calls_http_request_duration_seconds_count{route="/api/contacts/{id}/calls"}"#;
    assert!(metric(&after, latency) >= 3, "{after}");
    assert!(after.contains("calls_db_connections{state=\"idle\"}"));
}

#[tokio::test]
async fn every_api_answer_is_an_envelope_that_no_cache_keeps_unasked() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "<!doctype html><title>widget</title>").unwrap();
    let server = TestServer::start_with(&["--static", site.path().to_str().unwrap()]).await;
    for path in ["/api/.json", "/api", "/api/", "/api/nothing/here.json"] {
        let reply = server.get(path).await;
        reply.assert_error(404);
        assert_eq!(reply.headers["cache-control"], "no-store", "{path}");
    }
    // A read may be kept by the browser, which asks before using it (conditional reads);
    // a write's answer is never kept.
    let reply = server.get("/api/calls.json").await;
    assert_eq!(reply.headers["cache-control"], "private, no-cache");
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    let contact = server.contact("Ada", None);
    let reply = server
        .post(
            &format!("/api/contacts/{contact}/calls.json?partial=1"),
            json!({ "call": {} }),
        )
        .await;
    assert_eq!(reply.status, 201);
    assert_eq!(reply.headers["cache-control"], "no-store");
    assert!(reply.headers.get("etag").is_none());
}

#[tokio::test]
async fn tokens_never_reach_the_log_even_at_the_most_verbose_level() {
    let server = TestServer::start().await;
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_calls-server"))
        .args(["--addr", "127.0.0.1:0", "--db", &server.db])
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(log.reopen().unwrap())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut first).unwrap();
    let base = first.trim().trim_start_matches("calls-server listening on ").to_owned();
    let client = reqwest::Client::new();
    for url in [
        format!("{base}/api/calls.json?api_key=SECRET-IN-QUERY-1"),
        format!("{base}/api/calls.json?page=1&token=SECRET-IN-QUERY-2"),
    ] {
        client.get(url).send().await.unwrap();
    }
    client
        .get(format!("{base}/api/calls.json"))
        .bearer_auth("SECRET-IN-HEADER-3")
        .send()
        .await
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let text = std::fs::read_to_string(log.path()).unwrap();
    assert!(
        text.contains("/api/calls.json"),
        "the log says nothing of requests: {text}"
    );
    for secret in ["SECRET-IN-QUERY-1", "SECRET-IN-QUERY-2", "SECRET-IN-HEADER-3"] {
        assert!(!text.contains(secret), "{secret} is in the log");
    }
}
