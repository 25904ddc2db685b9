//! Talking to the Calls API: the client, answer decoding and the one error type.

pub(crate) mod call_json;
mod client;
mod connection;
mod decode;
mod error;
mod exchange;
pub(crate) mod json;
mod prefetch;
pub(crate) mod read;

pub use call_json::call_fields;
pub use client::{ApiClient, Listed, REQUEST_TIMEOUT_MS, WriteCall};
pub use connection::Connection;
pub use decode::decode_answer;
pub use error::ApiError;
pub use read::ReadJson;
