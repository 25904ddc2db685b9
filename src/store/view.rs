//! What a widget shows of an owner's calls, and the one rule for which timelines show a
//! call: every write, refresh and fix asks [`shows`].

use calls_model::{ListParams, ObjectId, Owner};

/// An owner's calls as one kind of widget shows them: its page size now, its filters
/// next. Widgets with the same view share one state and one request; a sidebar asking
/// for 10 calls a page gets 10 beside a full widget's 25.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ViewKey {
    /// Whose calls.
    pub owner: Owner,
    /// How many calls a page holds.
    pub per_page: u32,
}

impl ViewKey {
    /// The view of `owner`'s calls `per_page` at a time (within what the API allows).
    pub fn new(owner: Owner, per_page: u32) -> Self {
        Self {
            owner,
            per_page: per_page.clamp(1, ListParams::MAX_PER_PAGE),
        }
    }

    /// The listing parameters of page `page` of this view.
    pub fn page(&self, page: u32) -> ListParams {
        ListParams {
            page,
            per_page: self.per_page,
            ..ListParams::default()
        }
    }
}

/// Whether `owner`'s timeline shows a call of `contact`, whose company is `company`
/// (when known): the contact's own, and its company's.
pub fn shows(owner: Owner, contact: ObjectId, company: Option<ObjectId>) -> bool {
    match owner {
        Owner::Contact(id) => id == contact,
        Owner::Company(id) => company == Some(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_shows_in_its_contacts_and_its_companys_timelines_only() {
        let id = |n: u8| ObjectId::from_parts(1, [n; 8]);
        let (ada, bob, acme) = (id(1), id(2), id(3));
        assert!(shows(Owner::Contact(ada), ada, Some(acme)));
        assert!(shows(Owner::Company(acme), ada, Some(acme)));
        assert!(!shows(Owner::Contact(bob), ada, Some(acme)));
        assert!(!shows(Owner::Company(acme), ada, None));
        assert!(!shows(Owner::Company(bob), ada, Some(acme)));
    }

    #[test]
    fn a_view_keeps_its_page_size_within_the_apis() {
        let owner = Owner::Contact(ObjectId::from_parts(1, [1; 8]));
        assert_eq!(ViewKey::new(owner, 10).page(3).per_page, 10);
        assert_eq!(ViewKey::new(owner, 0).per_page, 1);
        assert_ne!(ViewKey::new(owner, 10), ViewKey::new(owner, 25));
    }
}
