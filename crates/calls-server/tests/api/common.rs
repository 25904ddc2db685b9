//! A real `calls-server` process on a free port with its own temporary database, and a
//! small HTTP client for talking to it. The database is an SQLite file, or, when
//! `CALLS_TEST_POSTGRES` holds a PostgreSQL superuser URL (the test command starts one), a
//! new database of that server: the whole suite runs against each backend.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use reqwest::Method;
use serde_json::{Value, json};
use tempfile::TempDir;

const BINARY: &str = env!("CARGO_BIN_EXE_calls-server");

/// The PostgreSQL server the suite runs against, if it runs against one.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("CALLS_TEST_POSTGRES").ok().filter(|url| !url.is_empty())
}

/// A new empty database for one test: a file in `dir`, or a new PostgreSQL database.
pub async fn new_database(dir: &Path) -> String {
    let Some(admin) = postgres_admin_url() else {
        return dir.join("calls.sqlite3").display().to_string();
    };
    use sqlx::Connection;
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!(
        "test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let mut connection = sqlx::PgConnection::connect(&admin).await.expect("PostgreSQL answers");
    sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
        .execute(&mut connection)
        .await
        .expect("a new database");
    let _ = connection.close().await;
    let (server, _) = admin.rsplit_once('/').expect("the URL names a database");
    format!("{server}/{name}")
}

/// A running server; dropping it kills the process and removes its SQLite file (a
/// PostgreSQL test database goes with the throwaway cluster the test command started).
pub struct TestServer {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// Holds the SQLite file (removed with it).
    _dir: TempDir,
    /// `--db`: the SQLite file's path or the PostgreSQL database's URL.
    pub db: String,
    client: reqwest::Client,
    /// A token that works, for Peter Anderson (`peter a.`).
    pub token: String,
    /// Environment variables the process starts with (the debug build's test hooks).
    env: Vec<(String, String)>,
}

/// What a request got back.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// `data` of the envelope.
    pub fn data(&self) -> &Value {
        &self.body["data"]
    }

    /// The calls of a list response.
    pub fn calls(&self) -> Vec<Value> {
        self.body["data"]["calls"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|item| item["call"].clone())
            .collect()
    }

    /// The ids of the calls of a list response, in order.
    pub fn call_ids(&self) -> Vec<String> {
        self.calls()
            .iter()
            .map(|call| call["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Checks that this is an error envelope with `status` and a message that says something.
    pub fn assert_error(&self, status: u16) -> &str {
        assert_eq!(self.status, status, "{:#}", self.body);
        assert_eq!(self.body["status"], status, "envelope status: {:#}", self.body);
        assert!(self.body["timestamp"].is_i64());
        let message = self.body["message"].as_str().unwrap_or_default();
        assert!(message.len() > 10, "message too thin: {message:?}");
        message
    }
}

impl TestServer {
    /// A server on an empty database with one token.
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// A server with extra command-line arguments (`--demo`, `--allow-origin …`).
    pub async fn start_with(args: &[&str]) -> Self {
        Self::start_with_env(args, &[]).await
    }

    /// A server with extra arguments and environment variables.
    pub async fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = new_database(dir.path()).await;
        let token = cli(&db, &["token", "create", "--first", "Peter", "--last", "Anderson"]);
        let mut server = Self {
            child: None,
            base: String::new(),
            _dir: dir,
            db,
            client: reqwest::Client::new(),
            token,
            env: env
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
        };
        server.launch(args);
        server
    }

    /// Another server process on this server's database, with the same token.
    pub fn another_process(&self, args: &[&str]) -> Self {
        self.another_process_with_env(args, &[])
    }

    /// The same, with environment variables (the debug build's test hooks).
    pub fn another_process_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut other = Self {
            child: None,
            base: String::new(),
            _dir: tempfile::tempdir().expect("temporary folder"),
            db: self.db.clone(),
            client: reqwest::Client::new(),
            token: self.token.clone(),
            env: env
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
        };
        other.launch(args);
        other
    }

    /// The database file, when the database is SQLite.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        postgres_admin_url().is_none().then(|| PathBuf::from(&self.db))
    }

    fn launch(&mut self, args: &[&str]) {
        let mut child = Command::new(BINARY)
            .args(["--addr", "127.0.0.1:0", "--db", &self.db])
            .args(args)
            .env("RUST_LOG", "calls_server=warn")
            .envs(self.env.iter().map(|(name, value)| (name, value)))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut first_line = String::new();
        BufReader::new(stdout)
            .read_line(&mut first_line)
            .expect("the server prints where it listens");
        let base = first_line
            .trim()
            .strip_prefix("calls-server listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {first_line:?}"))
            .to_owned();
        self.base = base;
        self.child = Some(child);
    }

    /// Kills the server with SIGKILL, as a crash would.
    pub fn kill_hard(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same database (on a new port).
    pub fn restart(&mut self, args: &[&str]) {
        self.kill_hard();
        self.launch(args);
    }

    /// Starts the server again on the same database, with this environment instead.
    pub fn restart_with_env(&mut self, args: &[&str], env: &[(&str, &str)]) {
        self.env = env
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        self.restart(args);
    }

    /// Runs a `calls-server` subcommand against this server's database; its stdout.
    pub fn cli(&self, args: &[&str]) -> String {
        cli(&self.db, args)
    }

    /// A new company; its id.
    pub fn company(&self, name: &str) -> String {
        self.cli(&["company", "create", "--name", name])
    }

    /// A new contact, optionally of a company; its id.
    pub fn contact(&self, first: &str, company: Option<&str>) -> String {
        let mut args = vec![
            "contact",
            "create",
            "--first",
            first,
            "--last",
            "Tester",
            "--phone",
            "+1 555 0100",
        ];
        if let Some(company) = company {
            args.extend(["--company", company]);
        }
        self.cli(&args)
    }

    /// A request with this server's token.
    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        self.send_as(Some(&self.token), method, path, body).await
    }

    /// A request with the given token, or none.
    pub async fn send_as(&self, token: Option<&str>, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        reply(request.send().await.expect("the server answers")).await
    }

    /// A raw request, for bodies and headers the helpers above would not send.
    pub fn raw(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, format!("{}{path}", self.base))
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None).await
    }

    /// Logs a call for a contact with `partial=1` and the given fields; the stored call.
    pub async fn log_call(&self, contact: &str, fields: Value) -> Value {
        let reply = self
            .post(
                &format!("/api/contacts/{contact}/calls.json?partial=1"),
                json!({ "call": fields }),
            )
            .await;
        assert_eq!(reply.status, 201, "{:#}", reply.body);
        reply.data()["call"].clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.kill_hard();
    }
}

/// Reads a response into a [`Reply`].
pub async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("a body");
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply { status, headers, body }
}

fn cli(db: &str, args: &[&str]) -> String {
    let output = Command::new(BINARY)
        .args(["--db", db])
        .args(args)
        .output()
        .expect("the command runs");
    assert!(
        output.status.success(),
        "calls-server {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// A full set of writable fields, for writes that need them all.
pub fn full_fields() -> Value {
    json!({
        "date": "2024-05-10",
        "call_result": "conversation",
        "text": "Discussed the renewal.",
        "called_via": "Talkdesk",
        "phone_number": "+1 555 0100",
        "recording_link": "https://rec.example.com/1.mp3"
    })
}
