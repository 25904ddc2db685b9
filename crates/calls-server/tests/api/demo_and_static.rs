//! `--demo` data and `--static` serving.

use std::collections::HashSet;

use reqwest::Method;
use serde_json::Value;

use crate::common::TestServer;

async fn all_calls(server: &TestServer) -> Vec<Value> {
    let mut calls = Vec::new();
    for page in 1.. {
        let reply = server
            .send_as(
                Some("demo-token"),
                Method::GET,
                &format!("/api/calls.json?per_page=100&page={page}"),
                None,
            )
            .await;
        assert_eq!(reply.status, 200, "{:#}", reply.body);
        let batch = reply.calls();
        if batch.is_empty() {
            break;
        }
        calls.extend(batch);
    }
    calls
}

#[tokio::test]
async fn demo_fills_an_empty_database_with_realistic_data() {
    let server = TestServer::start_with(&["--demo"]).await;
    let companies = server
        .send_as(Some("demo-token"), Method::GET, "/api/companies.json", None)
        .await;
    assert!(companies.data()["total_count"].as_u64().unwrap() >= 3);
    let contacts = server
        .send_as(Some("demo-token"), Method::GET, "/api/contacts.json", None)
        .await;
    assert!(contacts.data()["total_count"].as_u64().unwrap() >= 12);

    let calls = all_calls(&server).await;
    assert!(calls.len() >= 150, "{}", calls.len());
    let results: HashSet<&str> = calls.iter().map(|call| call["call_result"].as_str().unwrap()).collect();
    assert_eq!(results, HashSet::from(["conversation", "no_answer", "left_message"]));
    assert!(
        calls
            .iter()
            .any(|call| call["recording_link"].as_str().unwrap().starts_with("https://"))
    );
    assert!(
        calls
            .iter()
            .any(|call| call["text"].as_str().unwrap().chars().count() > 400)
    );
    let dates: Vec<chrono::NaiveDate> = calls
        .iter()
        .map(|call| call["date"].as_str().unwrap().parse().unwrap())
        .collect();
    let today = chrono::Utc::now().date_naive();
    let oldest = dates.iter().min().unwrap();
    assert!((today - *oldest).num_days() > 365, "oldest {oldest}");
    assert!(dates.iter().all(|date| *date <= today));
    assert!(calls.iter().any(|call| call["author"] == "peter a."));
}

#[tokio::test]
async fn demo_token_belongs_to_peter_anderson_and_demo_data_is_not_added_twice() {
    let mut server = TestServer::start_with(&["--demo"]).await;
    let contacts = server
        .send_as(Some("demo-token"), Method::GET, "/api/contacts.json?per_page=1", None)
        .await;
    let contact = contacts.data()["contacts"][0]["contact"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let logged = server
        .send_as(
            Some("demo-token"),
            Method::POST,
            &format!("/api/contacts/{contact}/calls.json?partial=1"),
            Some(serde_json::json!({})),
        )
        .await;
    assert_eq!(logged.data()["call"]["author"], "peter a.");
    let before = all_calls(&server).await.len();
    server.restart(&["--demo"]);
    assert_eq!(all_calls(&server).await.len(), before);
}

#[tokio::test]
async fn the_static_folder_is_served_at_the_root() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "<!doctype html><title>widget</title>").unwrap();
    std::fs::write(site.path().join("app.js"), "console.log(1)").unwrap();
    let server = TestServer::start_with(&["--static", site.path().to_str().unwrap()]).await;
    let index = server.raw(Method::GET, "/").send().await.unwrap();
    assert_eq!(index.status(), 200);
    // Every page is served with the strict policy the widget is built to work under.
    assert_eq!(
        index.headers()["content-security-policy"],
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; \
         frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
    );
    assert_eq!(index.headers()["referrer-policy"], "strict-origin-when-cross-origin");
    assert_eq!(index.headers()["x-content-type-options"], "nosniff");
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert!(index.text().await.unwrap().contains("<title>widget</title>"));
    let script = server.raw(Method::GET, "/app.js").send().await.unwrap();
    assert_eq!(script.status(), 200);
    assert!(
        script.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    // The API is still the API.
    assert_eq!(server.get("/api/calls.json").await.status, 200);
}

