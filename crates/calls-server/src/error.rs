//! Every failure as the contract's envelope: `status` is the HTTP status, `message` says
//! what to do about it, `data` is `null` or the field errors of a rejected write.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use calls_model::{Envelope, FieldErrors, ParamError};
use chrono::Utc;
use serde::Serialize;
use serde_json::{Value, json};

use crate::storage::StorageError;

/// An API failure, answered as an error envelope.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    errors: Option<FieldErrors>,
}

impl ApiError {
    /// Any status with a message a person can act on.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            errors: None,
        }
    }

    /// 400: the request is malformed.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: nothing is there.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// 422: the fields of a write break the contract's rules.
    pub fn invalid_fields(errors: FieldErrors) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message: format!("The call was not saved: {}.", errors.summary()),
            errors: Some(errors),
        }
    }

    /// 500: the server failed. The detail goes to the log, not to the client.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!("internal error: {detail}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The server failed to handle this request; try again, and if it keeps failing tell its operator.",
        )
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl From<StorageError> for ApiError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::ClaimLost => crate::idempotency::in_flight(),
            error => Self::internal(error),
        }
    }
}

impl From<ParamError> for ApiError {
    fn from(error: ParamError) -> Self {
        Self::bad_request(error.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let data = self.errors.map(|errors| json!({ "errors": errors }));
        let envelope: Envelope<Value> = Envelope {
            status: self.status.as_u16(),
            message: self.message,
            timestamp: Utc::now().timestamp(),
            data,
        };
        let mut response = (self.status, Json(envelope)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// A success envelope with `data`, at the given status (201 for a create, else 200).
pub fn success<T: Serialize>(status: StatusCode, data: T) -> Response {
    (status, Json(Envelope::ok(data, Utc::now().timestamp()))).into_response()
}
