//! Users, contacts and companies: the directory the calls belong to.

use calls_model::{Company, Contact, ListParams, ObjectId};
use chrono::Utc;

use calls_storage::{CompanyRow, ContactRow, StorageError, User, convert_all, offset};

use super::Db;

impl Db {
    /// The user whose token has this SHA-256 (hex), if any.
    pub async fn user_by_token_hash(&self, token_sha256: &str) -> Result<Option<User>, StorageError> {
        let user = sqlx::query_as!(
            User,
            r#"SELECT id AS "id!", first_name, last_name FROM users WHERE token_sha256 = ?1"#,
            token_sha256
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(user)
    }

    /// Stores a user with a token hash; if a user already holds that hash, renames them.
    pub async fn put_user(&self, first_name: &str, last_name: &str, token_sha256: &str) -> Result<User, StorageError> {
        let now = Utc::now().timestamp_millis();
        let id = sqlx::query_scalar!(
            r#"INSERT INTO users (first_name, last_name, token_sha256, created_at) VALUES (?1, ?2, ?3, ?4)
               ON CONFLICT (token_sha256) DO UPDATE SET first_name = excluded.first_name,
               last_name = excluded.last_name RETURNING id AS "id!: i64""#,
            first_name,
            last_name,
            token_sha256,
            now
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(User {
            id,
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
        })
    }

    // ---- companies and contacts ---------------------------------------------------------

    /// Stores companies and contacts in one transaction (demo and benchmark data).
    pub async fn insert_directory(&self, companies: &[Company], contacts: &[Contact]) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await?;
        for company in companies {
            let id = company.id.to_string();
            sqlx::query!("INSERT INTO companies (id, name) VALUES (?1, ?2)", id, company.name)
                .execute(&mut *tx)
                .await?;
        }
        for contact in contacts {
            let id = contact.id.to_string();
            let company_id = contact.company_id.map(|id| id.to_string());
            sqlx::query!(
                "INSERT INTO contacts (id, first_name, last_name, company_id, phone_number) VALUES (?1, ?2, ?3, ?4, ?5)",
                id,
                contact.first_name,
                contact.last_name,
                company_id,
                contact.phone_number
            )
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Writes a contact's names, company and phone number over those stored; whether it
    /// existed.
    pub async fn update_contact(&self, contact: &Contact) -> Result<bool, StorageError> {
        let id = contact.id.to_string();
        let company_id = contact.company_id.map(|id| id.to_string());
        let done = sqlx::query!(
            "UPDATE contacts SET first_name = ?2, last_name = ?3, company_id = ?4, phone_number = ?5 WHERE id = ?1",
            id,
            contact.first_name,
            contact.last_name,
            company_id,
            contact.phone_number
        )
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// One contact.
    pub async fn contact(&self, id: ObjectId) -> Result<Option<Contact>, StorageError> {
        let id = id.to_string();
        let row = sqlx::query_as!(
            ContactRow,
            r#"SELECT id AS "id!", first_name, last_name, company_id, phone_number FROM contacts WHERE id = ?1"#,
            id
        )
        .fetch_optional(&self.pool)
        .await?;
        row.map(Contact::try_from).transpose()
    }

    /// One company.
    pub async fn company(&self, id: ObjectId) -> Result<Option<Company>, StorageError> {
        let id = id.to_string();
        let row = sqlx::query_as!(
            CompanyRow,
            r#"SELECT id AS "id!", name FROM companies WHERE id = ?1"#,
            id
        )
        .fetch_optional(&self.pool)
        .await?;
        row.map(Company::try_from).transpose()
    }

    /// A page of contacts by name, all of them or one company's, with the total count.
    pub async fn contacts_page(
        &self,
        company: Option<ObjectId>,
        page: &ListParams,
    ) -> Result<(Vec<Contact>, u64), StorageError> {
        let (limit, offset) = (i64::from(page.per_page), offset(page));
        // One statement for all contacts and one for a company's, so that each is read
        // from its own index.
        let (total, rows) = match company.map(|id| id.to_string()) {
            Some(company) => (
                sqlx::query_scalar!(
                    r#"SELECT COUNT(*) AS "count!: i64" FROM contacts WHERE company_id = ?1"#,
                    company
                )
                .fetch_one(&self.pool)
                .await?,
                sqlx::query_as!(
                    ContactRow,
                    r#"SELECT id AS "id!", first_name, last_name, company_id, phone_number FROM contacts
                     WHERE company_id = ?1 ORDER BY last_name, first_name, id LIMIT ?2 OFFSET ?3"#,
                    company,
                    limit,
                    offset
                )
                .fetch_all(&self.pool)
                .await?,
            ),
            None => (
                sqlx::query_scalar!(r#"SELECT COUNT(*) AS "count!: i64" FROM contacts"#)
                    .fetch_one(&self.pool)
                    .await?,
                sqlx::query_as!(
                    ContactRow,
                    r#"SELECT id AS "id!", first_name, last_name, company_id, phone_number FROM contacts
                     ORDER BY last_name, first_name, id LIMIT ?1 OFFSET ?2"#,
                    limit,
                    offset
                )
                .fetch_all(&self.pool)
                .await?,
            ),
        };
        Ok((convert_all(rows)?, total.max(0) as u64))
    }

    /// A page of companies by name, with the total count.
    pub async fn companies_page(&self, page: &ListParams) -> Result<(Vec<Company>, u64), StorageError> {
        let total = sqlx::query_scalar!(r#"SELECT COUNT(*) AS "count!: i64" FROM companies"#)
            .fetch_one(&self.pool)
            .await?;
        let (limit, offset) = (i64::from(page.per_page), offset(page));
        let rows = sqlx::query_as!(
            CompanyRow,
            r#"SELECT id AS "id!", name FROM companies ORDER BY name, id LIMIT ?1 OFFSET ?2"#,
            limit,
            offset
        )
        .fetch_all(&self.pool)
        .await?;
        Ok((convert_all(rows)?, total.max(0) as u64))
    }
}
