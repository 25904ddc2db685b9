//! Answers the loader fetched before the wasm was ready (widget/embed.js requests each
//! widget's first page while the wasm downloads): the client takes such an answer instead
//! of asking again, so the data does not wait for the code.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};

use super::client::REQUEST_TIMEOUT_MS;
use super::error::ApiError;

/// `url` with `query`, resolved against the page: the one form in which both this client
/// and the loader's prefetch (widget/embed.js) write a request's address.
pub(super) fn absolute_url(url: &str, query: &[(&str, String)]) -> String {
    let base = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten());
    let parsed = match &base {
        Some(base) => web_sys::Url::new_with_base(url, base),
        None => web_sys::Url::new(url),
    };
    let Ok(parsed) = parsed else {
        // Not a URL the browser can read: the request itself will say so.
        return url.to_owned();
    };
    let params = parsed.search_params();
    for (key, value) in query {
        params.append(key, value);
    }
    parsed.href()
}

/// A prefetched answer: its status, its body and its `ETag`, if it had one.
pub(super) type Prefetched = (u16, String, Option<String>);

/// The answer the loader fetched for this GET before the wasm was ready
/// (widget/embed.js), if there is a fresh one: it is taken, so it is used once.
pub(super) fn prefetched(
    url: &str,
    token: Option<&str>,
) -> Option<impl std::future::Future<Output = Result<Prefetched, ApiError>>> {
    let table = Reflect::get(&js_sys::global(), &js_sys::Symbol::for_("calls-widget.prefetch")).ok()?;
    let take = Reflect::get(&table, &JsValue::from_str("take"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let key = format!("GET {url} {}", token.unwrap_or_default());
    let promise = take
        .call1(&table, &JsValue::from_str(&key))
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    Some(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(answer) => {
                let field = |name: &str| Reflect::get(&answer, &JsValue::from_str(name)).ok();
                let status = field("status").and_then(|value| value.as_f64()).unwrap_or(0.0) as u16;
                let text = field("text").and_then(|value| value.as_string()).unwrap_or_default();
                Ok((status, text, field("etag").and_then(|value| value.as_string())))
            }
            Err(error) => {
                let field = |name: &str| {
                    Reflect::get(&error, &JsValue::from_str(name))
                        .ok()
                        .and_then(|value| value.as_string())
                        .unwrap_or_default()
                };
                if field("name") == "TimeoutError" {
                    Err(ApiError::Timeout {
                        seconds: REQUEST_TIMEOUT_MS.div_ceil(1000),
                    })
                } else {
                    Err(ApiError::Network(format!("{}: {}", field("name"), field("message"))))
                }
            }
        }
    })
}
