//! The whole HTTP service: the API under `/api/`, the built widget at `/`, and the layers
//! every request passes through.

use std::any::Any;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::from_fn;
use axum::response::{IntoResponse, Response};
use tower::Layer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::body::BODY_LIMIT_BYTES;
use crate::error::ApiError;
use crate::format::strip_format;
use crate::idempotency::{IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED};
use crate::routes::api_router;
use crate::state::AppState;

/// The policy every page and file of the site is served with: the strictest one a CRM
/// would use (no inline scripts or styles, nothing from elsewhere), which the widget, the
/// standalone app and the examples all work under.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

/// What the HTTP service serves besides the API.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The built widget, served at `/`.
    pub static_dir: Option<PathBuf>,
    /// Origins whose pages may call the API from the browser (CORS).
    pub allowed_origins: Vec<HeaderValue>,
}

/// The service, ready for `axum::serve`.
pub fn app(state: AppState, options: &Options) -> axum::routing::IntoMakeService<Router> {
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
            )),
        None => Router::new().fallback(no_static_dir),
    };
    let routed = Router::new()
        .nest("/api", api_router(state).layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES)))
        .merge(site);
    // The format suffix is removed before routing, so it wraps the router from outside.
    let with_format = from_fn(strip_format).layer(routed);
    let mut layered = Router::new().fallback_service(with_format);
    if !options.allowed_origins.is_empty() {
        layered = layered.layer(cors(options.allowed_origins.clone()));
    }
    layered
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http())
        .into_make_service()
}

fn cors(origins: Vec<HeaderValue>) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, IDEMPOTENCY_KEY])
        // Widgets on CRMs that sign in by session cookie send credentials instead of a token.
        .allow_credentials(true)
        .max_age(Duration::from_secs(3600))
        .expose_headers([HeaderName::from_static("content-length"), IDEMPOTENT_REPLAYED])
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
