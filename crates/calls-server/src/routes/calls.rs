//! The call resource: list, show, create, update, delete.

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use calls_model::{CallData, CallFields, CallPage, CallPatch, Deleted, ListParams, ObjectId, Owner, PageInfo};
use chrono::Utc;

use super::extract::{CallId, CompanyId, ContactId, Listing, Partial, QueryPairs, parse_id};
use crate::auth::Caller;
use crate::body::JsonBody;
use crate::conditional::{IfNoneMatch, found, list_tag, not_modified, tagged};
use crate::error::{ApiError, success};
use crate::idempotency::Answer;
use crate::state::AppState;
use crate::storage::{Claim, NewCall};

/// `calls.json`, with `contact_id` or `company_id` or neither.
pub async fn list(
    State(state): State<AppState>,
    Listing(params): Listing,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    list_page(&state, params, &if_none_match).await
}

/// `contacts/{id}/calls.json`.
pub async fn list_for_contact(
    State(state): State<AppState>,
    ContactId(id): ContactId,
    Listing(params): Listing,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    list_page(&state, with_path_owner(params, Owner::Contact(id))?, &if_none_match).await
}

/// `companies/{id}/calls.json`.
pub async fn list_for_company(
    State(state): State<AppState>,
    CompanyId(id): CompanyId,
    Listing(params): Listing,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    list_page(&state, with_path_owner(params, Owner::Company(id))?, &if_none_match).await
}

/// The path names the owner; a query parameter may repeat it but not contradict it.
fn with_path_owner(mut params: ListParams, owner: Owner) -> Result<ListParams, ApiError> {
    match params.owner {
        Some(given) if given != owner => Err(ApiError::bad_request(format!(
            "The query names {given} but the path names {owner}: give one."
        ))),
        _ => {
            params.owner = Some(owner);
            Ok(params)
        }
    }
}

async fn list_page(state: &AppState, params: ListParams, if_none_match: &IfNoneMatch) -> Result<Response, ApiError> {
    // The version first: a write between the two reads then changes the next tag too.
    let etag = list_tag(&state.db.calls_version(params.owner).await?, &params);
    if if_none_match.names(&etag) {
        // Only a page that was answered had a tag: the owner existed, and owners stay.
        return Ok(not_modified(&etag));
    }
    let (calls, total) = state.db.calls_page(&params).await?;
    // A call's contact always exists, so only an empty answer needs to ask whether the
    // owner does: that keeps the common case at two queries.
    if total == 0 {
        ensure_owner_exists(state, params.owner).await?;
    }
    let calls = calls.into_iter().map(|call| CallData { call }).collect();
    if if_none_match.matches(&etag) {
        // `*`, now that the list is known to exist.
        return Ok(not_modified(&etag));
    }
    let page = CallPage {
        calls,
        info: PageInfo::new(total, params.page, params.per_page),
    };
    Ok(tagged(success(StatusCode::OK, page), &etag))
}

async fn ensure_owner_exists(state: &AppState, owner: Option<Owner>) -> Result<(), ApiError> {
    let exists = match owner {
        None => true,
        Some(Owner::Contact(id)) => state.db.contact(id).await?.is_some(),
        Some(Owner::Company(id)) => state.db.company(id).await?.is_some(),
    };
    match owner {
        Some(owner) if !exists => Err(ApiError::not_found(format!("No {owner} exists."))),
        _ => Ok(()),
    }
}

/// `calls/{id}.json`.
pub async fn show(
    State(state): State<AppState>,
    CallId(id): CallId,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let call = state.db.call(id).await?.ok_or_else(|| no_call(id))?;
    Ok(found(CallData { call }, &if_none_match))
}

/// `POST calls.json?contact_id=…[&partial=1]`.
pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    claim: Option<Extension<Claim>>,
    query: QueryPairs,
    Partial(partial): Partial,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    if query.get("company_id").is_some() {
        return Err(ApiError::bad_request(
            "A call is logged for a contact, not a company: give `contact_id` instead of `company_id`.",
        ));
    }
    let contact_id = query
        .get("contact_id")
        .ok_or_else(|| ApiError::bad_request("Say whom the call was with: give the `contact_id` parameter."))?;
    let contact_id = parse_id("contact", contact_id)?;
    insert(&state, &caller, claim.as_deref(), contact_id, partial, &body).await
}

/// `POST contacts/{id}/calls.json[?partial=1]`.
pub async fn create_for_contact(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    claim: Option<Extension<Claim>>,
    ContactId(contact_id): ContactId,
    Partial(partial): Partial,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    insert(&state, &caller, claim.as_deref(), contact_id, partial, &body).await
}

async fn insert(
    state: &AppState,
    caller: &Caller,
    claim: Option<&Claim>,
    contact_id: ObjectId,
    partial: bool,
    body: &serde_json::Value,
) -> Result<Response, ApiError> {
    let patch = CallPatch::from_json(body).map_err(ApiError::invalid_fields)?;
    patch.validate().map_err(ApiError::invalid_fields)?;
    let now = Utc::now();
    let fields = if partial {
        patch.apply_to(CallFields::defaults(now.date_naive()))
    } else {
        patch.into_complete().map_err(ApiError::invalid_fields)?
    };
    let new_call = NewCall {
        id: state.ids.next(now),
        contact_id,
        fields,
        author: caller.0.author(),
        created_at: now,
    };
    let mut write = state.db.begin_write().await?;
    let call = write
        .insert_call(&new_call)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("No contact has the id `{contact_id}`.")))?;
    Answer::new(StatusCode::CREATED, CallData { call })?
        .commit(write, claim)
        .await
}

/// `PUT calls/{id}.json[?partial=1]`.
pub async fn update(
    State(state): State<AppState>,
    claim: Option<Extension<Claim>>,
    CallId(id): CallId,
    Partial(partial): Partial,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let patch = CallPatch::from_json(&body).map_err(ApiError::invalid_fields)?;
    patch.validate().map_err(ApiError::invalid_fields)?;
    // A full replace is a patch that gives every field.
    let patch = if partial {
        patch
    } else {
        CallPatch::from(patch.into_complete().map_err(ApiError::invalid_fields)?)
    };
    let mut write = state.db.begin_write().await?;
    let call = write
        .update_call(id, &patch, Utc::now())
        .await?
        .ok_or_else(|| no_call(id))?;
    Answer::new(StatusCode::OK, CallData { call })?
        .commit(write, claim.as_deref())
        .await
}

/// `DELETE calls/{id}.json`.
pub async fn remove(
    State(state): State<AppState>,
    claim: Option<Extension<Claim>>,
    CallId(id): CallId,
) -> Result<Response, ApiError> {
    let mut write = state.db.begin_write().await?;
    if !write.delete_call(id).await? {
        return Err(no_call(id));
    }
    Answer::new(StatusCode::OK, Deleted { id })?
        .commit(write, claim.as_deref())
        .await
}

fn no_call(id: ObjectId) -> ApiError {
    ApiError::not_found(format!("No call has the id `{id}`; it may have been deleted."))
}
