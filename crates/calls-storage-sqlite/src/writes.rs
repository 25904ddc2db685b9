//! Writes that answer a request, and the idempotency keys kept with their answers: a
//! [`Write`] is one transaction, in which the call is changed and, for a request with a
//! key, the answer is stored with the key, so that the two are on disk together or not
//! at all.

use calls_model::{Call, CallPatch, CallResult, ObjectId};
use chrono::{DateTime, Utc};
use sqlx::{Sqlite, Transaction};

use calls_storage::{CallRow, Claim, ClaimOutcome, KeptKey, KeyDecision, NewCall, StorageError, call_query, judge};

use super::{Db, insert};

/// One write transaction. Dropped without [`Write::commit`], it changes nothing.
pub struct Write {
    tx: Transaction<'static, Sqlite>,
}

impl Db {
    /// Starts a write.
    pub async fn begin_write(&self) -> Result<Write, StorageError> {
        Ok(Write {
            tx: self.pool.begin().await?,
        })
    }

    /// Claims `key` for a request of `fingerprint` by `user_id` at `now`, or says what the
    /// key already stands for.
    pub async fn claim_key(
        &self,
        user_id: i64,
        key: &str,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<ClaimOutcome, StorageError> {
        let now_ms = now.timestamp_millis();
        let claim = Claim {
            user_id,
            key: key.to_owned(),
            claimed_at: now_ms,
        };
        // Looked up first, by a read: a write would wait for the first request's
        // transaction (SQLite has one writer), and so could never see it in flight.
        let kept = sqlx::query!(
            r#"SELECT fingerprint, claimed_at, status AS "status: i64", body FROM idempotency_keys
               WHERE user_id = ?1 AND key = ?2"#,
            user_id,
            key
        )
        .fetch_optional(&self.pool)
        .await?;
        let Some(kept) = kept else {
            let inserted = sqlx::query!(
                "INSERT INTO idempotency_keys (user_id, key, fingerprint, created_at, claimed_at) \
                 VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (user_id, key) DO NOTHING",
                user_id,
                key,
                fingerprint,
                now_ms
            )
            .execute(&self.pool)
            .await?;
            return if inserted.rows_affected() == 1 {
                Ok(ClaimOutcome::Claimed(claim))
            } else {
                // Another request claimed it between the two statements.
                Box::pin(self.claim_key(user_id, key, fingerprint, now)).await
            };
        };
        let kept = KeptKey {
            fingerprint: kept.fingerprint,
            claimed_at: kept.claimed_at,
            status: kept.status,
            body: kept.body,
        };
        let claimed_at = match judge(kept, fingerprint, now_ms)? {
            KeyDecision::Answer(outcome) => return Ok(outcome),
            KeyDecision::TakeOver { claimed_at } => claimed_at,
        };
        // The first request's process died before it answered: take its claim over, unless
        // another request just did.
        let taken = sqlx::query!(
            "UPDATE idempotency_keys SET claimed_at = ?3 \
             WHERE user_id = ?1 AND key = ?2 AND status IS NULL AND claimed_at = ?4",
            user_id,
            key,
            now_ms,
            claimed_at
        )
        .execute(&self.pool)
        .await?;
        Ok(if taken.rows_affected() == 1 {
            ClaimOutcome::Claimed(claim)
        } else {
            ClaimOutcome::InFlight
        })
    }

    /// Gives up a claim whose request wrote nothing, so that a retry is processed afresh.
    pub async fn release_key(&self, claim: &Claim) -> Result<(), StorageError> {
        sqlx::query!(
            "DELETE FROM idempotency_keys WHERE user_id = ?1 AND key = ?2 AND status IS NULL AND claimed_at = ?3",
            claim.user_id,
            claim.key,
            claim.claimed_at
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Forgets the keys made before `before`; how many.
    pub async fn purge_keys(&self, before: DateTime<Utc>) -> Result<u64, StorageError> {
        let before = before.timestamp_millis();
        let purged = sqlx::query!("DELETE FROM idempotency_keys WHERE created_at < ?1", before)
            .execute(&self.pool)
            .await?;
        Ok(purged.rows_affected())
    }
}

impl Write {
    /// Stores a new call for an existing contact; `None` when the contact does not exist.
    pub async fn insert_call(&mut self, call: &NewCall) -> Result<Option<Call>, StorageError> {
        insert(&mut *self.tx, call).await?.map(Call::try_from).transpose()
    }

    /// Changes the given fields of a call in one statement, so that two partial updates
    /// of different fields never undo each other; `None` when the call does not exist.
    pub async fn update_call(
        &mut self,
        id: ObjectId,
        patch: &CallPatch,
        modified_at: DateTime<Utc>,
    ) -> Result<Option<Call>, StorageError> {
        let date = patch.date.map(|date| date.to_string());
        let call_result = patch.call_result.as_ref().map(CallResult::as_api_str);
        let modified_at = modified_at.timestamp_millis();
        let id = id.to_string();
        let row = call_query!(
            CallRow,
            [
                "UPDATE calls SET date = COALESCE(?1, date), call_result = COALESCE(?2, call_result), \
                 text = COALESCE(?3, text), called_via = COALESCE(?4, called_via), \
                 phone_number = COALESCE(?5, phone_number), recording_link = COALESCE(?6, recording_link), \
                 modified_at = ?7 WHERE id = ?8 RETURNING "
            ],
            [],
            date,
            call_result,
            patch.text,
            patch.called_via,
            patch.phone_number,
            patch.recording_link,
            modified_at,
            id,
        )
        .fetch_optional(&mut *self.tx)
        .await?;
        row.map(Call::try_from).transpose()
    }

    /// Deletes a call; whether it existed.
    pub async fn delete_call(&mut self, id: ObjectId) -> Result<bool, StorageError> {
        let id = id.to_string();
        let result = sqlx::query!("DELETE FROM calls WHERE id = ?1", id)
            .execute(&mut *self.tx)
            .await?;
        Ok(result.rows_affected() > 0)
    }

    /// Commits the write, with the answer kept under `claim` when the request had a key.
    /// A claim taken over meanwhile (its request was thought dead) commits nothing:
    /// [`StorageError::ClaimLost`].
    pub async fn commit(mut self, claim: Option<&Claim>, status: u16, body: &[u8]) -> Result<(), StorageError> {
        if let Some(claim) = claim {
            let status = i64::from(status);
            let kept = sqlx::query!(
                "UPDATE idempotency_keys SET status = ?4, body = ?5 \
                 WHERE user_id = ?1 AND key = ?2 AND status IS NULL AND claimed_at = ?3",
                claim.user_id,
                claim.key,
                claim.claimed_at,
                status,
                body
            )
            .execute(&mut *self.tx)
            .await?;
            if kept.rows_affected() != 1 {
                return Err(StorageError::ClaimLost);
            }
        }
        self.tx.commit().await?;
        Ok(())
    }
}
