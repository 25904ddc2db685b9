//! What a route reads from its request, as typed extractors: an id from the path (of a
//! call, a contact or a company), the listing parameters, the query's pairs and
//! `partial`. Each refuses bad input with the envelope and a message a person can act on,
//! so the handlers start from values, not strings.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use calls_model::{ListParams, ObjectId};

use crate::error::ApiError;

/// An id from the path; an id that cannot exist is simply not found.
pub fn parse_id(kind: &str, id: &str) -> Result<ObjectId, ApiError> {
    id.parse().map_err(|_| {
        ApiError::not_found(format!(
            "No {kind} has the id `{id}`: ids are 24 hexadecimal characters."
        ))
    })
}

async fn path_id<S: Send + Sync>(parts: &mut Parts, state: &S, kind: &str) -> Result<ObjectId, ApiError> {
    let Path(id) = Path::<String>::from_request_parts(parts, state)
        .await
        .map_err(|_| ApiError::not_found(format!("The path names no {kind}.")))?;
    parse_id(kind, &id)
}

/// Declares an extractor for the `{id}` of one kind of record.
macro_rules! path_ids {
    ($($name:ident: $kind:literal),* $(,)?) => {$(
        #[doc = concat!("The id of a ", $kind, " named by the path.")]
        pub struct $name(pub ObjectId);

        impl<S: Send + Sync> FromRequestParts<S> for $name {
            type Rejection = ApiError;

            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
                path_id(parts, state, $kind).await.map(Self)
            }
        }
    )*};
}

path_ids!(CallId: "call", ContactId: "contact", CompanyId: "company");

/// The decoded pairs of the query string; malformed pairs are a 400.
pub struct QueryPairs(pub Vec<(String, String)>);

impl QueryPairs {
    /// The value of the first pair named `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        serde_urlencoded::from_str(parts.uri.query().unwrap_or_default())
            .map(Self)
            .map_err(|_| ApiError::bad_request("The query string cannot be read: check its encoding."))
    }
}

/// The listing parameters of the query string (filters, order, page).
pub struct Listing(pub ListParams);

impl<S: Send + Sync> FromRequestParts<S> for Listing {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let QueryPairs(pairs) = QueryPairs::from_request_parts(parts, state).await?;
        Ok(Self(ListParams::parse(pairs)?))
    }
}

/// `partial=1` (or `true`) asks for a partial write; `0`, `false` or nothing for a full one.
pub struct Partial(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for Partial {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match QueryPairs::from_request_parts(parts, state).await?.get("partial") {
            None | Some("0" | "false") => Ok(Self(false)),
            Some("1" | "true") => Ok(Self(true)),
            Some(_) => Err(ApiError::bad_request("`partial` must be 1 or 0.")),
        }
    }
}
