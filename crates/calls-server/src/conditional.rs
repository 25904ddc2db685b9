//! Conditional reads (`ETag` / `If-None-Match`, ../shared/calls-api.md): every successful
//! `GET` is tagged, and a client that names the current tag gets `304` with no body. A
//! list of calls is tagged by its owner's version ([`list_tag`]), which every write of one
//! of its calls changes, so that a refresh that finds nothing new costs one row's read; a
//! single record or a list of contacts by a hash of its data ([`found`]).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use calls_model::ListParams;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::success;
use crate::storage::ListVersion;

/// How a tagged answer may be kept: by the browser only, and never used without asking.
const REVALIDATE: HeaderValue = HeaderValue::from_static("private, no-cache");

/// The request's `If-None-Match`, if it has one that can be read.
pub struct IfNoneMatch(Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IfNoneMatch {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let value = parts
            .headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        Ok(Self((!value.is_empty()).then_some(value)))
    }
}

impl IfNoneMatch {
    /// Whether the header names `etag` or is `*`, compared weakly (RFC 9110, 13.1.2:
    /// `W/` aside, the opaque tags are equal).
    pub fn matches(&self, etag: &str) -> bool {
        self.names(etag) || self.tags().any(|tag| tag == "*")
    }

    /// Whether the header names `etag` itself (`*` aside: it matches only what exists,
    /// which the caller may not know yet).
    pub fn names(&self, etag: &str) -> bool {
        let wanted = opaque(etag);
        self.tags().any(|tag| opaque(tag) == wanted)
    }

    fn tags(&self) -> impl Iterator<Item = &str> {
        self.0.iter().flat_map(|value| value.split(',')).map(str::trim)
    }
}

fn opaque(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

/// The tag of a page of calls: its list's version, the database's identity and the
/// page asked for (its owner, filters and paging), hashed.
pub fn list_tag(version: &ListVersion, params: &ListParams) -> String {
    let mut hash = Sha256::new();
    hash.update(version.database.as_bytes());
    hash.update(version.version.to_le_bytes());
    if let Some(owner) = params.owner {
        hash.update(owner.to_string().as_bytes());
    }
    for (name, value) in params.to_query() {
        hash.update(format!("\n{name}={value}").as_bytes());
    }
    weak_tag(hash)
}

fn weak_tag(hash: Sha256) -> String {
    let digest = hash.finalize();
    format!("W/\"{}\"", hex::encode(&digest[..12]))
}

/// `304 Not Modified` for a request that named the current `etag`.
pub fn not_modified(etag: &str) -> Response {
    tagged(StatusCode::NOT_MODIFIED.into_response(), etag)
}

/// `response` with its tag and the caching that goes with one.
pub fn tagged(mut response: Response, etag: &str) -> Response {
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, REVALIDATE);
    response
}

/// The success answer of a `GET` for `data`, tagged by a hash of it: `304` when the
/// request names that tag already.
pub fn found<T: Serialize>(data: T, if_none_match: &IfNoneMatch) -> Response {
    let mut hash = Sha256::new();
    // Serializing what was just read from the database cannot fail; if it ever did, the
    // answer goes out untagged rather than with a tag that means nothing.
    let Ok(bytes) = serde_json::to_vec(&data) else {
        return success(StatusCode::OK, data);
    };
    hash.update(&bytes);
    let etag = weak_tag(hash);
    if if_none_match.matches(&etag) {
        return not_modified(&etag);
    }
    tagged(success(StatusCode::OK, data), &etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(value: &str) -> IfNoneMatch {
        IfNoneMatch(Some(value.to_owned()))
    }

    #[test]
    fn tags_match_weakly_in_a_list_or_as_a_star() {
        let etag = "W/\"abc\"";
        assert!(header("W/\"abc\"").matches(etag));
        assert!(header("\"abc\"").matches(etag));
        assert!(header("\"x\", W/\"abc\"").matches(etag));
        assert!(header("*").matches(etag));
        assert!(!header("W/\"abd\"").matches(etag));
        assert!(!IfNoneMatch(None).matches(etag));
        assert!(!header("*").names(etag));
    }

    #[test]
    fn a_list_tag_follows_the_version_the_database_and_the_page() {
        let version = |database: &str, version| ListVersion {
            database: database.to_owned(),
            version,
        };
        let first = ListParams::default();
        let second = ListParams {
            page: 2,
            ..ListParams::default()
        };
        let tag = list_tag(&version("a", 1), &first);
        assert_eq!(tag, list_tag(&version("a", 1), &first));
        assert!(tag.starts_with("W/\""));
        assert_ne!(tag, list_tag(&version("a", 2), &first));
        assert_ne!(tag, list_tag(&version("b", 1), &first));
        assert_ne!(tag, list_tag(&version("a", 1), &second));
    }
}
