//! The read-only contacts and companies, which company timelines need for names and for
//! choosing whom a call is logged for.

use axum::extract::State;
use axum::response::Response;
use calls_model::{CompanyData, CompanyPage, ContactData, ContactPage, ListParams, Owner, PageInfo};

use super::extract::{CompanyId, ContactId, Listing};
use crate::conditional::{IfNoneMatch, found};
use crate::error::ApiError;
use crate::state::AppState;

pub async fn show_contact(
    State(state): State<AppState>,
    ContactId(id): ContactId,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let contact = state
        .db
        .contact(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("No contact has the id `{id}`.")))?;
    Ok(found(ContactData { contact }, &if_none_match))
}

pub async fn show_company(
    State(state): State<AppState>,
    CompanyId(id): CompanyId,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let company = state
        .db
        .company(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("No company has the id `{id}`.")))?;
    Ok(found(CompanyData { company }, &if_none_match))
}

/// `contacts.json`, optionally `?company_id=` to list one company's contacts.
pub async fn list_contacts(
    State(state): State<AppState>,
    Listing(params): Listing,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let company = match params.owner {
        Some(Owner::Company(id)) => Some(id),
        _ => None,
    };
    contacts_page(&state, company, &params, &if_none_match).await
}

pub async fn list_company_contacts(
    State(state): State<AppState>,
    CompanyId(id): CompanyId,
    Listing(params): Listing,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    contacts_page(&state, Some(id), &params, &if_none_match).await
}

async fn contacts_page(
    state: &AppState,
    company: Option<calls_model::ObjectId>,
    params: &ListParams,
    if_none_match: &IfNoneMatch,
) -> Result<Response, ApiError> {
    if let Some(id) = company
        && state.db.company(id).await?.is_none()
    {
        return Err(ApiError::not_found(format!("No company has the id `{id}`.")));
    }
    let (contacts, total) = state.db.contacts_page(company, params).await?;
    let contacts = contacts.into_iter().map(|contact| ContactData { contact }).collect();
    let page = ContactPage {
        contacts,
        info: PageInfo::new(total, params.page, params.per_page),
    };
    Ok(found(page, if_none_match))
}

pub async fn list_companies(
    State(state): State<AppState>,
    Listing(params): Listing,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let (companies, total) = state.db.companies_page(&params).await?;
    let companies = companies.into_iter().map(|company| CompanyData { company }).collect();
    let page = CompanyPage {
        companies,
        info: PageInfo::new(total, params.page, params.per_page),
    };
    Ok(found(page, &if_none_match))
}
