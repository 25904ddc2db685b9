//! Fills a fresh database with benchmark data: N calls spread evenly over M contacts in
//! K companies, over the last three years, plus the token `bench-token`. Writes the
//! contact and company ids to `<ids>.contacts` / `<ids>.companies` for the load scripts
//! (`<ids>` is the SQLite file's path unless `--ids` says otherwise; give it for PostgreSQL).
//!
//! `seed-calls --db bench/data/calls.sqlite3 --calls 1000000 --contacts 10000 --companies 1000`
//! `seed-calls --db postgres://…/bench --ids bench/data/postgres …` (an empty database)

use std::path::PathBuf;
use std::time::Instant;

use calls_model::{CallFields, CallResult, Company, Contact, ObjectId};
use calls_server::storage::{Db, Location, NewCall};
use calls_server::tokens::token_hash;
use chrono::{TimeDelta, Utc};

/// Companies and contacts get fixed ids, so the id files stay valid across runs.
const FIXED_TIME: u32 = 1_700_000_000;

struct Args {
    db: Location,
    ids: Option<PathBuf>,
    calls: usize,
    contacts: usize,
    companies: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        db: Location::Sqlite(PathBuf::from("bench/data/calls.sqlite3")),
        ids: None,
        calls: 1_000_000,
        contacts: 10_000,
        companies: 1_000,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let value = given.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let count = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("{flag} {value}: not a number"))
        };
        match flag.as_str() {
            "--db" => args.db = Location::parse(&value),
            "--ids" => args.ids = Some(PathBuf::from(&value)),
            "--calls" => args.calls = count()?,
            "--contacts" => args.contacts = count()?.max(1),
            "--companies" => args.companies = count()?.max(1),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(args)
}

/// The n-th id of a kind, stamped with `unix_seconds`.
fn id(kind: u8, n: usize, unix_seconds: u32) -> ObjectId {
    let mut unique = [0xbe, 0x9c, kind, 0, 0, 0, 0, 0];
    unique[4..].copy_from_slice(&(n as u32).to_be_bytes());
    ObjectId::from_parts(unix_seconds, unique)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let ids = match (&args.db, &args.ids) {
        (_, Some(ids)) => ids.clone(),
        (Location::Sqlite(path), None) => path.clone(),
        (Location::Postgres(_), None) => return Err("give --ids PATH: where the id files go".into()),
    };
    if let Location::Sqlite(path) = &args.db {
        if path.exists() {
            return Err(format!("{} exists: the benchmark wants a fresh database", path.display()).into());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
    }
    let started = Instant::now();
    let db = Db::open(&args.db, None).await?;
    if !db.is_empty().await? {
        return Err(format!("{}: the benchmark wants an empty database", args.db).into());
    }
    db.put_user("Bench", "Mark", &token_hash("bench-token")).await?;
    let companies: Vec<Company> = (0..args.companies)
        .map(|n| Company {
            id: id(1, n, FIXED_TIME),
            name: format!("Company {n:05}"),
        })
        .collect();
    let contacts: Vec<Contact> = (0..args.contacts)
        .map(|n| Contact {
            id: id(2, n, FIXED_TIME),
            first_name: format!("First{n}"),
            last_name: format!("Last{n}"),
            company_id: Some(companies[n % companies.len()].id),
            phone_number: format!("+1 555 {n:07}"),
        })
        .collect();
    db.insert_directory(&companies, &contacts).await?;

    let now = Utc::now();
    let results = [CallResult::Conversation, CallResult::NoAnswer, CallResult::LeftMessage];
    const BATCH: usize = 20_000;
    for start in (0..args.calls).step_by(BATCH) {
        let batch: Vec<NewCall> = (start..(start + BATCH).min(args.calls))
            .map(|n| {
                // Spread over ~3 years, newest first in n, so dates and creation agree.
                let created_at = now - TimeDelta::seconds((n as i64) * 95 % (3 * 365 * 86_400));
                NewCall {
                    id: id(3, n, u32::try_from(created_at.timestamp()).unwrap_or(0)),
                    contact_id: contacts[n % contacts.len()].id,
                    fields: CallFields {
                        date: created_at.date_naive(),
                        call_result: results[n % 3].clone(),
                        text: format!("Benchmark call {n}: discussed the renewal and next steps."),
                        called_via: "Talkdesk".to_owned(),
                        phone_number: contacts[n % contacts.len()].phone_number.clone(),
                        recording_link: if n % 5 == 0 {
                            format!("https://rec.example.com/{n}.mp3")
                        } else {
                            String::new()
                        },
                    },
                    author: "bench m.".to_owned(),
                    created_at,
                }
            })
            .collect();
        db.insert_calls(&batch).await?;
    }
    db.close().await;
    let ids_path = ids;
    let write_ids =
        |suffix: &str, ids: Vec<String>| std::fs::write(ids_path.with_extension(suffix), ids.join("\n") + "\n");
    write_ids("contacts", contacts.iter().map(|c| c.id.to_string()).collect())?;
    write_ids("companies", companies.iter().map(|c| c.id.to_string()).collect())?;
    println!(
        "seeded {} calls for {} contacts in {} companies into {} in {:.1}s",
        args.calls,
        args.contacts,
        args.companies,
        args.db,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
