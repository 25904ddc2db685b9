//! The API's routes, declared once in [`operations`]: the router is built from that table
//! and a test checks the OpenAPI description against it.

mod calls;
mod directory;
mod extract;
mod openapi;
mod query;

use axum::Router;
use axum::extract::{OriginalUri, Request};
use axum::http::{Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{MethodRouter, delete, get, post, put};

use crate::auth::require_token;
use crate::error::ApiError;
use crate::idempotency::idempotent;
use crate::state::AppState;

pub use openapi::OPENAPI_JSON;

/// One operation of the API: method, path (without `/api` and `.json`), the query
/// parameters it takes (besides the token), handler.
struct Operation {
    method: Method,
    path: &'static str,
    query: &'static [&'static str],
    handler: MethodRouter<AppState>,
}

fn operations() -> Vec<Operation> {
    let op = |method: Method, path: &'static str, query: &'static [&'static str], handler: MethodRouter<AppState>| {
        Operation {
            method,
            path,
            query,
            handler,
        }
    };
    vec![
        op(Method::GET, "/calls", query::ALL_CALLS_LIST, get(calls::list)),
        op(Method::POST, "/calls", &["contact_id", "partial"], post(calls::create)),
        op(Method::GET, "/calls/{id}", &[], get(calls::show)),
        op(Method::PUT, "/calls/{id}", &["partial"], put(calls::update)),
        op(Method::DELETE, "/calls/{id}", &[], delete(calls::remove)),
        op(
            Method::GET,
            "/contacts/{id}/calls",
            query::CALL_LIST,
            get(calls::list_for_contact),
        ),
        op(
            Method::POST,
            "/contacts/{id}/calls",
            &["partial"],
            post(calls::create_for_contact),
        ),
        op(
            Method::GET,
            "/companies/{id}/calls",
            query::CALL_LIST,
            get(calls::list_for_company),
        ),
        op(
            Method::GET,
            "/contacts",
            &["company_id", "page", "per_page"],
            get(directory::list_contacts),
        ),
        op(Method::GET, "/contacts/{id}", &[], get(directory::show_contact)),
        op(Method::GET, "/companies", query::PAGING, get(directory::list_companies)),
        op(Method::GET, "/companies/{id}", &[], get(directory::show_company)),
        op(
            Method::GET,
            "/companies/{id}/contacts",
            query::PAGING,
            get(directory::list_company_contacts),
        ),
    ]
}

/// Every authenticated operation as (method, path with `.json`), for checking the docs.
pub fn operation_table() -> Vec<(String, String)> {
    operations()
        .into_iter()
        .map(|op| (op.method.to_string(), format!("{}.json", op.path)))
        .collect()
}

/// The query parameters of every authenticated operation, by (method, path with
/// `.json`), for checking the docs.
pub fn query_table() -> Vec<((String, String), Vec<&'static str>)> {
    operations()
        .into_iter()
        .map(|op| ((op.method.to_string(), format!("{}.json", op.path)), op.query.to_vec()))
        .collect()
}

/// The router of everything under `/api/` (after [`crate::format::strip_format`]).
pub fn api_router(state: AppState) -> Router {
    let mut protected = Router::new();
    for operation in operations() {
        let takes = operation.query;
        let handler = operation
            .handler
            .route_layer(from_fn(move |request, next| query::only(takes, request, next)));
        protected = protected.route(operation.path, handler);
    }
    // The last layer added runs first: the token is checked, then the idempotency key.
    let protected = protected
        .route_layer(from_fn_with_state(state.clone(), idempotent))
        .route_layer(from_fn_with_state(state.clone(), require_token));
    Router::new()
        .merge(protected)
        .route("/openapi", get(openapi::serve))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Outermost, so that refusals (401, 404, 405) are counted too.
        .layer(from_fn_with_state(state.clone(), crate::metrics::count))
        .with_state(state)
}

/// The answer for a path under `/api/` that names nothing.
pub async fn not_found(OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(format!(
        "No such API path: `{}`. The API's paths are listed at /api/openapi.json.",
        uri.path()
    ))
}

async fn method_not_allowed(OriginalUri(uri): OriginalUri, request: Request) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "`{}` cannot be used on `{}`; see /api/openapi.json.",
            request.method(),
            uri.path()
        ),
    )
}
