//! Rows as SQLite holds them, and their reading into the model's types: a row that does
//! not hold what the schema promises is a `Corrupt` error, never a panic.

use calls_model::time::parse_date;
use calls_model::{Call, CallResult, Company, Contact, ObjectId};
use chrono::DateTime;
use sqlx::FromRow;

use crate::storage::StorageError;

#[derive(FromRow)]
pub(super) struct CallRow {
    id: String,
    contact_id: String,
    date: String,
    call_result: String,
    text: String,
    called_via: String,
    phone_number: String,
    author: String,
    recording_link: String,
    modified_at: i64,
}

impl TryFrom<CallRow> for Call {
    type Error = StorageError;

    fn try_from(row: CallRow) -> Result<Self, Self::Error> {
        Ok(Call {
            id: parse_id(&row.id)?,
            contact_id: parse_id(&row.contact_id)?,
            date: parse_date(&row.date).ok_or_else(|| corrupt("date", &row.date))?,
            call_result: CallResult::from_api(&row.call_result),
            text: row.text,
            called_via: row.called_via,
            phone_number: row.phone_number,
            author: row.author,
            recording_link: row.recording_link,
            modified_at: DateTime::from_timestamp_millis(row.modified_at)
                .ok_or_else(|| corrupt("modified_at", &row.modified_at.to_string()))?,
        })
    }
}

#[derive(FromRow)]
pub(super) struct CountedCallRow {
    pub total_count: i64,
    #[sqlx(flatten)]
    pub call: CallRow,
}

#[derive(FromRow)]
pub(super) struct ContactRow {
    id: String,
    first_name: String,
    last_name: String,
    company_id: Option<String>,
    phone_number: String,
}

impl TryFrom<ContactRow> for Contact {
    type Error = StorageError;

    fn try_from(row: ContactRow) -> Result<Self, Self::Error> {
        Ok(Contact {
            id: parse_id(&row.id)?,
            first_name: row.first_name,
            last_name: row.last_name,
            company_id: row.company_id.as_deref().map(parse_id).transpose()?,
            phone_number: row.phone_number,
        })
    }
}

#[derive(FromRow)]
pub(super) struct CompanyRow {
    id: String,
    name: String,
}

impl TryFrom<CompanyRow> for Company {
    type Error = StorageError;

    fn try_from(row: CompanyRow) -> Result<Self, Self::Error> {
        Ok(Company {
            id: parse_id(&row.id)?,
            name: row.name,
        })
    }
}

fn parse_id(text: &str) -> Result<ObjectId, StorageError> {
    text.parse().map_err(|_| corrupt("id", text))
}

fn corrupt(column: &str, value: &str) -> StorageError {
    StorageError::Corrupt(format!("{column} holds `{value}`"))
}

pub(super) fn convert_all<R, T: TryFrom<R, Error = StorageError>>(rows: Vec<R>) -> Result<Vec<T>, StorageError> {
    rows.into_iter().map(T::try_from).collect()
}
