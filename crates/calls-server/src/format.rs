//! The `.format` suffix of API paths. It is taken off before routing, so routes are plain
//! paths: `/api/calls/{id}.json` is routed as `/api/calls/{id}`. `.json` is the only
//! format served; any other answers 406.

use axum::extract::Request;
use axum::http::{StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Strips `.json` from the last segment of an `/api/` path, or answers 406 for another
/// format and 404 for a path without one.
pub async fn strip_format(mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let Some(api_path) = path.strip_prefix("/api/") else {
        return next.run(request).await;
    };
    let last_segment = api_path.rsplit('/').next().unwrap_or_default();
    let Some((_, format)) = last_segment.rsplit_once('.') else {
        return ApiError::not_found(format!(
            "No such API path: `{path}`. API paths end in `.json`; they are listed at /api/openapi.json."
        ))
        .into_response();
    };
    if format != "json" {
        return ApiError::new(
            StatusCode::NOT_ACCEPTABLE,
            format!("The `.{format}` format is not served: ask for `.json`."),
        )
        .into_response();
    }
    let stripped = &path[..path.len() - ".json".len()];
    let rewritten = match request.uri().query() {
        Some(query) => format!("{stripped}?{query}"),
        None => stripped.to_owned(),
    };
    match rewritten.parse::<Uri>() {
        Ok(uri) => {
            *request.uri_mut() = uri;
            next.run(request).await
        }
        Err(_) => ApiError::bad_request("The request's URL cannot be read.").into_response(),
    }
}
