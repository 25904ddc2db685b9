//! Headless Chromium through ChromeDriver, with just the WebDriver commands the tests
//! use. ChromeDriver runs in its own process group, which is killed when the browser is
//! dropped, so no Chromium is left behind.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;

/// An element of the page, by its WebDriver reference.
#[derive(Debug, Clone)]
pub struct Element(pub(crate) String);

/// One browser session.
pub struct Browser {
    driver: Child,
    endpoint: String,
    session: String,
    http: reqwest::Client,
    _profile: TempDir,
}

pub(crate) const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    /// Starts ChromeDriver and a headless Chromium with a fresh profile.
    pub async fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned());
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {driver_path}: {error}"));
        let endpoint = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        while http.get(format!("{endpoint}/status")).send().await.is_err() {
            assert!(Instant::now() < deadline, "ChromeDriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().expect("a profile folder");
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--window-size=1280,1000", format!("--user-data-dir={}", profile.path().display())
                ]
            },
            "goog:loggingPrefs": { "browser": "ALL" }
        }}});
        let mut browser = Self {
            driver,
            endpoint,
            session: String::new(),
            http,
            _profile: profile,
        };
        let created = browser.command(reqwest::Method::POST, "/session", capabilities).await;
        browser.session = created["value"]["sessionId"]
            .as_str()
            .expect("a WebDriver session")
            .to_owned();
        browser
    }

    async fn command(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.endpoint);
        let mut request = self.http.request(method.clone(), &url);
        if method != reqwest::Method::GET && method != reqwest::Method::DELETE {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|error| panic!("WebDriver {path}: {error}"));
        let answer: Value = response
            .json()
            .await
            .unwrap_or_else(|error| panic!("WebDriver {path}: {error}"));
        if let Some(error) = answer["value"]["error"].as_str() {
            panic!("WebDriver {path}: {error}: {}", answer["value"]["message"]);
        }
        answer
    }

    pub(crate) async fn session_command(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        self.command(method, &format!("/session/{}{path}", self.session), body)
            .await["value"]
            .clone()
    }

    /// The errors the pages logged to the console (failed loads included) since the last
    /// call: ChromeDriver's browser log, at level SEVERE.
    pub async fn console_errors(&self) -> Vec<String> {
        let entries = self
            .session_command(reqwest::Method::POST, "/se/log", json!({ "type": "browser" }))
            .await;
        entries
            .as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Opens a URL.
    pub async fn goto(&self, url: &str) {
        self.session_command(reqwest::Method::POST, "/url", json!({ "url": url }))
            .await;
    }

    /// Runs JavaScript in the page (`arguments` holds `args`); what it returns.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.session_command(
            reqwest::Method::POST,
            "/execute/sync",
            json!({ "script": script, "args": args }),
        )
        .await
    }

    /// Every element matching a CSS selector, right now.
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self
            .session_command(
                reqwest::Method::POST,
                "/elements",
                json!({"using": "css selector", "value": css}),
            )
            .await;
        found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|item| item[ELEMENT_KEY].as_str())
            .map(|id| Element(id.to_owned()))
            .collect()
    }

    /// Waits up to 10 s for an element matching a CSS selector.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.wait_until(&format!("an element matching `{css}`"), || async {
            self.find_all(css).await.into_iter().next()
        })
        .await
    }

    /// Waits up to 10 s for a JavaScript expression to be true.
    pub async fn wait_for_js(&self, what: &str, expression: &str) {
        self.wait_for_js_within(what, expression, Duration::from_secs(10)).await;
    }

    /// Waits up to `limit` for a JavaScript expression to be true.
    pub async fn wait_for_js_within(&self, what: &str, expression: &str, limit: Duration) {
        let script = format!("return !!({expression});");
        self.wait_until_within(what, limit, || async {
            self.execute(&script, vec![]).await.as_bool().filter(|ok| *ok)
        })
        .await;
    }

    /// Opens a new tab and makes it the one commands go to; its handle.
    pub async fn new_tab(&self) -> String {
        let opened = self
            .session_command(reqwest::Method::POST, "/window/new", json!({ "type": "tab" }))
            .await;
        let handle = opened["handle"].as_str().unwrap_or_default().to_owned();
        self.switch_to(&handle).await;
        handle
    }

    /// The handle of the tab commands go to now.
    pub async fn current_tab(&self) -> String {
        let current = self.session_command(reqwest::Method::GET, "/window", Value::Null).await;
        current.as_str().unwrap_or_default().to_owned()
    }

    /// Makes the tab `handle` the one commands go to.
    pub async fn switch_to(&self, handle: &str) {
        self.session_command(reqwest::Method::POST, "/window", json!({ "handle": handle }))
            .await;
    }

    pub(crate) async fn wait_until<T, F, Fut>(&self, what: &str, probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        self.wait_until_within(what, Duration::from_secs(10), probe).await
    }

    async fn wait_until_within<T, F, Fut>(&self, what: &str, limit: Duration, mut probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(found) = probe().await {
                return found;
            }
            if Instant::now() > deadline {
                // The page's text, and the text inside any widget's shadow root.
                let text = self
                    .execute(
                        "if (!document.body) return '';\
                         const shadows = [...document.querySelectorAll('*')].filter(e => e.shadowRoot)\
                           .map(e => `[${e.localName}#${e.id}] ` + e.shadowRoot.textContent.slice(-600));\
                         return [document.body.innerText, ...shadows].join('\\n');",
                        vec![],
                    )
                    .await;
                panic!(
                    "timed out waiting for {what}; the page says:\n{}",
                    text.as_str().unwrap_or_default()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks an element, scrolled to the middle of the window first (at the top edge, a
    /// sticky day heading would take the click, as it would a person's).
    pub async fn click(&self, element: &Element) {
        self.execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![json!({ ELEMENT_KEY: element.0 })],
        )
        .await;
        self.session_command(
            reqwest::Method::POST,
            &format!("/element/{}/click", element.0),
            json!({}),
        )
        .await;
    }

    /// Types into an element.
    pub async fn type_into(&self, element: &Element, text: &str) {
        self.session_command(
            reqwest::Method::POST,
            &format!("/element/{}/value", element.0),
            json!({ "text": text }),
        )
        .await;
    }

    /// Presses keys on whatever has focus, one after another (WebDriver's key actions:
    /// `\u{E004}` is Tab, `\u{E007}` Enter, `\u{E00F}` Page Down, `\u{E00E}` Page Up,
    /// `\u{E00C}` Escape). `held` (Control `\u{E009}`, Shift `\u{E008}`) is held down
    /// around them.
    pub async fn press(&self, held: &str, keys: &str) {
        let mut actions = Vec::new();
        actions.extend(
            held.chars()
                .map(|key| json!({"type": "keyDown", "value": key.to_string()})),
        );
        for key in keys.chars() {
            actions.push(json!({"type": "keyDown", "value": key.to_string()}));
            actions.push(json!({"type": "keyUp", "value": key.to_string()}));
        }
        actions.extend(
            held.chars()
                .map(|key| json!({"type": "keyUp", "value": key.to_string()})),
        );
        self.session_command(
            reqwest::Method::POST,
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )
        .await;
        self.session_command(reqwest::Method::DELETE, "/actions", json!({}))
            .await;
    }

    /// What has focus, looking into shadow roots: its tag, text (or name) and classes,
    /// or `BODY` when nothing does.
    pub async fn focused(&self) -> String {
        let script = "let e = document.activeElement;\
             while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;\
             if (!e || e === document.body) return 'BODY';\
             const words = (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60);\
             return `${e.tagName} ${words} .${e.className}`;";
        self.execute(script, vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Empties an input.
    pub async fn clear(&self, element: &Element) {
        self.session_command(
            reqwest::Method::POST,
            &format!("/element/{}/clear", element.0),
            json!({}),
        )
        .await;
    }

    /// The rendered text of an element.
    pub async fn text(&self, element: &Element) -> String {
        self.session_command(reqwest::Method::GET, &format!("/element/{}/text", element.0), json!({}))
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// A property of an element (`value`, `checked`, …).
    pub async fn property(&self, element: &Element, name: &str) -> Value {
        self.session_command(
            reqwest::Method::GET,
            &format!("/element/{}/property/{name}", element.0),
            json!({}),
        )
        .await
    }

    /// Runs a Chrome DevTools Protocol command on the page (ChromeDriver's
    /// `goog/cdp/execute`), such as `HeapProfiler.collectGarbage`; its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.session_command(
            reqwest::Method::POST,
            "/goog/cdp/execute",
            json!({ "cmd": cmd, "params": params }),
        )
        .await
    }

    /// How long a script given to [`Browser::execute`] may run (WebDriver's default is
    /// 30 s); a script that returns a promise is waited for that long.
    pub async fn set_script_timeout(&self, timeout: Duration) {
        let ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
        self.session_command(reqwest::Method::POST, "/timeouts", json!({ "script": ms }))
            .await;
    }

    /// A PNG of the window.
    pub async fn screenshot(&self) -> Vec<u8> {
        let encoded = self
            .session_command(reqwest::Method::GET, "/screenshot", json!({}))
            .await;
        decode_base64(encoded.as_str().unwrap_or_default())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // ChromeDriver started Chromium in its process group: end the whole group.
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-s", "KILL", "--", &group]).status();
        let _ = self.driver.wait();
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in text.bytes().filter(|b| *b != b'=' && !b.is_ascii_whitespace()) {
        let Some(value) = ALPHABET.iter().position(|c| *c == byte) else {
            continue;
        };
        buffer = (buffer << 6) | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}
