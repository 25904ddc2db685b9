//! `calls-server`: run the Calls API, or manage its tokens.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use calls_server::directory;
use calls_server::listen::Limits;
use calls_server::server::{ServerConfig, run};
use calls_server::storage::{Db, Location};
use calls_server::tokens::{new_token, token_hash};
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The reference Calls API server.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The database: an SQLite file (created if missing), or a PostgreSQL database as a
    /// `postgres://user:password@host:port/name` URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        hide_env_values = true,
        default_value = "calls.sqlite3",
        global = true
    )]
    db: String,
    /// Connections the server keeps to its database [default: 4 for SQLite, 16 for
    /// PostgreSQL].
    #[arg(long, value_name = "N")]
    pool_size: Option<u32>,
    /// Fill an empty database with demo data and make sure the token `demo-token` works.
    #[arg(long)]
    demo: bool,
    /// Folder with the built widget (trunk's dist/) to serve at `/`.
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// An origin whose pages may call the API (CORS); repeat for more.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origin: Vec<String>,
    /// Ignore `Idempotency-Key`, as a CRM's API that never implemented it would (to try
    /// the widget against one).
    #[arg(long)]
    no_idempotency: bool,
    /// Seconds a client has to send a request's headers before it is dropped.
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0)]
    header_timeout: f64,
    /// Seconds a client may pause while sending a request's body before it gets a 408.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    body_timeout: f64,
    /// Connections served at once; more wait to be accepted.
    #[arg(long, value_name = "N", default_value_t = 4096)]
    max_connections: usize,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Manage companies (the API only reads them).
    Company {
        #[command(subcommand)]
        action: CompanyAction,
    },
    /// Manage contacts (the API only reads them).
    Contact {
        #[command(subcommand)]
        action: ContactAction,
    },
}

#[derive(Subcommand, Debug)]
enum CompanyAction {
    /// Create a company and print its id.
    Create {
        /// The company's name.
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand, Debug)]
enum ContactAction {
    /// Create a contact and print its id.
    Create {
        /// The contact's first name.
        #[arg(long)]
        first: String,
        /// The contact's last name.
        #[arg(long, default_value = "")]
        last: String,
        /// The id of the contact's company.
        #[arg(long)]
        company: Option<String>,
        /// The contact's phone number.
        #[arg(long, default_value = "")]
        phone: String,
    },
    /// Change a contact's names or phone number (each option given replaces the stored value).
    Update {
        /// The contact's id.
        id: String,
        /// The new first name.
        #[arg(long)]
        first: Option<String>,
        /// The new last name.
        #[arg(long)]
        last: Option<String>,
        /// The new phone number.
        #[arg(long)]
        phone: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum TokenAction {
    /// Create a user with a new random token, and print the token (it is stored hashed).
    Create {
        /// The user's first name.
        #[arg(long)]
        first: String,
        /// The user's last name.
        #[arg(long)]
        last: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("calls_server=info,tower_http=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let db = Location::parse(&cli.db);
    let result = match cli.command {
        None => {
            run(ServerConfig {
                addr: cli.addr,
                db,
                pool_size: cli.pool_size,
                demo: cli.demo,
                static_dir: cli.static_dir,
                allowed_origins: cli.allow_origin,
                idempotency: !cli.no_idempotency,
                body_timeout: Duration::try_from_secs_f64(cli.body_timeout).unwrap_or(Duration::from_secs(10)),
                limits: Limits {
                    header_timeout: Duration::try_from_secs_f64(cli.header_timeout).unwrap_or(Duration::from_secs(5)),
                    max_connections: cli.max_connections.max(1),
                    ..Limits::default()
                },
            })
            .await
        }
        Some(Command::Token {
            action: TokenAction::Create { first, last },
        }) => create_token(&db, &first, &last).await,
        Some(Command::Company {
            action: CompanyAction::Create { name },
        }) => directory::create_company(&db, &name).await,
        Some(Command::Contact {
            action:
                ContactAction::Create {
                    first,
                    last,
                    company,
                    phone,
                },
        }) => directory::create_contact(&db, &first, &last, company.as_deref(), &phone).await,
        Some(Command::Contact {
            action: ContactAction::Update { id, first, last, phone },
        }) => {
            let changes = directory::ContactChanges {
                first: first.as_deref(),
                last: last.as_deref(),
                phone: phone.as_deref(),
            };
            directory::update_contact(&db, &id, changes).await
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("calls-server: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn create_token(db: &Location, first: &str, last: &str) -> Result<(), calls_server::server::ServerError> {
    if first.trim().is_empty() {
        return Err("--first must not be empty".into());
    }
    let db = Db::open(db, Some(1)).await?;
    let token = new_token()?;
    let user = db.put_user(first.trim(), last.trim(), &token_hash(&token)).await?;
    db.close().await;
    println!("{token}");
    eprintln!(
        "token for {} {} (author \"{}\"); it is shown only now",
        user.first_name,
        user.last_name,
        user.author()
    );
    Ok(())
}
