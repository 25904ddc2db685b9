//! The reference server as a child process, on a fixed port so it can be stopped and
//! started again at the same address while a page is open.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use chrono::{Days, NaiveDate};
use futures::future::join_all;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::{DEMO_TOKEN, workspace_root};

/// A running `calls-server --demo --static dist`; dropping it kills it.
pub struct Server {
    child: Option<Child>,
    port: u16,
    dir: TempDir,
    site: PathBuf,
    extra_args: Vec<String>,
    http: reqwest::Client,
}

fn binary() -> PathBuf {
    std::env::var_os("CALLS_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/calls-server"))
}

fn dist() -> PathBuf {
    std::env::var_os("CALLS_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

impl Server {
    /// Starts the server with demo data on a fresh database and a free port.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// The same, with extra arguments.
    pub fn start_with(extra_args: &[&str]) -> Self {
        Self::start_site(dist(), extra_args)
    }

    /// Serves the build plus test pages of its own (`name`, HTML): a site folder that
    /// links every entry of `dist/` and holds the pages, as a host page beside the widget.
    pub fn start_with_pages(pages: &[(&str, &str)]) -> Self {
        let site = tempfile::tempdir().expect("a temporary folder").keep();
        for entry in std::fs::read_dir(dist()).expect("dist/ is built") {
            let entry = entry.expect("a dist entry");
            std::os::unix::fs::symlink(entry.path(), site.join(entry.file_name())).expect("a link into dist/");
        }
        for (name, html) in pages {
            let _ = std::fs::remove_file(site.join(name));
            std::fs::write(site.join(name), html).expect("a test page");
        }
        Self::start_site(site, &[])
    }

    fn start_site(site: PathBuf, extra_args: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut server = Self {
            child: None,
            port: free_port(),
            dir,
            site,
            extra_args: extra_args.iter().map(|arg| (*arg).to_owned()).collect(),
            http: reqwest::Client::new(),
        };
        server.resume();
        server
    }

    /// Freezes the server (SIGSTOP): connections are accepted by the kernel and never
    /// answered, so requests hang until [`Server::thaw`].
    pub fn freeze(&self) {
        self.signal("STOP");
    }

    /// Lets a frozen server go on (SIGCONT).
    pub fn thaw(&self) {
        self.signal("CONT");
    }

    fn signal(&self, name: &str) {
        if let Some(child) = &self.child {
            let status = Command::new("kill")
                .args(["-s", name, &child.id().to_string()])
                .status()
                .expect("kill runs");
            assert!(status.success(), "kill -s {name} failed");
        }
    }

    /// Where it listens.
    pub fn addr(&self) -> std::net::SocketAddr {
        std::net::SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// `http://127.0.0.1:PORT`
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Kills the server (SIGKILL); the page that was talking to it stays open.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same port and database.
    pub fn resume(&mut self) {
        self.stop();
        let mut child = Command::new(binary())
            .args(["--addr", &format!("127.0.0.1:{}", self.port), "--demo", "--static"])
            .arg(&self.site)
            .arg("--db")
            .arg(self.dir.path().join("calls.sqlite3"))
            .args(&self.extra_args)
            .env("RUST_LOG", "calls_server=warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {}: {error} (build it first)", binary().display()));
        let mut first = String::new();
        let stdout = child.stdout.take().expect("piped stdout");
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("the server says where it listens");
        assert!(
            first.starts_with("calls-server listening on"),
            "server did not start: {first:?}"
        );
        self.child = Some(child);
    }

    /// A JSON request to the API with the demo token; the envelope.
    pub async fn api(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        self.api_as(DEMO_TOKEN, method, path, body).await
    }

    /// A JSON request to the API with `token` (another user's); the envelope.
    pub async fn api_as(&self, token: &str, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self
            .http
            .request(method, format!("{}/api/{path}", self.base()))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the API answers");
        response.json().await.expect("the API answers JSON")
    }

    /// A new contact without calls, made by the server's own command on its database
    /// (the API has no way to make one); its id.
    pub fn create_contact(&self, first: &str, last: &str) -> String {
        self.command(&["contact", "create", "--first", first, "--last", last])
    }

    /// A new contact of `company`, without calls; its id.
    pub fn create_company_contact(&self, company: &str, first: &str, last: &str) -> String {
        self.command(&[
            "contact",
            "create",
            "--company",
            company,
            "--first",
            first,
            "--last",
            last,
        ])
    }

    /// A token of a new user (a colleague), made by the server's own command.
    pub fn create_token(&self, first: &str, last: &str) -> String {
        self.command(&["token", "create", "--first", first, "--last", last])
    }

    /// Renames a contact, as its CRM would.
    pub fn rename_contact(&self, id: &str, first: &str, last: &str) {
        self.command(&["contact", "update", id, "--first", first, "--last", last]);
    }

    /// Runs one of the server's commands on its database; what it printed.
    fn command(&self, args: &[&str]) -> String {
        let output = Command::new(binary())
            .arg("--db")
            .arg(self.dir.path().join("calls.sqlite3"))
            .args(args)
            .output()
            .expect("calls-server runs");
        assert!(output.status.success(), "calls-server {args:?}: {output:?}");
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Logs `count` calls for each of `contacts` through the API, one day apart going
    /// back from 2020-01-01 (older than every demo call), a few requests at a time.
    pub async fn seed_calls(&self, contacts: &[&str], count: usize) {
        let requests: Vec<(usize, &str)> = (0..count)
            .flat_map(|n| contacts.iter().map(move |contact| (n, *contact)))
            .collect();
        for chunk in requests.chunks(16) {
            let answers = join_all(chunk.iter().map(|(n, contact)| {
                let body = json!({ "call": {
                    "date": seed_date(*n),
                    "call_result": "conversation",
                    "text": format!("Seeded call {n}"),
                    "called_via": "", "phone_number": "", "recording_link": "",
                }});
                let path = format!("contacts/{contact}/calls.json");
                async move { self.api(reqwest::Method::POST, &path, Some(body)).await }
            }))
            .await;
            for answer in answers {
                assert!(answer["data"]["call"]["id"].is_string(), "seeding: {answer}");
            }
        }
    }

    /// GET through the API; the envelope.
    pub async fn get(&self, path: &str) -> Value {
        self.api(reqwest::Method::GET, path, None).await
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A frozen server must be let go before it can be killed and reaped.
        self.thaw();
        self.stop();
    }
}

/// 2020-01-01 minus `days_back` days, as the API writes a date.
fn seed_date(days_back: usize) -> String {
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date");
    (start - Days::new(days_back as u64)).to_string()
}
