//! Calls and pages for the store's tests.

use calls_model::{Call, CallData, CallPage, CallResult, ObjectId, PageInfo};
use chrono::{NaiveDate, Utc};

/// Call number `n` (its id's fifth byte) on `date`; a higher `n` is newer on one date.
pub fn call(n: u8, date: &str) -> Call {
    Call {
        id: ObjectId::from_parts(1_700_000_000 + u32::from(n), [n; 8]),
        contact_id: ObjectId::from_parts(1, [0; 8]),
        date: date.parse::<NaiveDate>().unwrap(),
        call_result: CallResult::Conversation,
        text: String::new(),
        called_via: String::new(),
        phone_number: String::new(),
        author: String::new(),
        recording_link: String::new(),
        modified_at: chrono::DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap(),
    }
}

/// Page `page` of `total` calls at `per_page` a page, holding `calls`.
pub fn page(calls: Vec<Call>, total: u64, page: u32, per_page: u32) -> CallPage {
    CallPage {
        calls: calls.into_iter().map(|call| CallData { call }).collect(),
        info: PageInfo::new(total, page, per_page),
    }
}
