//! A company's contacts: fetched once per page (every page of them, up to a limit) and
//! shared by the company's widgets, for names in its timeline and the form's Contact field.

use calls_model::{Contact, ObjectId};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::CallStore;
use super::entries::lock;
use crate::api::ApiError;

/// Where a company's contacts stand.
#[derive(Debug, Clone, PartialEq)]
pub enum ContactsState {
    /// On their way.
    Loading,
    /// Every contact of the company.
    Ready(Vec<Contact>),
    /// The list could not be fetched.
    Failed(ApiError),
}

impl ContactsState {
    /// The display name of the contact `id`, once the contacts are here.
    pub fn name_of(&self, id: ObjectId) -> Option<String> {
        match self {
            ContactsState::Ready(list) => list
                .iter()
                .find(|contact| contact.id == id)
                .map(|contact| contact.display_name()),
            _ => None,
        }
    }
}

/// How many pages of 100 contacts of one company are read at most.
const MAX_PAGES: u32 = 10;
/// Contacts per page asked for.
const PER_PAGE: u32 = 100;

impl CallStore {
    /// The contacts of a company, fetched on first use and shared by every widget of
    /// that company. Each contact's company is remembered, so calls logged in a
    /// contact's widget reach the company's timeline.
    pub fn company_contacts(&self, company: ObjectId) -> ArcRwSignal<ContactsState> {
        let mut known = lock(&self.inner.company_contacts);
        if let Some(contacts) = known.get(&company) {
            return contacts.clone();
        }
        let contacts = ArcRwSignal::new(ContactsState::Loading);
        known.insert(company, contacts.clone());
        drop(known);
        self.fetch_contacts_into(company, contacts.clone());
        contacts
    }

    /// Fetches a company's contacts again (refresh) into the signal its widgets already
    /// hold, so the names in its rows and the form's Contact choices follow a contact
    /// renamed or added meanwhile. The list shown stays until the new one is in, and
    /// stays if the new one cannot be fetched.
    pub fn refresh_company_contacts(&self, company: ObjectId) {
        let known = lock(&self.inner.company_contacts).get(&company).cloned();
        match known {
            Some(contacts) => self.fetch_contacts_into(company, contacts),
            None => drop(self.company_contacts(company)),
        }
    }

    fn fetch_contacts_into(&self, company: ObjectId, target: ArcRwSignal<ContactsState>) {
        let store = self.clone();
        spawn_local(async move {
            match store.fetch_company_contacts(company).await {
                Ok(all) => {
                    for contact in &all {
                        store.note_contact_company(contact.id, contact.company_id.or(Some(company)));
                    }
                    target.set(ContactsState::Ready(all));
                }
                Err(error) => {
                    if !target.with_untracked(|shown| matches!(shown, ContactsState::Ready(_))) {
                        target.set(ContactsState::Failed(error));
                    }
                }
            }
        });
    }

    async fn fetch_company_contacts(&self, company: ObjectId) -> Result<Vec<Contact>, ApiError> {
        let mut all = Vec::new();
        for page in 1..=MAX_PAGES {
            let answer = self.inner.client.contacts(Some(company), page, PER_PAGE).await?;
            all.extend(answer.contacts.into_iter().map(|item| item.contact));
            if !answer.info.has_more() {
                break;
            }
        }
        Ok(all)
    }

    /// Remembers which company a contact belongs to, so calls logged for the contact
    /// reach the company's timeline too.
    pub fn note_contact_company(&self, contact: ObjectId, company: Option<ObjectId>) {
        lock(&self.inner.companies_of_contacts).insert(contact, company);
    }
}
