//! The reference Calls API server: the contract of `shared/calls-api.md` on axum, with
//! SQLite (the default) or PostgreSQL, demo data, serving the built widget too.

pub mod app;
pub mod auth;
pub mod body;
pub mod conditional;
pub mod demo;
pub mod directory;
pub mod error;
pub mod format;
pub mod idempotency;
pub mod ids;
pub mod listen;
pub mod metrics;
pub mod routes;
pub mod server;
pub mod state;
pub mod storage;
pub mod tokens;
