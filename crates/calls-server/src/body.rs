//! The JSON request body, read with errors a client can act on instead of axum's plain-text
//! rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde_json::Value;

use crate::error::ApiError;

/// The largest request body accepted; larger answers 413.
pub const BODY_LIMIT_BYTES: usize = 1024 * 1024;

/// A request body parsed as JSON (any JSON value; the handler decides what it needs).
#[derive(Debug)]
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(content_type) = request.headers().get(header::CONTENT_TYPE) {
            let mime = content_type
                .to_str()
                .unwrap_or_default()
                .split(';')
                .next()
                .unwrap_or_default()
                .trim();
            let is_json = mime.eq_ignore_ascii_case("application/json")
                || (mime.starts_with("application/") && mime.to_ascii_lowercase().ends_with("+json"));
            if !is_json {
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("The body is sent as `{mime}`: send JSON with `Content-Type: application/json`."),
                ));
            }
        }
        refuse_declared_too_large(request.headers())?;
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if caused_by_timeout(&rejection) {
                ApiError::new(
                    StatusCode::REQUEST_TIMEOUT,
                    "The body stopped arriving before it was complete; send the request again.",
                )
            } else if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                ApiError::bad_request(format!("The body could not be read: {}", rejection.body_text()))
            }
        })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::bad_request(
                "The request has no body: send {\"call\": {…the call's fields…}}.",
            ));
        }
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|error| ApiError::bad_request(format!("The body is not valid JSON: {error}.")))
    }
}

/// A body whose declared length is over the limit is refused before a byte of it is
/// read: nobody waits for a body this large.
pub fn refuse_declared_too_large(headers: &axum::http::HeaderMap) -> Result<(), ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    match declared {
        Some(length) if length > BODY_LIMIT_BYTES as u64 => Err(too_large()),
        _ => Ok(()),
    }
}

/// Why a body could not be read, as the answer to give.
pub fn unreadable(error: &(dyn std::error::Error + 'static)) -> ApiError {
    if caused_by_timeout(error) {
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "The body stopped arriving before it was complete; send the request again.",
        )
    } else {
        too_large()
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("The body is larger than {} KiB: send less.", BODY_LIMIT_BYTES / 1024),
    )
}

/// Whether reading the body failed because it stopped arriving (the body timeout).
fn caused_by_timeout(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if error.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = error.source();
    }
    false
}
