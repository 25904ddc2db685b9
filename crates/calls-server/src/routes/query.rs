//! The query parameters each operation takes, and the refusal of any other: on a list, an
//! unknown parameter is most often a misspelled filter (`sinse=`), and ignoring it would
//! answer every call as if it had been applied. The description (`openapi.json`) declares
//! the same names; a test holds the two together.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use calls_model::ListParams;

use crate::error::ApiError;

/// The listing filters and paging of a list of calls whose owner is in its path.
pub const CALL_LIST: &[&str] = ListParams::LISTING;
/// `calls.json`'s: an owner in the query, then the listing's.
pub const ALL_CALLS_LIST: &[&str] = &ListParams::KNOWN;
/// A page of a list of contacts or companies.
pub const PAGING: &[&str] = &["page", "per_page"];
/// The token, for clients that cannot set a header: every operation takes it.
pub const TOKEN: &str = "api_key";

/// Answers 400, naming the parameter, when the query has one the operation does not take
/// (`takes`, or the token); otherwise the request goes on.
pub async fn only(takes: &'static [&'static str], request: Request, next: Next) -> Response {
    let pairs: Vec<(String, String)> = match serde_urlencoded::from_str(request.uri().query().unwrap_or_default()) {
        Ok(pairs) => pairs,
        Err(_) => return ApiError::bad_request("The query string cannot be read: check its encoding.").into_response(),
    };
    let unknown = pairs
        .iter()
        .map(|(name, _)| name)
        .find(|name| *name != TOKEN && !takes.contains(&name.as_str()));
    match unknown {
        Some(name) => {
            let known = if takes.is_empty() {
                "none but `api_key`".to_owned()
            } else {
                format!("`{}` (and `api_key`)", takes.join("`, `"))
            };
            ApiError::bad_request(format!(
                "`{name}` is not a query parameter of this operation: it takes {known}. Check its spelling."
            ))
            .into_response()
        }
        None => next.run(request).await,
    }
}
