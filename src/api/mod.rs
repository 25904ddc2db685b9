//! Talking to the Calls API: the client, answer decoding and the one error type.

mod client;
mod decode;
mod error;
mod json;
mod prefetch;
mod read;
mod write;

pub use client::{ApiClient, Connection, REQUEST_TIMEOUT_MS};
pub use decode::decode_answer;
pub use error::ApiError;
pub use read::ReadJson;
pub use write::call_fields;
