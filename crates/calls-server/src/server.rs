//! Starting the server: open the database, add demo data if asked, listen, print where.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use axum::http::HeaderValue;
use chrono::Utc;
use tokio::net::TcpListener;

use crate::app::{Options, app};
use crate::demo;
use crate::idempotency::KEY_RETENTION;
use crate::listen::{Limits, serve};
use crate::state::AppState;
use crate::storage::{Db, Location};

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The database: an SQLite file (created if missing) or a PostgreSQL URL.
    pub db: Location,
    /// Connections in the database pool; the backend's default when `None`.
    pub pool_size: Option<u32>,
    /// Fill an empty database with demo data and make sure `demo-token` works.
    pub demo: bool,
    /// The built widget, served at `/`.
    pub static_dir: Option<PathBuf>,
    /// Origins allowed to call the API from a browser.
    pub allowed_origins: Vec<String>,
    /// Whether `Idempotency-Key` is honoured.
    pub idempotency: bool,
    /// Limits on connections.
    pub limits: Limits,
    /// How long a client may pause while sending a body.
    pub body_timeout: std::time::Duration,
}

/// Why the server could not start or stopped.
pub type ServerError = Box<dyn std::error::Error + Send + Sync>;

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn run(config: ServerConfig) -> Result<(), ServerError> {
    let allowed_origins = parse_origins(&config.allowed_origins)?;
    if let Some(dir) = &config.static_dir
        && !dir.join("index.html").is_file()
    {
        let folder = dir.display();
        return Err(format!("--static {folder}: there is no index.html in that folder; build the widget first").into());
    }
    let db = Db::open(&config.db, config.pool_size)
        .await
        .map_err(|error| format!("cannot open the database {}: {error}", config.db))?;
    let demo = if config.demo {
        Some(demo::ensure(&db, Utc::now()).await?)
    } else {
        None
    };
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", config.addr))?;
    let local = listener.local_addr()?;
    print_banner(local, &config, demo.as_ref());
    let mut state = AppState::new(db.clone())?;
    state.idempotency = config.idempotency;
    let purging = tokio::spawn(purge_keys_hourly(db.clone()));
    let options = Options {
        static_dir: config.static_dir.clone(),
        allowed_origins,
        body_timeout: config.body_timeout,
    };
    serve(listener, app(state, &options), config.limits, shutdown_signal()).await;
    purging.abort();
    db.close().await;
    Ok(())
}

/// Forgets idempotency keys older than their retention, now and every hour: a key is
/// then kept between 24 and 25 hours.
async fn purge_keys_hourly(db: Db) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        match db.purge_keys(Utc::now() - KEY_RETENTION).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!("forgot {purged} idempotency keys older than 24 hours"),
            Err(error) => tracing::error!("could not purge idempotency keys: {error}"),
        }
    }
}

fn parse_origins(origins: &[String]) -> Result<Vec<HeaderValue>, ServerError> {
    origins
        .iter()
        .map(|origin| {
            let origin = origin.trim_end_matches('/');
            let after_scheme = origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"));
            match after_scheme {
                Some(host) if !host.is_empty() && !host.contains('/') => HeaderValue::from_str(origin)
                    .map_err(|_| format!("--allow-origin {origin}: not a valid origin").into()),
                _ => Err(format!(
                    "--allow-origin {origin}: an origin is scheme and host, like https://crm.example.com"
                )
                .into()),
            }
        })
        .collect()
}

fn print_banner(local: SocketAddr, config: &ServerConfig, demo: Option<&demo::DemoData>) {
    let host = if local.ip().is_unspecified() {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        local.ip()
    };
    let base = format!("http://{}", SocketAddr::new(host, local.port()));
    let mut out = std::io::stdout().lock();
    // Tests and scripts read this first line to learn the port.
    let _ = writeln!(out, "calls-server listening on {base}");
    let _ = writeln!(out, "  API:      {base}/api/  (described at {base}/api/openapi.json)");
    let _ = writeln!(out, "  database: {}", config.db);
    if let Some(demo) = demo {
        let _ = writeln!(
            out,
            "  token:    {}  (Peter Anderson, author \"peter a.\")",
            demo::DEMO_TOKEN
        );
        let _ = writeln!(
            out,
            "  try:      curl -H 'Authorization: Bearer {}' {base}/api/contacts/{}/calls.json",
            demo::DEMO_TOKEN,
            demo.featured_contact
        );
        if let Some(dir) = &config.static_dir {
            let _ = writeln!(
                out,
                "  open:     {base}/?contact_id={}&token={}",
                demo.featured_contact,
                demo::DEMO_TOKEN
            );
            if dir.join("examples/crm-page.html").is_file() {
                let _ = writeln!(
                    out,
                    "  embedded: {base}/examples/crm-page.html  (the widget in a CRM page)"
                );
            }
        }
    }
    let _ = out.flush();
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}
