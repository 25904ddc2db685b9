//! The whole HTTP service: the API under `/api/`, the built widget at `/`, and the layers
//! every request passes through.

use std::any::Any;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use tower::Layer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;

use crate::body::BODY_LIMIT_BYTES;
use crate::error::ApiError;
use crate::format::strip_format;
use crate::idempotency::{IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED};
use crate::routes::{api_router, not_found};
use crate::state::AppState;

/// The policy every page and file of the site is served with: the strictest one a CRM
/// would use (no inline scripts or styles, nothing from elsewhere), which the widget, the
/// standalone app and the examples all work under.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

/// How long a request may take in all before it is answered with a 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What the HTTP service serves besides the API.
#[derive(Debug, Clone)]
pub struct Options {
    /// The built widget, served at `/`.
    pub static_dir: Option<PathBuf>,
    /// Origins whose pages may call the API from the browser (CORS).
    pub allowed_origins: Vec<HeaderValue>,
    /// How long a client may pause while sending a request's body before the request is
    /// answered with a 408.
    pub body_timeout: Duration,
}

/// The service, ready for [`crate::listen::serve`].
pub fn app(state: AppState, options: &Options) -> Router {
    let site = match &options.static_dir {
        // A release build puts a `.br` and a `.gz` beside each file, compressed once at
        // the highest settings (scripts/finish-release.sh): those are sent to browsers
        // that take them, smaller than compressing each response on the fly.
        Some(dir) => Router::new()
            .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
            .layer(SetResponseHeaderLayer::overriding(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CONTENT_SECURITY_POLICY),
            ))
            // The widget's files keep their names from build to build (pages link them
            // by name), so browsers must ask whether they changed before using a copy.
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-cache"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::REFERRER_POLICY,
                HeaderValue::from_static("strict-origin-when-cross-origin"),
            )),
        None => Router::new().fallback(no_static_dir),
    };
    let api = api_router(state.clone())
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        // Answers are per user and change with every write: never kept by a cache, but
        // for the `GET`s that carry an `ETag` (`private, no-cache`: see `conditional`).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ));
    let routed = Router::new()
        .nest("/api", api)
        // `/api` and everything under it is the API's, whatever the static folder holds.
        .route("/api", any(not_found))
        .route("/api/", any(not_found))
        .merge(operations_router(state))
        .merge(site);
    // The format suffix is removed before routing, so it wraps the router from outside.
    let with_format = from_fn(strip_format).layer(routed);
    let mut layered = Router::new().fallback_service(with_format);
    if !options.allowed_origins.is_empty() {
        layered = layered.layer(cors(options.allowed_origins.clone()));
    }
    layered
        .layer(CompressionLayer::new())
        .layer(from_fn(envelope_errors))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(RequestBodyTimeoutLayer::new(options.body_timeout))
        .layer(CatchPanicLayer::custom(panic_response))
        // Logged without the query's values: a token may be among them (`api_key`).
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            tracing::debug_span!("request", method = %request.method(), uri = %redacted(request.uri()))
        }))
}

/// The process's own routes, outside the API and its token: liveness, readiness and
/// metrics, for load balancers and Prometheus.
fn operations_router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(crate::metrics::serve))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state)
}

async fn healthz() -> Response {
    axum::Json(serde_json::json!({ "status": "ok" })).into_response()
}

async fn readyz(State(state): State<AppState>) -> Response {
    if state.db.ready().await {
        axum::Json(serde_json::json!({ "status": "ready" })).into_response()
    } else {
        let body = serde_json::json!({ "status": "unavailable", "reason": "the database does not answer" });
        (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response()
    }
}

/// `uri` with the value of every query parameter replaced, for logs.
pub fn redacted(uri: &axum::http::Uri) -> String {
    match uri.query() {
        None => uri.path().to_owned(),
        Some(query) => {
            let names: Vec<String> = query
                .split('&')
                .map(|pair| format!("{}=…", pair.split('=').next().unwrap_or_default()))
                .collect();
            format!("{}?{}", uri.path(), names.join("&"))
        }
    }
}

/// Every answer under `/api/` is the contract's envelope: an error made by a layer
/// (a timeout, a body too large) or by the static folder becomes one.
async fn envelope_errors(request: Request, next: Next) -> Response {
    let is_api = request.uri().path() == "/api" || request.uri().path().starts_with("/api/");
    let mut answer = enveloped(is_api, next.run(request).await);
    if is_api && !answer.headers().contains_key(header::CACHE_CONTROL) {
        // Answered outside the API's router (`/api`, `/api/`, a bad format): no cache
        // keeps those either.
        answer
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    answer
}

/// An API error without the JSON envelope (from a layer, or a route outside the API's
/// router) in the envelope; anything else as it is.
fn enveloped(is_api: bool, response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if !is_api || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let message = match status {
        StatusCode::REQUEST_TIMEOUT => "The request took too long to arrive or to answer; send it again.".to_owned(),
        StatusCode::PAYLOAD_TOO_LARGE => format!("The body is larger than {} KiB: send less.", BODY_LIMIT_BYTES / 1024),
        StatusCode::NOT_FOUND => "No such API path. The API's paths are listed at /api/openapi.json.".to_owned(),
        _ => format!("The request failed ({status})."),
    };
    let mut answer = ApiError::new(status, message).into_response();
    for name in [
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        header::VARY,
    ] {
        if let Some(value) = response.headers().get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

fn cors(origins: Vec<HeaderValue>) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            IDEMPOTENCY_KEY,
            header::IF_NONE_MATCH,
        ])
        // Widgets on CRMs that sign in by session cookie send credentials instead of a token.
        .allow_credentials(true)
        .max_age(Duration::from_secs(3600))
        .expose_headers([
            HeaderName::from_static("content-length"),
            IDEMPOTENT_REPLAYED,
            header::RETRY_AFTER,
            header::ETAG,
        ])
}

fn panic_response(_: Box<dyn Any + Send + 'static>) -> Response {
    ApiError::internal("a request handler panicked").into_response()
}

async fn no_static_dir(request: Request) -> Response {
    if request.uri().path() == "/" {
        (
            StatusCode::OK,
            "calls-server: the Calls API is at /api/ (see /api/openapi.json). Start with --static DIR to serve the widget here.\n",
        )
            .into_response()
    } else {
        (StatusCode::NOT_FOUND, "Not found. The Calls API is at /api/.\n").into_response()
    }
}
