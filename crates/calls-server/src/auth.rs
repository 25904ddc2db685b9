//! Every API request names its user by token: `Authorization: Bearer <token>`, or the
//! `api_key` query parameter for clients that cannot set headers.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::error::ApiError;
use crate::state::AppState;
use crate::storage::User;
use crate::tokens::token_hash;

/// The user a request acts as, put into the request's extensions by [`require_token`].
#[derive(Clone, Debug)]
pub struct Caller(pub Arc<User>);

/// Rejects a request without a known token (401) and records its user otherwise.
pub async fn require_token(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let token = bearer_token(&request).or_else(|| api_key(&request)).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "This request has no API token: send `Authorization: Bearer <token>` or the `api_key` parameter.",
        )
    })?;
    let hash = token_hash(&token);
    let cached = state
        .users_by_token
        .read()
        .ok()
        .and_then(|users| users.get(&hash).cloned());
    let user = match cached {
        Some(user) => user,
        None => {
            let user = state.db.user_by_token_hash(&hash).await?.ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "This API token is not known: check it, or ask for a new one.",
                )
            })?;
            let user = Arc::new(user);
            if let Ok(mut users) = state.users_by_token.write() {
                users.insert(hash, Arc::clone(&user));
            }
            user
        }
    };
    request.extensions_mut().insert(Caller(user));
    Ok(next.run(request).await)
}

fn bearer_token(request: &Request) -> Option<String> {
    let value = request.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

fn api_key(request: &Request) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(request.uri().query()?).ok()?;
    pairs
        .into_iter()
        .find(|(key, value)| key == "api_key" && !value.is_empty())
        .map(|(_, value)| value)
}
