//! The HTTP client for the Calls API: gloo-net requests with the token, a time limit
//! enforced by an AbortController, and every answer decoded by [`decode_answer`].

use calls_model::{
    Call, CallData, CallPage, CallPatch, Company, CompanyData, CompanyPage, Contact, ContactData, ContactPage, Deleted,
    ListParams, ObjectId, Owner,
};
use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{AbortController, RequestCredentials};

use super::call_json::call_body;
use super::decode::decode_answer;
use super::error::ApiError;
use super::prefetch::{absolute_url, prefetched};
use super::read::ReadJson;

/// Where the API is and who is asking: the key under which the page shares state.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Connection {
    /// The API base, ending in `/`, e.g. `/api/` or `https://crm.example.com/api/`.
    pub api_base: String,
    /// The API token; without one, requests carry the page's cookies instead.
    pub token: Option<String>,
}

impl Connection {
    /// A connection; the base gets its trailing `/` and an empty token counts as none.
    pub fn new(api_base: &str, token: Option<&str>) -> Self {
        let api_base = api_base.trim();
        let api_base = if api_base.ends_with('/') {
            api_base.to_owned()
        } else {
            format!("{api_base}/")
        };
        let token = token
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .map(str::to_owned);
        Self { api_base, token }
    }

    /// The URL of a path relative to the API base.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.api_base, path.trim_start_matches('/'))
    }
}

/// How long a request may take before it is aborted and reported.
pub const REQUEST_TIMEOUT_MS: u32 = 15_000;

/// A client for one [`Connection`].
#[derive(Debug, Clone)]
pub struct ApiClient {
    connection: Connection,
    timeout_ms: u32,
}

impl ApiClient {
    /// A client with the standard time limit.
    pub fn new(connection: Connection) -> Self {
        Self {
            connection,
            timeout_ms: REQUEST_TIMEOUT_MS,
        }
    }

