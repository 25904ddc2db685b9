//! The idempotency keys as the storage keeps them, on whichever backend the suite runs
//! against: times are given, so a day's retention and a lease are tested without waiting.

use calls_server::storage::{CLAIM_LEASE, ClaimOutcome, Db, Location, StorageError};
use chrono::{DateTime, TimeDelta, Utc};

use crate::common::new_database;

async fn db_with_user() -> (tempfile::TempDir, Db, i64) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&Location::parse(&new_database(dir.path()).await), Some(2))
        .await
        .unwrap();
    let user = db.put_user("Peter", "Anderson", "hash").await.unwrap();
    (dir, db, user.id)
}

/// Claims `key` at `at` and commits an empty write with an answer kept under it.
async fn answered(db: &Db, user: i64, key: &str, at: DateTime<Utc>) {
    let ClaimOutcome::Claimed(claim) = db.claim_key(user, key, "f", at).await.unwrap() else {
        panic!("{key} is new");
    };
    let write = db.begin_write().await.unwrap();
    write.commit(Some(&claim), 201, b"{}").await.unwrap();
}

#[tokio::test]
async fn the_purge_keeps_keys_younger_than_their_retention() {
    let (_dir, db, user) = db_with_user().await;
    let now = Utc::now();
    answered(&db, user, "old", now - TimeDelta::hours(25)).await;
    answered(&db, user, "young", now - TimeDelta::hours(23)).await;
    assert_eq!(db.purge_keys(now - TimeDelta::hours(24)).await.unwrap(), 1);
    let replay = ClaimOutcome::Replay {
        status: 201,
        body: b"{}".to_vec(),
    };
    assert_eq!(db.claim_key(user, "young", "f", now).await.unwrap(), replay);
    assert!(matches!(
        db.claim_key(user, "old", "f", now).await.unwrap(),
        ClaimOutcome::Claimed(_)
    ));
}

#[tokio::test]
async fn a_claim_whose_request_died_is_taken_over_after_the_lease_and_the_first_cannot_commit() {
    let (_dir, db, user) = db_with_user().await;
    let start = Utc::now();
    let ClaimOutcome::Claimed(first) = db.claim_key(user, "k", "f", start).await.unwrap() else {
        panic!("new key");
    };
    let within = start + CLAIM_LEASE - TimeDelta::seconds(1);
    assert_eq!(
        db.claim_key(user, "k", "f", within).await.unwrap(),
        ClaimOutcome::InFlight
    );
    let after = start + CLAIM_LEASE + TimeDelta::seconds(1);
    let ClaimOutcome::Claimed(second) = db.claim_key(user, "k", "f", after).await.unwrap() else {
        panic!("the lease is over");
    };
    let late = db.begin_write().await.unwrap();
    assert!(matches!(
        late.commit(Some(&first), 201, b"late").await,
        Err(StorageError::ClaimLost)
    ));
    db.begin_write()
        .await
        .unwrap()
        .commit(Some(&second), 201, b"on time")
        .await
        .unwrap();
    let replay = db.claim_key(user, "k", "f", after).await.unwrap();
    assert_eq!(
        replay,
        ClaimOutcome::Replay {
            status: 201,
            body: b"on time".to_vec()
        }
    );
    assert_eq!(
        db.claim_key(user, "k", "other", after).await.unwrap(),
        ClaimOutcome::OtherRequest
    );
}
