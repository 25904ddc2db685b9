//! The response envelope and the shapes of `data` for each kind of response.

use serde::{Deserialize, Serialize};

use crate::call::Call;
use crate::id::ObjectId;
use crate::owner::{Company, Contact};

/// Every response, success or error: `{"status", "message", "timestamp", "data"}`.
/// `status` is 0 on success and the HTTP status code on error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    /// 0 on success, else the HTTP status code.
    pub status: u16,
    /// "OK", or what went wrong in words a person can act on.
    #[serde(default)]
    pub message: String,
    /// The server's time in Unix seconds.
    #[serde(default)]
    pub timestamp: i64,
    /// The payload; `null` on most errors.
    pub data: Option<T>,
}

impl<T> Envelope<T> {
    /// A success envelope around `data`.
    pub fn ok(data: T, timestamp: i64) -> Self {
        Self {
            status: 0,
            message: "OK".to_owned(),
            timestamp,
            data: Some(data),
        }
    }
}

/// Paging facts of a list: how many records match and which page this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageInfo {
    /// How many records match, over all pages.
    pub total_count: u64,
    /// This page, 1-based.
    pub page: u32,
    /// The last page; at least 1.
    pub max_page: u32,
    /// Records per page.
    pub per_page: u32,
}

impl PageInfo {
    /// The facts for `page` of `total_count` records at `per_page` a page.
    pub fn new(total_count: u64, page: u32, per_page: u32) -> Self {
        let pages = total_count.div_ceil(u64::from(per_page.max(1))).max(1);
        Self {
            total_count,
            page,
            max_page: u32::try_from(pages).unwrap_or(u32::MAX),
            per_page,
        }
    }

    /// Whether a page after this one exists.
    pub fn has_more(&self) -> bool {
        self.page < self.max_page
    }
}

/// `{"call": {…}}`: one call, alone or as a list item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallData {
    /// The call.
    pub call: Call,
}

/// `{"contact": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactData {
    /// The contact.
    pub contact: Contact,
}

/// `{"company": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyData {
    /// The company.
    pub company: Company,
}

/// A page of calls: `{"calls": [{"call": …}, …], "total_count", "page", "max_page", "per_page"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallPage {
    /// The calls of this page, in timeline order.
    pub calls: Vec<CallData>,
    /// Paging facts.
    #[serde(flatten)]
    pub info: PageInfo,
}

/// A page of contacts, paginated like calls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactPage {
    /// The contacts of this page.
    pub contacts: Vec<ContactData>,
    /// Paging facts.
    #[serde(flatten)]
    pub info: PageInfo,
}

/// A page of companies, paginated like calls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyPage {
    /// The companies of this page.
    pub companies: Vec<CompanyData>,
    /// Paging facts.
    #[serde(flatten)]
    pub info: PageInfo,
}

/// What a delete answers: the id of the call that is gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    /// The deleted call's id.
    pub id: ObjectId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_page_is_at_least_one() {
        assert_eq!(PageInfo::new(0, 1, 10).max_page, 1);
        assert_eq!(PageInfo::new(10, 1, 10).max_page, 1);
        assert_eq!(PageInfo::new(11, 1, 10).max_page, 2);
        assert!(PageInfo::new(11, 1, 10).has_more());
        assert!(!PageInfo::new(11, 2, 10).has_more());
    }
}
