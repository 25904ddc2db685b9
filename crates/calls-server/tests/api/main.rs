//! Integration tests: the real `calls-server` binary on an ephemeral port with its own
//! database, spoken to over HTTP. One module per part of the contract.

mod auth_and_cors;
mod bad_input;
mod common;
mod conditional;
mod demo_and_static;
mod directory;
mod durability;
mod idempotency;
mod listing;
mod openapi;
mod operations;
mod stored_keys;
mod two_servers;
mod writes;
