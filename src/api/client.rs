//! The HTTP client for the Calls API: one method per operation, each request made by
//! [`ApiClient::exchange`] and each answer decoded by [`decode_answer`].

use calls_model::{
    Call, CallData, CallPage, CallPatch, Company, CompanyData, CompanyPage, Contact, ContactData, ContactPage, Deleted,
    ListParams, ObjectId, Owner,
};
use gloo_net::http::Method;
use web_sys::AbortController;

use super::call_json::call_body;
use super::connection::Connection;
use super::decode::{decode_answer, envelope_time_ms};
use super::error::ApiError;
use super::exchange::Ask;
use super::read::ReadJson;

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

    /// How long a request may take.
    pub(super) fn timeout_ms(&self) -> u32 {
        self.timeout_ms
    }

    /// A page of an owner's calls. `abort`, when given, lets the caller abort the request
    /// (a widget removed from the page); it is then reported like a timeout.
    pub async fn list_calls(
        &self,
        owner: Owner,
        params: &ListParams,
        abort: Option<AbortController>,
    ) -> Result<CallPage, ApiError> {
        let listed = self.list_calls_if_changed(owner, params, None, abort).await?;
        listed.page.ok_or(ApiError::Http { status: 304 })
    }

    /// A page of an owner's calls unless it is still the one tagged `etag` (then
    /// `page` is `None`), with the answer's own tag when the server gives one.
    pub async fn list_calls_if_changed(
        &self,
        owner: Owner,
        params: &ListParams,
        etag: Option<&str>,
        abort: Option<AbortController>,
    ) -> Result<Listed, ApiError> {
        let query = params.to_query();
        let path = owner.calls_path();
        let mut ask = Ask::new(Method::GET, &path, &query);
        ask.if_none_match = etag;
        ask.abort = abort;
        let answer = self.exchange(ask).await?;
        let page = match answer.status {
            304 if etag.is_some() => None,
            status => Some(decode_answer(status, &answer.text)?),
        };
        Ok(Listed {
            server_time_ms: page.as_ref().and_then(|_| envelope_time_ms(&answer.text)),
            page,
            etag: answer.etag,
        })
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
        let mut ask = Ask::new(method, &path, query);
        ask.body = body;
        ask.idempotency_key = Some(key);
        let answer = self.exchange(ask).await.map_err(|error| (error, None))?;
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
        let mut ask = Ask::new(method, path, query);
        ask.body = body;
        let answer = self.exchange(ask).await?;
        decode_answer(answer.status, &answer.text)
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

/// A list of calls asked for only if it changed.
pub struct Listed {
    /// The page, or `None`: it did not change.
    pub page: Option<CallPage>,
    /// The answer's tag, to send next time.
    pub etag: Option<String>,
    /// The server's clock when it answered with a page (the envelope's `timestamp`).
    pub server_time_ms: Option<i64>,
}
