//! What the end-to-end tests drive: the reference server (a real `calls-server` process
//! serving the release build of the widget, with its own temporary database and demo
//! data) and Chromium through ChromeDriver, spoken to over the W3C WebDriver protocol.

mod browser;
mod finding;
mod proxy;
mod server;

pub use browser::{Browser, Element};
pub use proxy::{Fault, FaultProxy};
pub use server::Server;

/// The demo's featured contact (fixed ids: see the server's demo module).
pub const DEMO_CONTACT: &str = "6553f100de30020000000000";
/// The demo's featured company.
pub const DEMO_COMPANY: &str = "6553f100de30010000000000";
/// The demo's token.
pub const DEMO_TOKEN: &str = "demo-token";

/// The workspace root, where `target/` and `dist/` are.
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Keeps a screenshot a test took: in `target/screenshots/`, and also in `docs/` (the
/// README's pictures) when `CALLS_UPDATE_DOCS=1`, so an ordinary test run leaves the
/// tree as it was.
pub fn keep_screenshot(name: &str, png: &[u8]) {
    let mut folders = vec![workspace_root().join("target/screenshots")];
    if std::env::var_os("CALLS_UPDATE_DOCS").is_some_and(|value| value == "1") {
        folders.push(workspace_root().join("docs"));
    }
    for folder in folders {
        std::fs::create_dir_all(&folder).expect("a folder for screenshots");
        std::fs::write(folder.join(name), png).expect("the screenshot is written");
    }
}
