//! Users, contacts and companies: the directory the calls belong to.

use calls_model::{Company, Contact, ListParams, ObjectId};
use chrono::Utc;

use super::Db;
use super::filters::offset;
use super::rows::{CompanyRow, ContactRow, convert_all};
use crate::storage::{StorageError, User};

impl Db {
    /// The user whose token has this SHA-256 (hex), if any.
    pub async fn user_by_token_hash(&self, token_sha256: &str) -> Result<Option<User>, StorageError> {
        let row: Option<(i64, String, String)> =
            sqlx::query_as("SELECT id, first_name, last_name FROM users WHERE token_sha256 = ?")
                .bind(token_sha256)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(id, first_name, last_name)| User {
            id,
            first_name,
            last_name,
        }))
    }

    /// Stores a user with a token hash; if a user already holds that hash, renames them.
    pub async fn put_user(&self, first_name: &str, last_name: &str, token_sha256: &str) -> Result<User, StorageError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (first_name, last_name, token_sha256, created_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (token_sha256) DO UPDATE SET first_name = excluded.first_name, \
             last_name = excluded.last_name RETURNING id",
        )
        .bind(first_name)
        .bind(last_name)
        .bind(token_sha256)
        .bind(Utc::now().timestamp_millis())
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
            sqlx::query("INSERT INTO companies (id, name) VALUES (?, ?)")
                .bind(company.id.to_string())
                .bind(&company.name)
                .execute(&mut *tx)
                .await?;
        }
        for contact in contacts {
            sqlx::query(
                "INSERT INTO contacts (id, first_name, last_name, company_id, phone_number) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(contact.id.to_string())
            .bind(&contact.first_name)
            .bind(&contact.last_name)
            .bind(contact.company_id.map(|id| id.to_string()))
            .bind(&contact.phone_number)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// One contact.
    pub async fn contact(&self, id: ObjectId) -> Result<Option<Contact>, StorageError> {
        let row: Option<ContactRow> =
            sqlx::query_as("SELECT id, first_name, last_name, company_id, phone_number FROM contacts WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(&self.pool)
                .await?;
        row.map(Contact::try_from).transpose()
    }

    /// One company.
    pub async fn company(&self, id: ObjectId) -> Result<Option<Company>, StorageError> {
        let row: Option<CompanyRow> = sqlx::query_as("SELECT id, name FROM companies WHERE id = ?")
            .bind(id.to_string())
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
        let company = company.map(|id| id.to_string());
        let filter = if company.is_some() { " WHERE company_id = ?" } else { "" };
        let count_sql = format!("SELECT COUNT(*) FROM contacts{filter}");
        let page_sql = format!(
            "SELECT id, first_name, last_name, company_id, phone_number FROM contacts{filter} \
             ORDER BY last_name, first_name, id LIMIT ? OFFSET ?"
        );
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        let mut query = sqlx::query_as::<_, ContactRow>(&page_sql);
        if company.is_some() {
            count = count.bind(&company);
            query = query.bind(&company);
        }
        let total = count.fetch_one(&self.pool).await?;
        let rows = query
            .bind(i64::from(page.per_page))
            .bind(offset(page))
            .fetch_all(&self.pool)
            .await?;
        Ok((convert_all(rows)?, total.max(0) as u64))
    }

    /// A page of companies by name, with the total count.
    pub async fn companies_page(&self, page: &ListParams) -> Result<(Vec<Company>, u64), StorageError> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies")
            .fetch_one(&self.pool)
            .await?;
        let rows: Vec<CompanyRow> = sqlx::query_as("SELECT id, name FROM companies ORDER BY name, id LIMIT ? OFFSET ?")
            .bind(i64::from(page.per_page))
            .bind(offset(page))
            .fetch_all(&self.pool)
            .await?;
        Ok((convert_all(rows)?, total.max(0) as u64))
    }

    // ---- calls -----------------------------------------------------------------------------
}
