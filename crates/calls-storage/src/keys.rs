//! What a kept idempotency key means for a new request with it: the same rule in every
//! store, which only reads and writes the row.

use crate::{CLAIM_LEASE, ClaimOutcome, StorageError};

/// An idempotency key's row as a store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptKey {
    /// The fingerprint of the request that claimed it.
    pub fingerprint: String,
    /// When it was claimed, Unix ms.
    pub claimed_at: i64,
    /// The answer's status, once answered.
    pub status: Option<i64>,
    /// The answer's body, once answered.
    pub body: Option<Vec<u8>>,
}

/// What to do about a kept key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyDecision {
    /// Answer this.
    Answer(ClaimOutcome),
    /// Its request died before it answered (the lease is over): take the claim over, if it
    /// is still the one claimed at this time.
    TakeOver {
        /// The claim to replace.
        claimed_at: i64,
    },
}

/// The decision for a request of `fingerprint` at `now_ms` that finds `kept`.
pub fn judge(kept: KeptKey, fingerprint: &str, now_ms: i64) -> Result<KeyDecision, StorageError> {
    if kept.fingerprint != fingerprint {
        return Ok(KeyDecision::Answer(ClaimOutcome::OtherRequest));
    }
    if let (Some(status), Some(body)) = (kept.status, kept.body) {
        let status = u16::try_from(status).map_err(|_| StorageError::Corrupt(format!("status {status}")))?;
        return Ok(KeyDecision::Answer(ClaimOutcome::Replay { status, body }));
    }
    if now_ms - kept.claimed_at < CLAIM_LEASE.num_milliseconds() {
        return Ok(KeyDecision::Answer(ClaimOutcome::InFlight));
    }
    Ok(KeyDecision::TakeOver {
        claimed_at: kept.claimed_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(status: Option<i64>) -> KeptKey {
        KeptKey {
            fingerprint: "f".into(),
            claimed_at: 1_000,
            status,
            body: status.map(|_| b"{}".to_vec()),
        }
    }

    #[test]
    fn a_kept_key_is_another_request_a_replay_in_flight_or_taken_over() {
        let lease = CLAIM_LEASE.num_milliseconds();
        assert_eq!(
            judge(kept(None), "g", 1_000).unwrap(),
            KeyDecision::Answer(ClaimOutcome::OtherRequest)
        );
        assert_eq!(
            judge(kept(Some(201)), "f", 1_000 + 10 * lease).unwrap(),
            KeyDecision::Answer(ClaimOutcome::Replay {
                status: 201,
                body: b"{}".to_vec()
            })
        );
        assert_eq!(
            judge(kept(None), "f", 1_000 + lease - 1).unwrap(),
            KeyDecision::Answer(ClaimOutcome::InFlight)
        );
        assert_eq!(
            judge(kept(None), "f", 1_000 + lease).unwrap(),
            KeyDecision::TakeOver { claimed_at: 1_000 }
        );
        assert!(judge(kept(Some(70_000)), "f", 1_000).is_err());
    }
}
