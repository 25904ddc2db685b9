//! `Idempotency-Key` on writes (../shared/calls-api.md, "Idempotent writes"): the first
//! request with a key is processed and its answer kept with the key, in the write's own
//! transaction ([`Answer::commit`]); a repeat of the same request gets that answer again,
//! marked `Idempotent-Replayed: true`, and changes nothing. A repeat while the first is
//! still being processed is a 409; the key on a different request is a 422.

use axum::body::{Body, to_bytes};
use axum::extract::{OriginalUri, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{TimeDelta, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::auth::Caller;
use crate::body::{BODY_LIMIT_BYTES, refuse_declared_too_large, unreadable};
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage::{Claim, ClaimOutcome, Write};

/// The request header that names a write.
pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// The answer header that marks a kept answer sent again.
pub const IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");
/// How long a key and its answer are kept, at least.
pub const KEY_RETENTION: TimeDelta = TimeDelta::hours(24);

/// A success answer rendered once to bytes, so that exactly these bytes are sent and
/// kept with the request's idempotency key.
pub struct Answer {
    status: StatusCode,
    body: Vec<u8>,
}

impl Answer {
    /// The contract's success envelope around `data`.
    pub fn new<T: Serialize>(status: StatusCode, data: T) -> Result<Self, ApiError> {
        let envelope = calls_model::Envelope::ok(data, Utc::now().timestamp());
        let body = serde_json::to_vec(&envelope).map_err(ApiError::internal)?;
        Ok(Self { status, body })
    }

    /// Commits `write` with this answer kept under the request's key (if it had one), then
    /// answers.
    pub async fn commit(self, write: Write, claim: Option<&Claim>) -> Result<Response, ApiError> {
        test_hook("CALLS_SERVER_DELAY_COMMIT_MS").await;
        write.commit(claim, self.status.as_u16(), &self.body).await?;
        test_hook("CALLS_SERVER_PAUSE_AFTER_COMMIT").await;
        Ok(json_response(self.status, self.body))
    }
}

/// Debug builds only, for the integration tests: `CALLS_SERVER_DELAY_COMMIT_MS=N` holds
/// every write N ms before it commits (a second request then finds the first in flight);
/// `CALLS_SERVER_PAUSE_AFTER_COMMIT=1` keeps a committed write from ever answering (a test
/// then kills the process between the commit and the answer). Release builds ignore both.
async fn test_hook(name: &str) {
    if !cfg!(debug_assertions) {
        return;
    }
    let Ok(value) = std::env::var(name) else { return };
    if !name.ends_with("_MS") {
        std::future::pending::<()>().await;
    } else if let Ok(ms) = value.parse() {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        body,
    )
        .into_response()
}

/// The middleware, inside authentication: writes with a key are claimed, replayed or
/// refused here; the handler finds its [`Claim`] in the request's extensions.
pub async fn idempotent(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let is_write = matches!(*request.method(), Method::POST | Method::PUT | Method::DELETE);
    let (Some(value), Some(Caller(user)), true, true) = (
        request.headers().get(IDEMPOTENCY_KEY).cloned(),
        request.extensions().get::<Caller>().cloned(),
        is_write,
        state.idempotency,
    ) else {
        return next.run(request).await;
    };
    let key = match valid_key(&value) {
        Ok(key) => key,
        Err(error) => return error.into_response(),
    };
    if let Err(error) = refuse_declared_too_large(request.headers()) {
        return error.into_response();
    }
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, BODY_LIMIT_BYTES).await {
        Ok(bytes) => bytes,
        Err(error) => return unreadable(&error).into_response(),
    };
    let fingerprint = fingerprint(&parts, &bytes);
    match state.db.claim_key(user.id, key, &fingerprint, Utc::now()).await {
        Err(error) => ApiError::from(error).into_response(),
        Ok(ClaimOutcome::Replay { status, body }) => {
            state.metrics.replayed();
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let mut response = json_response(status, body);
            response
                .headers_mut()
                .insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
            response
        }
        Ok(ClaimOutcome::InFlight) => in_flight().into_response(),
        Ok(ClaimOutcome::OtherRequest) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "This Idempotency-Key was already used for a different request: make a new key for a new request.",
        )
        .into_response(),
        Ok(ClaimOutcome::Claimed(claim)) => {
            let mut request = Request::from_parts(parts, Body::from(bytes));
            request.extensions_mut().insert(claim.clone());
            let response = next.run(request).await;
            // Nothing was written (the answer is an error): free the key, so that a retry is
            // processed afresh rather than told the old error.
            if !response.status().is_success()
                && let Err(error) = state.db.release_key(&claim).await
            {
                tracing::error!("could not release an idempotency key: {error}");
            }
            response
        }
    }
}

/// 409: the first request with this key has not answered yet.
pub fn in_flight() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "A request with this Idempotency-Key is still being processed: retry in a moment with the same key.",
    )
}

fn valid_key(value: &HeaderValue) -> Result<&str, ApiError> {
    let bytes = value.as_bytes();
    if (1..=255).contains(&bytes.len()) && bytes.iter().all(|byte| (0x21..=0x7e).contains(byte)) {
        value.to_str().map_err(|_| bad_key())
    } else {
        Err(bad_key())
    }
}

fn bad_key() -> ApiError {
    ApiError::bad_request("An Idempotency-Key is 1 to 255 visible ASCII characters (a UUID, say).")
}

/// What makes two requests the same request: method, path with query (without the
/// token, which may come by header one time and by `api_key` the next) and body.
fn fingerprint(parts: &Parts, body: &[u8]) -> String {
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |original| &original.0);
    let query: Vec<(String, String)> = serde_urlencoded::from_str(uri.query().unwrap_or_default()).unwrap_or_default();
    let query: Vec<&(String, String)> = query.iter().filter(|(name, _)| name != "api_key").collect();
    let mut hash = Sha256::new();
    for part in [
        parts.method.as_str().as_bytes(),
        uri.path().as_bytes(),
        serde_urlencoded::to_string(query).unwrap_or_default().as_bytes(),
    ] {
        hash.update(part);
        hash.update([0]);
    }
    hash.update(body);
    hex::encode(hash.finalize())
}