    /// The same client with another time limit (tests use a short one).
    pub fn with_timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = timeout_ms;
        self
    }

    /// The connection this client uses.
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    /// A page of an owner's calls. `abort`, when given, lets the caller abort the request
    /// (a widget removed from the page); it is then reported like a timeout.
    pub async fn list_calls(
        &self,
        owner: Owner,
        params: &ListParams,
        abort: Option<AbortController>,
    ) -> Result<CallPage, ApiError> {
        let query = params.to_query();
        let answer = self
            .exchange(Method::GET, &owner.calls_path(), &query, None, None, abort)
            .await?;
        decode_answer(answer.status, &answer.text)
    }

    /// One call.
    pub async fn call(&self, id: ObjectId) -> Result<Call, ApiError> {
        let data: CallData = self.send(Method::GET, &format!("calls/{id}.json"), &[], None).await?;
        Ok(data.call)
    }

    /// A write, sent with its idempotency key (the same for every try of it): logging a
    /// call for `contact`, changing the fields `patch` gives of call `id`, or deleting
    /// call `id`. The call as stored (none for a delete), or why not and how long the
    /// server asked to wait (`Retry-After`, in ms).
    pub async fn write(&self, write: WriteCall<'_>, key: &str) -> Result<Option<Call>, (ApiError, Option<i64>)> {
        let (method, path, body) = match write {
            WriteCall::Create { contact, patch } => (
                Method::POST,
                format!("contacts/{contact}/calls.json"),
                Some(call_body(patch)),
            ),
            WriteCall::Update { id, patch } => (Method::PUT, format!("calls/{id}.json"), Some(call_body(patch))),
            WriteCall::Delete { id } => (Method::DELETE, format!("calls/{id}.json"), None),
        };
        let query: &[(&str, String)] = if body.is_some() {
            &[("partial", "1".into())]
        } else {
            &[]
        };
        let is_delete = body.is_none();
        let answer = self
            .exchange(method, &path, query, body, Some(key), None)
            .await
            .map_err(|error| (error, None))?;
        let wait = crate::outbox::retry_after_ms(answer.retry_after.as_deref());
        if is_delete {
            decode_answer::<Deleted>(answer.status, &answer.text)
                .map(|_| None)
                .map_err(|error| (error, wait))
        } else {
            decode_answer::<CallData>(answer.status, &answer.text)
                .map(|data| Some(data.call))
                .map_err(|error| (error, wait))
        }
    }

    /// One contact.
    pub async fn contact(&self, id: ObjectId) -> Result<Contact, ApiError> {
        let data: ContactData = self
            .send(Method::GET, &format!("contacts/{id}.json"), &[], None)
            .await?;
        Ok(data.contact)
    }

    /// One company.
    pub async fn company(&self, id: ObjectId) -> Result<Company, ApiError> {
        let data: CompanyData = self
            .send(Method::GET, &format!("companies/{id}.json"), &[], None)
            .await?;
        Ok(data.company)
    }

    /// A page of contacts, of one company or all.
    pub async fn contacts(&self, company: Option<ObjectId>, page: u32, per_page: u32) -> Result<ContactPage, ApiError> {
        let path = match company {
            Some(id) => format!("companies/{id}/contacts.json"),
            None => "contacts.json".to_owned(),
        };
        let query = [("page", page.to_string()), ("per_page", per_page.to_string())];
        self.send(Method::GET, &path, &query, None).await
    }

    /// A page of companies.
    pub async fn companies(&self, page: u32, per_page: u32) -> Result<CompanyPage, ApiError> {
        let query = [("page", page.to_string()), ("per_page", per_page.to_string())];
        self.send(Method::GET, "companies.json", &query, None).await
    }

    async fn send<T: ReadJson>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let answer = self.exchange(method, path, query, body, None, None).await?;
        decode_answer(answer.status, &answer.text)
    }

    /// The request itself, with nothing generic in it, so that its code exists once in
    /// the wasm however many kinds of answer are decoded.
    async fn exchange(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<String>,
        idempotency_key: Option<&str>,
        abort: Option<AbortController>,
    ) -> Result<Answer, ApiError> {
        let url = self.connection.url(path);
        if method == Method::GET
            && body.is_none()
            && let Some(answer) = prefetched(&absolute_url(&url, query), self.connection.token.as_deref())
        {
            return answer.await.map(|(status, text)| Answer {
                status,
                text,
                retry_after: None,
            });
        }
        // gloo-net writes the query as `absolute_url` does (URLSearchParams), so the two
        // name a request alike; it adds a stray `&` to an address that has a query already.
        let mut request = RequestBuilder::new(&url)
            .method(method)
            .header("Accept", "application/json")
            .query(query.iter().map(|(key, value)| (*key, value.as_str())));
        request = match &self.connection.token {
            Some(token) => request.header("Authorization", &format!("Bearer {token}")),
            // CRMs that sign in by session cookie: send the page's cookies instead.
            None => request.credentials(RequestCredentials::Include),
        };
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        let controller = match abort {
            Some(controller) => controller,
            None => AbortController::new().map_err(|_| ApiError::Network("AbortController is missing".to_owned()))?,
        };
        let signal = controller.signal();
        request = request.abort_signal(Some(&signal));
        let request = match body {
            Some(text) => request.header("Content-Type", "application/json").body(text),
            None => request.build(),
        }
        .map_err(|error| ApiError::Config(format!("The request could not be made: {}", describe(&error))))?;

        let _deadline = Deadline::start(self.timeout_ms, controller);
        let failed = |error: gloo_net::Error| {
            if signal.aborted() {
                ApiError::Timeout {
                    seconds: self.timeout_ms.div_ceil(1000),
                }
            } else {
                ApiError::Network(describe(&error))
            }
        };
        let response = request.send().await.map_err(failed)?;
        let status = response.status();
        let retry_after = response.headers().get("Retry-After");
        let text = response.text().await.map_err(failed)?;
        Ok(Answer {
            status,
            text,
            retry_after,
        })
    }
}

/// A write the outbox sends.
#[derive(Debug, Clone, Copy)]
pub enum WriteCall<'a> {
    /// Log a call for a contact with the given fields (`partial=1`).
    Create {
        /// The contact.
        contact: ObjectId,
        /// The call's fields.
        patch: &'a CallPatch,
    },
    /// Change the given fields of a call (`PUT …?partial=1`).
    Update {
        /// The call.
        id: ObjectId,
        /// The changed fields.
        patch: &'a CallPatch,
    },
    /// Delete a call.
    Delete {
        /// The call.
        id: ObjectId,
    },
}

/// What came back: status, body and the `Retry-After` header.
struct Answer {
    status: u16,
    text: String,
    retry_after: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_normalises_base_and_token() {
        let connection = Connection::new(" https://crm.example.com/api ", Some("  "));
        assert_eq!(connection.api_base, "https://crm.example.com/api/");
        assert_eq!(connection.token, None);
        assert_eq!(connection.url("/calls.json"), "https://crm.example.com/api/calls.json");
        assert_eq!(Connection::new("/api/", Some("t")).token.as_deref(), Some("t"));
    }
}