#[tokio::test]
async fn precompressed_files_are_sent_to_browsers_that_take_them() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "<!doctype html><title>widget</title>").unwrap();
    let wasm = site.path().join("calls-widget_bg.wasm");
    std::fs::write(&wasm, b"\0asm the plain file").unwrap();
    // Stand-ins: the server must send these bytes as they are, not compress anything.
    std::fs::write(site.path().join("calls-widget_bg.wasm.gz"), b"gzip bytes").unwrap();
    std::fs::write(site.path().join("calls-widget_bg.wasm.br"), b"brotli bytes").unwrap();
    let server = TestServer::start_with(&["--static", site.path().to_str().unwrap()]).await;
    let fetch = |accept: &'static str| {
        server
            .raw(Method::GET, "/calls-widget_bg.wasm")
            .header("accept-encoding", accept)
            .send()
    };
    for (accept, encoding, body) in [
        ("br, gzip", Some("br"), &b"brotli bytes"[..]),
        ("gzip", Some("gzip"), &b"gzip bytes"[..]),
        ("identity", None, &b"\0asm the plain file"[..]),
    ] {
        let response = fetch(accept).await.unwrap();
        assert_eq!(response.status(), 200, "{accept}");
        assert_eq!(
            response
                .headers()
                .get("content-encoding")
                .map(|value| value.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(response.headers()["content-type"], "application/wasm", "{accept}");
        assert!(response.headers().contains_key("content-security-policy"), "{accept}");
        assert_eq!(&response.bytes().await.unwrap()[..], body, "{accept}");
    }
}

#[tokio::test]
async fn a_static_folder_without_index_html_is_refused_at_start() {
    let empty = tempfile::tempdir().unwrap();
    let db = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_calls-server"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--static",
            empty.path().to_str().unwrap(),
            "--db",
        ])
        .arg(db.path().join("x.sqlite3"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("index.html"));
}

/// One request for `path` on `stream`, kept alive; how long until its whole answer came.
async fn timed_get(stream: &mut tokio::net::TcpStream, path: &str) -> std::time::Duration {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let started = std::time::Instant::now();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let read = stream.read(&mut buffer).await.unwrap();
        assert!(read > 0, "the server closed the connection");
        answer.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&answer);
        if let Some(end) = text.find("\r\n\r\n") {
            let length: usize = text[..end]
                .lines()
                .find_map(|line| {
                    line.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .expect("a content-length");
            if answer.len() >= end + 4 + length {
                assert!(text.starts_with("HTTP/1.1 200"), "{text}");
                return started.elapsed();
            }
        }
    }
}

#[tokio::test]
async fn static_files_on_one_kept_alive_connection_come_at_once() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "<!doctype html><title>widget</title>").unwrap();
    std::fs::write(site.path().join("embed.js"), "x".repeat(100)).unwrap();
    std::fs::write(site.path().join("app.js"), "y".repeat(3000)).unwrap();
    let server = TestServer::start_with(&["--static", site.path().to_str().unwrap()]).await;
    let mut stream = tokio::net::TcpStream::connect(server.base.trim_start_matches("http://"))
        .await
        .unwrap();
    let mut times = Vec::new();
    for path in ["/embed.js", "/app.js", "/embed.js", "/app.js"] {
        times.push(timed_get(&mut stream, path).await);
    }
    // Headers and body written apart met Nagle's algorithm and the client's delayed
    // acknowledgement: every file after the first took 40 ms. Answers go out at once now.
    assert!(
        times.iter().all(|time| time.as_millis() < 20),
        "each file on the kept-alive connection: {times:?}"
    );
}
