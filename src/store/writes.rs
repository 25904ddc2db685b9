//! Writes: logging, editing and deleting a call. Each reaches every timeline on the page
//! that shows the call's contact or that contact's company.

use calls_model::{Call, CallPatch, ObjectId, Owner};

use super::CallStore;
use super::entries::lock;
use crate::api::ApiError;

impl CallStore {
    /// Logs a call for a contact. On success the call appears in every timeline on the
    /// page that shows that contact or its company.
    pub async fn log_call(&self, contact: ObjectId, patch: CallPatch) -> Result<Call, ApiError> {
        let call = self.inner.client.create_call(contact, &patch).await?;
        for owner in self.owners_of(&call) {
            self.owner(owner).change(|timeline| timeline.insert_new(call.clone()));
        }
        Ok(call)
    }

    /// Changes the given fields of a call; every timeline showing it follows.
    pub async fn update_call(&self, id: ObjectId, patch: CallPatch) -> Result<Call, ApiError> {
        let call = self.inner.client.update_call(id, &patch).await?;
        for owner in self.owners_of(&call) {
            self.owner(owner).change(|timeline| {
                if timeline.contains(call.id) {
                    timeline.replace(call.clone());
                }
            });
        }
        Ok(call)
    }

    /// Deletes a call; it leaves every timeline showing it.
    pub async fn delete_call(&self, call: &Call) -> Result<(), ApiError> {
        self.inner.client.delete_call(call.id).await?;
        for owner in self.owners_of(call) {
            self.owner(owner).change(|timeline| timeline.remove(call.id));
        }
        Ok(())
    }

    /// The owners whose timelines a call belongs in: its contact, and the contact's
    /// company when the page knows it.
    fn owners_of(&self, call: &Call) -> Vec<Owner> {
        let mut owners = vec![Owner::Contact(call.contact_id)];
        let company = lock(&self.inner.companies_of_contacts).get(&call.contact_id).copied();
        if let Some(Some(company)) = company {
            owners.push(Owner::Company(company));
        }
        owners
    }
}
