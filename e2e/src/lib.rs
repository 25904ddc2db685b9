//! What the end-to-end tests drive: the reference server (a real `calls-server` process
//! serving the release build of the widget, with its own temporary database and demo
//! data) and Chromium through ChromeDriver, spoken to over the W3C WebDriver protocol.

mod browser;
mod finding;
mod server;

pub use browser::{Browser, Element};
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
