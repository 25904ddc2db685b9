//! `GET /api/openapi.json`: the API described for tools (Swagger UI, client generators,
//! schemathesis). Written by hand next to the contract; a test checks it against the routes.

use axum::http::header;
use axum::response::IntoResponse;

/// The OpenAPI 3 description, as served.
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

pub async fn serve() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}
