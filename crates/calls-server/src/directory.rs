//! Adding companies and contacts from the command line: the API only reads them (a CRM
//! owns them), but a team that runs this server without a CRM needs a way to add them.

use calls_model::{Company, Contact, ObjectId};
use chrono::Utc;

use crate::ids::IdGenerator;
use crate::server::ServerError;
use crate::storage::{Db, Location};

/// Creates a company and prints its id.
pub async fn create_company(db: &Location, name: &str) -> Result<(), ServerError> {
    let name = name.trim();
    if name.is_empty() {
        return Err("--name must not be empty".into());
    }
    let db = Db::open(db, Some(1)).await?;
    let company = Company {
        id: IdGenerator::new()?.next(Utc::now()),
        name: name.to_owned(),
    };
    db.insert_directory(std::slice::from_ref(&company), &[]).await?;
    db.close().await;
    println!("{}", company.id);
    Ok(())
}

/// Creates a contact, optionally of an existing company, and prints its id.
pub async fn create_contact(
    db: &Location,
    first: &str,
    last: &str,
    company: Option<&str>,
    phone: &str,
) -> Result<(), ServerError> {
    if first.trim().is_empty() && last.trim().is_empty() {
        return Err("give --first or --last".into());
    }
    let db = Db::open(db, Some(1)).await?;
    let company_id = match company {
        Some(text) => {
            let id: ObjectId = text.parse().map_err(|_| format!("--company {text}: not an id"))?;
            db.company(id)
                .await?
                .ok_or_else(|| format!("--company {text}: no such company"))?;
            Some(id)
        }
        None => None,
    };
    let contact = Contact {
        id: IdGenerator::new()?.next(Utc::now()),
        first_name: first.trim().to_owned(),
        last_name: last.trim().to_owned(),
        company_id,
        phone_number: phone.trim().to_owned(),
    };
    db.insert_directory(&[], std::slice::from_ref(&contact)).await?;
    db.close().await;
    println!("{}", contact.id);
    Ok(())
}

/// What `contact update` changes: each field given replaces the stored one.
pub struct ContactChanges<'a> {
    pub first: Option<&'a str>,
    pub last: Option<&'a str>,
    pub phone: Option<&'a str>,
}

/// Changes a contact's names or phone number (a CRM would rename a contact; a team
/// without one fixes a name here).
pub async fn update_contact(db: &Location, id: &str, changes: ContactChanges<'_>) -> Result<(), ServerError> {
    let id: ObjectId = id.parse().map_err(|_| format!("{id}: not an id"))?;
    let db = Db::open(db, Some(1)).await?;
    let mut contact = db.contact(id).await?.ok_or_else(|| format!("{id}: no such contact"))?;
    if let Some(first) = changes.first {
        contact.first_name = first.trim().to_owned();
    }
    if let Some(last) = changes.last {
        contact.last_name = last.trim().to_owned();
    }
    if let Some(phone) = changes.phone {
        contact.phone_number = phone.trim().to_owned();
    }
    if contact.first_name.is_empty() && contact.last_name.is_empty() {
        return Err("a contact keeps a first or a last name".into());
    }
    db.update_contact(&contact).await?;
    db.close().await;
    Ok(())
}
