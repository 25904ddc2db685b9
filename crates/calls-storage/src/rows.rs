//! Rows as every backend's statements answer them (both schemas keep ids and dates as
//! text and times as Unix milliseconds), and their reading into the model's types: a row
//! that does not hold what the schema promises is a `Corrupt` error, never a panic.

use calls_model::time::parse_date;
use calls_model::{Call, CallResult, Company, Contact, ObjectId};
use chrono::DateTime;

use crate::StorageError;

/// A statement checked at compile time (in the crate that invokes it, against its own
/// database) whose answer is a call's columns, in the order [`CallRow`] has them:
/// `call_query!(Row, [sql before…], [sql after…], args…)`. The one place the column list
/// is written.
#[macro_export]
macro_rules! call_query {
    ($row:ident, [$($before:tt)*], [$($after:tt)*], $($arg:expr),* $(,)?) => {
        sqlx::query_as!(
            $row,
            $($before +)* "id, contact_id, date, call_result, text, called_via, phone_number, author, \
             recording_link, modified_at" $(+ $after)*,
            $($arg),*
        )
    };
}

/// The row of a call, and the same row in a listing with the count of every call the
/// listing matches (`query_as!` fills a struct field by field, so each needs its own),
/// from one list of columns.
macro_rules! call_rows {
    ($($column:ident: $ty:ty),* $(,)?) => {
        pub struct CallRow {
            $(pub $column: $ty,)*
        }

        pub struct CountedCallRow {
            pub total_count: i64,
            $(pub $column: $ty,)*
        }

        impl CountedCallRow {
            pub fn into_call(self) -> CallRow {
                CallRow { $($column: self.$column,)* }
            }
        }
    };
}

call_rows! {
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

pub struct ContactRow {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub company_id: Option<String>,
    pub phone_number: String,
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

pub struct CompanyRow {
    pub id: String,
    pub name: String,
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

pub fn convert_all<R, T: TryFrom<R, Error = StorageError>>(rows: Vec<R>) -> Result<Vec<T>, StorageError> {
    rows.into_iter().map(T::try_from).collect()
}
