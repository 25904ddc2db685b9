//! New ObjectIds: creation time, then 5 random bytes fixed for the process, then a
//! 3-byte counter, as MongoDB makes them, so ids sort roughly by creation.

use std::sync::atomic::{AtomicU32, Ordering};

use calls_model::ObjectId;
use chrono::{DateTime, Utc};

/// Makes ids that are unique within the process and, by the random part, across processes.
#[derive(Debug)]
pub struct IdGenerator {
    random: [u8; 5],
    counter: AtomicU32,
}

impl IdGenerator {
    /// A generator with a random process part and counter start.
    pub fn new() -> Result<Self, getrandom::Error> {
        let mut seed = [0u8; 9];
        getrandom::fill(&mut seed)?;
        let mut random = [0u8; 5];
        random.copy_from_slice(&seed[..5]);
        let start = u32::from_be_bytes([seed[5], seed[6], seed[7], seed[8]]);
        Ok(Self {
            random,
            counter: AtomicU32::new(start),
        })
    }

    /// A new id stamped with `now`.
    pub fn next(&self, now: DateTime<Utc>) -> ObjectId {
        let count = self.counter.fetch_add(1, Ordering::Relaxed).to_be_bytes();
        let mut unique = [0u8; 8];
        unique[..5].copy_from_slice(&self.random);
        unique[5..].copy_from_slice(&count[1..]);
        ObjectId::from_parts(u32::try_from(now.timestamp()).unwrap_or(u32::MAX), unique)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_carry_the_time() {
        let generator = IdGenerator::new().unwrap();
        let now = Utc::now();
        let ids: std::collections::HashSet<_> = (0..10_000).map(|_| generator.next(now)).collect();
        assert_eq!(ids.len(), 10_000);
        assert!(ids.iter().all(|id| i64::from(id.unix_seconds()) == now.timestamp()));
    }
}
