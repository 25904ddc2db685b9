//! One request to the API and its answer: the token (or the page's cookies), an
//! idempotency key for writes, `If-None-Match` for reads that may not have changed, a
//! time limit enforced by an AbortController, and the answer's status, body and headers.

use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{AbortController, RequestCredentials};

use super::client::ApiClient;
use super::error::ApiError;
use super::prefetch::{absolute_url, prefetched};

/// What to send.
pub(super) struct Ask<'a> {
    pub method: Method,
    pub path: &'a str,
    pub query: &'a [(&'a str, String)],
    pub body: Option<String>,
    /// A write's key, the same on every try of it.
    pub idempotency_key: Option<&'a str>,
    /// The tag of the answer the caller holds: the server answers 304 while it holds.
    pub if_none_match: Option<&'a str>,
    /// Lets the caller abort the request (a widget removed from the page).
    pub abort: Option<AbortController>,
}

impl<'a> Ask<'a> {
    /// A request with no body, key, tag or abort.
    pub fn new(method: Method, path: &'a str, query: &'a [(&'a str, String)]) -> Self {
        Self {
            method,
            path,
            query,
            body: None,
            idempotency_key: None,
            if_none_match: None,
            abort: None,
        }
    }
}

/// What came back: status, body, `Retry-After` and `ETag` (when CORS lets the page read it).
pub(super) struct Answer {
    pub status: u16,
    pub text: String,
    pub retry_after: Option<String>,
    pub etag: Option<String>,
}

impl ApiClient {
    /// The request itself, with nothing generic in it, so that its code exists once in
    /// the wasm however many kinds of answer are decoded.
    pub(super) async fn exchange(&self, ask: Ask<'_>) -> Result<Answer, ApiError> {
        let url = self.connection().url(ask.path);
        let token = self.connection().token.as_deref();
        if ask.method == Method::GET
            && ask.body.is_none()
            && ask.if_none_match.is_none()
            && let Some(answer) = prefetched(&absolute_url(&url, ask.query), token)
        {
            return answer.await.map(|(status, text, etag)| Answer {
                status,
                text,
                retry_after: None,
                etag,
            });
        }
        // gloo-net writes the query as `absolute_url` does (URLSearchParams), so the two
        // name a request alike; it adds a stray `&` to an address that has a query already.
        let mut request = RequestBuilder::new(&url)
            .method(ask.method)
            .header("Accept", "application/json")
            .query(ask.query.iter().map(|(key, value)| (*key, value.as_str())));
        request = match token {
            Some(token) => request.header("Authorization", &format!("Bearer {token}")),
            // CRMs that sign in by session cookie: send the page's cookies instead.
            None => request.credentials(RequestCredentials::Include),
        };
        if let Some(key) = ask.idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        // With this header set by the page, fetch() bypasses the browser's cache (Fetch
        // standard, "HTTP-network-or-cache fetch") and hands the 304 itself to us.
        if let Some(etag) = ask.if_none_match {
            request = request.header("If-None-Match", etag);
        }
        let controller = match ask.abort {
            Some(controller) => controller,
            None => AbortController::new().map_err(|_| ApiError::Network("AbortController is missing".to_owned()))?,
        };
        let signal = controller.signal();
        request = request.abort_signal(Some(&signal));
        let request = match ask.body {
            Some(text) => request.header("Content-Type", "application/json").body(text),
            None => request.build(),
        }
        .map_err(|error| ApiError::Config(format!("The request could not be made: {}", describe(&error))))?;

        let _deadline = Deadline::start(self.timeout_ms(), controller);
        let failed = |error: gloo_net::Error| {
            if signal.aborted() {
                ApiError::Timeout {
                    seconds: self.timeout_ms().div_ceil(1000),
                }
            } else {
                ApiError::Network(describe(&error))
            }
        };
        let response = request.send().await.map_err(failed)?;
        let status = response.status();
        let headers = response.headers();
        let (retry_after, etag) = (headers.get("Retry-After"), headers.get("ETag"));
        let text = response.text().await.map_err(failed)?;
        Ok(Answer {
            status,
            text,
            retry_after,
            etag,
        })
    }
}

/// What went wrong, in the browser's words. Not gloo-net's `Display`: that reaches
/// serde_json's and std::io's error texts (a JSON variant this client never produces),
/// which would all be compiled into the wasm.
fn describe(error: &gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(error) => format!("{}: {}", error.name, error.message),
        gloo_net::Error::GlooError(text) => text.clone(),
        _ => "the browser could not send the request".to_owned(),
    }
}

/// Aborts a request when its time is up; dropping it (the request finished) cancels that.
struct Deadline {
    handle: Option<i32>,
    _on_timeout: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(timeout_ms: u32, controller: AbortController) -> Self {
        let on_timeout = Closure::<dyn FnMut()>::new(move || controller.abort());
        let handle = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    on_timeout.as_ref().unchecked_ref(),
                    i32::try_from(timeout_ms).unwrap_or(i32::MAX),
                )
                .ok()
        });
        Self {
            handle,
            _on_timeout: on_timeout,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
    }
}
