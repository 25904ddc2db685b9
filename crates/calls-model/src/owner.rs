//! Contacts and companies: the owners a timeline shows calls for.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::id::ObjectId;

/// A person calls are logged for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// The contact's id.
    pub id: ObjectId,
    /// Given name; may be empty.
    #[serde(default, deserialize_with = "crate::call::null_as_empty")]
    pub first_name: String,
    /// Family name; may be empty.
    #[serde(default, deserialize_with = "crate::call::null_as_empty")]
    pub last_name: String,
    /// The company the contact works for, if any.
    #[serde(default)]
    pub company_id: Option<ObjectId>,
    /// The contact's usual number; may be empty.
    #[serde(default, deserialize_with = "crate::call::null_as_empty")]
    pub phone_number: String,
}

impl Contact {
    /// "First Last", or whichever part exists, or the id when the contact has no name.
    pub fn display_name(&self) -> String {
        let name = format!("{} {}", self.first_name.trim(), self.last_name.trim());
        let name = name.trim();
        if name.is_empty() {
            self.id.to_string()
        } else {
            name.to_owned()
        }
    }
}

/// A company whose calls are the calls of all its contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    /// The company's id.
    pub id: ObjectId,
    /// The company's name; may be empty.
    #[serde(default, deserialize_with = "crate::call::null_as_empty")]
    pub name: String,
}

/// Whose calls a timeline shows: one contact's, or all the contacts' of one company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    /// One contact.
    Contact(ObjectId),
    /// Every contact of one company.
    Company(ObjectId),
}

impl Owner {
    /// The owner's id.
    pub fn id(&self) -> ObjectId {
        match self {
            Self::Contact(id) | Self::Company(id) => *id,
        }
    }

    /// The path, relative to the API base, of the owner's call list:
    /// `contacts/{id}/calls.json` or `companies/{id}/calls.json`.
    pub fn calls_path(&self) -> String {
        match self {
            Self::Contact(id) => format!("contacts/{id}/calls.json"),
            Self::Company(id) => format!("companies/{id}/calls.json"),
        }
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Contact(id) => write!(f, "contact {id}"),
            Self::Company(id) => write!(f, "company {id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_falls_back_to_what_exists() {
        let id: ObjectId = "546cba4a1da41716ab000065".parse().unwrap();
        let mut contact = Contact {
            id,
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            company_id: None,
            phone_number: String::new(),
        };
        assert_eq!(contact.display_name(), "Ada Lovelace");
        contact.last_name.clear();
        assert_eq!(contact.display_name(), "Ada");
        contact.first_name = "  ".into();
        assert_eq!(contact.display_name(), "546cba4a1da41716ab000065");
    }

    #[test]
    fn owner_paths() {
        let id: ObjectId = "546cba4a1da41716ab000065".parse().unwrap();
        assert_eq!(
            Owner::Contact(id).calls_path(),
            "contacts/546cba4a1da41716ab000065/calls.json"
        );
        assert_eq!(
            Owner::Company(id).calls_path(),
            "companies/546cba4a1da41716ab000065/calls.json"
        );
    }
}
